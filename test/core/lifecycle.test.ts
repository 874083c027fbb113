import { describe, expect, it } from 'vitest';
import {
  actionForStateChange,
  applyAction,
  availableActions,
  initialState,
  stateKind,
} from '../../src/core/lifecycle';
import { route } from '../../src/core/routing';
import { BUILT_IN_PROFILES, getProfile } from '../../src/core/profile';
import type { Actor, CaseAction, CaseRecord, Complaint, PolicyProfile, Route } from '../../src/core/model';
import { newCaseRecord } from '../../src/core/case-record';

const team: Actor = { email: 'team@opcc.example', role: 'complaints-team' };
const ce: Actor = { email: null, role: 'chief-executive' };
const day = (d: string, hour = 10): Date => new Date(`${d}T${String(hour).padStart(2, '0')}:00:00Z`);
const T0 = day('2026-03-02');

const complaint: Complaint = {
  channel: 'form',
  name: 'Alex Jones',
  email: 'alex@example.com',
  preferredContact: 'email',
  language: 'en',
  relationship: 'affected',
  subject: 'staff',
  description: 'Nobody answered my letter about the grant.',
};

function record(profile: PolicyProfile, over: Partial<CaseRecord> = {}): CaseRecord {
  const r = route(profile, complaint);
  return newCaseRecord({
    reference: `${profile.referencePrefix}-2026-0001`,
    policyId: profile.id,
    receivedAt: T0,
    state: initialState(profile, r, true),
    complaint,
    route: r,
    lastContactAt: null,
    ...over,
  });
}

/** Applies a run of actions, failing loudly on the first refusal. */
function run(profile: PolicyProfile, start: CaseRecord, steps: [CaseAction, Actor?, Date?][]): CaseRecord {
  let rec = start;
  for (const [action, actor, at] of steps) {
    const res = applyAction(profile, rec, action, actor ?? team, at ?? T0);
    if (!res.ok) throw new Error(`${action.do}: ${res.reason}`);
    rec = res.record;
  }
  return rec;
}

function refused(
  profile: PolicyProfile,
  rec: CaseRecord,
  action: CaseAction,
  actor: Actor = team,
  at = T0,
  ctx = {},
): string {
  const res = applyAction(profile, rec, action, actor, at, ctx);
  if (res.ok) throw new Error(`${action.do} was allowed`);
  return res.reason;
}

const dp = getProfile('dyfed-powys');
const wm = getProfile('west-midlands');
const wil = getProfile('wiltshire');

describe('initialState and stateKind', () => {
  const inScope = route(wm, complaint);
  const redirected = route(wm, { ...complaint, subject: 'pcc' });
  const ineligible = route(wm, { ...complaint, relationship: 'witness', subject: 'organisation' });
  const unrouted: Route = { ...inScope, inScope: false, redirectTo: null };
  it.each([
    [inScope, true, 'stage-1'],
    [redirected, true, 'redirected'],
    [ineligible, true, 'not-eligible'],
    [unrouted, true, 'needs-review'],
    [inScope, false, 'needs-review'],
    [null, true, 'needs-review'],
  ] as const)('%#: starts in %s', (r, ok, expected) => {
    expect(initialState(wm, r, ok)).toBe(expected);
  });
  it('starts in-scope Dyfed-Powys cases at the Appropriate Authority review', () => {
    expect(initialState(dp, route(dp, complaint), true)).toBe('assessment');
  });
  it('knows the kind of each state and refuses unknown ones', () => {
    expect(stateKind(wm, 'needs-review')).toBe('review');
    expect(stateKind(wm, 'closed')).toBe('closed');
    expect(stateKind(dp, 'closed')).toBe('final');
    expect(() => stateKind(wm, 'limbo')).toThrow(/limbo/);
  });
});

