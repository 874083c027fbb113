/**
 * Issue 9, Deliver 4 and 5 through the built bundle: escalations to the right person, the digest, "met"
 * only when nothing is owed, the person complained about, safeguarding, Dyfed-Powys §5, refusals.
 */
import { describe, expect, it } from 'vitest';
import { Office } from './harness';
import { londonDate } from '../../src/core/calendar';

/** A deadline cell's London day: deadlines are date cells. */
const day = (cell: unknown): string =>
  Object.prototype.toString.call(cell) === '[object Date]' ? londonDate(cell as Date) : String(cell);

const setOutbox = (o: Office, key: string, header: string, value: unknown): void => {
  const tab = o.mailTabOf(key);
  const values = o.emu.sheetValues(tab);
  const row = values.findIndex((r) => r[values[0]!.indexOf('Key')] === key);
  const col = values[0]!.indexOf(header);
  o.emu.spreadsheet
    .getSheetByName(tab)!
    .getRange(row + 1, col + 1)
    .setValue(value);
};

const caseRow = (o: Office, reference: string) => o.cases().find((c) => c['Reference'] === reference)!;

describe('"met" (green) only when nothing is owed to anyone', () => {
  it('002 §4.15 "The complainant will be informed of the outcome": a closed case stays off green while its outcome letter waits, and says so', () => {
    const o = new Office('wiltshire', new Date('2026-03-02T09:00:00Z'));
    o.submit();
    o.edit('WIL-2026-0001', 'Outcome', o.profile.outcomes[0]!.label);
    o.edit('WIL-2026-0001', 'Stage', 'Closed: appeal window open');
    const outcome = o.mail().find((r) => r['Kind'] === 'outcome')!;
    expect(outcome['Status']).toBe('awaiting-approval');
    // Straight away, not only after the next sweep.
    expect(caseRow(o, 'WIL-2026-0001')).toMatchObject({
      Status: 'Due soon',
      'What is due': 'Outcome letter waiting for approval',
    });
    o.emu.advanceTo(new Date('2026-03-03T09:00:00Z'));
    o.emu.run('runDailySweep');
    let row = caseRow(o, 'WIL-2026-0001');
    expect(row['Status']).not.toBe('Met');
    expect(row['What is due']).toBe('Outcome letter waiting for approval');
    // Once it has gone, nothing is owed: green.
    setOutbox(o, String(outcome['Key']), 'Status', 'sent');
    o.emu.advanceTo(new Date('2026-03-04T09:00:00Z'));
    o.emu.run('runDailySweep');
    row = caseRow(o, 'WIL-2026-0001');
    expect(row['Status']).toBe('Met');
  });

  it('000 §9 "You will receive a letter ... to inform you of the outcome": a final Dyfed-Powys case is not shown closed while its outcome letter waits to be printed', () => {
    const o = new Office('dyfed-powys', new Date('2026-03-02T09:00:00Z'));
    o.submit({ preferredContact: 'post', address: '1 Heol y Brenin, Caerfyrddin' });
    o.edit('DP-2026-0001', 'Outcome', o.profile.outcomes[0]!.label);
    o.edit('DP-2026-0001', 'Stage', 'Closed: the outcome is final');
    const outcome = o.mail().find((r) => r['Kind'] === 'outcome')!;
    setOutbox(o, String(outcome['Key']), 'Status', 'print');
    o.emu.advanceTo(new Date('2026-03-03T09:00:00Z'));
    o.emu.run('runDailySweep');
    const row = caseRow(o, 'DP-2026-0001');
    expect(row['Status']).toBe('Due soon');
    expect(row['What is due']).toBe('Outcome letter waiting to be printed and posted');
  });
});

