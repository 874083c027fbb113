import { describe, expect, it } from 'vitest';
import { Office } from './harness';

const complainantMail = (office: Office) =>
  office.emu.mail.sent.filter((m) => !m.to.endsWith('@opcc.example'));

describe('first letters', () => {
  it('gives every in-scope submission with an email exactly one acknowledgement in one sender run', () => {
    const office = new Office('wiltshire');
    for (let i = 0; i < 5; i++) office.submit({ name: `Person ${i}`, email: `person${i}@example.org` });
    office.emu.run('sendQueuedMail');
    office.emu.run('sendQueuedMail');
    const acks = complainantMail(office);
    expect(acks).toHaveLength(5);
    expect(new Set(acks.map((m) => m.to)).size).toBe(5);
    expect(acks.every((m) => m.subject.startsWith('We have received your complaint'))).toBe(true);
  });

  it('sends an out-of-scope complaint one redirect letter and no acknowledgement', () => {
    const office = new Office('west-midlands');
    office.submit({ subject: 'police' });
    office.emu.run('sendQueuedMail');
    const mail = complainantMail(office);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toMatch(/^About your complaint/);
    expect(mail[0]!.body).toMatch(/police/i);
    expect(office.outbox().map((r) => r['Letter'])).toEqual(['redirect']);
  });

  it('acknowledges a Welsh-language submission in Welsh', () => {
    const office = new Office('dyfed-powys');
    office.submit({ language: 'cy' });
    office.emu.run('sendQueuedMail');
    const [ack] = complainantMail(office);
    expect(ack!.subject).toBe('Rydym wedi cael eich cwyn (DP-2026-0001)');
    expect(ack!.body).toMatch(/^Annwyl Alex Morgan,/);
    expect(ack!.body).toMatch(/Yn gywir/);
  });

  it('escapes a name containing <script> in the HTML body and keeps it in the plain text', () => {
    const office = new Office('wiltshire');
    office.submit({ name: '<script>alert(1)</script> Smith' });
    office.emu.run('sendQueuedMail');
    const [ack] = complainantMail(office);
    expect(ack!.htmlBody).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Smith');
    expect(ack!.htmlBody).not.toContain('<script>');
    expect(ack!.body).toContain('<script>alert(1)</script> Smith');
  });

  it('holds outcome letters for approval and sends them once approved', () => {
    const office = new Office('wiltshire');
    office.submit();
    office.emu.run('sendQueuedMail');
    office.edit('WIL-2026-0001', 'Outcome', 'Upheld: apology with an explanation');
    office.edit('WIL-2026-0001', 'Stage', 'Closed: appeal window open');
    const outcome = office.outbox().find((r) => r['Letter'] === 'outcome')!;
    expect(outcome['Status']).toBe('awaiting-approval');
    office.emu.run('sendQueuedMail');
    expect(complainantMail(office).map((m) => m.subject)).not.toContain(
      'The outcome of your complaint (WIL-2026-0001)',
    );
    const rows = office.emu.sheetValues('Outbox');
    const statusCol = rows[0]!.indexOf('Status');
    const row = rows.findIndex((r) => r[2] === 'outcome') + 1;
    office.emu.edit('Outbox', `${String.fromCharCode(65 + statusCol)}${row}`, 'approved');
    office.emu.run('sendQueuedMail');
    expect(complainantMail(office).map((m) => m.subject)).toContain(
      'The outcome of your complaint (WIL-2026-0001)',
    );
  });
});