describe('every declared transition works from every state it lists', () => {
  const cases = BUILT_IN_PROFILES.flatMap((p) =>
    p.lifecycle.transitions.flatMap((t) => t.from.map((from) => [p.id, t.action, from, t.to] as const)),
  );
  it.each(cases)('%s: %s from %s -> %s', (profileId, actionId, from, to) => {
    const profile = getProfile(profileId);
    const t = profile.lifecycle.transitions.find((x) => x.action === actionId && x.from.includes(from))!;
    const state = profile.lifecycle.states.find((s) => s.id === from)!;
    const action: CaseAction = { do: actionId };
    const guards = t.guards ?? [];
    if (guards.includes('decision-recorded') && state.decisions[0]) action.decision = state.decisions[0].id;
    if (guards.includes('outcome-given')) action.outcome = profile.outcomes[0]!.id;
    if (guards.includes('appeal-outcome-given')) action.outcome = profile.appeal.outcomes[0]!.id;
    const actor: Actor = t.actors === 'any' ? team : { email: null, role: t.actors[0]! };
    const rec = record(profile, { state: from, closedAt: day('2026-03-01'), decision: 'earlier' });
    const res = applyAction(profile, rec, action, actor, T0);
    expect(res.ok && res.record.state).toBe(to);
    expect(res.ok && res.audit).toMatchObject({ from, to, action: actionId, reference: rec.reference });
  });

  it.each(
    BUILT_IN_PROFILES.flatMap((p) =>
      p.lifecycle.transitions.flatMap((t) =>
        p.lifecycle.states
          .filter((s) => !p.lifecycle.transitions.some((x) => x.action === t.action && x.from.includes(s.id)))
          .map((s) => [p.id, t.action, s.id] as const),
      ),
    ),
  )('%s: %s is refused from %s', (profileId, actionId, from) => {
    const profile = getProfile(profileId);
    const reason = refused(profile, record(profile, { state: from }), {
      do: actionId,
      outcome: profile.outcomes[0]!.id,
    });
    expect(reason).toMatch(/is not allowed while the case is at/);
  });
});

describe('common actions', () => {
  it('are declared once, not repeated as transitions', () => {
    for (const p of BUILT_IN_PROFILES) {
      const common = new Set(p.lifecycle.commonActions.map((c) => c.action));
      for (const id of ['pause', 'resume', 'record-update', 'add-note', 'withdraw'])
        expect(common).toContain(id);
      for (const t of p.lifecycle.transitions) expect(common.has(t.action), t.action).toBe(false);
    }
  });

  const openStates = BUILT_IN_PROFILES.flatMap((p) =>
    p.lifecycle.states.filter((s) => s.kind === 'open').map((s) => [p.id, s.id] as const),
  );
  it.each(openStates)('%s: pause, resume, update, note and withdraw work at %s', (profileId, state) => {
    const profile = getProfile(profileId);
    const start = record(profile, { state });
    const paused = run(profile, start, [[{ do: 'pause' }, team, day('2026-03-03')]]);
    expect(paused.pauses).toEqual([{ from: day('2026-03-03'), to: null }]);
    expect(refused(profile, paused, { do: 'pause' })).toBe('The clock is already paused.');
    expect(availableActions(profile, paused).map((a) => a.action)).not.toContain('pause');
    const resumed = run(profile, paused, [[{ do: 'resume' }, team, day('2026-03-05')]]);
    expect(resumed.pauses).toEqual([{ from: day('2026-03-03'), to: day('2026-03-05') }]);
    expect(refused(profile, resumed, { do: 'resume' })).toBe('The clock is not paused.');
    const updated = run(profile, resumed, [[{ do: 'record-update' }, team, day('2026-03-06')]]);
    expect(updated.lastUpdateAt).toEqual(day('2026-03-06'));
    expect(updated.lastContactAt).toEqual(day('2026-03-06'));
    expect(updated.state).toBe(state);
    const noted = applyAction(profile, updated, { do: 'add-note', note: 'Called back' }, team, T0);
    expect(noted.ok && noted.record.state).toBe(state);
    expect(noted.ok && noted.audit.detail).toContain('Note: Called back');
    expect(refused(profile, updated, { do: 'add-note', note: '  ' })).toMatch(/Write the note/);
    const withdrawn = run(profile, updated, [[{ do: 'withdraw' }, team, day('2026-03-07')]]);
    expect(withdrawn.state).toBe('withdrawn');
    expect(withdrawn.closedAt).toEqual(day('2026-03-07'));
  });

  it('closing ends a running pause', () => {
    const rec = run(wm, record(wm, { state: 'stage-2' }), [
      [{ do: 'pause' }, team, day('2026-03-03')],
      [{ do: 'close', outcome: 'not-upheld' }, team, day('2026-03-09')],
    ]);
    expect(rec.pauses).toEqual([{ from: day('2026-03-03'), to: day('2026-03-09') }]);
  });

  it('records acknowledgement once', () => {
    const rec = run(wil, record(wil), [[{ do: 'acknowledge' }, team, day('2026-03-03')]]);
    expect(rec.acknowledgedAt).toEqual(day('2026-03-03'));
    expect(refused(wil, rec, { do: 'acknowledge' })).toMatch(/already/);
  });

  it('lets notes be added in final states too, but not withdrawal', () => {
    const rec = record(dp, { state: 'closed' });
    expect(applyAction(dp, rec, { do: 'add-note', note: 'Filed' }, team, T0).ok).toBe(true);
    expect(refused(dp, rec, { do: 'withdraw' })).toMatch(/not allowed/);
  });
});

