/**
 * Issue 11 through the built bundle: retention that removes a person's data everywhere it lives, a
 * subject access search in one click, one person's cases linked, an unreasonable-contact arrangement,
 * and the Reports tab's figures.
 */
import { describe, expect, it } from 'vitest';
import { Office } from './harness';
import { caseFacts } from '../../src/gas/reports-tab';
import { quarterOf } from '../../src/core/reports';
import type { Cell } from '../../src/gas/table';

const ALEX = {
  name: 'Alex Morgan',
  email: 'alex.morgan@example.org',
  phone: '07700 900123',
  address: '14 Canal Walk, Swindon SN1 2AB',
};

/** Every text of every tab, the Form's responses included, that still holds one of the person's details. */
function mentionsOf(o: Office, details: readonly string[]): string[] {
  const wanted = details.map((d) => d.toLowerCase());
  const digits = ALEX.phone.replace(/\D/g, '');
  const found: string[] = [];
  for (const sheet of o.emu.spreadsheet.getSheets()) {
    o.emu.sheetValues(sheet.getName()).forEach((row, r) =>
      row.forEach((cell, c) => {
        const text = String(cell).toLowerCase();
        if (wanted.some((w) => text.includes(w)) || text.replace(/\D/g, '').includes(digits.slice(1)))
          found.push(`${sheet.getName()}!R${r + 1}C${c + 1}`);
      }),
    );
  }
  for (const response of o.emu.formResponses()) {
    const text = JSON.stringify(response).toLowerCase();
    if (wanted.some((w) => text.includes(w)) || text.replace(/\D/g, '').includes(digits.slice(1)))
      found.push('the Form');
  }
  return found;
}

/** Two complaints from Alex (the second by phone number written differently) and one about them. */
function alexOffice(start = new Date('2019-06-03T09:00:00Z')): Office {
  const o = new Office('wiltshire', start);
  o.submit({ ...ALEX, preferredContact: 'email' });
  o.emu.advanceBy(3_600_000);
  o.submit({
    name: 'Alex Morgan',
    email: '',
    phone: '+44 7700 900123',
    preferredContact: 'phone',
    description: 'The office lost the documents I posted to them in May about my neighbour dispute.',
  });
  o.emu.advanceBy(3_600_000);
  o.submit({
    name: 'Sam Jones',
    email: 'sam.jones@example.org',
    subjectName: 'Alex Morgan',
    relationship: 'affected',
    subject: 'staff',
    description: 'My colleague Alex Morgan shouted at me in the office in front of visitors last week.',
  });
  return o;
}

