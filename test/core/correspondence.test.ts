import { describe, expect, it } from 'vitest';
import { londonDate, makeCalendar } from '../../src/core/calendar';
import { newCaseRecord } from '../../src/core/case-record';
import { computeClocks } from '../../src/core/clocks';
import {
  COMPLAINTS_TEAM_ROLE,
  UPDATE_REMINDER_WORKING_DAYS,
  digest,
  dueLetters,
  firstLetters,
  letterKey,
  type LetterRequest,
} from '../../src/core/correspondence';
import { intake } from '../../src/core/intake';
import type { CaseRecord, Submission } from '../../src/core/model';
import { getProfile } from '../../src/core/profile';
import { route } from '../../src/core/routing';
import { SUBMISSION } from './fixtures';

const calendar = makeCalendar();
const RECEIVED = new Date('2026-03-02T10:00:00Z'); // a Monday

const submission: Submission = SUBMISSION;

function caseFor(policy: string, overrides: Partial<Submission> = {}, receivedAt = RECEIVED) {
  const profile = getProfile(policy);
  const checked = intake({ ...submission, ...overrides });
  if (!checked.ok) throw new Error('invalid');
  const routed = route(profile, checked.complaint);
  const initial = profile.lifecycle.initial;
  const record = newCaseRecord({
    reference: 'REF-1',
    policyId: policy,
    receivedAt,
    state: routed.inScope
      ? initial.inScope
      : routed.redirectTo === 'not-eligible'
        ? initial.notEligible
        : routed.redirectTo
          ? initial.redirected
          : initial.needsReview,
    complaint: checked.complaint,
    route: routed,
  });
  return { profile, record };
}

/** 7am London, `day` days after the complaint arrived. */
const morning = (day: number) => new Date(Date.UTC(2026, 2, 2 + day, 7));
const daysBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;

describe('first letters', () => {
  it('acknowledge an in-scope case to the complainant and assign it to its handler', () => {
    const { profile, record } = caseFor('wiltshire');
    expect(firstLetters(profile, record).map((l) => [l.kind, l.audience, l.toRole])).toEqual([
      ['acknowledgement', 'complainant', null],
      ['case-assigned', 'staff', 'complaints-team-leader'],
    ]);
  });

  it('send a redirect letter whose variant is the redirect target, and a not-eligible letter', () => {
    const panel = caseFor('wiltshire', { subject: 'pcc' });
    expect(firstLetters(panel.profile, panel.record).map((l) => [l.kind, l.variant])).toEqual([
      ['redirect', 'police-and-crime-panel'],
    ]);
    const witness = caseFor('dyfed-powys', { subject: 'organisation', relationship: 'witness' });
    expect(witness.record.route?.redirectTo).toBe('not-eligible');
    expect(firstLetters(witness.profile, witness.record).map((l) => l.kind)).toEqual(['not-eligible']);
  });

  it('tell a needs-review case’s complainant nothing, and the complaints team that it needs a look', () => {
    const { profile, record } = caseFor('wiltshire');
    const review: CaseRecord = { ...record, state: profile.lifecycle.initial.needsReview, route: null };
    const letters = firstLetters(profile, review);
    expect(letters.filter((l) => l.audience === 'complainant')).toEqual([]);
    expect(letters.map((l) => [l.kind, l.variant, l.toRole])).toEqual([
      ['case-assigned', 'needs-review', COMPLAINTS_TEAM_ROLE],
    ]);
  });

  it('write in Welsh only where the office corresponds in Welsh', () => {
    const welsh = caseFor('dyfed-powys', { language: 'cy' });
    const [ack, assigned] = firstLetters(welsh.profile, welsh.record);
    expect([ack?.language, assigned?.language]).toEqual(['cy', 'en']);
    const english = caseFor('wiltshire', { language: 'cy' });
    expect(firstLetters(english.profile, english.record)[0]?.language).toBe('en');
  });

  it('give the same keys however often they are asked for', () => {
    const { profile, record } = caseFor('west-midlands');
    const keys = () => firstLetters(profile, record).map((l) => l.key);
    expect(keys()).toEqual(keys());
    expect(keys()).toEqual(['REF-1|acknowledgement|-|0', 'REF-1|case-assigned|-|0']);
    expect(letterKey('REF-1', 'redirect', 'police-force', '0')).toBe('REF-1|redirect|police-force|0');
  });
});

