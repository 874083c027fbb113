/**
 * The scenario vocabulary replays what staff really do (issue 9, point 7), through the built bundle: each
 * action is a cell edit on the Cases tab or the Outbox, and the product's answer is read back from the sheet.
 */
import { describe, expect, it } from 'vitest';
import { simulate, type Scenario } from '../../tools/simulation';
import { londonDate } from '../../src/core/calendar';

/** A deadline cell's London day: deadlines are date cells. */
const day = (cell: unknown): string =>
  Object.prototype.toString.call(cell) === '[object Date]' ? londonDate(cell as Date) : String(cell);

const person = {
  name: 'Sam Rivers',
  email: 'sam.rivers@example.org',
  preferredContact: 'email',
  language: 'en',
  relationship: 'affected',
  subject: 'staff',
  description: 'A member of staff promised to ring me back about my grant application and never did.',
};

function run(events: Scenario['events'], end = '2026-04-30T18:00:00Z', policy = 'wiltshire') {
  return simulate(policy, { start: '2026-03-02T08:00:00Z', end, events });
}

const GUIDANCE = /^\s*\[[^\]\n]*\]\s*$/m;

describe('scenario vocabulary', () => {
  it('"approve" without an explanation is refused while the outcome letter still holds its guidance; with one, the letter goes with the explanation in it (002 §4.15 "provided with an explanation and reason for this outcome")', () => {
    const result = run(
      [
        { at: '2026-03-02T09:00:00Z', submit: { channel: 'form', ...person } },
        { at: '2026-03-20T10:00:00Z', action: { case: 1, do: 'close', outcome: 'not-upheld-remedied' } },
        { at: '2026-03-21T10:00:00Z', action: { case: 1, do: 'approve' } },
        {
          at: '2026-03-22T10:00:00Z',
          action: {
            case: 1,
            do: 'approve',
            explanation: 'We listened to the call recordings and found you were called back twice.',
          },
        },
      ],
      '2026-03-22T12:00:00Z',
    );
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.event).toBe(2);
    const outcome = result.emu.mail.sent.find((m) => /outcome/i.test(m.subject) && m.to === person.email)!;
    expect(outcome.body).toContain('We listened to the call recordings');
    expect(outcome.body).not.toMatch(GUIDANCE);
    expect(outcome.at.toISOString() >= '2026-03-22').toBe(true);
  });

  it('"mark-printed" on a posted acknowledgement records the acknowledgement, so the case does not escalate (002 §3 "acknowledged within five working days")', () => {
    const result = run(
      [
        {
          at: '2026-03-02T09:00:00Z',
          submit: {
            channel: 'post',
            ...person,
            email: undefined,
            preferredContact: 'post',
            address: '4 Mill Road, Devizes SN10 1AA',
          },
        },
        { at: '2026-03-04T10:00:00Z', action: { case: 1, do: 'mark-printed' } },
      ],
      '2026-03-20T18:00:00Z',
    );
    expect(result.problems).toEqual([]);
    expect(result.outbox.find((r) => r.Kind === 'acknowledgement')!.Status).toBe('printed');
    expect(result.cases[0]!['Acknowledged on']).toBeInstanceOf(Date);
    expect([...result.outbox, ...result.staffMail].filter((r) => r.Kind === 'overdue')).toEqual([]);
  });

  it('"edit" of the Email cell sends later letters to the new address, and the change is audited', () => {
    const result = run(
      [
        { at: '2026-03-02T09:00:00Z', submit: { channel: 'form', ...person } },
        {
          at: '2026-03-10T10:00:00Z',
          action: { case: 1, do: 'edit', column: 'Email', value: 'sam.r@example.net' },
        },
        { at: '2026-03-20T10:00:00Z', action: { case: 1, do: 'close', outcome: 'not-upheld-remedied' } },
        {
          at: '2026-03-21T10:00:00Z',
          action: { case: 1, do: 'approve', explanation: 'We found that you were called back.' },
        },
      ],
      '2026-03-21T12:00:00Z',
    );
    expect(result.problems).toEqual([]);
    const later = result.emu.mail.sent.filter(
      (m) => m.at.toISOString() > '2026-03-10T10:00:00Z' && !m.to.endsWith('@opcc.example'),
    );
    expect(later.length).toBeGreaterThan(0);
    for (const m of later) expect(m.to).toBe('sam.r@example.net');
    const audited = result.audit.filter((a) => JSON.stringify(a).includes('sam.r@example.net'));
    expect(audited.length).toBeGreaterThan(0);
  });

  it('"accept" routes a corrected Needs-review case and sends its acknowledgement to the corrected address', () => {
    const result = run(
      [
        {
          at: '2026-03-02T09:00:00Z',
          submit: { channel: 'form', ...person, email: 'sam at example dot org' },
        },
        {
          at: '2026-03-03T10:00:00Z',
          action: { case: 1, do: 'edit', column: 'Email', value: 'sam.rivers@example.org' },
        },
        { at: '2026-03-03T10:05:00Z', action: { case: 1, do: 'accept' } },
      ],
      '2026-03-05T18:00:00Z',
    );
    expect(result.problems).toEqual([]);
    expect(result.cases[0]!['Handled by']).not.toBe('');
    expect(
      result.emu.mail.sent.some(
        (m) => m.to === 'sam.rivers@example.org' && /received your complaint/i.test(m.subject),
      ),
    ).toBe(true);
  });

  it('"appeal" with the date it was received: an appeal that arrived in time but was logged late is accepted (002 §4.17 "within 28 days of the complaint having been closed")', () => {
    const result = run(
      [
        { at: '2026-03-02T09:00:00Z', submit: { channel: 'form', ...person } },
        { at: '2026-03-10T10:00:00Z', action: { case: 1, do: 'close', outcome: 'not-upheld-remedied' } },
        {
          at: '2026-03-11T10:00:00Z',
          action: { case: 1, do: 'approve', explanation: 'We found that you were called back.' },
        },
        // Closed on 10 March: the window ends on 7 April. It arrived on 6 April and was logged on 9 April.
        { at: '2026-04-09T10:00:00Z', action: { case: 1, do: 'appeal', received: '2026-04-06' } },
      ],
      '2026-04-09T12:00:00Z',
    );
    expect(result.problems).toEqual([]);
    expect(result.cases[0]!['Appeal received']).toEqual(new Date('2026-04-06T00:00:00Z'));
  });

  it('"receivedOn" starts a posted complaint\'s clocks on the day it arrived, not the day it was logged; the form refuses it', () => {
    const result = run(
      [
        { at: '2026-03-06T10:00:00Z', submit: { channel: 'post', ...person, receivedOn: '2026-03-03' } },
        { at: '2026-03-06T11:00:00Z', submit: { channel: 'form', ...person, receivedOn: '2026-03-03' } },
      ],
      '2026-03-06T18:00:00Z',
    );
    expect(result.cases).toHaveLength(1);
    // Received Tuesday 3 March: five working days later is Tuesday 10 March.
    expect(day(result.cases[0]!['Acknowledge by'])).toBe('2026-03-10');
    expect(result.problems.map((p) => p.event)).toEqual([1]);
    expect(result.problems[0]!.reason).toMatch(/receivedOn/);
  });

  it('"mark-done": a complaint passed on with consent (001 ¶10 "consent will be sought from the complainant before personal data is shared") is owed until staff mark the task done', () => {
    const passedOn = {
      ...person,
      subject: 'partner-organisation',
      consentToShare: true,
      description: 'The victim support charity the office pays for cancelled three appointments with me.',
    };
    const owed = run(
      [{ at: '2026-03-02T09:00:00Z', submit: { channel: 'form', ...passedOn } }],
      '2026-03-03T09:00:00Z',
    );
    expect(owed.outbox.find((r) => r.Kind === 'pass-on')!.Status).toBe('to-do');
    expect(owed.cases[0]!['Status']).toBe('Due soon');
    expect(owed.cases[0]!['What is due']).toMatch(/Passing the complaint on to the other body still to do/);
    const done = run(
      [
        { at: '2026-03-02T09:00:00Z', submit: { channel: 'form', ...passedOn } },
        { at: '2026-03-02T11:00:00Z', action: { case: 1, do: 'mark-done' } },
      ],
      '2026-03-03T09:00:00Z',
    );
    expect(done.problems).toEqual([]);
    expect(done.cases[0]!['Status']).toBe('Closed');
  });
});