describe('safeguarding raises an immediate alert', () => {
  it('001 ¶9(b) "the designated safeguarding lead will assess the matter": a submission raising safeguarding alerts the safeguarding lead at once and notes it on the case', () => {
    const o = new Office('west-midlands');
    const settings = o.emu.sheetValues('Settings').map((r) => String(r[1]));
    expect(settings).toContain('Email for Safeguarding lead');
    const calls = o.submit({ safeguarding: true }).stats.totalCalls;
    const alert = o.mail().find((r) => r['Variant'] === 'safeguarding')!;
    expect(alert).toMatchObject({
      Kind: 'case-assigned',
      Audience: 'staff',
      'For role': 'safeguarding-lead',
      To: 'safeguarding-lead@opcc.example',
      Status: 'queued',
    });
    expect(String(alert['Subject'])).toContain('Safeguarding concern raised');
    const row = caseRow(o, 'WM-2026-0001');
    expect(String(row['Flags'])).toContain('Safeguarding');
    expect(String(row['Notes'])).toMatch(/Safeguarding concern raised: the Safeguarding lead was alerted/);
    // The note sends staff to the tab that holds the alert.
    expect(String(row['Notes'])).toContain('(see the Staff mail tab)');
    expect(o.mailTabOf(String(alert['Key']))).toBe('Staff mail');
    // The case's Audit entry waits with the ledger and goes on the tab with the next sender run.
    o.emu.run('sendQueuedMail');
    const audit = o.rows('Audit').find((r) => r['Action'] === 'case created')!;
    expect(String(audit['Detail'])).toMatch(/Safeguarding lead was alerted/);
    // Appended with the case-assigned notice: one more appendRow than a submission without it.
    const plain = new Office('west-midlands');
    expect(calls).toBe(plain.submit().stats.totalCalls + 1);
    // Every policy has the role, as data.
    for (const policy of ['wiltshire', 'dyfed-powys']) {
      const other = new Office(policy);
      other.submit({ safeguarding: true });
      expect(other.mail().filter((r) => r['Variant'] === 'safeguarding')).toHaveLength(1);
    }
  });

  it('001 ¶10 "where a safeguarding concern is raised": with no email for the safeguarding lead the alert fails in plain words, and the digest and Dashboard show it', () => {
    const o = new Office('wiltshire', new Date('2026-03-02T09:00:00Z'));
    const values = o.emu.sheetValues('Settings');
    const i = values.findIndex((r) => r[0] === 'role:safeguarding-lead');
    o.emu.spreadsheet
      .getSheetByName('Settings')!
      .getRange(i + 1, 3)
      .setValue('');
    o.submit({ safeguarding: true });
    const alert = o.mail().find((r) => r['Variant'] === 'safeguarding')!;
    expect(alert['Status']).toBe('failed');
    expect(alert['Last error']).toBe('No email address for Safeguarding lead in Settings');
    o.emu.advanceTo(new Date('2026-03-03T09:00:00Z'));
    o.emu.run('runDailySweep');
    const dashboard = Object.fromEntries(o.emu.sheetValues('Dashboard').map((r) => [r[0], r.slice(1)]));
    expect(dashboard['Letters that could not be sent']![0]).toBe(1);
    expect(String(dashboard['Letters that could not be sent']![1])).toContain('WIL-2026-0001');
    const digest = o.mail().find((r) => r['Kind'] === 'digest')!;
    expect(String(digest['Body'])).toContain('Letters that could not be sent: 1: WIL-2026-0001');
  });
});

describe('the member of staff complained about', () => {
  const subjectRows = (o: Office) => o.mail().filter((r) => r['Audience'] === 'subject');

  it('002 §4.6 "the member of staff subject to the complaint should be provided with a copy of the complaint": once staff confirm it may be shared, a copy goes to them, without the complainant\'s contact details, and an update each time the case moves and when it closes', () => {
    const o = new Office('wiltshire');
    o.submit({ desiredOutcome: 'An apology and a call back.', phone: '01225 111222' });
    o.edit('WIL-2026-0001', 'Email of person complained about', 'j.bloggs@opcc.example');
    expect(subjectRows(o).filter((r) => r['Kind'] === 'subject-copy')).toHaveLength(0);
    o.edit('WIL-2026-0001', 'Copy to person complained about', true);
    const copy = o.mail().find((r) => r['Kind'] === 'subject-copy')!;
    expect(copy).toMatchObject({ Audience: 'subject', To: 'j.bloggs@opcc.example', Status: 'queued' });
    const body = String(copy['Body']);
    expect(body).toContain('did not return my calls about my victim support referral');
    expect(body).toContain('An apology and a call back.');
    for (const personal of ['alex.morgan@example.org', '01225 111222', 'Alex Morgan'])
      expect(body).not.toContain(personal);
    // Ticking again, or any later edit, sends no second copy.
    o.edit('WIL-2026-0001', 'Copy to person complained about', false);
    o.edit('WIL-2026-0001', 'Copy to person complained about', true);
    expect(o.mail().filter((r) => r['Kind'] === 'subject-copy')).toHaveLength(1);
    o.edit('WIL-2026-0001', 'Stage', 'Stage 2: handling review by the decision maker');
    o.edit('WIL-2026-0001', 'Outcome', o.profile.outcomes[0]!.label);
    o.edit('WIL-2026-0001', 'Stage', 'Closed: appeal window open');
    const updates = subjectRows(o).filter((r) => r['Kind'] === 'subject-update');
    expect(updates.map((r) => r['Subject'])).toEqual([
      'The complaint that concerns you has moved on: WIL-2026-0001',
      'The complaint that concerns you has been closed: WIL-2026-0001',
    ]);
    expect(String(updates[0]!['Body'])).toContain('Stage 2: handling review by the decision maker');
    expect(new Set(updates.map((r) => r['Key'])).size).toBe(2);
  });

  it('001 ¶12 "Unless the Deputy Chief Executive ... thinks there is a strong reason not to do so": nothing is sent until staff tick the box; a copy agreed before the email was known goes with the next sweep', () => {
    const o = new Office('west-midlands', new Date('2026-03-02T09:00:00Z'));
    o.submit();
    o.edit('WM-2026-0001', 'Stage', 'Stage 2: decision by the Deputy Chief Executive');
    expect(subjectRows(o)).toHaveLength(0);
    o.edit('WM-2026-0001', 'Copy to person complained about', true);
    expect(subjectRows(o)).toHaveLength(0); // no email yet
    o.edit('WM-2026-0001', 'Email of person complained about', 'k.smith@opcc.example');
    o.emu.advanceTo(new Date('2026-03-03T09:00:00Z'));
    o.emu.run('runDailySweep');
    expect(subjectRows(o).map((r) => r['Kind'])).toEqual(['subject-copy']);
  });

  it('000 (Dyfed-Powys) does not say the member of staff gets a copy: ticking the box sends nothing', () => {
    const o = new Office('dyfed-powys');
    o.submit();
    o.edit('DP-2026-0001', 'Email of person complained about', 'k.jones@opcc.example');
    o.edit('DP-2026-0001', 'Copy to person complained about', true);
    expect(subjectRows(o)).toHaveLength(0);
  });
});