/** Steps the daily run a day at a time; `onDay` may change the case (as staff would) after each run. */
function simulate(
  policy: string,
  days: number,
  onDay: (record: CaseRecord, letters: LetterRequest[], today: string) => CaseRecord = (r) => r,
) {
  const { profile, record: first } = caseFor(policy);
  let record = first;
  const runs: { today: string; letters: LetterRequest[] }[] = [];
  for (let day = 1; day <= days; day++) {
    const now = morning(day);
    const clocks = computeClocks(profile, record, now, calendar);
    const letters = dueLetters(profile, record, clocks, now, calendar);
    // Running the job twice the same day asks for exactly the same letters.
    expect(dueLetters(profile, record, clocks, now, calendar)).toEqual(letters);
    runs.push({ today: londonDate(now), letters });
    record = onDay(record, letters, londonDate(now));
  }
  return runs;
}

describe('the daily run over 120 days of an open Wiltshire case (updates every 28 days)', () => {
  it('reminds the handler before each 28-day mark, once per cycle, and never escalates when updates go out', () => {
    let updatedOn = londonDate(RECEIVED);
    const updates: string[] = [];
    const runs = simulate('wiltshire', 120, (record, letters, today) => {
      // The handler acknowledges at once and sends each update the day the reminder arrives.
      const next = { ...record, acknowledgedAt: record.acknowledgedAt ?? morning(1) };
      if (!letters.some((l) => l.kind === 'update-due' && l.variant === '')) return next;
      updatedOn = today;
      updates.push(today);
      return { ...next, lastUpdateAt: new Date(`${today}T12:00:00Z`) };
    });
    const reminders = runs.flatMap((r) =>
      r.letters
        .filter((l) => l.kind === 'update-due' && l.variant === '')
        .map((l) => ({ ...l, on: r.today })),
    );
    expect(updatedOn).not.toBe(londonDate(RECEIVED));
    expect(reminders.length).toBeGreaterThanOrEqual(4);
    expect(new Set(reminders.map((l) => l.key)).size).toBe(reminders.length);
    reminders.forEach((l, i) => {
      const since = i === 0 ? londonDate(RECEIVED) : updates[i - 1]!;
      expect(daysBetween(since, l.cycle)).toBe(28);
      expect(l.on <= l.cycle).toBe(true);
      expect(calendar.workingDaysBetween(l.on, l.cycle)).toBeLessThanOrEqual(UPDATE_REMINDER_WORKING_DAYS);
      expect(l.toRole).toBe('complaints-team-leader');
    });
    // Each reminder comes with a draft update held for approval, and a note to the person complained about.
    const all = runs.flatMap((r) => r.letters);
    expect(all.filter((l) => l.kind === 'progress-update').every((l) => l.needsApproval)).toBe(true);
    expect(all.filter((l) => l.kind === 'subject-update' && l.audience === 'subject')).toHaveLength(
      reminders.length,
    );
    expect(all.filter((l) => l.kind === 'overdue')).toEqual([]);
  });

  it('escalates to the decision maker once per missed deadline, and again when a new one is missed', () => {
    const runs = simulate('wiltshire', 120, (record, _letters, today) =>
      // An update finally goes out on day 40 (late), then nothing more.
      today === '2026-04-11' ? { ...record, lastUpdateAt: new Date(`${today}T12:00:00Z`) } : record,
    );
    // Asked for every day while overdue; the Outbox keeps the first of each key, as it does in the sheet.
    const asked = runs.flatMap((r) => r.letters.filter((l) => l.kind === 'overdue'));
    expect(asked.length).toBeGreaterThan(3);
    const escalations = [...new Map(asked.map((l) => [l.key, l])).values()];
    expect(escalations.map((l) => l.cycle)).toEqual([
      'ack-2026-03-09',
      'update-2026-03-30',
      // 11 April + 28 days is Saturday 9 May: the promise falls on the working day before.
      'update-2026-05-08',
    ]);
    expect(new Set(escalations.map((l) => l.toRole))).toEqual(new Set(['director-of-operations']));
    expect(escalations[0]?.extra.overdueWhat).toBe('the acknowledgement was due on Monday 9 March 2026');
  });

  it('asks for nothing at all once the case is closed for good', () => {
    const { profile, record } = caseFor('dyfed-powys');
    const closed = { ...record, state: 'closed', outcome: 'no-further-action', closedAt: morning(3) };
    const clocks = computeClocks(profile, closed, morning(60), calendar);
    expect(dueLetters(profile, closed, clocks, morning(60), calendar)).toEqual([]);
  });
});

