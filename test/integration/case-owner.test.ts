/**
 * Issue 9, "No case without an owner" and "Dates as they happened", through the built bundle: a case that
 * needs review belongs to the complaints team and is chased; staff correct its cells and accept it; the
 * visible contact cells are where letters go; every change staff make to the cells the script relies on
 * is audited; the dates staff type are when things happened.
 */
import { describe, expect, it } from 'vitest';
import { Office } from './harness';
import { londonDate } from '../../src/core/calendar';

/** A deadline cell's London day: deadlines are date cells. */
const day = (cell: unknown): string =>
  Object.prototype.toString.call(cell) === '[object Date]' ? londonDate(cell as Date) : String(cell);

const POLICIES = [
  {
    id: 'dyfed-powys',
    ack: '000 §8 "an acknowledgement of the complaint will be provided within 5 working days"',
  },
  { id: 'west-midlands', ack: '001 ¶3 "Complaints will be acknowledged within 5 working days"' },
  { id: 'wiltshire', ack: '002 §3 "Complaints will be acknowledged within five working days"' },
] as const;

const MISTYPED = { email: 'alex.morgan@example', preferredContact: 'email' as const };

function firstStage(o: Office): string {
  const p = o.profile;
  return p.lifecycle.states.find((s) => s.id === p.lifecycle.initial.inScope)!.label;
}

function caseRow(o: Office, reference: string): Record<string, unknown> {
  return o.cases().find((c) => c['Reference'] === reference)!;
}

function onlyCase(o: Office): string {
  return String(o.cases()[0]!['Reference']);
}

const audits = (o: Office, reference: string) => o.rows('Audit').filter((a) => a['Reference'] === reference);

describe.each(POLICIES)('$id: no case without an owner (issue 9, Deliver 1)', ({ id, ack }) => {
  it(`${ack}: a Needs-review case is the complaints team's, names its deadline and is chased when it passes`, () => {
    const o = new Office(id);
    o.submit(MISTYPED);
    const ref = onlyCase(o);
    const row = caseRow(o, ref);
    expect(row['Stage']).toBe('Needs review');
    expect(row['Handled by']).toBe('Complaints team');
    expect(row['What is due']).toBe('Acknowledgement due 09/03/2026');
    o.emu.advanceTo(new Date('2026-03-10T09:00:00Z'));
    o.emu.run('runDailySweep');
    const chase = o.mail().filter((r) => r['Reference'] === ref && r['Kind'] === 'overdue');
    expect(chase).toHaveLength(1);
    expect(chase[0]).toMatchObject({ 'For role': 'complaints-team', To: 'complaints-team@opcc.example' });
    expect(String(chase[0]!['Body'])).toContain('the acknowledgement was due on');
    // Once per missed deadline.
    o.emu.run('runDailySweep');
    expect(o.mail().filter((r) => r['Reference'] === ref && r['Kind'] === 'overdue')).toHaveLength(1);
  });

  it('a Needs-review row written before cases in review had an owner is given the complaints team by the sweep', () => {
    const o = new Office(id);
    o.submit(MISTYPED);
    const ref = onlyCase(o);
    // As an older version wrote it: no one in Handled by.
    o.emu.spreadsheet.getSheetByName('Cases')!.getRange(o.cell(ref, 'Handled by')).setValue('');
    o.emu.run('runDailySweep');
    expect(caseRow(o, ref)['Handled by']).toBe('Complaints team');
  });

  it(`${ack}: the team is reminded before the acknowledgement of a Needs-review case is due`, () => {
    const o = new Office(id);
    o.submit(MISTYPED);
    const ref = onlyCase(o);
    o.emu.advanceTo(new Date('2026-03-05T09:00:00Z'));
    o.emu.run('runDailySweep');
    const reminder = o.mail().filter((r) => r['Reference'] === ref && r['Kind'] === 'update-due');
    expect(reminder).toHaveLength(1);
    expect(reminder[0]).toMatchObject({ Variant: 'needs-review', To: 'complaints-team@opcc.example' });
  });

  it('staff correct the Email cell and accept the case: it is routed from the cells and acknowledged there', () => {
    const o = new Office(id);
    o.submit(MISTYPED);
    const ref = onlyCase(o);
    o.emu.setActiveUser('complaints-team-leader@opcc.example');
    o.edit(ref, 'Email', 'alex.morgan@example.org');
    const changed = audits(o, ref).at(-1)!;
    expect(changed).toMatchObject({
      Action: 'changed: Email',
      From: 'alex.morgan@example',
      To: 'alex.morgan@example.org',
    });
    expect(String(changed['Who'])).toContain('complaints-team-leader@opcc.example');
    o.edit(ref, 'Stage', firstStage(o));
    const row = caseRow(o, ref);
    expect(row['Stage']).toBe(firstStage(o));
    expect(row['Handled by']).not.toBe('Complaints team');
    expect(row['Handled by']).not.toBe('');
    expect(row['Decision maker']).not.toBe('');
    expect(String(row['Where it goes'])).toMatch(/^Handled here/);
    expect(row['Problems to review']).toBe('');
    expect(JSON.parse(String(row['Case data (do not edit)']))).toMatchObject({
      complaint: { email: 'alex.morgan@example.org' },
      route: { inScope: true },
      problems: [],
    });
    const ackLetter = o.mail().find((r) => r['Reference'] === ref && r['Kind'] === 'acknowledgement');
    expect(ackLetter).toMatchObject({ To: 'alex.morgan@example.org', 'Send by': 'email', Status: 'queued' });
    expect(audits(o, ref).at(-1)).toMatchObject({ Action: 'accept', From: 'needs-review' });
    // The case is now on the handler's clocks.
    o.emu.run('sendQueuedMail');
    expect(caseRow(o, ref)['Acknowledged on']).toBeInstanceOf(Date);
  });
});