describe('Dyfed-Powys 000 §5 "Who can\'t make a complaint"', () => {
  const titles = (o: Office) =>
    o.emu.forms
      .at(-1)!
      .getItems()
      .map((i) => i.getTitle());

  it('000 §5 "has been given the right to a review to the Independent for Police Conduct": the form asks, in English and Welsh, and "yes" makes the case not eligible with the seed\'s words', () => {
    const o = new Office('dyfed-powys');
    const asked = titles(o).filter((t) => t.includes('IOPC') || t.includes('legal advice'));
    expect(asked).toHaveLength(2);
    expect(asked[0]).toContain(' / A gawsoch chi');
    expect(asked[1]).toContain('cyngor cyfreithiol annibynnol');
    o.submit({ exclusions: ['iopc-review-right'] });
    const row = caseRow(o, 'DP-2026-0001');
    expect(row['Stage']).toBe('Not eligible');
    const letter = o.mail().find((r) => r['Kind'] === 'not-eligible')!;
    expect(String(letter['Body'])).toContain(
      'given the right to a review to the Independent [Office] for Police Conduct following a complaint where the Police and Crime Commissioner was the appropriate authority',
    );
  });

  it('000 §5 "advised to seek independent legal advice following a review": "yes" is not eligible, in Welsh for a Welsh speaker; "no" to both goes ahead', () => {
    const o = new Office('dyfed-powys');
    o.submit({ language: 'cy', exclusions: ['legal-advice-after-review'] });
    const letter = o.mail().find((r) => r['Kind'] === 'not-eligible')!;
    expect(letter['Language']).toBe('cy');
    expect(String(letter['Body'])).toContain('cyngor cyfreithiol annibynnol');
    o.submit();
    expect(caseRow(o, 'DP-2026-0002')['Stage']).toBe('Review by the Appropriate Authority');
  });

  it('000 §5: the staff dialog asks the same two questions, and a ticked one makes the logged case not eligible', () => {
    const o = new Office('dyfed-powys');
    o.emu.run('showLogComplaintDialog');
    const html = o.emu.ui.dialogs.at(-1)!.html;
    expect(html).toContain('data-exclusion="iopc-review-right"');
    expect(html).toContain('data-exclusion="legal-advice-after-review"');
    expect(html).toContain('cyngor cyfreithiol annibynnol');
    const inv = o.emu.run(
      'logComplaint',
      {
        channel: 'phone',
        name: 'Sam Jones',
        phone: '01267 000000',
        preferredContact: 'phone',
        language: 'en',
        relationship: 'affected',
        subject: 'staff',
        description: 'Nobody called me back about my complaint for weeks.',
        exclusions: ['legal-advice-after-review'],
      },
      'a1b2c3d4e5f6a7b8c9d0e1f2',
    );
    expect(inv.error).toBeNull();
    expect(caseRow(o, 'DP-2026-0001')['Stage']).toBe('Not eligible');
    const wilts = new Office('wiltshire');
    wilts.emu.run('showLogComplaintDialog');
    expect(wilts.emu.ui.dialogs.at(-1)!.html).not.toContain('data-exclusion="');
  });

  it('other policies do not ask these questions', () => {
    for (const policy of ['wiltshire', 'west-midlands']) {
      const o = new Office(policy);
      expect(titles(o).filter((t) => t.includes('IOPC'))).toEqual([]);
    }
  });
});