describe('the daily digest', () => {
  const wilts = getProfile('wiltshire');
  const at = (iso: string) => new Date(iso);
  const entry = (reference: string, receivedAt: Date, now: Date) => {
    const record = { ...caseFor('wiltshire', {}, receivedAt).record, reference };
    return { record, clocks: computeClocks(wilts, record, now, calendar) };
  };

  it('is null when there is nothing in it', () => {
    expect(digest(wilts, [], at('2026-03-03T07:00:00Z'), calendar)).toBeNull();
    const now = at('2026-03-11T07:00:00Z');
    const quiet = entry('A', at('2026-03-02T10:00:00Z'), now);
    quiet.record.acknowledgedAt = at('2026-03-02T12:00:00Z');
    quiet.clocks = computeClocks(wilts, quiet.record, now, calendar);
    expect(digest(wilts, [quiet], now, calendar)).toBeNull();
  });

  it('goes to the complaints team on working days, listing new, due and overdue cases', () => {
    const now = at('2026-03-09T07:00:00Z'); // Monday: A's acknowledgement is due today
    const cases = [
      entry('A', at('2026-03-02T10:00:00Z'), now),
      entry('B', at('2026-03-07T10:00:00Z'), now), // Saturday
      entry('C', at('2026-03-09T06:30:00Z'), now), // this morning: tomorrow's news
    ];
    const daily = digest(wilts, cases, now, calendar)!;
    expect(daily.request).toMatchObject({ kind: 'digest', toRole: COMPLAINTS_TEAM_ROLE, audience: 'staff' });
    expect(daily.request.key).toBe('digest|digest|-|2026-03-09');
    expect(daily.values).toMatchObject({
      today: 'Monday 9 March 2026',
      digestNew: '1: B',
      digestDueToday: '1: A',
      digestOverdue: 'none',
    });
    expect(digest(wilts, cases, at('2026-03-08T07:00:00Z'), calendar)).toBeNull(); // Sunday
  });

  it('lists each new case on exactly one day', () => {
    const received = [at('2026-03-06T18:00:00Z'), at('2026-03-07T10:00:00Z'), at('2026-03-09T09:00:00Z')];
    const seen: string[] = [];
    for (let day = 5; day <= 12; day++) {
      const now = at(`2026-03-${String(day).padStart(2, '0')}T07:00:00Z`);
      const cases = received.map((r, i) => entry(`N${i}`, r, now)).filter((c) => c.record.receivedAt < now);
      const news = digest(wilts, cases, now, calendar)?.values.digestNew ?? 'none';
      if (news !== 'none') seen.push(...news.split(': ')[1]!.split(', '));
    }
    expect(seen.sort()).toEqual(['N0', 'N1', 'N2']);
  });

  it('lists only open cases with something due: never redirected, not eligible or closed ones', () => {
    const now = at('2026-03-09T07:00:00Z'); // Monday
    const open = entry('OPEN', at('2026-03-02T10:00:00Z'), now); // acknowledgement due today
    const redirected = {
      ...caseFor('wiltshire', { subject: 'police' }, at('2026-03-02T10:00:00Z')).record,
      reference: 'REDIRECTED',
    };
    const notEligible = {
      ...caseFor('wiltshire', { relationship: 'opcc-staff', subject: 'pcc' }, at('2026-03-06T10:00:00Z'))
        .record,
      reference: 'NOT-ELIGIBLE',
      state: 'not-eligible',
    };
    // Closed on Friday, appeal window running to April: the complainant's clock, nothing owed by us.
    const closed = {
      ...caseFor('wiltshire', {}, at('2026-02-02T10:00:00Z')).record,
      reference: 'CLOSED',
      state: 'closed',
      outcome: 'not-upheld-remedied',
      acknowledgedAt: at('2026-02-03T10:00:00Z'),
      closedAt: at('2026-03-06T10:00:00Z'),
    };
    // Closed too, but its outcome letter still waits for approval: the office owes it.
    const owing = { ...closed, reference: 'OWING' };
    const cases = [
      open,
      ...[redirected, notEligible, closed].map((record) => ({
        record,
        clocks: computeClocks(wilts, record, now, calendar),
      })),
      {
        record: owing,
        clocks: computeClocks(wilts, owing, now, calendar, { owed: ['Outcome letter waiting for approval'] }),
      },
    ];
    expect(cases[3]!.clocks.status).toBe('met');
    const daily = digest(wilts, cases, now, calendar)!;
    expect(daily.values).toMatchObject({
      digestNew: 'none',
      digestDueToday: '2: OPEN, OWING',
      digestOverdue: 'none',
      digestFailed: 'none',
    });
    // Nothing but the closed, redirected and not-eligible cases: no digest at all.
    expect(digest(wilts, cases.slice(1, 4), now, calendar)).toBeNull();
  });

  it('lists letters that could not be sent, so someone fixes them', () => {
    const now = at('2026-03-09T07:00:00Z');
    const daily = digest(wilts, [], now, calendar, ['WIL-2026-0002', 'WIL-2026-0001', 'WIL-2026-0002'])!;
    expect(daily.values.digestFailed).toBe('2: WIL-2026-0001, WIL-2026-0002');
  });
});

