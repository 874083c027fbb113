/**
 * The Log a complaint dialog as staff use it: the HTML the menu item serves, in headless Chromium, with
 * google.script.run running logComplaint in the emulator, so each test ends by reading the Cases tab.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHANNEL_LABELS,
  CONTACT_LABELS,
  RELATIONSHIP_LABELS,
  SUBJECT_LABELS,
  idFromLabel,
} from '../../src/core/labels';
import { isSubmissionId } from '../../src/core/staff-intake';
import { COL } from '../../src/gas/cases';
import { KILLED_MESSAGE } from '../../emulator/index';
import { Office } from '../integration/harness';
import { CHROMIUM, launchChromium, openBridged, screenshot, type Bridged } from './gas-bridge';

// A Monday; the dialog's own clock is set to the same instant.
const NOW = new Date('2026-03-02T09:00:00Z');
const VIEWPORT = { width: 640, height: 720 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The dialog exactly as Complaints › Log a complaint serves it for this office's policy. */
function dialogHtml(office: Office): string {
  office.emu.run('showLogComplaintDialog');
  return office.emu.ui.dialogs.at(-1)!.html;
}

/** What the Cases tab says of each case, with the labelled columns read back as ids. */
function caseRows(office: Office) {
  return office.cases().map((row) => ({
    reference: row[COL.reference],
    name: row[COL.name],
    address: row[COL.address],
    phone: row[COL.phone],
    channel: idFromLabel(CHANNEL_LABELS, String(row[COL.channel])),
    preferredContact: idFromLabel(CONTACT_LABELS, String(row[COL.preferredContact])),
    relationship: idFromLabel(RELATIONSHIP_LABELS, String(row[COL.relationship])),
    subject: idFromLabel(SUBJECT_LABELS, String(row[COL.subject])),
    problems: String(row[COL.problems] ?? ''),
    received: row[COL.received],
    responseId: row[COL.responseId],
  }));
}

const value = (page: Page, name: string) => page.inputValue(`[name="${name}"]`);
const problemBeside = (page: Page, field: string) => page.locator(`#${field}-problem`);
const save = (page: Page) => page.locator('#save');

/** A posted letter, every question answered, as a caseworker would type it. */
async function fillPostedLetter(page: Page, options: { routing?: boolean } = {}): Promise<void> {
  await page.selectOption('[name="channel"]', 'post');
  await page.fill('[name="receivedOn"]', '2026-02-27');
  await page.fill('[name="name"]', 'Joan Price');
  await page.fill('[name="address"]', '1 High Street, Devizes SN10 1AA');
  if (options.routing !== false) {
    await page.selectOption('[name="relationship"]', 'on-behalf');
    await page.selectOption('[name="subject"]', 'staff');
  }
  await page.fill(
    '[name="description"]',
    'My letters to the office about my neighbour went unanswered for six weeks.',
  );
}