describe('a refused action explains itself', () => {
  it('000 §9 "there is currently no right to request a review": typing an appeal date on a Dyfed-Powys case says the policy has no appeal stage', () => {
    const o = new Office('dyfed-powys');
    o.submit();
    o.edit('DP-2026-0001', 'Outcome', o.profile.outcomes[0]!.label);
    o.edit('DP-2026-0001', 'Stage', 'Closed: the outcome is final');
    o.edit('DP-2026-0001', 'Appeal received', new Date('2026-03-02T00:00:00Z'));
    const refusal = o.rows('Audit').find((r) => String(r['Action']).startsWith('refused'))!;
    expect(refusal['Detail']).toBe("This office's policy has no appeal stage.");
  });
});

describe('escalations to the right person', () => {
  it('002 §4.16 "may appeal to the appeal body (table in point 4.8)": an overdue appeal decision goes to the appeal body, never the Director of Operations whose decision is under appeal, then to the PCC', () => {
    const o = new Office('wiltshire', new Date('2026-03-02T09:00:00Z'));
    o.submit();
    o.edit('WIL-2026-0001', 'Outcome', o.profile.outcomes[0]!.label);
    o.edit('WIL-2026-0001', 'Stage', 'Closed: appeal window open');
    o.emu.advanceTo(new Date('2026-03-04T10:00:00Z'));
    o.edit('WIL-2026-0001', 'Appeal received', new Date('2026-03-04T00:00:00Z'));
    expect(day(caseRow(o, 'WIL-2026-0001')['Decide appeal by'])).toBe('2026-03-25');
    const escalations = () =>
      o
        .mail()
        .filter((r) => r['Kind'] === 'overdue' && String(r['Key']).includes('appeal-decision'))
        .map((r) => [r['For role'], r['Subject']]);
    o.emu.advanceTo(new Date('2026-03-27T10:00:00Z'));
    expect(escalations()).toEqual([['chief-executive', 'Overdue appeal decision: WIL-2026-0001']]);
    // 5 working days after the deadline (1 April) it is still undecided: the next role up, once.
    o.emu.advanceTo(new Date('2026-04-08T10:00:00Z'));
    expect(escalations()).toEqual([
      ['chief-executive', 'Overdue appeal decision: WIL-2026-0001'],
      ['pcc', 'Still overdue, for your attention: WIL-2026-0001'],
    ]);
    expect(escalations().map((e) => e[0])).not.toContain('director-of-operations');
  });

  it('001 ¶18 "may appeal to the Chief Executive": a complaint about the Deputy Chief Executive (escalated to the Chief Executive, ¶9) has its appeal heard by the Chief Executive', () => {
    const o = new Office('west-midlands');
    o.submit({ subject: 'deputy-chief-executive' });
    const row = caseRow(o, 'WM-2026-0001');
    expect(row['Decision maker']).toBe('Chief Executive');
    expect(row['Appeal heard by']).toBe('Chief Executive');
  });

  it('the daily digest lists only open cases with something due: never a redirected or closed one', () => {
    const o = new Office('wiltshire', new Date('2026-03-02T09:00:00Z'));
    o.submit({ subject: 'police' }); // redirected
    o.submit(); // closed below, appeal window running
    o.edit('WIL-2026-0002', 'Outcome', o.profile.outcomes[0]!.label);
    o.edit('WIL-2026-0002', 'Stage', 'Closed: appeal window open');
    const outcome = o.mail().find((r) => r['Kind'] === 'outcome')!;
    setOutbox(o, String(outcome['Key']), 'Status', 'sent');
    o.submit(); // open
    // 30 March: the last day of WIL-2026-0002's appeal window, the complainant's clock, not the office's.
    o.emu.advanceTo(new Date('2026-03-30T10:00:00Z'));
    expect(day(caseRow(o, 'WIL-2026-0002')['Appeal by'])).toBe('2026-03-30');
    const digests = o.mail().filter((r) => r['Kind'] === 'digest');
    expect(digests.map((d) => d['Key'])).toContain('digest|digest|-|2026-03-30');
    expect(String(digests.at(-1)!['Body'])).toMatch(/Due today: [^\n]*WIL-2026-0003/);
    for (const body of digests.map((d) => String(d['Body']))) {
      expect(body).not.toMatch(/Due today:[^\n]*WIL-2026-000[12]/);
      expect(body).not.toMatch(/Overdue:[^\n]*WIL-2026-000[12]/);
    }
  });
});
