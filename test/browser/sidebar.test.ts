/**
 * The case sidebar in headless Chromium, its google.script.run wired to the built bundle in the emulator
 * (gas-bridge.ts): it shows the selected case, follows the selection, and its buttons change the emulated
 * sheet through the same checks as a cell edit, by mouse or keyboard, once per press.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Office } from '../integration/harness';
import { CHROMIUM, launchChromium, openBridged, screenshot, type Bridged } from './gas-bridge';

const HTML = readFileSync(new URL('../../build/sidebar.html', import.meta.url), 'utf8');
const XSS_NAME = '<img src=x onerror=alert(1)>';
const SIDEBAR = { width: 300, height: 1100 };

describe.runIf(CHROMIUM)('the case sidebar in a browser', () => {
  let browser: Browser;
  let office: Office;
  let bridged: Bridged;
  const alerts: string[] = [];

  /** Selects a case's row and waits for the sidebar to show it (it asks every two seconds). */
  async function show(reference: string): Promise<void> {
    office.emu.select('Cases', office.cell(reference, 'Received'));
    // Page code is given as text: this project's TypeScript has no DOM types.
    await bridged.page.waitForFunction(
      `document.querySelector('h2')?.textContent === ${JSON.stringify(reference)}`,
      undefined,
      {
        timeout: 8_000,
      },
    );
    await bridged.settle();
  }

  function auditOf(reference: string): Record<string, unknown>[] {
    return office.rows('Audit').filter((r) => r['Reference'] === reference);
  }

  beforeAll(async () => {
    browser = await launchChromium();
    office = new Office('wiltshire');
    office.submit({ name: XSS_NAME, adjustments: 'Please phone after 4pm' }); // WIL-2026-0001
    office.submit({ name: 'Keyboard User' }); // WIL-2026-0002
    office.submit({ name: 'Double Click' }); // WIL-2026-0003
    office.submit({ name: 'Letter Reader' }); // WIL-2026-0004
    // One person twice, their address written differently the second time.
    office.submit({ name: 'Robin Hale', email: 'robin.hale@example.org' }); // WIL-2026-0005
    office.submit({ name: 'Robin Hale', email: 'Robin.Hale@Example.org ' }); // WIL-2026-0006
    office.emu.select('Cases', office.cell('WIL-2026-0001', 'Received'));
    bridged = await openBridged(browser, office.emu, HTML, { viewport: SIDEBAR, latencyMs: 150 });
    bridged.page.on('dialog', (d) => {
      alerts.push(d.message());
      void d.dismiss();
    });
    await bridged.page.waitForSelector('h2');
    await bridged.settle();
  });

  afterAll(async () => {
    // Stop the sidebar's two-second question and let the last one be answered before the browser goes,
    // so no answer arrives for a page that is closed.
    if (bridged) {
      await bridged.page.evaluate('for (let id = 1; id < 10000; id++) clearInterval(id)');
      await bridged.settle();
      // The bridge closes the page's context when the page closes: let it finish before the browser goes.
      const context = bridged.page.context();
      await bridged.page.close();
      await context.close();
    }
    await browser?.close();
  });

  it('shows the selected case, with a name that looks like HTML as plain text', async () => {
    const page = bridged.page;
    expect(await page.locator('h2').textContent()).toBe('WIL-2026-0001');
    await expect.poll(() => page.getByText(XSS_NAME, { exact: false }).count()).toBeGreaterThan(0);
    expect(await page.locator('img').count()).toBe(0);
    expect(alerts).toEqual([]);
    expect(await page.getByText('Please phone after 4pm').count()).toBe(1);
    // Readable at 300 px: nothing wider than the sidebar.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(SIDEBAR.width);
    await screenshot(page, 'sidebar-case');
  });

  it('"Acknowledgement sent today" writes the cell and the Audit, and the view moves on', async () => {
    const page = bridged.page;
    await page.getByRole('button', { name: 'Acknowledgement sent today' }).click();
    await bridged.settle();
    const row = office.cases().find((r) => r['Reference'] === 'WIL-2026-0001')!;
    expect(row['Acknowledged on']).toBeInstanceOf(Date);
    expect(auditOf('WIL-2026-0001').at(-1)).toMatchObject({ Action: 'acknowledge' });
    expect(await page.locator('#message').textContent()).toMatch(/^Done/);
    expect(await page.getByRole('button', { name: 'Acknowledgement sent today' }).count()).toBe(0);
    await screenshot(page, 'sidebar-acknowledged');
  });

  it('follows the selection, and works from the keyboard alone (Tab to the button, Enter)', async () => {
    await show('WIL-2026-0002');
    const page = bridged.page;
    // The README's picture: a new complaint as the sidebar first shows it.
    await screenshot(page, 'sidebar-new-complaint');
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await page.evaluate(
        "document.activeElement && document.activeElement.textContent === 'Acknowledgement sent today'",
      )) as boolean;
    }
    expect(reached).toBe(true);
    const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
    expect(outline).toBe('solid');
    await screenshot(page, 'sidebar-keyboard-focus');
    await page.keyboard.press('Enter');
    await bridged.settle();
    expect(office.cases().find((r) => r['Reference'] === 'WIL-2026-0002')!['Acknowledged on']).toBeInstanceOf(
      Date,
    );
    expect(auditOf('WIL-2026-0002').at(-1)).toMatchObject({ Action: 'acknowledge' });
  });

  it('a double click makes one action', async () => {
    await show('WIL-2026-0003');
    const page = bridged.page;
    const before = bridged.calls.filter((c) => c.fn === 'caseSidebarAct').length;
    await page.getByRole('button', { name: 'Update sent today' }).dblclick();
    await bridged.settle();
    expect(bridged.calls.filter((c) => c.fn === 'caseSidebarAct').length).toBe(before + 1);
    expect(auditOf('WIL-2026-0003').filter((r) => r['Action'] === 'record-update')).toHaveLength(1);
  });

  it('a letter awaiting approval is read and edited in a text box, then approved; guidance left in is refused inline', async () => {
    office.edit('WIL-2026-0004', 'Outcome', office.profile.outcomes[0]!.label);
    office.edit('WIL-2026-0004', 'Stage', 'Closed: appeal window open');
    await show('WIL-2026-0004');
    const page = bridged.page;
    const box = page.getByLabel('Letter text (read and edit before approving)');
    const drafted = await box.inputValue();
    expect(drafted).toMatch(/^\[.*\]$/m);
    const key = String(
      office.outbox().find((r) => r['Reference'] === 'WIL-2026-0004' && r['Kind'] === 'outcome')!['Key'],
    );

    await page.getByRole('button', { name: 'Approve this letter' }).click();
    await bridged.settle();
    expect(await page.locator('#message').textContent()).toMatch(/square brackets/);
    expect(office.outbox().find((r) => r['Key'] === key)!['Status']).toBe('awaiting-approval');
    await screenshot(page, 'sidebar-letter-refused');

    const written = drafted.replace(/^\[.*\]$/gm, 'We have spoken to the member of staff and apologise.');
    await page.getByLabel('Letter text (read and edit before approving)').fill(written);
    await screenshot(page, 'sidebar-letter');
    await page.getByRole('button', { name: 'Approve this letter' }).click();
    await bridged.settle();
    const row = office.outbox().find((r) => r['Key'] === key)!;
    expect(row['Status']).toBe('approved');
    expect(row['Body']).toBe(written);
    expect(await page.locator('#message').textContent()).toMatch(/^Approved/);
  });

  it("shows a contact arrangement and the person's other case, whose reference opens it", async () => {
    office.edit('WIL-2026-0006', 'Contact only through', 'Complaints Team Leader');
    office.edit('WIL-2026-0006', 'Contact only by', 'Phone');
    await show('WIL-2026-0006');
    const page = bridged.page;
    expect(await page.locator('.arrangement').textContent()).toBe(
      'Contact arrangement: Contact only through Complaints Team Leader, by phone only',
    );
    const link = page.getByRole('button', { name: 'WIL-2026-0005' });
    const item = page.locator('li', { has: link });
    expect(await item.textContent()).toMatch(/^WIL-2026-0005, received \d\d\/\d\d\/\d{4}: /);
    // The reference reads as a link within its line, not a button on a line of its own.
    const [linkBox, itemBox] = [await link.boundingBox(), await item.boundingBox()];
    expect(linkBox!.y - itemBox!.y).toBeLessThan(2);
    expect(linkBox!.width).toBeLessThan(itemBox!.width / 2);
    // No phone number is held, so the acknowledgement waits, and says why.
    expect(await page.locator('.problem').textContent()).toBe(
      'The contact arrangement says by phone only, but the case has no phone number: add one or change the arrangement',
    );
    await screenshot(page, 'sidebar-related');
    await link.click();
    await page.waitForFunction("document.querySelector('h2')?.textContent === 'WIL-2026-0005'", undefined, {
      timeout: 8_000,
    });
    // The other case has no arrangement of its own: the person's arrangement is shown, to decide on.
    expect(await page.locator('.arrangement').textContent()).toBe(
      'Contact arrangement on WIL-2026-0006: Contact only through Complaints Team Leader, by phone only. If it applies to this case too, fill in the Contact only columns on its row.',
    );
    await screenshot(page, 'sidebar-arrangement-elsewhere');
  });

  it('asks for a case row when the selection leaves Cases', async () => {
    office.emu.select('Outbox', 'A2');
    await bridged.page.waitForFunction("document.querySelector('h2') === null", undefined, {
      timeout: 8_000,
    });
    expect(await bridged.page.locator('#content').textContent()).toContain(
      'Select a case row on the Cases tab',
    );
    expect(bridged.logs.filter((l) => /error/i.test(l))).toEqual([]);
  });
});
