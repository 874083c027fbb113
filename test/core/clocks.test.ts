import { describe, expect, it } from 'vitest';
import { londonInstant, makeCalendar } from '../../src/core/calendar';
import { computeClocks } from '../../src/core/clocks';
import type { CaseRecord, ClockRules, PolicyProfile, Route } from '../../src/core/model';
import { newCaseRecord } from '../../src/core/case-record';
import { getProfile } from '../../src/core/profile';

// A profile written inline, not one of the built-ins: the engine must run on data alone.
const rules: ClockRules = {
  acknowledge: { days: 5, unit: 'working', source: 'T §1' },
  update: { days: 28, unit: 'calendar', source: 'T §2' },
  appealWindow: { days: 28, unit: 'calendar', source: 'T §3' },
  appealAcknowledge: { days: 5, unit: 'working', source: 'T §4' },
  appealDecision: { days: 15, unit: 'working', source: 'T §5' },
  retention: { years: 6, from: 'last-contact', source: 'T §6' },
  dueSoonWorkingDays: 2,
};

function profile(clocks: Partial<ClockRules> = {}, appealAllowed = true): PolicyProfile {
  const state = (id: string, kind: PolicyProfile['lifecycle']['states'][number]['kind']) => ({
    id,
    label: id,
    kind,
    decisions: [],
    source: 'T',
  });
  return {
    id: 'test',
    name: 'Test OPCC',
    shortName: 'Test',
    referencePrefix: 'TST',
    nation: 'england',
    languages: ['en'],
    sourceDocument: 'test',
    roles: [{ id: 'chief-executive', title: 'Chief Executive' }],
    eligibility: { service: ['affected'], conduct: ['affected'], explanation: 'x', source: 'T' },
    redirects: [],
    routing: [],
    lifecycle: {
      initial: { inScope: 'stage-1', redirected: 'final', notEligible: 'final', needsReview: 'needs-review' },
      states: [
        state('needs-review', 'review'),
        state('stage-1', 'open'),
        state('closed', 'closed'),
        state('appeal', 'appeal'),
        state('final', 'final'),
      ],
      transitions: [],
      commonActions: [],
    },
    outcomes: [],
    appeal: { allowed: appealAllowed, noAppealWhenHandledBy: ['chief-executive'], outcomes: [], source: 'T' },
    clocks: { ...rules, ...clocks },
    updatesToSubject: false,
  };
}

const route: Route = {
  inScope: true,
  redirectTo: null,
  reason: 'test',
  handler: 'complaints-team-leader',
  decisionMaker: 'director-of-operations',
  appealBody: 'chief-executive',
  flags: [],
  sources: [],
};

/** London wall-clock noon unless a time is given. */
const at = (day: string, hour = 12, minute = 0) => londonInstant(day, hour, minute);

function record(over: Partial<CaseRecord> = {}): CaseRecord {
  return newCaseRecord({
    reference: 'TST-2026-0001',
    policyId: 'test',
    receivedAt: at('2026-06-01'),
    state: 'stage-1',
    complaint: {},
    route,
    lastContactAt: null,
    ...over,
  });
}

const cal = makeCalendar();
const clocks = (r: CaseRecord, today: string, p = profile(), c = cal) => computeClocks(p, r, at(today), c);

describe('acknowledgement clock across the calendar', () => {
  it.each([
    // [received London instant (ISO), acknowledgeBy, why]
    ['2026-05-30T10:00:00Z', '2026-06-05', 'Saturday receipt: Monday is day 1'],
    ['2026-06-01T23:30:00Z', '2026-06-09', '00:30 BST on Tuesday 2 June counts as 2 June'],
    ['2026-06-01T22:59:00Z', '2026-06-08', '23:59 BST on Monday counts as Monday'],
    ['2026-03-28T23:30:00Z', '2026-04-07', '23:30 GMT Saturday before the spring change, then Easter'],
    ['2026-03-28T23:30:00Z', '2026-04-07', 'same instant twice: recomputation is stable'],
    ['2026-10-24T23:30:00Z', '2026-10-30', '00:30 BST on the autumn-change Sunday is Sunday'],
    ['2026-10-26T23:30:00Z', '2026-11-02', '23:30 GMT Monday after the change is still Monday'],
    ['2026-04-02T16:00:00Z', '2026-04-13', 'Easter: Good Friday and Easter Monday'],
    ['2021-12-24T12:00:00Z', '2022-01-05', '2021-12-27/28 and 2022-01-03 substitute days'],
    ['2027-12-24T12:00:00Z', '2028-01-05', '2027-12-27/28 and 2028-01-03 substitute days'],
    ['2022-09-15T12:00:00Z', '2022-09-23', 'state funeral 2022-09-19'],
  ])('received %s -> acknowledge by %s (%s)', (iso, ack) => {
    const r = record({ receivedAt: new Date(iso) });
    expect(clocks(r, '2026-01-01').acknowledgeBy).toBe(ack);
  });

  it('a closure day added in Settings moves an open case (recomputed, never stored)', () => {
    const r = record();
    expect(clocks(r, '2026-06-01').acknowledgeBy).toBe('2026-06-08');
    const office = makeCalendar(['2026-06-03']);
    expect(computeClocks(profile(), r, at('2026-06-01'), office).acknowledgeBy).toBe('2026-06-09');
  });
});