describe('accept checks the corrected cells as intake would (issue 9, Deliver 1)', () => {
  it('a phone caller logged with the default contact method: accept is refused, listing what is wrong, until corrected', () => {
    const o = new Office('wiltshire');
    o.submit({ email: undefined, phone: '01234 567890', preferredContact: 'email' });
    const ref = onlyCase(o);
    expect(caseRow(o, ref)['Stage']).toBe('Needs review');
    o.edit(ref, 'Stage', firstStage(o));
    expect(caseRow(o, ref)['Stage']).toBe('Needs review');
    expect(o.emu.ui.toasts.at(-1)).toMatch(/You asked us to contact you by email/);
    expect(audits(o, ref).at(-1)).toMatchObject({ Action: 'refused: Stage' });
    expect(o.mail().filter((r) => r['Kind'] === 'acknowledgement')).toHaveLength(0);
    o.edit(ref, 'Preferred contact', 'phone');
    o.edit(ref, 'Stage', firstStage(o));
    expect(caseRow(o, ref)['Stage']).toBe(firstStage(o));
    const ackLetter = o.mail().find((r) => r['Kind'] === 'acknowledgement');
    expect(ackLetter).toMatchObject({ 'Send by': 'phone', Status: 'phone' });
  });

  it('a case accepted whose corrected cells say it belongs elsewhere goes there, with its letter', () => {
    const o = new Office('wiltshire');
    o.submit(MISTYPED);
    const ref = onlyCase(o);
    o.edit(ref, 'Email', 'alex.morgan@example.org');
    o.edit(ref, 'Complaint is about', 'pcc');
    o.edit(ref, 'Stage', firstStage(o));
    const row = caseRow(o, ref);
    expect(row['Stage']).not.toBe('Needs review');
    expect(row['Stage']).not.toBe(firstStage(o));
    expect(String(row['Where it goes'])).toMatch(/^Redirected/);
    expect(o.mail().filter((r) => r['Reference'] === ref && r['Kind'] === 'redirect')).toHaveLength(1);
  });

  it('the Complainant is / Complaint is about cells take the form’s wording as well as ids', () => {
    const o = new Office('west-midlands');
    o.submit(MISTYPED);
    const ref = onlyCase(o);
    o.edit(ref, 'Email', 'alex.morgan@example.org');
    o.edit(ref, 'Complainant is', 'I saw what happened (a witness)');
    expect(audits(o, ref).at(-1)).toMatchObject({ Action: 'changed: Complainant is' });
    o.edit(ref, 'Stage', firstStage(o));
    const data = JSON.parse(String(caseRow(o, ref)['Case data (do not edit)']));
    expect(data.complaint.relationship).toBe('witness');
  });
});