describe('"Find everything about a person…" (subject access, UK GDPR art. 15; 002 §3 "Data protection")', () => {
  it('finds both of their complaints, the complaint about them, every letter sent to them and their form responses; the export marks fields naming others', () => {
    const o = alexOffice();
    o.emu.advanceBy(86_400_000);
    const run = o.emu.run('findPersonData', 'alex morgan');
    if (run.error) throw run.error;
    const result = run.result as {
      records: {
        kind: string;
        reference: string;
        relation: string;
        fields: { field: string; value: string; namesOthers: string }[];
      }[];
      counts: { cases: number; letters: number };
    };
    const cases = result.records.filter((r) => r.kind === 'Case');
    expect(cases.map((c) => [c.reference, c.relation])).toEqual([
      ['WIL-2019-0001', 'complainant'],
      ['WIL-2019-0002', 'complainant'],
      ['WIL-2019-0003', 'complained about'],
    ]);
    // Every letter to them: each Outbox row for the complainant of their two cases.
    const theirs = o
      .outbox()
      .filter((l) => ['WIL-2019-0001', 'WIL-2019-0002'].includes(String(l['Reference'])))
      .map((l) => String(l['Key']));
    expect(theirs.length).toBeGreaterThanOrEqual(2);
    const exported = result.records.filter((r) => r.kind === 'Letter');
    for (const key of theirs)
      expect(
        exported.some(
          (l) =>
            l.fields.some((f) => f.field === 'Body') &&
            o.outbox().some((row) => row['Key'] === key && row['Reference'] === l.reference),
        ),
      ).toBe(true);
    expect(exported.length).toBeGreaterThanOrEqual(theirs.length);
    // The complaint about them names the complainant: marked, for redaction before release.
    const about = cases.find((c) => c.relation === 'complained about')!;
    expect(about.fields.find((f) => f.field === 'Complainant')).toMatchObject({
      value: 'Sam Jones',
      namesOthers: 'yes',
    });
    const own = cases.find((c) => c.reference === 'WIL-2019-0001')!;
    expect(own.fields.find((f) => f.field === 'Email')).toMatchObject({ value: ALEX.email, namesOthers: '' });
    expect(result.records.filter((r) => r.kind === 'Form response')).toHaveLength(3);
    // The dialog offers the download built in the browser, and the data it builds it from.
    const dialog = o.emu.ui.dialogs.at(-1)!;
    expect(dialog.title).toBe('Everything we hold about a person');
    expect(dialog.html).toContain('Download as CSV');
    expect(dialog.html).toContain('WIL-2019-0003');
    expect(dialog.html).not.toMatch(/<\/script>[\s\S]*<\/script>[\s\S]*<\/script>/);
    // The search is audited without what was searched for.
    const audit = o.rows('Audit').find((r) => r['Action'] === 'subject access search')!;
    expect(String(audit['Detail'])).toContain('3 case(s)');
    expect(JSON.stringify(audit).toLowerCase()).not.toContain('alex');
  });

  it('finds them by email or by phone written another way, and says how to search when given too little', () => {
    const o = alexOffice();
    const byEmail = o.emu.run('findPersonData', 'Alex.Morgan@Example.org ').result as {
      counts: { cases: number };
    };
    expect(byEmail.counts.cases).toBe(1);
    const byPhone = o.emu.run('findPersonData', '0770-090-0123').result as {
      records: { reference: string; kind: string }[];
    };
    expect(byPhone.records.filter((r) => r.kind === 'Case').map((r) => r.reference)).toEqual([
      'WIL-2019-0001',
      'WIL-2019-0002',
    ]);
    const tooShort = o.emu.run('findPersonData', 'Al').result as { ok: boolean };
    expect(tooShort.ok).toBe(false);
    expect(o.emu.ui.alerts.at(-1)!.message).toMatch(/email address, a phone number, or a name/);
  });
});

describe('"Related cases": one person\'s complaints linked by email or phone', () => {
  it('links the two complaints whose phone numbers are written differently, in the column and the sidebar', () => {
    const o = alexOffice();
    o.emu.advanceBy(86_400_000);
    o.emu.run('runDailySweep');
    const related = Object.fromEntries(o.cases().map((c) => [c['Reference'], c['Related cases']]));
    expect(related).toEqual({
      'WIL-2019-0001': 'WIL-2019-0002',
      'WIL-2019-0002': 'WIL-2019-0001',
      'WIL-2019-0003': '',
    });
    const view = o.emu.run('caseSidebarCase', 'WIL-2019-0002').result as { related: { reference: string }[] };
    expect(view.related.map((r) => r.reference)).toEqual(['WIL-2019-0001']);
  });
});