describe('the sender', () => {
  it('sends 5 today and 7 tomorrow with 5 left of the daily quota and 12 letters queued, none twice', () => {
    const office = new Office('wiltshire', new Date('2026-03-02T09:00:00Z'), { mailQuota: 100 });
    office.emu.mail.spend(95);
    // Staff letters would share the quota; this office has no directory, so only complainants' letters go.
    const settings = office.emu.spreadsheet.getSheetByName('Settings')!;
    office.emu.sheetValues('Settings').forEach((r, i) => {
      if (String(r[0]).startsWith('role:')) settings.getRange(i + 1, 3).setValue('');
    });
    for (let i = 0; i < 12; i++) office.submit({ name: `Person ${i}`, email: `p${i}@example.org` });
    office.emu.run('sendQueuedMail');
    office.emu.run('sendQueuedMail');
    expect(office.emu.mail.sent).toHaveLength(5);
    office.emu.advanceTo(new Date('2026-03-03T10:00:00Z'));
    const toComplainants = complainantMail(office);
    expect(toComplainants).toHaveLength(12);
    expect(new Set(toComplainants.map((m) => m.to)).size).toBe(12);
    expect(toComplainants.filter((m) => m.at < new Date('2026-03-03T00:00:00Z'))).toHaveLength(5);
  });

  it('resumes after dying at the 4th of 10 letters and sends exactly the other 7', () => {
    const office = new Office('wiltshire');
    const settings = office.emu.spreadsheet.getSheetByName('Settings')!;
    office.emu.sheetValues('Settings').forEach((r, i) => {
      if (String(r[0]).startsWith('role:')) settings.getRange(i + 1, 3).setValue('');
    });
    for (let i = 0; i < 10; i++) office.submit({ name: `Person ${i}`, email: `p${i}@example.org` });
    const mail = office.emu.mail;
    // The first run may send only three (the day's quota), so three letters go...
    mail.setQuota(3);
    office.emu.run('sendQueuedMail');
    expect(mail.sent).toHaveLength(3);
    // ...then, with quota to spare, Google stops the next run during the fourth send.
    mail.setQuota(100);
    mail.failNext(1, 'Exceeded maximum execution time');
    expect(() => office.emu.run('sendQueuedMail')).toThrow(/Exceeded maximum execution time/);
    expect(mail.sent).toHaveLength(3);
    office.emu.run('sendQueuedMail');
    expect(mail.sent.length).toBe(10);
    expect(new Set(mail.sent.map((m) => m.to)).size).toBe(10);
    const letters = office.outbox().filter((r) => r['For'] === 'complainant');
    expect(letters.map((r) => r['Status'])).toEqual(new Array(10).fill('sent'));
  });

  it('never sends twice when a letter was in flight as the run died', () => {
    const office = new Office('wiltshire');
    office.submit();
    const sheet = office.emu.spreadsheet.getSheetByName('Outbox')!;
    const rows = office.emu.sheetValues('Outbox');
    const statusCol = rows[0]!.indexOf('Status') + 1;
    const key = String(rows[1]![0]);
    // A previous run marked the row and recorded the attempt, then died before writing the result.
    sheet.getRange(2, statusCol).setValue('sending');
    office.emu.properties.script[`mail:${key}`] = 'attempt';
    office.emu.run('sendQueuedMail');
    expect(office.emu.mail.sent.filter((m) => m.to === 'alex.morgan@example.org')).toHaveLength(0);
    expect(office.outbox()[0]!['Status']).toBe('check-before-resending');
  });

  it('sends nothing while another run holds the lock', () => {
    const office = new Office('wiltshire');
    office.submit();
    office.emu.lock.holdByAnotherProcess(true);
    const inv = office.emu.run('sendQueuedMail');
    expect(inv.result).toMatchObject({ busy: true, sent: 0 });
    office.emu.lock.holdByAnotherProcess(false);
    office.emu.run('sendQueuedMail');
    office.emu.run('sendQueuedMail');
    expect(office.emu.mail.sent.filter((m) => m.to === 'alex.morgan@example.org')).toHaveLength(1);
  });

  it('retries a failed send with backoff, then flags it for staff', () => {
    const office = new Office('wiltshire');
    office.submit();
    office.emu.mail.failNext(20, 'Invalid email: alex.morgan@example.org');
    for (let i = 0; i < 8; i++) office.emu.advanceBy(6 * 3600_000);
    const row = office.outbox().find((r) => r['Letter'] === 'acknowledgement')!;
    expect(row['Status']).toBe('failed');
    expect(row['Attempts']).toBe(5);
    expect(String(row['Last error'])).not.toContain('alex.morgan@example.org');
  });

  it('makes the same sheet service calls with 1 and with 200 letters queued', () => {
    const sheetCalls = (calls: Record<string, number>) =>
      Object.entries(calls)
        .filter(([k]) => /^(Spreadsheet|Sheet|Range|SpreadsheetApp)\./.test(k))
        .reduce((n, [, v]) => n + v, 0);
    const one = new Office('wiltshire');
    one.submit();
    const many = new Office('wiltshire', new Date('2026-03-02T09:00:00Z'), { mailQuota: 500 });
    for (let i = 0; i < 100; i++) many.submit({ name: `Person ${i}`, email: `p${i}@example.org` });
    expect(many.outbox()).toHaveLength(200);
    const a = one.emu.run('sendQueuedMail').stats.calls;
    const b = many.emu.run('sendQueuedMail').stats.calls;
    expect(sheetCalls(b)).toBe(sheetCalls(a));
    expect(sheetCalls(a)).toBe(48);
    expect(b['MailApp.sendEmail']).toBe(200);
  });
});

