/**
 * The mail queue on the built bundle, in the emulator: first letters, the sender's quota, crash safety,
 * escaping, locking, reminders over months, and its cost.
 *
 * The bundle is built afresh (into a temporary folder) before these tests, so they never run against a
 * stale build/Code.js.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Emulator, type Invocation } from '../../emulator/index';
import type { Submission } from '../../src/core/model';
import { getProfile } from '../../src/core/profile';
import { submissionToAnswers } from '../../src/gas/form-questions';
import { OUTBOX_HEADERS, OUTBOX_STAFF_COLUMNS, STATUS_VALUES, TEMPLATES_HEADERS } from '../../src/gas/mail';
import { DIED_WHILE_SENDING, JOURNAL_PREFIX, LEASE_MS, LEASE_PROPERTY } from '../../src/gas/mail/sender';
import { buildProject } from '../../tools/build';
import { BASE } from './harness';

let bundlePath = '';

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mail-bundle-'));
  await buildProject({ outDir: dir, minify: false });
  bundlePath = join(dir, 'Code.js');
});

type Row = Record<string, unknown>;

/** An office on the mail bundle: set up, with every role's address filled in unless told otherwise. */
class Office {
  readonly emu: Emulator;
  readonly profile;
  constructor(
    readonly policy: string,
    options: { now?: Date; mailQuota?: number; directory?: boolean } = {},
  ) {
    this.emu = new Emulator({
      now: options.now ?? new Date('2026-03-02T09:00:00Z'),
      mailQuota: options.mailQuota ?? 100,
      bundlePath,
    });
    this.profile = getProfile(policy);
    this.emu.run('setupSpreadsheet', policy);
    const settings = this.emu.spreadsheet.getSheetByName('Settings')!;
    this.emu.sheetValues('Settings').forEach((row, i) => {
      const key = String(row[0]);
      if (key.startsWith('role:') && options.directory !== false)
        settings.getRange(i + 1, 3).setValue(`${key.slice(5)}@opcc.example`);
      if (key === 'team-email') settings.getRange(i + 1, 3).setValue('complaints-team@opcc.example');
    });
  }

  submit(overrides: Partial<Submission> = {}): Invocation {
    const inv = this.emu.submitForm(submissionToAnswers(this.profile, { ...BASE, ...overrides }))[0]!;
    if (inv.error) throw inv.error;
    return inv;
  }

  send(): Invocation {
    return this.emu.run('sendQueuedMail');
  }

  rows(tab: string): Row[] {
    const [header = [], ...rows] = this.emu.sheetValues(tab);
    return rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
  }

  outbox(): Row[] {
    return this.rows('Outbox');
  }

  /** The digest and notices to staff, kept off the Outbox. */
  staffMail(): Row[] {
    return this.rows('Staff mail');
  }

  /** Every queued row, letters and notices. */
  mail(): Row[] {
    return [...this.outbox(), ...this.staffMail()];
  }

  /** The mail tab holding a key: letters are on the Outbox, notices to staff on Staff mail. */
  tabOf(key: string): string {
    const keys = this.emu.sheetValues('Outbox').map((r, _, all) => r[all[0]!.indexOf('Key')]);
    return keys.includes(key) ? 'Outbox' : 'Staff mail';
  }

  /** A1 address of a mail tab's cell, found by key and header as staff would find it. */
  outboxCell(key: string, header: string): string {
    const values = this.emu.sheetValues(this.tabOf(key));
    const row = values.findIndex((r) => r[values[0]!.indexOf('Key')] === key);
    const col = values[0]!.indexOf(header);
    if (row < 0 || col < 0) throw new Error(`No mail cell for ${key} / ${header}`);
    return `${String.fromCharCode(65 + col)}${row + 1}`;
  }

  setOutbox(key: string, header: string, value: unknown): void {
    this.emu.spreadsheet
      .getSheetByName(this.tabOf(key))!
      .getRange(this.outboxCell(key, header))
      .setValue(value);
  }

  /** Staff typing into the Outbox or Staff mail (fires onEdit, as approving a letter does). */
  editOutbox(key: string, header: string, value: unknown): void {
    for (const inv of this.emu.edit(this.tabOf(key), this.outboxCell(key, header), value))
      if (inv.error) throw inv.error;
  }

  complainantMail() {
    return this.emu.mail.sent.filter((m) => !m.to.endsWith('@opcc.example'));
  }
}

/** The office has no staff directory in these tests, so only the acknowledgements can go. */
const acks = (office: Office) => office.outbox().filter((r) => r['Kind'] === 'acknowledgement');

const sheetCalls = (calls: Record<string, number>) =>
  Object.entries(calls)
    .filter(([k]) => /^(Spreadsheet|Sheet|Range|SpreadsheetApp|DataValidation)/.test(k))
    .reduce((n, [, v]) => n + v, 0);