describe('Unreasonable contact (000 §11 "may decide to no longer respond"; Wiltshire unreasonable contact management)', () => {
  it("letters follow the arrangement's channel, and its review day is chased as a deadline even once the case is closed", () => {
    const o = new Office('wiltshire', new Date('2019-06-03T09:00:00Z'));
    o.submit({ ...ALEX, preferredContact: 'email' });
    o.edit('WIL-2019-0001', 'Contact only through', 'Complaints Team Leader');
    o.edit('WIL-2019-0001', 'Contact only by', 'Post');
    o.edit('WIL-2019-0001', 'Review contact arrangement by', new Date('2019-06-14T00:00:00Z'));
    const audit = o.rows('Audit').filter((r) => String(r['Action']).startsWith('contact arrangement'));
    expect(audit).toHaveLength(3);
    // The unsent acknowledgement is re-addressed to go by post.
    const ack = o
      .outbox()
      .find((l) => l['Reference'] === 'WIL-2019-0001' && l['Kind'] === 'acknowledgement')!;
    expect(ack['Send by']).toBe('post');
    const refused = o.emu.edit('Cases', o.cell('WIL-2019-0001', 'Contact only by'), 'Carrier pigeon');
    expect(refused[0]!.error).toBeFalsy();
    expect(o.cases()[0]!['Contact only by']).toBe('Post');
    o.edit('WIL-2019-0001', 'Acknowledged on', new Date('2019-06-03T00:00:00Z'));
    o.edit('WIL-2019-0001', 'Outcome', o.profile.outcomes[0]!.label);
    o.edit('WIL-2019-0001', 'Stage', 'Closed: appeal window open');
    o.emu.advanceTo(new Date('2019-06-12T09:00:00Z'));
    o.emu.run('runDailySweep');
    expect(o.cases()[0]).toMatchObject({
      'What is due': expect.stringContaining('Review the contact arrangement by 14/06/2019'),
    });
    o.emu.advanceTo(new Date('2019-06-18T09:00:00Z'));
    o.emu.run('runDailySweep');
    expect(o.cases()[0]!['Status']).toBe('Overdue');
    // The outcome letter, queued while the arrangement stands, tells them how to reach the office.
    const letter = o.outbox().find((l) => l['Reference'] === 'WIL-2019-0001' && l['Kind'] === 'outcome')!;
    expect(String(letter['Body'])).toMatch(
      /^'?Dear Alex Morgan,\n\nAs we have told you, please contact our Complaints Team Leader only, by post\. We will review this arrangement by Friday 14 June 2019\.\n\n/,
    );
    const view = o.emu.run('caseSidebarCase', 'WIL-2019-0001').result as { arrangement: string };
    expect(view.arrangement).toBe(
      'Contact only through Complaints Team Leader, by post only, review by 14/06/2019',
    );
  });
});

describe('"Contact only by" a channel the case has no detail for', () => {
  it('holds the letter for staff instead of sending it another way, and sends it that way once the detail is added', () => {
    const o = new Office('wiltshire');
    o.submit({ name: 'Robin Hale', email: 'robin.hale@example.org', preferredContact: 'email' });
    o.edit('WIL-2026-0001', 'Contact only through', 'Complaints Team Leader');
    o.edit('WIL-2026-0001', 'Contact only by', 'Phone');
    const ack = () =>
      o.outbox().find((l) => l['Reference'] === 'WIL-2026-0001' && l['Kind'] === 'acknowledgement')!;
    expect(ack()).toMatchObject({
      'Send by': 'phone',
      Status: 'failed',
      To: '',
      'Last error':
        'The contact arrangement says by phone only, but the case has no phone number: add one or change the arrangement',
    });
    o.emu.advanceBy(15 * 60_000);
    o.emu.run('sendQueuedMail');
    expect(o.emu.mail.sent.filter((m) => m.to === 'robin.hale@example.org')).toEqual([]);
    o.edit('WIL-2026-0001', 'Phone', '07700 900456');
    expect(ack()).toMatchObject({ 'Send by': 'phone', Status: 'phone', 'Last error': '' });
    // Ended, letters go the way the person asked again.
    o.edit('WIL-2026-0001', 'Contact only by', '');
    expect(ack()).toMatchObject({ 'Send by': 'email', Status: 'queued', To: 'robin.hale@example.org' });
  });
});