describe('reminders', () => {
  it('reminds the handler before each 28-day update over 120 days of an open Wiltshire case', () => {
    const office = new Office('wiltshire', new Date('2026-03-02T09:00:00Z'));
    // The sender runs after each day's sweep here instead of every 15 minutes, to keep the test quick.
    office.emu.triggers.splice(
      office.emu.triggers.findIndex((t) => t.handler === 'sendQueuedMail'),
      1,
    );
    office.submit();
    office.emu.run('sendQueuedMail');
    const end = new Date('2026-06-30T09:00:00Z').getTime();
    const updatesSent: string[] = [];
    // The handler sends each update on the day the reminder arrives and records it, as staff would.
    while (office.emu.now.getTime() < end) {
      office.emu.advanceBy(86_400_000);
      office.emu.run('sendQueuedMail');
      const due = office
        .outbox()
        .filter((r) => r['Letter'] === 'update-due')
        .map((r) => String(r['Key']).split('|')[3]!);
      if (due.length > updatesSent.length) {
        const today = office.emu.now;
        updatesSent.push(today.toISOString().slice(0, 10));
        office.edit('WIL-2026-0001', 'Last update sent', new Date(today.toISOString().slice(0, 10)));
      }
    }
    const reminders = office.outbox().filter((r) => r['Letter'] === 'update-due');
    const marks = reminders.map((r) => String(r['Key']).split('|')[3]!);
    expect(marks.length).toBeGreaterThanOrEqual(4);
    expect(new Set(marks).size).toBe(marks.length);
    marks.forEach((mark, i) => expect(updatesSent[i]! <= mark).toBe(true));
    const sent = office.emu.mail.sent.filter((m) => m.subject.startsWith('Progress update due'));
    expect(sent).toHaveLength(marks.length);
    expect(office.rows('Outbox').filter((r) => r['Letter'] === 'overdue')).toHaveLength(0);
  });

  it('keeps the member of staff complained about informed where the policy says so, when staff give an address', () => {
    const office = new Office('wiltshire', new Date('2026-03-02T09:00:00Z'));
    office.submit();
    office.submit({ name: 'Second Person', email: 'second@example.org' });
    office.edit('WIL-2026-0001', 'Email of person complained about', 'j.bloggs@opcc.example');
    office.emu.advanceTo(new Date('2026-03-27T12:00:00Z'));
    const toSubject = office.emu.mail.sent.filter((m) => m.to === 'j.bloggs@opcc.example');
    expect(toSubject.map((m) => m.subject)).toEqual([
      'The complaint about you: update due by Monday 30 March 2026 (WIL-2026-0001)',
    ]);
    expect(office.outbox().filter((r) => r['Variant'] === 'subject')).toHaveLength(1);
  });
});