describe('Dyfed-Powys: options of 000 §7, final outcome', () => {
  it('runs review -> investigation -> closed (final)', () => {
    const rec = run(dp, record(dp, { state: 'needs-review' }), [
      [{ do: 'accept' }],
      [{ do: 'decide', decision: 'investigate' }],
      [{ do: 'start-investigation' }],
      [{ do: 'close', outcome: 'learning' }, team, day('2026-04-01')],
    ]);
    expect(rec).toMatchObject({ state: 'closed', outcome: 'learning', closedAt: day('2026-04-01') });
    expect(stateKind(dp, rec.state)).toBe('final');
    expect(refused(dp, rec, { do: 'appeal' })).toBe("This office's policy has no appeal stage.");
    expect(availableActions(dp, rec).map((a) => a.action)).toEqual(['add-note']);
  });
  it('000 §9 "The outcome of your complaint will be final, there is currently no right to request a review": an appeal is refused in plain words', () => {
    for (const action of ['appeal', 'acknowledge-appeal', 'decide-appeal']) {
      expect(refused(dp, record(dp, { state: 'assessment' }), { do: action })).toBe(
        "This office's policy has no appeal stage.",
      );
    }
    // A policy with an appeal stage still says what is wrong with the timing, not that there is no stage.
    expect(refused(wm, record(wm, { state: 'stage-1' }), { do: 'appeal' })).toMatch(/not allowed while/);
  });
  it('lets only the Appropriate Authority refer to Professional Standards', () => {
    const rec = record(dp, { decision: 'refer-to-psd' });
    expect(refused(dp, rec, { do: 'refer-to-psd' })).toBe(
      'Only the Chief Executive or the Police and Crime Commissioner can refer to the Professional Standards Department.',
    );
    expect(run(dp, rec, [[{ do: 'refer-to-psd' }, ce]]).state).toBe('referred-to-psd');
  });
  it('offers the four options of §7 at the review', () => {
    expect(dp.lifecycle.states.find((s) => s.id === 'assessment')?.decisions.map((d) => d.id)).toEqual([
      'no-further-action',
      'management-action',
      'refer-to-psd',
      'investigate',
    ]);
  });
});