describe('"Keep complaint records for (years)" where the policy sets no period (Dyfed-Powys, West Midlands)', () => {
  it('counts the years typed from the last contact, and says so on the Dashboard when what is typed cannot be used', () => {
    const o = new Office('dyfed-powys', new Date('2019-06-03T09:00:00Z'));
    o.submit({ subject: 'police', description: 'An officer was rude to me when I reported a burglary.' });
    expect(o.cases()[0]!['Stage']).toMatch(/^Redirected/);
    const setRetention = (value: string) => {
      const i = o.emu.sheetValues('Settings').findIndex((r) => r[0] === 'retention-years');
      o.emu.edit('Settings', `C${i + 1}`, value);
    };
    const flagged = () => /retention date/.test(String(o.cases()[0]!['What is due']));
    const dashboard = () => o.emu.sheetValues('Dashboard').flat().map(String).join('\n');
    const applied = () => o.emu.sheetValues('Settings').find((r) => r[0] === 'retention-applied')![2];
    // A Settings tab from before the retention-applied row: the first morning run adds it.
    const settings = o.emu.spreadsheet.getSheetByName('Settings')!;
    settings.deleteRow(o.emu.sheetValues('Settings').findIndex((r) => r[0] === 'retention-applied') + 1);
    o.emu.jumpTo(new Date('2023-07-03T08:00:00Z'));
    o.emu.run('runDailySweep');
    expect(flagged()).toBe(false);
    expect(applied()).toBe(6);
    expect(o.emu.sheetValues('Settings').find((r) => r[0] === 'retention-applied')![1]).toBe(
      'Keep record until worked out with (years) (set by the script)',
    );
    // Shortened to 3 years: "Apply retention…" goes by it at once, before the morning run has reworked
    // the "Keep record until" days.
    setRetention('3');
    o.emu.respondWith('NO');
    o.emu.run('applyRetention');
    expect(o.emu.ui.alerts.at(-1)!.message).toMatch(/^1 record\(s\) are past their retention date:\s+DP-/);
    expect(o.cases()[0]!['Complainant']).toBe('Alex Morgan');
    o.emu.run('runDailySweep');
    expect(flagged()).toBe(true);
    expect(String(o.cases()[0]!['What is due'])).toContain('(03/06/2022)');
    expect(applied()).toBe(3);
    expect(dashboard()).not.toMatch(/Keep complaint records for/);
    // A period that is not whole years falls back to the default (6 years: not yet due) and says so.
    setRetention('seven');
    o.emu.run('runDailySweep');
    expect(flagged()).toBe(false);
    expect(applied()).toBe(6);
    expect(dashboard()).toContain(
      '"Keep complaint records for (years)" on the Settings tab is not a whole number of years from 1 to 100, so 6 years are used until it is corrected.',
    );
  });
});

describe("Retention is per record: another case still within its own period keeps the person's details", () => {
  it('their later complaint and a complaint about them stay whole, letters and form responses included, and are named', () => {
    const o = new Office('wiltshire', new Date('2019-06-03T09:00:00Z'));
    o.submit({ ...ALEX, preferredContact: 'email' });
    o.edit('WIL-2019-0001', 'Acknowledged on', new Date('2019-06-03T00:00:00Z'));
    o.edit('WIL-2019-0001', 'Outcome', o.profile.outcomes[0]!.label);
    o.edit('WIL-2019-0001', 'Stage', 'Closed: appeal window open');
    settleLetters(o, ['WIL-2019-0001']);
    o.emu.advanceTo(new Date('2019-06-10T09:00:00Z'));
    settleLetters(o, ['WIL-2019-0001']);
    o.emu.run('runDailySweep');
    // Seven years on, Alex complains again, and a colleague complains about Alex.
    o.emu.jumpTo(new Date('2026-07-01T08:00:00Z'));
    o.submit({ ...ALEX, preferredContact: 'email', description: 'Nobody replied to my letter of 2 June.' });
    o.submit({
      name: 'Sam Jones',
      email: 'sam.jones@example.org',
      subjectName: 'Alex Morgan',
      description: 'Alex Morgan shouted at me in the office in front of visitors last week.',
    });
    o.emu.run('runDailySweep');
    const lettersBefore = o.outbox().filter((l) => String(l['Reference']).startsWith('WIL-2026'));
    const responsesBefore = o.emu.formResponses().length;
    o.emu.respondWith('YES');
    const run = o.emu.run('applyRetention');
    if (run.error) throw run.error;
    expect(run.result).toMatchObject({
      anonymised: ['WIL-2019-0001'],
      keptIn: ['WIL-2026-0001', 'WIL-2026-0002'],
      formResponses: 1,
    });
    expect(o.emu.ui.alerts.at(-1)!.message).toContain(
      'Their details also appear in WIL-2026-0001, WIL-2026-0002, not yet past their own retention date: those records are kept whole until then.',
    );
    const byRef = (r: string) => o.cases().find((c) => c['Reference'] === r)!;
    expect(byRef('WIL-2019-0001')).toMatchObject({ Complainant: '(removed)', Email: '' });
    expect(byRef('WIL-2026-0001')).toMatchObject({ Complainant: ALEX.name, Email: ALEX.email });
    expect(String(byRef('WIL-2026-0002')['What happened'])).toContain('Alex Morgan shouted');
    expect(o.outbox().filter((l) => String(l['Reference']).startsWith('WIL-2026'))).toEqual(lettersBefore);
    expect(o.emu.formResponses()).toHaveLength(responsesBefore - 1);
    expect(
      o
        .rows('Form responses 1')
        .map((r) => JSON.stringify(r))
        .filter((r) => r.includes(ALEX.email)),
    ).toHaveLength(1);
  });
});