describe.runIf(CHROMIUM)('the Log a complaint dialog in a browser, saving to the emulated sheet', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function open(office: Office, latencyMs = 0): Promise<Bridged> {
    return openBridged(browser, office.emu, dialogHtml(office), { viewport: VIEWPORT, latencyMs });
  }

  it('starts with nothing chosen for who is complaining, what about, how it came or how to reply; dated today', async () => {
    const office = new Office('wiltshire', NOW);
    const { page, logs } = await open(office);
    for (const name of ['channel', 'preferredContact', 'relationship', 'subject'])
      expect(await value(page, name), name).toBe('');
    expect(await page.locator('[name="relationship"] option:checked').textContent()).toBe('Choose…');
    expect(await value(page, 'receivedOn')).toBe('2026-03-02');
    expect(await page.getAttribute('[name="receivedOn"]', 'max')).toBe('2026-03-02');
    await screenshot(page, 'dialog-empty');
    expect(logs).toEqual([]);
    await page.close();
  });

  it('filled in and saved: one call, the case row in the Cases tab, what was typed kept until Log another', async () => {
    const office = new Office('wiltshire', NOW);
    const bridged = await open(office);
    const { page } = bridged;
    await fillPostedLetter(page);
    // Preferred contact followed the channel: a posted letter is answered by post.
    expect(await value(page, 'preferredContact')).toBe('post');
    await save(page).click();
    await bridged.settle();
    expect(await page.textContent('#result')).toBe('Logged as WIL-2026-0001.');
    expect(bridged.calls).toHaveLength(1);
    const [call] = bridged.calls;
    expect(call!.fn).toBe('logComplaint');
    expect(call!.args[1]).toMatch(UUID);
    expect(call!.args[0]).toMatchObject({
      channel: 'post',
      receivedOn: '2026-02-27',
      preferredContact: 'post',
    });
    expect(caseRows(office)).toEqual([
      {
        reference: 'WIL-2026-0001',
        name: 'Joan Price',
        address: '1 High Street, Devizes SN10 1AA',
        phone: '',
        channel: 'post',
        preferredContact: 'post',
        relationship: 'on-behalf',
        subject: 'staff',
        problems: '',
        received: new Date('2026-02-27T00:00:00Z'),
        responseId: `staff:${call!.args[1]}`,
      },
    ]);
    // Still on screen, read-only, so staff can see what they logged.
    expect(await value(page, 'name')).toBe('Joan Price');
    expect(await page.locator('[name="name"]').isDisabled()).toBe(true);
    expect(await save(page).isVisible()).toBe(false);
    await screenshot(page, 'dialog-saved');

    await page.click('#another');
    expect(await value(page, 'name')).toBe('');
    expect(await value(page, 'channel')).toBe('');
    expect(await value(page, 'preferredContact')).toBe('');
    expect(await value(page, 'receivedOn')).toBe('2026-03-02');
    await fillPostedLetter(page);
    await save(page).click();
    await bridged.settle();
    // A new form is a new complaint with a new id.
    expect(bridged.calls[1]!.args[1]).not.toBe(call!.args[1]);
    expect(caseRows(office).map((c) => c.reference)).toEqual(['WIL-2026-0001', 'WIL-2026-0002']);
    expect(bridged.logs).toEqual([]);
    await page.close();
  });

  it('unanswered routing questions are refused beside their fields; nothing is sent and nothing typed is lost', async () => {
    const office = new Office('wiltshire', NOW);
    const bridged = await open(office);
    const { page } = bridged;
    await fillPostedLetter(page, { routing: false });
    await save(page).click();
    await bridged.settle();
    expect(bridged.calls).toEqual([]);
    expect(office.cases()).toEqual([]);
    expect(await problemBeside(page, 'relationship').textContent()).toBe('Choose who is complaining.');
    expect(await problemBeside(page, 'subject').textContent()).toBe('Choose what the complaint is about.');
    expect(await page.getAttribute('[name="relationship"]', 'aria-invalid')).toBe('true');
    expect(await page.textContent('#summary')).toBe(
      'Not saved yet: 2 answers need attention, shown beside each.',
    );
    // The first problem has the focus, so the keyboard is where the fix is.
    expect(await page.evaluate('document.activeElement.name')).toBe('relationship');
    expect(await problemBeside(page, 'name').isVisible()).toBe(false);
    expect(await value(page, 'name')).toBe('Joan Price');
    expect(await value(page, 'description')).toContain('six weeks');
    expect(await save(page).isEnabled()).toBe(true);
    await screenshot(page, 'dialog-problems');

    await page.selectOption('[name="relationship"]', 'affected');
    await page.selectOption('[name="subject"]', 'police');
    await save(page).click();
    await bridged.settle();
    expect(await problemBeside(page, 'relationship').isVisible()).toBe(false);
    expect(caseRows(office).map((c) => [c.relationship, c.subject])).toEqual([['affected', 'police']]);
    expect(bridged.logs).toEqual([]);
    await page.close();
  });

  it('a case the server logs for review shows its reference and the problems beside the fields, keeping what was typed', async () => {
    const office = new Office('wiltshire', NOW);
    const bridged = await open(office);
    const { page } = bridged;
    await fillPostedLetter(page);
    // Taken by phone: the preferred contact follows, and the number is not one.
    await page.selectOption('[name="channel"]', 'phone');
    await page.fill('[name="phone"]', 'ring me');
    await save(page).click();
    await bridged.settle();
    expect(await page.textContent('#result')).toBe(
      'Logged as WIL-2026-0001, but it needs review: correct it in the Cases tab (Problems to review column).',
    );
    expect(await problemBeside(page, 'phone').textContent()).toBe(
      'Please check your phone number: use digits, spaces, brackets and a leading + only (7 to 20 digits).',
    );
    expect(await page.textContent('#summary')).toBe(
      'Logged as WIL-2026-0001 for review: 1 answer needs attention.',
    );
    expect(await value(page, 'phone')).toBe('ring me');
    expect(await value(page, 'name')).toBe('Joan Price');
    const [row] = caseRows(office);
    expect(row!.reference).toBe('WIL-2026-0001');
    expect(row!.problems).toContain('phone number');
    await screenshot(page, 'dialog-needs-review');
    // Saving again is not offered (it would only find the same case); Log another starts afresh.
    expect(await save(page).isVisible()).toBe(false);
    await page.click('#another');
    expect(await value(page, 'phone')).toBe('');
    expect(await problemBeside(page, 'phone').isVisible()).toBe(false);
    expect(bridged.logs).toEqual([]);
    await page.close();
  });

  it('preferred contact follows the channel (post, phone, email for email and social media) until staff change it', async () => {
    const office = new Office('wiltshire', NOW);
    const { page, logs } = await open(office);
    const follows: Record<string, string> = {};
    for (const channel of ['post', 'phone', 'email', 'social']) {
      await page.selectOption('[name="channel"]', channel);
      follows[channel] = await value(page, 'preferredContact');
    }
    expect(follows).toEqual({ post: 'post', phone: 'phone', email: 'email', social: 'email' });
    await page.selectOption('[name="preferredContact"]', 'post');
    await page.selectOption('[name="channel"]', 'phone');
    expect(await value(page, 'preferredContact')).toBe('post');
    expect(logs).toEqual([]);
    await page.close();
  });

  it('can be completed with the keyboard alone: Tab, arrow keys, Space and Enter', async () => {
    const office = new Office('wiltshire', NOW);
    const bridged = await open(office);
    const { page } = bridged;
    /** Tabs forward until the named field has the focus, as someone without a mouse would. */
    const tabTo = async (name: string): Promise<void> => {
      for (let i = 0; i < 40; i++) {
        if ((await page.evaluate('document.activeElement && document.activeElement.name')) === name) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached ${name}`);
    };
    await tabTo('channel');
    await page.keyboard.press('ArrowDown'); // Email
    await page.keyboard.press('ArrowDown'); // Post
    await page.keyboard.press('ArrowDown'); // Phone
    await tabTo('name');
    await page.keyboard.type('Sam Jones');
    await tabTo('phone');
    await page.keyboard.type('01225 000000');
    await tabTo('relationship');
    await page.keyboard.press('ArrowDown'); // The person affected
    await tabTo('subject');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown'); // A senior manager
    await tabTo('description');
    await page.keyboard.type('Nobody called me back about my complaint for three weeks.');
    await tabTo('safeguarding');
    await page.keyboard.press('Space');
    await tabTo('name');
    expect(await value(page, 'preferredContact')).toBe('phone');
    await page.keyboard.press('Enter');
    await bridged.settle();
    expect(await page.textContent('#result')).toBe('Logged as WIL-2026-0001.');
    expect(bridged.calls[0]!.args[0]).toMatchObject({ safeguarding: true, allegesCrime: false });
    expect(
      caseRows(office).map((c) => [c.channel, c.preferredContact, c.relationship, c.subject, c.phone]),
    ).toEqual([['phone', 'phone', 'affected', 'senior-manager', '01225 000000']]);
    // After saving, the focus is on Log another, so Enter starts the next one.
    expect(await page.evaluate('document.activeElement.id')).toBe('another');
    await page.keyboard.press('Enter');
    expect(await value(page, 'name')).toBe('');
    expect(await page.evaluate('document.activeElement.name')).toBe('channel');
    expect(bridged.logs).toEqual([]);
    await page.close();
  });

  it('a double click on a slow connection (800 ms before each answer) makes one call and one case', async () => {
    const office = new Office('wiltshire', NOW);
    const bridged = await open(office, 800);
    const { page } = bridged;
    await fillPostedLetter(page);
    await save(page).dblclick();
    // Enter while it saves does nothing either.
    await page.press('[name="name"]', 'Enter');
    expect(await save(page).isDisabled()).toBe(true);
    expect(await save(page).textContent()).toBe('Saving…');
    await bridged.settle();
    expect(bridged.calls).toHaveLength(1);
    expect(caseRows(office).map((c) => c.reference)).toEqual(['WIL-2026-0001']);
    expect(bridged.logs).toEqual([]);
    await page.close();
  });

  it('a run that fails on the server is retried with the same id and makes one case', async () => {
    const office = new Office('wiltshire', NOW);
    const bridged = await open(office, 100);
    const { page } = bridged;
    await fillPostedLetter(page);
    // Stopped part-way, just after its reference was saved, as Google stops a run at its time limit.
    let referenceSaved = false;
    office.emu.interleave({
      fn: 'logComplaint',
      atCall: (key) => {
        if (referenceSaved) return true;
        referenceSaved = key === 'Properties.setProperties';
        return false;
      },
      do: 'kill',
    });
    await save(page).click();
    await bridged.settle();
    expect(await page.textContent('#result')).toContain('Not saved:');
    expect(await page.textContent('#result')).toContain(KILLED_MESSAGE);
    expect(await save(page).isEnabled()).toBe(true);
    expect(await value(page, 'name')).toBe('Joan Price');
    await save(page).click();
    await bridged.settle();
    expect(await page.textContent('#result')).toBe('Logged as WIL-2026-0001.');
    expect(bridged.calls).toHaveLength(2);
    expect(bridged.calls[1]).toEqual(bridged.calls[0]);
    expect(caseRows(office).map((c) => c.reference)).toEqual(['WIL-2026-0001']);
    expect(office.rows('Audit').filter((r) => r['Action'] === 'case created')).toHaveLength(1);
    await page.close();
  });

  it('a refusal from the script is shown once, in its own words, and keeps the answers', async () => {
    const office = new Office('wiltshire', NOW);
    const bridged = await open(office);
    const { page } = bridged;
    await fillPostedLetter(page);
    // A mistyped year: the page lets past dates through, the script refuses those over a year ago.
    await page.fill('[name="receivedOn"]', '2025-02-27');
    await save(page).click();
    await bridged.settle();
    expect(await page.textContent('#result')).toBe(
      'This complaint was not saved: the date received is over a year ago. Check the year. Your answers are kept; press Log the complaint to try again.',
    );
    expect(office.cases()).toEqual([]);
    expect(await value(page, 'name')).toBe('Joan Price');
    await page.fill('[name="receivedOn"]', '2026-02-27');
    await save(page).click();
    await bridged.settle();
    expect(caseRows(office).map((c) => c.reference)).toEqual(['WIL-2026-0001']);
    expect(bridged.calls[1]!.args[1]).toBe(bridged.calls[0]!.args[1]);
    await page.close();
  });

  it('without crypto.randomUUID the submission id is still one the server accepts', async () => {
    const office = new Office('wiltshire', NOW);
    const bridged = await open(office);
    const { page } = bridged;
    await page.addInitScript('delete Crypto.prototype.randomUUID;');
    await page.reload();
    await fillPostedLetter(page);
    await save(page).click();
    await bridged.settle();
    const id = bridged.calls[0]!.args[1];
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(isSubmissionId(id)).toBe(true);
    expect(caseRows(office).map((c) => c.responseId)).toEqual([`staff:${String(id)}`]);
    expect(bridged.logs).toEqual([]);
    await page.close();
  });
});