describe('West Midlands: stages 1, 2, 3a, 3b and appeal', () => {
  it('runs the whole way to an appeal decision', () => {
    const rec = run(wm, record(wm), [
      [{ do: 'start-stage-2' }],
      [{ do: 'decide', decision: 'mediation' }],
      [{ do: 'start-mediation' }],
      [{ do: 'mediation-not-agreed' }],
      [{ do: 'start-investigation', decision: 'formal-investigation' }],
      [{ do: 'close', outcome: 'upheld-further-steps' }, team, day('2026-04-01')],
      [{ do: 'appeal' }, team, day('2026-04-21')],
      [{ do: 'acknowledge-appeal' }, team, day('2026-04-22')],
      [{ do: 'decide-appeal', outcome: 'appeal-not-upheld' }, ce, day('2026-05-01')],
    ]);
    expect(rec).toMatchObject({
      state: 'appeal-decided',
      outcome: 'upheld-further-steps',
      closedAt: day('2026-04-01'),
      appealedAt: day('2026-04-21'),
      appealAcknowledgedAt: day('2026-04-22'),
      appealDecidedAt: day('2026-05-01'),
      appealOutcome: 'appeal-not-upheld',
      lastContactAt: day('2026-05-01'),
    });
  });

  it('offers Stage 2 decisions (a)-(e)', () => {
    const labels = wm.lifecycle.states
      .find((s) => s.id === 'stage-2')!
      .decisions.map((d) => d.label.slice(0, 3));
    expect(labels.slice(0, 5)).toEqual(['(a)', '(b)', '(c)', '(d)', '(e)']);
  });

  it('refuses an appeal after 20 days, counting from closure', () => {
    const closed = record(wm, { state: 'closed', closedAt: day('2026-04-01') });
    expect(applyAction(wm, closed, { do: 'appeal' }, team, day('2026-04-21', 22)).ok).toBe(true);
    expect(refused(wm, closed, { do: 'appeal' }, team, day('2026-04-22'))).toBe(
      'The appeal window closed on 2026-04-21.',
    );
  });

  it('takes the appeal deadline from the shell when given', () => {
    const closed = record(wm, { state: 'closed', closedAt: day('2026-04-01') });
    expect(refused(wm, closed, { do: 'appeal' }, team, day('2026-04-10'), { appealBy: '2026-04-09' })).toBe(
      'The appeal window closed on 2026-04-09.',
    );
    expect(refused(wm, closed, { do: 'appeal' }, team, day('2026-04-10'), { appealBy: null })).toMatch(
      /no appeal window/,
    );
  });

  it('counts the last day in London time, not UTC', () => {
    const closed = record(wm, { state: 'closed', closedAt: day('2026-04-01') });
    // 23:30 UTC on 21 April is 00:30 BST on 22 April: too late.
    expect(refused(wm, closed, { do: 'appeal' }, team, new Date('2026-04-21T23:30:00Z'))).toMatch(
      /closed on 2026-04-21/,
    );
  });

  it('gives no appeal when the PCC decided a complaint about the Chief Executive', () => {
    const rec = record(wm, {
      state: 'closed',
      closedAt: T0,
      route: route(wm, { ...complaint, subject: 'chief-executive' }),
    });
    expect(refused(wm, rec, { do: 'appeal' })).toBe('There is no right of appeal for this complaint.');
    expect(availableActions(wm, rec).map((a) => a.action)).not.toContain('appeal');
  });

  it('lets only the Chief Executive or PCC decide an appeal', () => {
    const rec = record(wm, { state: 'appeal' });
    expect(refused(wm, rec, { do: 'decide-appeal', outcome: 'appeal-upheld' })).toMatch(
      /^Only the Chief Executive/,
    );
  });

  it('lets the Deputy Chief Executive take on a partner organisation complaint', () => {
    const rec = record(wm, { state: 'redirected', closedAt: T0 });
    expect(refused(wm, rec, { do: 'take-on' })).toMatch(/Only the Deputy Chief Executive/);
    const taken = run(wm, rec, [[{ do: 'take-on' }, { email: null, role: 'deputy-chief-executive' }]]);
    expect(taken).toMatchObject({ state: 'stage-2', closedAt: null });
  });
});