describe('A shared sheet as staff leave it: Settings sorted and given a column, Cases given a column', () => {
  it('a changed retention period still reaches the dates and the Settings row, and retention still finds the case', () => {
    const o = new Office('dyfed-powys', new Date('2019-06-03T09:00:00Z'));
    o.submit({ subject: 'police', description: 'An officer was rude to me when I reported a burglary.' });
    const settings = o.emu.spreadsheet.getSheetByName('Settings')!;
    // Staff sort Settings by its labels and add a column of their own before Value.
    settings.getRange(2, 1, settings.getLastRow() - 1, settings.getLastColumn()).sort(2);
    settings.insertColumnBefore(3);
    settings.getRange(1, 3).setValue('Who to ask');
    const cases = o.emu.spreadsheet.getSheetByName('Cases')!;
    cases.insertColumnBefore(2);
    cases.getRange(1, 2).setValue('Our notes');
    const at = (key: string) => o.emu.sheetValues('Settings').findIndex((r) => r[0] === key);
    const value = (key: string) => o.emu.sheetValues('Settings')[at(key)]![3];
    o.emu.edit('Settings', `D${at('retention-years') + 1}`, '3');
    o.emu.jumpTo(new Date('2023-07-03T08:00:00Z'));
    const sweep = o.emu.run('runDailySweep');
    if (sweep.error) throw sweep.error;
    expect(value('retention-applied')).toBe(3);
    expect(o.emu.sheetValues('Settings')[at('retention-applied')]![2]).toBe('');
    expect(String(o.cases()[0]!['What is due'])).toContain('Past its retention date (03/06/2022)');
    o.emu.respondWith('YES');
    const run = o.emu.run('applyRetention');
    if (run.error) throw run.error;
    expect((run.result as { anonymised: string[] }).anonymised).toHaveLength(1);
    expect(o.cases()[0]).toMatchObject({ Complainant: '(removed)', 'Our notes': '' });
  });
});

/** Staff approve each waiting letter of the cases (guidance replaced by an explanation) and mark calls made. */
function settleLetters(o: Office, references: readonly string[]): void {
  const values = o.emu.sheetValues('Outbox');
  const headers = values[0]!.map(String);
  const col = (h: string) => headers.indexOf(h) + 1;
  const sheet = o.emu.spreadsheet.getSheetByName('Outbox')!;
  values.slice(1).forEach((row, i) => {
    if (!references.includes(String(row[col('Reference') - 1]))) return;
    const status = String(row[col('Status') - 1]);
    const a1 = (c: number) => sheet.getRange(i + 2, c).getA1Notation();
    if (status === 'awaiting-approval') {
      const body = String(row[col('Body') - 1]).replace(/^'/, '');
      o.emu.edit(
        'Outbox',
        a1(col('Body')),
        body.replace(/^[ \t]*\[[^\]\n]*\][ \t]*$/gm, 'We looked into it.'),
      );
      o.emu.edit('Outbox', a1(col('Status')), 'approved');
    }
    if (status === 'phone') o.emu.edit('Outbox', a1(col('Status')), 'phoned');
    if (status === 'print') o.emu.edit('Outbox', a1(col('Status')), 'printed');
  });
}