describe('the visible cells are the truth for contact details (issue 9, Deliver 1)', () => {
  it('an invalid email typed into Email is refused with a plain reason and put back', () => {
    const o = new Office('wiltshire');
    o.submit();
    const ref = onlyCase(o);
    o.edit(ref, 'Email', 'not an address');
    expect(caseRow(o, ref)['Email']).toBe('alex.morgan@example.org');
    expect(o.emu.ui.toasts.at(-1)).toMatch(/name@example\.com/);
    expect(audits(o, ref).at(-1)).toMatchObject({ Action: 'refused: Email', To: 'not an address' });
  });

  it('a changed email re-addresses the case’s unsent letters; a sent one stays as it went', () => {
    const o = new Office('wiltshire');
    o.submit({ preferredContact: 'post', address: '1 High Street, Devizes' });
    const ref = onlyCase(o);
    const ackBefore = o.mail().find((r) => r['Kind'] === 'acknowledgement')!;
    expect(ackBefore).toMatchObject({ Status: 'print', 'Send by': 'post' });
    o.edit(ref, 'Preferred contact', 'email');
    const ack = o.mail().find((r) => r['Kind'] === 'acknowledgement')!;
    expect(ack).toMatchObject({ Status: 'queued', 'Send by': 'email', To: 'alex.morgan@example.org' });
    expect(String(audits(o, ref).at(-1)!['Detail'])).toContain('1 unsent letter(s) re-addressed');
    o.emu.run('sendQueuedMail');
    expect(o.mail().find((r) => r['Kind'] === 'acknowledgement')!['Status']).toBe('sent');
    o.edit(ref, 'Email', 'alex.new@example.org');
    expect(o.mail().find((r) => r['Kind'] === 'acknowledgement')!['To']).toBe('alex.morgan@example.org');
    // Letters queued from now on go to the new address.
    o.emu.advanceTo(new Date('2026-03-27T09:00:00Z'));
    o.emu.run('runDailySweep');
    const draft = o.mail().find((r) => r['Kind'] === 'progress-update')!;
    expect(draft['To']).toBe('alex.new@example.org');
  });

  it('a changed Received restarts the clocks from it, audited; a date in the future is refused', () => {
    const o = new Office('wiltshire');
    o.submit();
    const ref = onlyCase(o);
    expect(day(caseRow(o, ref)['Acknowledge by'])).toBe('2026-03-09');
    o.edit(ref, 'Received', new Date('2026-02-26T00:00:00Z'));
    expect(day(caseRow(o, ref)['Acknowledge by'])).toBe('2026-03-05');
    expect(audits(o, ref).at(-1)).toMatchObject({
      Action: 'changed: Received',
      From: '2026-03-02 09:00',
      To: '2026-02-26 00:00',
    });
    expect(JSON.parse(String(caseRow(o, ref)['Case data (do not edit)'])).receivedAt).toBe(
      '2026-02-26T00:00:00.000Z',
    );
    o.edit(ref, 'Received', new Date('2026-03-10T00:00:00Z'));
    expect(caseRow(o, ref)['Received']).toEqual(new Date('2026-02-26T00:00:00Z'));
    expect(audits(o, ref).at(-1)).toMatchObject({ Action: 'refused: Received' });
  });

  it('a paste down the Email column is audited per case from what the case held; an invalid one is put back', () => {
    const o = new Office('wiltshire');
    o.submit({ name: 'Alex Morgan', preferredContact: 'post', address: '1 High Street, Devizes' });
    o.submit({ name: 'Sam Jones', email: 'sam@example.org' });
    const headers = o.emu.sheetValues('Cases')[0]!.map(String);
    const sheet = o.emu.spreadsheet.getSheetByName('Cases')!;
    const column = headers.indexOf('Email') + 1;
    const range = sheet.getRange(2, column, 2, 1);
    range.setValues([['alex.new@example.org'], ['sam at example']]);
    o.emu.run('onStaffEdit', { range, source: o.emu.spreadsheet, authMode: 'FULL' });
    expect(o.cases().map((c) => c['Email'])).toEqual(['alex.new@example.org', 'sam@example.org']);
    const trail = o.rows('Audit').filter((a) => String(a['Action']).endsWith('Email'));
    expect(trail.map((a) => [a['Reference'], a['Action'], a['From'], a['To']])).toEqual([
      ['WIL-2026-0001', 'changed: Email', 'alex.morgan@example.org', 'alex.new@example.org'],
      ['WIL-2026-0002', 'refused: Email', 'sam@example.org', 'sam at example'],
    ]);
    const data = JSON.parse(String(o.cases()[0]!['Case data (do not edit)']));
    expect(data.complaint.email).toBe('alex.new@example.org');
  });

  it('changes to the other columns the script relies on are audited: who, from, to', () => {
    const o = new Office('wiltshire');
    o.submit();
    const ref = onlyCase(o);
    o.emu.setActiveUser('complaints-team-leader@opcc.example');
    o.edit(ref, 'Email of person complained about', 'j.smith@opcc.example');
    o.edit(ref, 'Language', 'Cymraeg');
    const trail = audits(o, ref).slice(-2);
    expect(trail.map((a) => [a['Action'], a['From'], a['To']])).toEqual([
      ['changed: Email of person complained about', '', 'j.smith@opcc.example'],
      ['changed: Language', 'English', 'Cymraeg'],
    ]);
    expect(String(trail[0]!['Who'])).toContain('complaints-team-leader@opcc.example');
  });
});