describe('Wiltshire: informal, handling review, investigation, appeal', () => {
  it('runs stage 1 -> 2 -> 3 -> closed -> appeal', () => {
    const rec = run(wil, record(wil), [
      [{ do: 'start-stage-2' }],
      [{ do: 'decide', decision: 'formal-investigation' }],
      [{ do: 'start-investigation' }],
      [{ do: 'close', outcome: 'upheld-apology-learning' }, team, day('2026-04-01')],
      [{ do: 'appeal' }, team, day('2026-04-29')],
    ]);
    expect(rec).toMatchObject({
      state: 'appeal',
      outcome: 'upheld-apology-learning',
      appealedAt: day('2026-04-29'),
    });
    expect(refused(wil, { ...rec, state: 'closed' }, { do: 'appeal' }, team, day('2026-04-30'))).toBe(
      'The appeal window closed on 2026-04-29.',
    );
  });

  it('gives no right of appeal when the Chief Executive handled the complaint personally (§4.8)', () => {
    const rec = run(wil, record(wil, { state: 'stage-2' }), [
      [{ do: 'handle-personally' }, ce],
      [{ do: 'close', outcome: 'not-upheld-remedied' }, ce, day('2026-04-01')],
    ]);
    expect(rec.handledBy).toBe('chief-executive');
    expect(refused(wil, rec, { do: 'appeal' }, team, day('2026-04-02'))).toBe(
      'There is no right of appeal: the Chief Executive handled this complaint personally.',
    );
    expect(availableActions(wil, rec).map((a) => a.action)).toEqual(['conclude', 'add-note']);
  });

  it('keeps the appeal when someone else handled it', () => {
    const rec = record(wil, {
      state: 'closed',
      closedAt: day('2026-04-01'),
      handledBy: 'director-of-operations',
    });
    expect(applyAction(wil, rec, { do: 'appeal' }, team, day('2026-04-02')).ok).toBe(true);
  });

  it('lets only the Chief Executive take a case on personally', () => {
    expect(refused(wil, record(wil), { do: 'handle-personally' })).toMatch(/^Only the Chief Executive can/);
  });

  it('offers the five outcomes of §4.14', () => {
    expect(wil.outcomes).toHaveLength(5);
  });
});

describe('guards and refusals', () => {
  it.each([
    [
      wm,
      { state: 'stage-2' },
      { do: 'start-investigation' },
      'A decision must be recorded before the case can move on.',
    ],
    [wil, { state: 'stage-3' }, { do: 'close' }, 'An outcome must be chosen before the case can be closed.'],
    [
      wil,
      { state: 'stage-3' },
      { do: 'close', outcome: 'sorted' },
      /"sorted" is not one of this policy's outcomes/,
    ],
    [
      wm,
      { state: 'appeal' },
      { do: 'decide-appeal' },
      'An appeal outcome must be chosen before the appeal can be decided.',
    ],
    [
      wm,
      { state: 'stage-2' },
      { do: 'decide', decision: 'shrug' },
      /"shrug" is not a decision for the stage/,
    ],
    [wm, { state: 'stage-2' }, { do: 'decide' }, 'Choose a decision to record.'],
    [
      wm,
      { state: 'stage-1' },
      { do: 'decide', decision: 'no-further-action' },
      /No decision is recorded at the stage/,
    ],
    [wm, { state: 'stage-1' }, { do: 'fly' }, 'Unknown action "fly".'],
    [
      wm,
      { state: 'stage-1' },
      { do: 'start-investigation' },
      /"start-investigation" is not allowed while the case is at "Stage 1/,
    ],
    [wm, { state: 'limbo' }, { do: 'close' }, /stage this policy does not know/],
    [dp, { state: 'assessment' }, { do: 'appeal' }, "This office's policy has no appeal stage."],
  ] as const)('%#: %j refused', (profile, over, action, reason) => {
    const rec = record(profile, over as Partial<CaseRecord>);
    const got = refused(
      profile,
      rec,
      action as CaseAction,
      wm === profile && action.do === 'decide-appeal' ? ce : team,
    );
    if (typeof reason === 'string') expect(got).toBe(reason);
    else expect(got).toMatch(reason);
  });

  it('never changes the record it was given', () => {
    const rec = record(wm, { state: 'stage-2' });
    const before = structuredClone(rec);
    run(wm, rec, [[{ do: 'pause' }], [{ do: 'decide', decision: 'deal-personally' }]]);
    expect(rec).toEqual(before);
  });

  it('clears the stage decision on moving on and keeps it in the audit', () => {
    const res = applyAction(
      wm,
      record(wm, { state: 'stage-2' }),
      { do: 'start-investigation', decision: 'formal-investigation' },
      team,
      T0,
    );
    expect(res.ok && res.record.decision).toBeNull();
    expect(res.ok && res.audit.detail).toContain('Decision: (d) Formal investigation');
  });
});