describe('update, appeal and retention clocks', () => {
  it('updateBy runs from the later of receipt and the last update, while open', () => {
    expect(clocks(record(), '2026-06-02').updateBy).toBe('2026-06-29');
    const updated = record({ lastUpdateAt: at('2026-06-20') });
    // 28 days on is Saturday 18 July: the office promises the working day before, Friday 17 July.
    expect(clocks(updated, '2026-06-22').updateBy).toBe('2026-07-17');
    expect(clocks(record({ state: 'needs-review' }), '2026-06-02').updateBy).toBe('2026-06-29');
    expect(clocks(record({ state: 'closed', closedAt: at('2026-06-10') }), '2026-06-11').updateBy).toBeNull();
  });

  it('no update figure, no updateBy; no acknowledge rule, no acknowledgeBy', () => {
    const c = clocks(record(), '2026-06-02', profile({ update: null, acknowledge: null }));
    expect(c.updateBy).toBeNull();
    expect(c.acknowledgeBy).toBeNull();
  });

  it('appealBy is closure day + window, only where an appeal is possible', () => {
    const closed = record({ state: 'closed', closedAt: at('2026-06-10'), acknowledgedAt: at('2026-06-02') });
    expect(clocks(closed, '2026-06-11').appealBy).toBe('2026-07-08');
    expect(clocks(closed, '2026-06-11', profile({}, false)).appealBy).toBeNull();
    expect(clocks(closed, '2026-06-11', profile({ appealWindow: null })).appealBy).toBeNull();
    expect(clocks({ ...closed, route: { ...route, appealBody: null } }, '2026-06-11').appealBy).toBeNull();
    expect(clocks({ ...closed, handledBy: 'chief-executive' }, '2026-06-11').appealBy).toBeNull();
    expect(clocks({ ...closed, handledBy: 'director-of-operations' }, '2026-06-11').appealBy).toBe(
      '2026-07-08',
    );
  });

  it('appeal acknowledgement and decision run from the appeal day', () => {
    const appealed = record({ state: 'appeal', closedAt: at('2026-06-10'), appealedAt: at('2026-06-26') });
    const c = clocks(appealed, '2026-06-26');
    expect(c.appealAcknowledgeBy).toBe('2026-07-03');
    expect(c.appealDecisionBy).toBe('2026-07-17');
    expect(clocks(record(), '2026-06-02').appealAcknowledgeBy).toBeNull();
  });

  it('retention runs from last contact, or the latest event, or closure per the rule', () => {
    const r = record({ closedAt: at('2026-07-01'), lastContactAt: at('2026-08-15'), state: 'final' });
    expect(clocks(r, '2026-09-01').retainUntil).toBe('2032-08-15');
    expect(clocks({ ...r, lastContactAt: null }, '2026-09-01').retainUntil).toBe('2032-07-01');
    const byClosure = profile({ retention: { years: 6, from: 'closure', source: 'T' } });
    expect(clocks(r, '2026-09-01', byClosure).retainUntil).toBe('2032-07-01');
    expect(clocks(record(), '2026-06-02', byClosure).retainUntil).toBeNull();
    expect(clocks(r, '2026-09-01', profile({ retention: null })).retainUntil).toBeNull();
  });
});