describe('the Outbox and Templates tabs', () => {
  it('are created with plain-English headers, a frozen header row and a Status dropdown', () => {
    const office = new Office('wiltshire');
    expect(office.emu.sheetValues('Outbox')[0]).toEqual([...OUTBOX_HEADERS]);
    expect(office.emu.sheetValues('Templates')[0]).toEqual([...TEMPLATES_HEADERS]);
    const outbox = office.emu.spreadsheet.getSheetByName('Outbox')!;
    expect(outbox.getFrozenRows()).toBe(1);
    const statusCol = OUTBOX_HEADERS.indexOf('Status') + 1;
    const rule = outbox.getRange(2, statusCol).getDataValidation();
    expect(rule?.getCriteriaValues()[0]).toEqual(STATUS_VALUES);
    for (const s of [
      'queued',
      'awaiting-approval',
      'approved',
      'sending',
      'sent',
      'failed',
      'print',
      'phone',
    ])
      expect(STATUS_VALUES).toContain(s);
    for (const s of ['printed', 'cancelled']) expect(STATUS_VALUES).toContain(s);
  });

  it('puts the columns staff act on first, and keeps every letter row one line high with Subject and Body clipped', () => {
    const office = new Office('wiltshire');
    expect(OUTBOX_HEADERS.slice(0, 8)).toEqual([
      'Reference',
      'Kind',
      'To',
      'Send by',
      'Subject',
      'Body',
      'Status',
      'Last error',
    ]);
    expect(office.emu.sheetValues('Staff mail')[0]).toEqual([...OUTBOX_HEADERS]);
    for (let i = 0; i < 3; i++) office.submit({ name: `Person ${i}`, email: `p${i}@example.org` });
    for (const tab of ['Outbox', 'Staff mail']) {
      const sheet = office.emu.spreadsheet.getSheetByName(tab)!;
      const body = OUTBOX_HEADERS.indexOf('Body') + 1;
      const subject = OUTBOX_HEADERS.indexOf('Subject') + 1;
      expect(sheet.getLastRow()).toBe(4);
      for (let row = 2; row <= 4; row++) {
        expect(String(sheet.getRange(row, body).getValue())).toContain('\n');
        expect(sheet.getRowHeight(row)).toBe(21);
        expect(sheet.peek(row, body)?.wrap).toBe('CLIP');
        expect(sheet.peek(row, subject)?.wrap).toBe('CLIP');
      }
      const rule = sheet.getRange(2, OUTBOX_HEADERS.indexOf('Status') + 1).getDataValidation();
      expect(rule?.getCriteriaValues()).toEqual([STATUS_VALUES, true]);
    }
  });

  it('shrinks the tall rows of an Outbox from before, when setup runs again', () => {
    const office = new Office('wiltshire');
    office.submit();
    const outbox = office.emu.spreadsheet.getSheetByName('Outbox')!;
    outbox.rowHeights.clear();
    expect(() => outbox.getRowHeight(2)).toThrow(/not emulated/);
    office.emu.run('setupSpreadsheet');
    expect(outbox.getRowHeight(2)).toBe(21);
  });

  it('protects the columns the script writes with a warning, once however often setup runs', () => {
    const office = new Office('wiltshire');
    office.emu.run('setupSpreadsheet');
    const outbox = office.emu.spreadsheet.getSheetByName('Outbox')!;
    const protections = outbox.getProtections('RANGE');
    const covered = protections.flatMap((p) => {
      const r = p.getRange()!;
      return OUTBOX_HEADERS.slice(r.getColumn() - 1, r.getColumn() - 1 + r.getNumColumns());
    });
    expect(protections.every((p) => p.isWarningOnly())).toBe(true);
    expect([...covered].sort()).toEqual(
      OUTBOX_HEADERS.filter((h) => !OUTBOX_STAFF_COLUMNS.includes(h)).sort(),
    );
  });

  it('never overwrites a staff edit when setup runs again, and restores a deleted template row', () => {
    const office = new Office('dyfed-powys');
    const sheet = office.emu.spreadsheet.getSheetByName('Templates')!;
    const before = office.emu.sheetValues('Templates');
    const ackRow = before.findIndex((r) => r[0] === 'acknowledgement' && r[1] === 'en') + 1;
    sheet.getRange(ackRow, 4).setValue('Thank you: {{reference}}');
    const welshAck = before.findIndex((r) => r[0] === 'acknowledgement' && r[1] === 'cy') + 1;
    sheet.deleteRow(welshAck);
    office.emu.run('setupSpreadsheet');
    const after = office.emu.sheetValues('Templates');
    expect(after).toHaveLength(before.length);
    expect(after.filter((r) => r[0] === 'acknowledgement' && r[1] === 'en').map((r) => r[3])).toEqual([
      'Thank you: {{reference}}',
    ]);
    expect(after.filter((r) => r[0] === 'acknowledgement' && r[1] === 'cy')).toHaveLength(1);
    office.submit();
    office.send();
    expect(office.complainantMail()[0]!.subject).toBe('Thank you: DP-2026-0001');
  });

  it('repairs an Outbox whose columns staff moved or deleted, keeping its rows', () => {
    const office = new Office('wiltshire');
    office.submit();
    const outbox = office.emu.spreadsheet.getSheetByName('Outbox')!;
    outbox.deleteColumn(OUTBOX_HEADERS.indexOf('Next attempt') + 1);
    office.emu.run('setupSpreadsheet');
    const headers = office.emu.sheetValues('Outbox')[0]!.map(String);
    expect([...headers].sort()).toEqual([...OUTBOX_HEADERS].sort());
    office.send();
    expect(office.complainantMail()).toHaveLength(1);
  });
});