describe('audit entries', () => {
  it('name the actor role and email, the move and a formula-safe note', () => {
    const res = applyAction(wil, record(wil), { do: 'start-stage-2', note: '=HYPERLINK("x")' }, team, T0);
    expect(res.ok && res.audit).toEqual({
      at: T0,
      reference: 'WIL-2026-0001',
      actor: 'complaints-team <team@opcc.example>',
      action: 'start-stage-2',
      from: 'stage-1',
      to: 'stage-2',
      detail: `Start the handling review. Note: '=HYPERLINK("x")`,
    });
  });
  it('name only the role when there is no email', () => {
    const res = applyAction(wil, record(wil, { state: 'stage-2' }), { do: 'handle-personally' }, ce, T0);
    expect(res.ok && res.audit.actor).toBe('chief-executive');
  });
});

describe('availableActions and actionForStateChange', () => {
  it('lists what a new Wiltshire case can do', () => {
    expect(availableActions(wil, record(wil)).map((a) => a.action)).toEqual([
      'redirect',
      'mark-not-eligible',
      'start-stage-2',
      'close',
      'acknowledge',
      'pause',
      'record-update',
      'add-note',
      'withdraw',
      'handle-personally',
    ]);
  });
  it('offers accept, redirect and not eligible from review', () => {
    for (const p of BUILT_IN_PROFILES) {
      const actions = availableActions(p, record(p, { state: 'needs-review' })).map((a) => a.action);
      expect(actions).toEqual(
        expect.arrayContaining(['accept', 'redirect', 'mark-not-eligible', 'withdraw', 'add-note']),
      );
    }
  });
  it.each([
    [wm, 'stage-1', 'stage-2', 'start-stage-2'],
    [wm, 'stage-2', 'stage-3a', 'start-investigation'],
    [wm, 'stage-3b', 'stage-2', 'mediation-not-agreed'],
    [wm, 'stage-2', 'closed', 'close'],
    [wm, 'closed', 'appeal', 'appeal'],
    [wm, 'stage-1', 'withdrawn', 'withdraw'],
    [wil, 'needs-review', 'stage-1', 'accept'],
    [dp, 'needs-review', 'redirected', 'redirect'],
    [dp, 'assessment', 'referred-to-psd', 'refer-to-psd'],
    [wm, 'stage-1', 'stage-3a', null],
    [wm, 'stage-1', 'stage-1', null],
    [wm, 'closed', 'withdrawn', null],
    [wm, 'nowhere', 'stage-1', null],
  ] as const)('%#: %s -> %s is %s', (profile, from, to, expected) => {
    expect(actionForStateChange(profile, from, to)).toBe(expected);
  });
});