describe('pauses', () => {
  it('a finished pause moves working clocks by working days and calendar clocks by calendar days', () => {
    // Paused Wednesday 3 June to Monday 8 June: 3 working days (4, 5, 8), 5 calendar days.
    const r = record({ pauses: [{ from: at('2026-06-03'), to: at('2026-06-08') }] });
    const c = clocks(r, '2026-06-09');
    expect(c.acknowledgeBy).toBe('2026-06-11');
    // 29 June + 5 paused days is Saturday 4 July: the office promises Friday 3 July.
    expect(c.updateBy).toBe('2026-07-03');
  });

  it('while paused the status is paused and the deadline keeps moving', () => {
    const r = record({ pauses: [{ from: at('2026-06-03'), to: null }] });
    const c = clocks(r, '2026-06-05');
    expect(c.status).toBe('paused');
    expect(c.statusReason).toContain('03/06/2026');
    expect(c.acknowledgeBy).toBe('2026-06-10');
    expect(clocks(r, '2026-06-12').acknowledgeBy).toBe('2026-06-17'); // 7 working days paused so far
  });

  it('a pause after the deadline, or on one day only, does not move it', () => {
    const late = record({
      acknowledgedAt: at('2026-06-02'),
      pauses: [{ from: at('2026-06-20'), to: at('2026-06-25') }],
    });
    expect(clocks(late, '2026-06-26').acknowledgeBy).toBe('2026-06-08');
    const sameDay = record({ pauses: [{ from: at('2026-06-03', 9), to: at('2026-06-03', 17) }] });
    expect(clocks(sameDay, '2026-06-04').acknowledgeBy).toBe('2026-06-08');
  });

  it('the appeal window does not pause', () => {
    const r = record({
      state: 'closed',
      closedAt: at('2026-06-10'),
      pauses: [{ from: at('2026-06-12'), to: at('2026-06-20') }],
    });
    expect(clocks(r, '2026-06-21').appealBy).toBe('2026-07-08');
  });
});

describe('SLA status: exactly one, by the written rules', () => {
  it.each([
    // [case, today, status, reason contains]
    ['new case, deadline far', record(), '2026-06-01', 'on-track', 'Acknowledgement due 08/06/2026'],
    ['two working days before', record(), '2026-06-04', 'due-soon', 'Acknowledgement due 08/06/2026'],
    ['on the day', record(), '2026-06-08', 'due-soon', '08/06/2026'],
    ['day after', record(), '2026-06-09', 'overdue', 'Acknowledgement overdue: was due 08/06/2026'],
    [
      'acknowledged, update running',
      record({ acknowledgedAt: at('2026-06-02') }),
      '2026-06-09',
      'on-track',
      'Progress update due 29/06/2026',
    ],
    [
      'update late',
      record({ acknowledgedAt: at('2026-06-02') }),
      '2026-06-30',
      'overdue',
      'Progress update overdue: was due 29/06/2026',
    ],
    [
      'closed, appeal window open',
      record({ state: 'closed', acknowledgedAt: at('2026-06-02'), closedAt: at('2026-06-10') }),
      '2026-07-08',
      'met',
      'appeal window open until 08/07/2026',
    ],
    [
      'closed, appeal window shut',
      record({ state: 'closed', acknowledgedAt: at('2026-06-02'), closedAt: at('2026-06-10') }),
      '2026-07-09',
      'closed',
      'Closed',
    ],
    ['final state', record({ state: 'final' }), '2026-06-30', 'closed', 'Closed'],
    [
      'appeal, not acknowledged',
      record({ state: 'appeal', closedAt: at('2026-06-10'), appealedAt: at('2026-06-26') }),
      '2026-07-06',
      'overdue',
      'Appeal acknowledgement overdue: was due 03/07/2026',
    ],
    [
      'appeal acknowledged, decision due',
      record({
        state: 'appeal',
        closedAt: at('2026-06-10'),
        appealedAt: at('2026-06-26'),
        appealAcknowledgedAt: at('2026-06-29'),
      }),
      '2026-07-15',
      'due-soon',
      'Appeal decision due 17/07/2026',
    ],
    [
      'open, no update rule, acknowledged on time',
      record({ acknowledgedAt: at('2026-06-05') }),
      '2026-07-30',
      'met',
      'Every deadline met',
    ],
    [
      'open, no update rule, acknowledged late',
      record({ acknowledgedAt: at('2026-06-12') }),
      '2026-07-30',
      'on-track',
      'Acknowledgement given late on 12/06/2026 (due 08/06/2026)',
    ],
    [
      'paused beats overdue',
      record({ pauses: [{ from: at('2026-06-20'), to: null }] }),
      '2026-06-25',
      'paused',
      'Paused since 20/06/2026',
    ],
    [
      'appeal with no update rule and no appeal deadlines',
      record({ state: 'appeal', closedAt: at('2026-06-10'), appealedAt: at('2026-06-20') }),
      '2026-07-30',
      'met',
      'Appeal being considered',
    ],
    [
      'unknown state keeps its clocks running',
      record({ state: 'typo' }),
      '2026-06-09',
      'overdue',
      'Acknowledgement',
    ],
  ])('%s', (why, r, today, status, reason) => {
    const p = why.includes('no appeal deadlines')
      ? profile({ update: null, appealAcknowledge: null, appealDecision: null })
      : why.includes('no update rule')
        ? profile({ update: null })
        : profile();
    const c = clocks(r, today, p);
    expect(c.status).toBe(status);
    expect(c.statusReason).toContain(reason);
  });
});