describe('first letters', () => {
  it('gives every in-scope submission with an email exactly one acknowledgement in one sender run', () => {
    const office = new Office('wiltshire');
    for (let i = 0; i < 5; i++) office.submit({ name: `Person ${i}`, email: `person${i}@example.org` });
    office.send();
    const acks = office.complainantMail();
    expect(acks).toHaveLength(5);
    expect(new Set(acks.map((m) => m.to)).size).toBe(5);
    expect(acks.every((m) => m.subject.startsWith('We have received your complaint'))).toBe(true);
    office.send();
    office.emu.advanceBy(24 * 3600_000);
    expect(office.complainantMail()).toHaveLength(5);
    // The handler was told too, once per case.
    expect(office.emu.mail.sent.filter((m) => m.to === 'complaints-team-leader@opcc.example')).toHaveLength(
      5,
    );
  });

  it('sends an out-of-scope complaint one redirect letter and no acknowledgement', () => {
    const office = new Office('west-midlands');
    office.submit({ subject: 'police' });
    office.send();
    office.send();
    const mail = office.complainantMail();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toMatch(/^About your complaint/);
    expect(mail[0]!.body).toMatch(/police/i);
    expect(office.outbox().map((r) => r['Kind'])).toEqual(['redirect']);
  });

  it('acknowledges a Welsh-language submission in Welsh', () => {
    const office = new Office('dyfed-powys');
    office.submit({ language: 'cy' });
    office.send();
    const [ack] = office.complainantMail();
    expect(ack!.subject).toBe('Rydym wedi cael eich cwyn (DP-2026-0001)');
    expect(ack!.body).toMatch(/^Annwyl Alex Morgan,/);
    expect(office.outbox()[0]!['Language']).toBe('cy');
  });

  it('escapes a name containing <script> in the HTML body, keeps it in the plain text, and names the sender', () => {
    const office = new Office('wiltshire');
    office.submit({ name: '<script>alert(1)</script> Smith' });
    office.send();
    const [ack] = office.complainantMail();
    expect(ack!.htmlBody).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Smith');
    expect(ack!.htmlBody).not.toContain('<script>');
    expect(ack!.body).toContain('<script>alert(1)</script> Smith');
    expect(ack!.name).toBe(office.profile.shortName);
  });

  it('leaves the Outbox settled, and says why, when the Audit tab is missing', () => {
    const office = new Office('wiltshire');
    office.submit();
    office.emu.spreadsheet.getSheetByName('Audit')!.setName('Old audit');
    expect(() => office.send()).toThrow(/no Audit tab/);
    expect(office.mail().map((r) => r['Status'])).toEqual(['sent', 'sent']);
    expect(office.emu.properties.script[LEASE_PROPERTY]).toBeUndefined();
    office.send();
    expect(office.emu.mail.sent).toHaveLength(2);
  });

  it('records an emailed acknowledgement on the case and in the Audit tab', () => {
    const office = new Office('wiltshire');
    office.submit();
    const run = office.send();
    const [row] = office.rows('Cases');
    // Service calls take time (emulator/cost.ts): the acknowledgement is dated within the sending run.
    const acknowledged = (row!['Acknowledged on'] as Date).getTime();
    expect(acknowledged).toBeGreaterThanOrEqual(run.at.getTime());
    expect(acknowledged).toBeLessThanOrEqual(run.at.getTime() + run.executionTimeMs);
    expect(office.rows('Audit').filter((a) => a['Action'] === 'acknowledge')).toHaveLength(1);
  });
});

describe('Staff mail', () => {
  it('a notice queued on the Outbox before Staff mail existed is sent from there exactly once, and never queued again', () => {
    const office = new Office('wiltshire');
    // An office on the version before: no Staff mail tab, so the team's notice lands on the Outbox.
    office.emu.spreadsheet.deleteSheet(office.emu.spreadsheet.getSheetByName('Staff mail')!);
    office.submit();
    expect(office.outbox().map((r) => r['Kind'])).toEqual(['acknowledgement', 'case-assigned']);
    // The upgrade: setup adds Staff mail; the notice stays where it is.
    office.emu.run('setupSpreadsheet', 'wiltshire');
    expect(office.staffMail()).toEqual([]);
    office.send();
    office.emu.advanceTo(new Date('2026-03-03T09:00:00Z'));
    office.emu.run('runDailySweep');
    office.send();
    const keys = office.mail().map((r) => String(r['Key']));
    expect(new Set(keys).size).toBe(keys.length);
    expect(office.outbox().find((r) => r['Kind'] === 'case-assigned')!['Status']).toBe('sent');
    expect(office.staffMail().filter((r) => r['Kind'] === 'case-assigned')).toEqual([]);
    const notices = office.emu.mail.sent.filter((m) => m.to.endsWith('@opcc.example'));
    expect(notices.filter((m) => /WIL-2026-0001/.test(m.subject))).toHaveLength(1);
  });

  it('a staff notice never shows on the Outbox, and a pass-on task (work staff do) stays there', () => {
    const office = new Office('wiltshire');
    office.submit();
    expect(office.outbox().every((r) => r['Audience'] !== 'staff' || r['Kind'] === 'pass-on')).toBe(true);
    expect(office.staffMail().every((r) => r['Audience'] === 'staff' && r['Kind'] !== 'pass-on')).toBe(true);
    expect(office.staffMail().length).toBeGreaterThan(0);
  });
});