describe('the office progress check where the policy sets no update interval', () => {
  it('001 ¶11 "The complainant shall be advised of the action to be taken": a West Midlands case is reminded to its handler before the 28-day check and escalated to the decision maker after it', () => {
    const wm = getProfile('west-midlands');
    const received = new Date('2026-03-02T10:00:00Z');
    const checked = intake({
      channel: 'form',
      name: 'A Person',
      email: 'a@example.org',
      preferredContact: 'email',
      language: 'en',
      relationship: 'affected',
      subject: 'staff',
      description: 'No reply to my letter about a grant.',
    });
    if (!checked.ok) throw new Error('fixture invalid');
    const record = {
      ...newCaseRecord({
        reference: 'WMD-2026-0001',
        policyId: wm.id,
        receivedAt: received,
        state: wm.lifecycle.initial.inScope,
        complaint: checked.complaint,
        route: route(wm, checked.complaint),
      }),
      acknowledgedAt: received,
      lastContactAt: received,
    };
    const calendar = makeCalendar();
    const at = (iso: string) => {
      const now = new Date(iso);
      return dueLetters(wm, record, computeClocks(wm, record, now, calendar), now, calendar);
    };
    // The check is due on Monday 30 March.
    const before = at('2026-03-26T08:00:00Z').filter((l) => l.variant === 'review');
    expect(before.map((l) => [l.kind, l.toRole])).toEqual([['update-due', record.route!.handler]]);
    const after = at('2026-03-31T08:00:00Z').filter((l) => l.kind === 'overdue');
    expect(after.map((l) => [l.cycle, l.toRole])).toEqual([
      ['review-2026-03-30', record.route!.decisionMaker],
    ]);
  });
});