describe('dates as they happened (issue 9, Deliver 2)', () => {
  const PHONED = {
    channel: 'post',
    name: 'Pat Jones',
    address: '3 High Street, Devizes',
    preferredContact: 'post',
    language: 'en',
    relationship: 'affected',
    subject: 'staff',
    description: 'A member of staff did not return my calls about my victim support referral.',
  };
  const ID = '0f8e2d8c-1a4b-4c9e-9d1a-3b2c1d0e9f8a';

  it('002 §3 "acknowledged within five working days": a letter logged three days after it arrived starts its clock the day it arrived', () => {
    const o = new Office('wiltshire');
    const inv = o.emu.run('logComplaint', { ...PHONED, receivedOn: '2026-02-27' }, ID);
    expect(inv.error).toBeNull();
    const row = o.cases()[0]!;
    expect(row['Received']).toEqual(new Date('2026-02-27T00:00:00Z'));
    expect(day(row['Acknowledge by'])).toBe('2026-03-06');
  });

  it('a date received in the future, or a year and more ago, is refused in plain words and nothing is made', () => {
    const o = new Office('wiltshire');
    expect(() => o.emu.run('logComplaint', { ...PHONED, receivedOn: '2026-03-03' }, ID)).toThrow(
      /cannot be in the future/,
    );
    expect(() => o.emu.run('logComplaint', { ...PHONED, receivedOn: '2025-02-01' }, ID)).toThrow(
      /over a year ago/,
    );
    expect(o.cases()).toHaveLength(0);
    const today = o.emu.run('logComplaint', { ...PHONED, receivedOn: '2026-03-02' }, ID);
    expect(today.error).toBeNull();
    expect(day(o.cases()[0]!['Acknowledge by'])).toBe('2026-03-09');
  });

  function closedCase(o: Office): string {
    o.submit({ preferredContact: 'post', address: '1 High Street, Devizes' });
    const ref = onlyCase(o);
    o.edit(ref, 'Outcome', o.profile.outcomes[0]!.label);
    o.edit(ref, 'Stage', 'Closed: appeal window open');
    expect(caseRow(o, ref)['Stage']).toBe('Closed: appeal window open');
    return ref;
  }

  it('002 §4.17 "Appeals may be raised within 28 days of the complaint having been closed": an appeal received in time but logged late is accepted', () => {
    const o = new Office('wiltshire');
    const ref = closedCase(o);
    expect(day(caseRow(o, ref)['Appeal by'])).toBe('2026-03-30');
    o.emu.advanceTo(new Date('2026-04-03T09:00:00Z'));
    o.edit(ref, 'Appeal received', new Date('2026-03-27T00:00:00Z'));
    const row = caseRow(o, ref);
    expect(row['Stage']).toBe('Appeal');
    // 002 §4.18: acknowledged within five working days of the appeal's receipt, not of its logging.
    expect(day(row['Acknowledge appeal by'])).toBe('2026-04-07'); // Good Friday and Easter Monday fall between
    const appeal = audits(o, ref).at(-1)!;
    expect(appeal['Action']).toBe('appeal');
    // Audited when staff recorded it.
    expect((appeal['When'] as Date).getTime()).toBeGreaterThanOrEqual(Date.parse('2026-04-03T09:00:00Z'));
  });

  it('002 §4.17: an appeal received after the window is refused, unless staff record why they accept it late', () => {
    const o = new Office('wiltshire');
    const ref = closedCase(o);
    o.emu.advanceTo(new Date('2026-04-03T09:00:00Z'));
    o.edit(ref, 'Appeal received', new Date('2026-04-02T00:00:00Z'));
    expect(caseRow(o, ref)['Stage']).toBe('Closed: appeal window open');
    expect(o.emu.ui.toasts.at(-1)).toMatch(/appeal window closed on 2026-03-30/);
    o.edit(ref, 'Late appeal accepted because', 'The complainant was in hospital until 1 April.');
    o.edit(ref, 'Appeal received', new Date('2026-04-02T00:00:00Z'));
    expect(caseRow(o, ref)['Stage']).toBe('Appeal');
    const appeal = audits(o, ref).at(-1)!;
    expect(appeal['Action']).toBe('appeal');
    expect(String(appeal['Detail'])).toContain(
      'Late appeal accepted because: The complainant was in hospital until 1 April.',
    );
  });

  it('001 ¶11 "Appeals may be raised within 20 days": a typed appeal date in the future is refused', () => {
    const o = new Office('west-midlands');
    o.submit({ preferredContact: 'post', address: '1 High Street, Birmingham' });
    const ref = onlyCase(o);
    o.edit(ref, 'Outcome', o.profile.outcomes[0]!.label);
    const closed = o.profile.lifecycle.states.find((s) => s.kind === 'closed')!.label;
    o.edit(ref, 'Stage', closed);
    expect(caseRow(o, ref)['Stage']).toBe(closed);
    o.edit(ref, 'Appeal received', new Date('2026-03-05T00:00:00Z'));
    expect(caseRow(o, ref)['Stage']).toBe(closed);
    expect(o.emu.ui.toasts.at(-1)).toMatch(/cannot be a date in the future/);
    o.edit(ref, 'Appeal received', new Date('2026-03-02T00:00:00Z'));
    expect(caseRow(o, ref)['Stage']).not.toBe(closed);
  });

  it('an acknowledgement date typed by staff is when it was sent: the acknowledgement clock is met by it', () => {
    const o = new Office('wiltshire');
    o.submit({ preferredContact: 'post', address: '1 High Street, Devizes' });
    const ref = onlyCase(o);
    o.emu.advanceTo(new Date('2026-03-12T09:00:00Z'));
    o.edit(ref, 'Acknowledged on', new Date('2026-03-06T00:00:00Z'));
    const row = caseRow(o, ref);
    expect(row['Status']).not.toBe('Overdue');
    expect(String(row['What is due'])).not.toMatch(/Acknowledgement/);
  });
});