describe('letters that need a person', () => {
  it('holds an outcome letter for approval, sends staff edits to it once approved, and only once', () => {
    const office = new Office('wiltshire');
    office.submit();
    office.send();
    const cases = office.emu.sheetValues('Cases');
    const col = (h: string) => String.fromCharCode(65 + cases[0]!.indexOf(h));
    office.emu.edit('Cases', `${col('Outcome')}2`, 'Upheld: apology with an explanation');
    office.emu.edit('Cases', `${col('Stage')}2`, 'Closed: appeal window open');
    const outcome = office.outbox().find((r) => r['Kind'] === 'outcome')!;
    expect(outcome['Status']).toBe('awaiting-approval');
    office.send();
    const subject = 'The outcome of your complaint (WIL-2026-0001)';
    expect(office.complainantMail().map((m) => m.subject)).not.toContain(subject);
    const key = String(outcome['Key']);
    // Staff replace the [bracketed] guidance before approving: a letter still holding it is not sent.
    const written = String(outcome['Body']).replace(/^\[.*\]$/m, 'We spoke to the team about your calls.');
    office.setOutbox(key, 'Body', `${written}\n\nP.S. Edited by staff.`);
    office.editOutbox(key, 'Status', 'approved');
    office.send();
    office.send();
    const sent = office.complainantMail().filter((m) => m.subject === subject);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toContain('P.S. Edited by staff.');
    expect(office.outbox().find((r) => r['Key'] === key)!['Status']).toBe('sent');
  });

  it('turns letters for complainants who asked for post or a call into tasks, shown in the print dialog', () => {
    const office = new Office('wiltshire');
    office.submit({ name: 'Post <Person>', preferredContact: 'post', address: '4 Mill Road, Trowbridge' });
    office.submit({
      name: 'Phone Person',
      preferredContact: 'phone',
      phone: '01225 000000',
      email: undefined,
    });
    office.send();
    expect(office.complainantMail()).toHaveLength(0);
    const acks = office.outbox().filter((r) => r['Kind'] === 'acknowledgement');
    expect(acks.map((r) => [r['Status'], r['Send by']])).toEqual([
      ['print', 'post'],
      ['phone', 'phone'],
    ]);
    office.emu.run('showLettersToPrint');
    const html = office.emu.ui.dialogs.at(-1)!.html;
    expect(html).toContain('Print and post to 4 Mill Road, Trowbridge');
    expect(html).toContain('Phone 01225 000000');
    expect(html).toContain('Dear Post &lt;Person&gt;');
    expect(html).not.toContain('<Person>');
    office.setOutbox(String(acks[0]!['Key']), 'Status', 'printed');
    office.emu.run('showLettersToPrint');
    expect(office.emu.ui.dialogs.at(-1)!.html).not.toContain('Mill Road');
  });

  it('makes an approved outcome for a complainant who asked for post a letter to print, not an email', () => {
    const office = new Office('wiltshire');
    office.submit({ preferredContact: 'post', address: '4 Mill Road, Trowbridge' });
    const cases = office.emu.sheetValues('Cases');
    const col = (h: string) => String.fromCharCode(65 + cases[0]!.indexOf(h));
    office.emu.edit('Cases', `${col('Outcome')}2`, 'Upheld: apology with an explanation');
    office.emu.edit('Cases', `${col('Stage')}2`, 'Closed: appeal window open');
    const outcome = office.outbox().find((r) => r['Kind'] === 'outcome')!;
    const key = String(outcome['Key']);
    office.setOutbox(key, 'Body', String(outcome['Body']).replace(/^\[.*\]$/m, 'We have apologised.'));
    office.editOutbox(key, 'Status', 'approved');
    office.send();
    expect(office.complainantMail()).toHaveLength(0);
    expect(office.outbox().find((r) => r['Key'] === key)!['Status']).toBe('print');
  });

  it('flags a staff letter whose role has no email in Settings, and sends it once the address is added', () => {
    const office = new Office('wiltshire', { directory: false });
    office.submit();
    office.send();
    // A notice to staff: on Staff mail, not the Outbox.
    expect(office.outbox().find((r) => r['Kind'] === 'case-assigned')).toBeUndefined();
    const assigned = office.staffMail().find((r) => r['Kind'] === 'case-assigned')!;
    expect(assigned['Status']).toBe('failed');
    expect(assigned['Last error']).toBe('No email address for Complaints Team Leader in Settings');
    const settings = office.emu.spreadsheet.getSheetByName('Settings')!;
    const row = office.emu.sheetValues('Settings').findIndex((r) => r[0] === 'role:complaints-team-leader');
    settings.getRange(row + 1, 3).setValue('ctl@opcc.example');
    office.editOutbox(String(assigned['Key']), 'Status', 'queued');
    office.send();
    expect(office.emu.mail.sent.filter((m) => m.to === 'ctl@opcc.example')).toHaveLength(1);
    expect(office.staffMail().find((r) => r['Key'] === assigned['Key'])!['To']).toBe('ctl@opcc.example');
  });
});