describe('the built-in profiles', () => {
  // Imported lazily so the inline-profile tests above do not depend on the profile files.
  const load = async (id: string) => (await import('../../src/core/profile')).getProfile(id);
  const received = at('2026-06-01', 9); // a Monday
  const closedAt = at('2026-06-10', 15);
  const appealedAt = at('2026-06-26', 10); // a Friday
  const open = record({ receivedAt: received });
  const closed = record({ receivedAt: received, closedAt, acknowledgedAt: at('2026-06-02') });

  it.each([
    // [id, open: ack, update; closed: appealBy; appeal: ack, decision; retention from last contact]
    ['wiltshire', '2026-06-08', '2026-06-29', '2026-07-08', '2026-07-03', '2026-07-17'],
    ['west-midlands', '2026-06-08', null, '2026-06-30', null, null],
    ['dyfed-powys', '2026-06-08', '2026-06-29', null, null, null],
  ])('%s', async (id, ack, update, appealBy, appealAck, appealDecision) => {
    const p = await load(id);
    const stateOf = (kind: string) => p.lifecycle.states.find((s) => s.kind === kind)?.id ?? 'missing';
    const routed: Route = { ...route, appealBody: p.routing.find((r) => r.appealBody)?.appealBody ?? null };
    const o = computeClocks(p, { ...open, state: stateOf('open'), route: routed }, at('2026-06-02'), cal);
    expect([o.acknowledgeBy, o.updateBy]).toEqual([ack, update]);
    const closedState = p.lifecycle.states.some((s) => s.kind === 'closed')
      ? stateOf('closed')
      : stateOf('final');
    const c = computeClocks(p, { ...closed, state: closedState, route: routed }, at('2026-06-11'), cal);
    expect([c.appealBy, c.updateBy]).toEqual([appealBy, null]);
    if (appealBy) {
      const a = computeClocks(
        p,
        { ...closed, state: stateOf('appeal'), route: routed, appealedAt },
        at('2026-06-26'),
        cal,
      );
      expect([a.appealAcknowledgeBy, a.appealDecisionBy]).toEqual([appealAck, appealDecision]);
    }
  });

  it('Wiltshire: no appeal when the Chief Executive handled the case, and 6 years from last contact', async () => {
    const p = await load('wiltshire');
    const r = { ...closed, state: 'closed', handledBy: 'chief-executive', lastContactAt: at('2026-06-12') };
    const c = computeClocks(p, r, at('2026-06-11'), cal);
    expect(c.appealBy).toBeNull();
    expect(c.status).toBe('closed');
    expect(c.retainUntil).toBe('2032-06-12');
  });
});

describe('every open case has a named next deadline', () => {
  const wm = () => getProfile('west-midlands');
  const received = new Date('2026-03-02T10:00:00Z');
  const base = () =>
    newCaseRecord({
      reference: 'WMD-2026-0001',
      policyId: 'west-midlands',
      receivedAt: received,
      state: wm().lifecycle.initial.inScope,
      complaint: {},
      route: null,
    });

  it('001 ¶11 "The complainant shall be advised of the action to be taken" sets no interval: once acknowledged, a West Midlands case still has a progress check due (office practice, 28 days from the last contact)', () => {
    const record = { ...base(), acknowledgedAt: received, lastContactAt: received };
    const clocks = computeClocks(wm(), record, new Date('2026-03-10T10:00:00Z'), makeCalendar());
    expect(clocks.updateBy).toBeNull();
    expect(clocks.reviewBy).toBe('2026-03-30');
    expect(clocks.nextDeadline).toBe('2026-03-30');
    expect(clocks.statusReason).toBe('Progress check due 30/03/2026');
  });

  it('001 ¶18 "may appeal to the Chief Executive" sets no time for the answer: an appeal has a progress check from the day it arrived', () => {
    const appealed = new Date('2026-04-01T10:00:00Z');
    const record = {
      ...base(),
      state: wm().lifecycle.states.find((s) => s.kind === 'appeal')!.id,
      acknowledgedAt: received,
      closedAt: new Date('2026-03-20T10:00:00Z'),
      appealedAt: appealed,
      lastContactAt: appealed,
    };
    const clocks = computeClocks(wm(), record, new Date('2026-04-02T10:00:00Z'), makeCalendar());
    expect(clocks.reviewBy).toBe('2026-04-29');
    expect(clocks.status).toBe('on-track');
  });

  it('a policy whose own clocks give a deadline (Wiltshire 002 §4.5: "an update every 28 days") gets no extra check', () => {
    const wil = getProfile('wiltshire');
    const record = {
      ...base(),
      policyId: 'wiltshire',
      state: wil.lifecycle.initial.inScope,
      acknowledgedAt: received,
    };
    expect(computeClocks(wil, record, received, makeCalendar()).reviewBy).toBeNull();
  });
});