describe('"The retention period for complaint records shall be 6 years from the date of last contact" (002 §3)', () => {
  it('"Apply retention…" removes the person from every tab and the Form, and the Reports figures for their quarter do not move', () => {
    const o = alexOffice();
    const outcome = o.profile.outcomes[0]!.label;
    const all = ['WIL-2019-0001', 'WIL-2019-0002', 'WIL-2019-0003'];
    for (const reference of all) {
      o.edit(reference, 'Acknowledged on', new Date('2019-06-03T00:00:00Z'));
      o.edit(reference, 'Outcome', outcome);
      o.edit(reference, 'Stage', 'Closed: appeal window open');
    }
    settleLetters(o, all);
    o.emu.advanceTo(new Date('2019-06-10T09:00:00Z'));
    settleLetters(o, all);
    o.emu.run('runDailySweep');
    o.emu.jumpTo(new Date('2026-07-01T08:00:00Z'));
    const sweep = o.emu.run('runDailySweep');
    if (sweep.error) throw sweep.error;
    // The figures for 2019/20, the year their complaints were received, line by line.
    const year = () => {
      const rows = o.emu.sheetValues('Reports');
      const column = rows.find((r) => r[0] === 'Measure')!.indexOf('2019/20');
      expect(column).toBeGreaterThan(1);
      return rows.filter((r) => r[1]).map((r) => [r[0], r[column]]);
    };
    const before = year();
    // What every figure of every period (their quarter, Q1 2019/20, included) is counted from, case by case.
    const facts = () => o.cases().map((c) => caseFacts(o.profile, (h) => c[h] as Cell, '2026-07-01'));
    const factsBefore = facts();
    expect(factsBefore.filter((f) => f && quarterOf(f.received).label === 'Q1 2019/20')).toHaveLength(3);
    expect(before).toContainEqual(['Complaints received', 3]);
    expect(before).toContainEqual(['Cases closed', 3]);
    expect(o.cases().filter((c) => /retention date/.test(String(c['What is due'])))).toHaveLength(3);

    // The search can see them before: by phone alone (digits however written), in a tab and in the Form.
    expect(mentionsOf(o, [])).toEqual(
      expect.arrayContaining(['Form responses 1!R2C4', 'Cases!R2C44', 'the Form']),
    );
    o.emu.respondWith('YES');
    const run = o.emu.run('applyRetention');
    if (run.error) throw run.error;
    expect(o.emu.ui.alerts.at(-2)!.message).toMatch(
      /3 record\(s\) are past their retention date:\s+WIL-2019-0001/,
    );
    expect(run.result).toMatchObject({
      anonymised: all,
      responseRows: 3,
      formResponses: 3,
      keptIn: [],
    });
    expect(mentionsOf(o, [ALEX.name, ALEX.email, ALEX.address, 'Canal Walk', 'SN1 2AB'])).toEqual([]);
    // The copies out of the script's reach (MailApp's in the sender's Sent folder) are named for staff.
    expect(o.emu.ui.alerts.at(-1)!.message).toMatch(
      /Sent folder of the account that sent them.*WIL-2019-0001, WIL-2019-0002, WIL-2019-0003 and delete/,
    );
    // What the figures are counted from is kept.
    const kept = o.cases().find((c) => c['Reference'] === 'WIL-2019-0001')!;
    expect(kept).toMatchObject({
      Complainant: '(removed)',
      Email: '',
      Outcome: outcome,
      'Received by': 'Online form',
    });
    expect(String(kept['What is due'])).toMatch(/^Personal data removed on 01\/07\/2026/);
    // Audit says it happened and who did it, not what was erased.
    const done = o.rows('Audit').filter((r) => r['Action'] === 'retention applied');
    expect(done.map((r) => r['Reference'])).toEqual(all);
    o.emu.run('runDailySweep');
    expect(year()).toEqual(before);
    expect(facts()).toEqual(factsBefore);
    // Nothing is listed again, and intake carries on: a new complaint is made as usual.
    o.emu.run('applyRetention');
    expect(o.emu.ui.alerts.at(-1)!.message).toBe('No record is past its retention date.');
    o.submit({ name: 'Robin Hale', email: 'robin@example.org' });
    expect(o.cases().map((c) => c['Reference'])).toContain('WIL-2026-0001');
  });
});