describe('the sender', () => {
  it('sends 5 today and 7 tomorrow with 5 left of the daily quota and 12 letters queued, none twice', () => {
    const office = new Office('wiltshire', { directory: false });
    office.emu.mail.spend(95);
    for (let i = 0; i < 12; i++) office.submit({ name: `Person ${i}`, email: `p${i}@example.org` });
    const first = office.send();
    expect(first.result).toMatchObject({ sent: 5, carried: 7 });
    office.send();
    expect(office.emu.mail.sent).toHaveLength(5);
    expect(
      office.outbox().filter((r) => r['Kind'] === 'acknowledgement' && r['Status'] === 'queued'),
    ).toHaveLength(7);
    // The quota resets at midnight Pacific time; the 10-minute trigger picks the rest up.
    office.emu.advanceTo(new Date('2026-03-03T10:00:00Z'));
    const mail = office.complainantMail();
    expect(mail).toHaveLength(12);
    expect(new Set(mail.map((m) => m.to)).size).toBe(12);
    expect(mail.filter((m) => m.at < new Date('2026-03-03T00:00:00Z'))).toHaveLength(5);
  });

  it('resumes after a run dies on the 4th of 10 letters and sends exactly the other 7', () => {
    const office = new Office('wiltshire', { directory: false });
    for (let i = 0; i < 10; i++) office.submit({ name: `Person ${i}`, email: `p${i}@example.org` });
    const sent = office.emu.mail.sent;
    const push = sent.push.bind(sent);
    sent.push = (...m) => {
      // Google stops the script in the middle of the 4th send.
      if (sent.length === 3) throw new Error('Exceeded maximum execution time');
      return push(...m);
    };
    expect(() => office.send()).toThrow(/Exceeded maximum execution time/);
    sent.push = push;
    expect(sent).toHaveLength(3);
    // What the dead run wrote on its way out tells the next run exactly what is left.
    const statuses = acks(office).map((r) => r['Status']);
    expect(statuses.filter((s) => s === 'sent')).toHaveLength(3);
    expect(statuses.filter((s) => s === 'queued')).toHaveLength(7);
    office.send();
    expect(sent).toHaveLength(10);
    expect(new Set(sent.map((m) => m.to)).size).toBe(10);
    expect(acks(office).map((r) => r['Status'])).toEqual(new Array(10).fill('sent'));
    expect(Object.keys(office.emu.properties.script).filter((k) => k.startsWith(JOURNAL_PREFIX))).toEqual([]);
  });

  it('resumes from its journal when a run dies before it can write anything back', () => {
    const office = new Office('wiltshire', { directory: false });
    for (let i = 0; i < 10; i++) office.submit({ name: `Person ${i}`, email: `p${i}@example.org` });
    const sent = office.emu.mail.sent;
    const push = sent.push.bind(sent);
    sent.push = (...m) => {
      if (sent.length === 3) {
        // The run dies and cannot even take the lock to write its results.
        office.emu.lock.holdByAnotherProcess(true);
        throw new Error('Exceeded maximum execution time');
      }
      return push(...m);
    };
    expect(() => office.send()).toThrow();
    sent.push = push;
    office.emu.lock.holdByAnotherProcess(false);
    expect(acks(office).map((r) => r['Status'])).toEqual(new Array(10).fill('sending'));
    // Its lease still holds: a run now cannot tell whether it is alive, so it leaves the rows alone.
    expect(office.send().result).toMatchObject({ busy: true, sent: 0 });
    expect(sent).toHaveLength(3);
    office.emu.advanceBy(LEASE_MS + 10 * 60_000);
    expect(sent).toHaveLength(10);
    expect(new Set(sent.map((m) => m.to)).size).toBe(10);
    const rows = acks(office);
    expect(rows.map((r) => r['Status'])).toEqual(new Array(10).fill('sent'));
    // The three sent before the crash keep the time they really went (the run's clock just after each
    // send; calls take time, so each has its own), not the time of the run that settled them.
    for (const mail of sent.slice(0, 3)) {
      const row = rows.find((r) => r['To'] === mail.to)!;
      const at = (row['Sent at'] as Date).getTime();
      expect(at).toBeGreaterThanOrEqual(mail.at.getTime());
      expect(at).toBeLessThan(mail.at.getTime() + 60_000);
    }
  });

  it('never resends a letter that was in MailApp when its run died, and tells staff why', () => {
    const office = new Office('wiltshire', { directory: false });
    office.submit();
    const [row] = office.outbox();
    const key = String(row!['Key']);
    // What a run killed inside MailApp.sendEmail leaves: the row marked, the journal saying "attempt".
    office.setOutbox(key, 'Status', 'sending');
    office.emu.properties.script[JOURNAL_PREFIX + key] = 'attempt';
    office.send();
    office.emu.advanceBy(2 * 86_400_000);
    expect(office.complainantMail()).toHaveLength(0);
    const after = office.outbox()[0]!;
    expect(after['Status']).toBe('failed');
    expect(after['Last error']).toBe(DIED_WHILE_SENDING);
    // Staff checked with the complainant and put it back: it goes, once.
    office.editOutbox(key, 'Status', 'queued');
    office.send();
    office.send();
    expect(office.complainantMail()).toHaveLength(1);
  });

  it('stops sending before Apps Script’s six-minute limit and leaves the rest queued for the next run', () => {
    const office = new Office('wiltshire', { directory: false });
    for (let i = 0; i < 20; i++) office.submit({ name: `Person ${i}`, email: `p${i}@example.org` });
    // Each send takes 30 seconds, as a slow day at Google might; every other call costs what it usually does.
    const usual = office.emu.costModel;
    office.emu.setCostModel({
      name: 'slow mail',
      callMs: (key, cells) => (key === 'MailApp.sendEmail' ? 30_000 : usual.callMs(key, cells)),
    });
    const sent = office.emu.mail.sent;
    const run = office.send();
    // Eight letters take 8 × 30 s plus their journal writes: past the 4-minute budget, so a ninth never starts.
    expect(run.result).toMatchObject({ sent: 8, carried: 12 });
    expect(run.killed).toBe(false);
    expect(run.estimatedMs).toBeLessThan(6 * 60_000);
    expect(acks(office).filter((r) => r['Status'] === 'queued')).toHaveLength(12);
    expect(office.emu.properties.script[LEASE_PROPERTY]).toBeUndefined();
    office.send();
    office.send();
    expect(new Set(sent.map((m) => m.to)).size).toBe(20);
    expect(sent).toHaveLength(20);
  });

  it('sends a row staff copied, or typed in capitals, once', () => {
    const office = new Office('wiltshire', { directory: false });
    office.submit();
    const outbox = office.emu.spreadsheet.getSheetByName('Outbox')!;
    const width = OUTBOX_HEADERS.length;
    outbox.getRange(4, 1, 1, width).setValues(outbox.getRange(2, 1, 1, width).getValues());
    office.setOutbox(String(office.outbox()[0]!['Key']), 'Status', 'Queued');
    office.send();
    office.send();
    expect(office.complainantMail()).toHaveLength(1);
  });

  it('sends nothing twice while another process holds the lock or a live run holds the lease', () => {
    const office = new Office('wiltshire');
    office.submit();
    office.emu.lock.holdByAnotherProcess(true);
    expect(office.send().result).toMatchObject({ busy: true, sent: 0 });
    office.emu.lock.holdByAnotherProcess(false);
    office.emu.properties.script[LEASE_PROPERTY] = String(office.emu.now.getTime() + 60_000);
    expect(office.send().result).toMatchObject({ busy: true, sent: 0 });
    expect(office.emu.mail.sent).toHaveLength(0);
    office.emu.advanceBy(2 * 60_000);
    office.send();
    office.send();
    expect(office.emu.mail.sent.filter((m) => m.to === 'alex.morgan@example.org')).toHaveLength(1);
  });

  it('retries a failed send with growing gaps, then flags it for staff without quoting the address', () => {
    const office = new Office('wiltshire', { directory: false });
    office.submit();
    office.emu.mail.failNext(20, 'Invalid email: alex.morgan@example.org');
    const attempts: Date[] = [];
    for (let i = 0; i < 6 * 24; i++) {
      const before = acks(office)[0]!['Attempts'];
      office.emu.advanceBy(10 * 60_000);
      if (acks(office)[0]!['Attempts'] !== before) attempts.push(office.emu.now);
    }
    const row = acks(office)[0]!;
    expect(row['Status']).toBe('failed');
    expect(row['Attempts']).toBe(5);
    expect(row['Last error']).toBe('Invalid email: <address>');
    const gaps = attempts.slice(1).map((t, i) => (t.getTime() - attempts[i]!.getTime()) / 60_000);
    expect(gaps).toEqual([20, 30, 60, 120]);
    const logs = JSON.stringify(office.emu.invocations.flatMap((i) => i.logs));
    expect(logs).not.toContain('alex.morgan');
    expect(logs).not.toContain('Alex Morgan');
  });

  it('costs one property read and no sheet call when there is nothing to send', () => {
    const office = new Office('wiltshire');
    office.submit();
    office.send();
    office.send();
    const idle = office.send();
    expect(idle.stats.calls).toEqual({
      'PropertiesService.getScriptProperties': 1,
      'Properties.getProperties': 1,
    });
  });

  it('makes exactly the same sheet service calls with 1 and with 200 letters queued', () => {
    const one = new Office('wiltshire');
    one.submit();
    const many = new Office('wiltshire', { mailQuota: 500 });
    for (let i = 0; i < 100; i++) many.submit({ name: `Person ${i}`, email: `p${i}@example.org` });
    expect(one.outbox()).toHaveLength(1);
    expect(one.staffMail()).toHaveLength(1);
    expect(many.mail()).toHaveLength(200);
    const a = one.send();
    const b = many.send();
    expect(a.result).toMatchObject({ sent: 2 });
    expect(b.result).toMatchObject({ sent: 200 });
    expect(b.stats.calls['MailApp.sendEmail']).toBe(200);
    expect(sheetCalls(a.stats.calls)).toBe(SENDER_SHEET_CALLS);
    expect(sheetCalls(b.stats.calls)).toBe(SENDER_SHEET_CALLS);
    // Staff mail is read only when a notice may be waiting there: here the only notice failed when it was
    // queued (no address), so the run reads and writes the Outbox alone.
    const letterOnly = new Office('wiltshire', { directory: false });
    letterOnly.submit();
    expect(letterOnly.staffMail().map((r) => r['Status'])).toEqual(['failed']);
    const c = letterOnly.send();
    expect(c.result).toMatchObject({ sent: 1 });
    expect(sheetCalls(c.stats.calls)).toBe(SENDER_OUTBOX_ONLY_CALLS + WAITING_AUDIT_CALLS);
    const logs = [...a.logs, ...b.logs].join('\n');
    expect(logs).toMatch(/sender: 200 sent, 0 to retry, 0 failed, 0 carried over/);
    expect(logs).not.toMatch(/@/);
  });

  it('"marks each row sent/failed ... never twice" (DESIGN §3) at two calls a letter: its journal write and MailApp', () => {
    const run = (letters: number) => {
      const office = new Office('wiltshire', { mailQuota: 500 });
      // Each submission queues an acknowledgement and a notice to staff.
      for (let i = 0; i < letters / 2; i++)
        office.submit({ name: `Person ${i}`, email: `p${i}@example.org` });
      const inv = office.send();
      expect(inv.result).toMatchObject({ sent: letters });
      return inv.stats;
    };
    const ten = run(10);
    const sixty = run(60);
    // Beside the letters the run appends the submissions' waiting Audit entries, in calls that do not
    // grow with their number.
    expect(sixty.totalCalls - ten.totalCalls).toBe(2 * 50);
    const perLetter = (calls: Record<string, number>) =>
      Object.fromEntries(
        Object.entries(calls).filter(([k]) => /^(MailApp\.sendEmail|Properties\.setProperty)$/.test(k)),
      );
    // One journal write before each send, and one after the last.
    expect(perLetter(sixty.calls)).toEqual({ 'MailApp.sendEmail': 60, 'Properties.setProperty': 61 });
  });

  it('settles letters an earlier version of the sender journalled one property each (an office upgrading mid-run)', () => {
    const office = new Office('wiltshire', { directory: false });
    office.submit({ name: 'Person 1', email: 'p1@example.org' });
    office.submit({ name: 'Person 2', email: 'p2@example.org' });
    const [sentKey, triedKey] = office.outbox().map((r) => String(r['Key']));
    // What a run of the earlier version leaves when it dies: both rows `sending`, one entry per letter.
    for (const key of [sentKey!, triedKey!]) office.setOutbox(key, 'Status', 'sending');
    const wentAt = office.emu.now.getTime() - 60_000;
    office.emu.properties.script[JOURNAL_PREFIX + sentKey] = `sent:${wentAt}`;
    office.emu.properties.script[JOURNAL_PREFIX + triedKey] = 'attempt';
    office.send();
    expect(office.complainantMail()).toHaveLength(0);
    const rows = office.outbox();
    expect(rows.map((r) => r['Status'])).toEqual(['sent', 'failed']);
    expect((rows[0]!['Sent at'] as Date).getTime()).toBe(wentAt);
    expect(rows[1]!['Last error']).toBe(DIED_WHILE_SENDING);
    expect(Object.keys(office.emu.properties.script).filter((k) => k.startsWith(JOURNAL_PREFIX))).toEqual([]);
  });
});

/**
 * A run for letters on the Outbox only: Settings read (5) and health write (9), Outbox read (4), the
 * `sending` and result writes (8 each), "Acknowledged on" on Cases (keyed write 8, tab 1) and the Audit
 * append (8). A keyed write is a snapshot of the tab (2), 2 per block written and a check of headers and
 * keys afterwards (4); an append reads the header row (3) at append time and again after writing (2), in
 * case a column moved in between.
 */
const SENDER_OUTBOX_ONLY_CALLS = 53;
/** The submissions' waiting Audit entries appended in one go (audit.ts), after the letters. */
const WAITING_AUDIT_CALLS = 10;
/**
 * With notices on Staff mail too: that tab's read (4), its `sending` write (8) and result write (8); and
 * the Audit entries of the submissions before it, which wait in script properties for this run: one
 * append (10), whatever their number.
 */
const SENDER_SHEET_CALLS = SENDER_OUTBOX_ONLY_CALLS + 20 + WAITING_AUDIT_CALLS;

describe('reminders', () => {
  it('reminds the handler before each 28-day update over 120 days of an open Wiltshire case', () => {
    const office = new Office('wiltshire');
    // The sender runs once after each day's 7am sweep rather than every 10 minutes, to keep the test quick.
    const sender = office.emu.triggers.findIndex((t) => t.handler === 'sendQueuedMail');
    expect(sender).toBeGreaterThanOrEqual(0);
    office.emu.triggers.splice(sender, 1);
    office.submit();
    office.send();
    const start = office.emu.now.getTime();
    const updatesSent: string[] = [];
    for (let day = 1; day <= 120; day++) {
      office.emu.advanceTo(new Date(start + day * 86_400_000));
      office.send();
      office.emu.invocations.length = 0;
      const due = office.staffMail().filter((r) => r['Kind'] === 'update-due' && r['Variant'] === '');
      if (due.length > updatesSent.length) {
        // The handler sends the update the day the reminder arrives, and records it as staff would.
        const today = office.emu.now.toISOString().slice(0, 10);
        updatesSent.push(today);
        const cases = office.emu.sheetValues('Cases');
        const col = String.fromCharCode(65 + cases[0]!.indexOf('Last update sent'));
        office.emu.edit('Cases', `${col}2`, new Date(today));
      }
    }
    const reminders = office.staffMail().filter((r) => r['Kind'] === 'update-due' && r['Variant'] === '');
    expect(office.outbox().filter((r) => r['Kind'] === 'update-due')).toEqual([]);
    const marks = reminders.map((r) => String(r['Key']).split('|')[3]!);
    expect(marks.length).toBeGreaterThanOrEqual(4);
    expect(new Set(marks).size).toBe(marks.length);
    // Each reminder arrived before its 28-day mark, and within 28 days of the last update.
    marks.forEach((mark, i) => {
      expect(updatesSent[i]! <= mark).toBe(true);
      const since = i === 0 ? '2026-03-02' : updatesSent[i - 1]!;
      expect((Date.parse(mark) - Date.parse(since)) / 86_400_000).toBe(28);
    });
    const sent = office.emu.mail.sent.filter(
      (m) => m.to === 'complaints-team-leader@opcc.example' && m.subject.startsWith('Progress update due'),
    );
    expect(sent).toHaveLength(marks.length);
    expect(office.outbox().filter((r) => r['Kind'] === 'overdue')).toHaveLength(0);
  });

  it('keeps the member of staff complained about informed where the policy says so', () => {
    const office = new Office('wiltshire');
    office.submit();
    const cases = office.emu.sheetValues('Cases');
    const col = String.fromCharCode(65 + cases[0]!.indexOf('Email of person complained about'));
    office.emu.edit('Cases', `${col}2`, 'j.bloggs@opcc.example');
    office.emu.advanceTo(new Date('2026-03-27T12:00:00Z'));
    const toSubject = office.emu.mail.sent.filter((m) => m.to === 'j.bloggs@opcc.example');
    expect(toSubject.map((m) => m.subject)).toEqual([
      'The complaint about you: update due by Monday 30 March 2026 (WIL-2026-0001)',
    ]);
    expect(office.outbox().filter((r) => r['Audience'] === 'subject')).toHaveLength(1);
  });
});

describe('checking templates', () => {
  it('reports unknown placeholders and missing rows in plain English, in an alert', () => {
    const office = new Office('dyfed-powys');
    const sheet = office.emu.spreadsheet.getSheetByName('Templates')!;
    const rows = office.emu.sheetValues('Templates');
    const ack = rows.findIndex((r) => r[0] === 'acknowledgement' && r[1] === 'en') + 1;
    sheet.getRange(ack, 4).setValue('Your complaint {{refernce}}');
    sheet.deleteRow(rows.findIndex((r) => r[0] === 'outcome' && r[1] === 'cy') + 1);
    const text = String(office.emu.run('checkTemplates').result);
    expect(text).toContain(
      `acknowledgement (en): {{refernce}} is not a placeholder we know (did you mean {{reference}}?). [row ${ack}]`,
    );
    expect(text).toContain('outcome (cy): there is no row for this letter in Welsh');
    expect(office.emu.ui.alerts.at(-1)!.title).toBe('Letter templates');
    expect(office.emu.ui.alerts.at(-1)!.message).toBe(text);
  });

  it('says so when every template is fine', () => {
    const office = new Office('wiltshire');
    expect(office.emu.run('checkTemplates').result).toBe('All letter templates are fine.');
  });
});
