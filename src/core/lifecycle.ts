/**
 * The case lifecycle: a pure state machine whose states, transitions, actors and guards are profile data.
 *
 * The engine gives meaning to a small vocabulary, the same for every profile:
 * - by target kind: entering `closed`/`final` from `review`/`open` sets closedAt (and ends a running pause);
 *   entering `appeal` from `closed` sets appealedAt; leaving `appeal` for `final` sets appealDecidedAt and
 *   appealOutcome; going back to `review`/`open` clears closedAt (a redirected case taken on).
 * - by guard: `outcome-given` records the outcome; `appeal-outcome-given` the appeal outcome.
 * - by common action id: `decide` (a decision of the current stage), `pause`, `resume`, `record-update`,
 *   `acknowledge`, `acknowledge-appeal`, `handle-personally` (handledBy = the actor's role: Wiltshire §4.8),
 *   `add-note` (needs a note). Other ids only move the state.
 * Moving to another state clears `decision`: it belongs to the stage it was taken at (the audit keeps it).
 *
 * The appeal window: `applyAction` takes an optional sixth argument `{ appealBy }`, the deadline the shell
 * already has from computeClocks with the office calendar (closure days included). Without it the engine
 * works it out with computeClocks and the bank-holiday calendar alone.
 */
import { londonDate, makeCalendar } from './calendar';
import { computeClocks } from './clocks';
import type {
  ActionResult,
  Actor,
  CaseAction,
  CaseRecord,
  CommonAction,
  LifecycleState,
  LocalDate,
  PolicyProfile,
  Route,
  StateKind,
  Transition,
  TransitionGuard,
} from './model';
import { roleTitle } from './profile';
import { sanitiseText } from './text';

export interface ActionContext {
  /** The last day an appeal may be made; null when none may be. Omit to have it worked out. */
  appealBy?: LocalDate | null;
}

type Step = (Transition | CommonAction) & { to?: string };

function findState(profile: PolicyProfile, id: string): LifecycleState | undefined {
  return profile.lifecycle.states.find((s) => s.id === id);
}

export function stateKind(profile: PolicyProfile, stateId: string): StateKind {
  const state = findState(profile, stateId);
  if (!state) throw new Error(`Unknown stage "${stateId}" in policy ${profile.id}.`);
  return state.kind;
}

export function initialState(profile: PolicyProfile, route: Route | null, intakeOk: boolean): string {
  const initial = profile.lifecycle.initial;
  if (!intakeOk || route === null) return initial.needsReview;
  if (route.inScope) return initial.inScope;
  if (route.redirectTo === 'not-eligible') return initial.notEligible;
  if (route.redirectTo !== null) return initial.redirected;
  return initial.needsReview;
}

function findStep(profile: PolicyProfile, state: LifecycleState, actionId: string): Step | undefined {
  return (
    profile.lifecycle.transitions.find((t) => t.action === actionId && t.from.includes(state.id)) ??
    profile.lifecycle.commonActions.find((c) => c.action === actionId && c.inKinds.includes(state.kind))
  );
}

function isPaused(record: CaseRecord): boolean {
  return record.pauses.some((p) => p.to === null);
}

/** Failures that need nothing but the record: used both to refuse an action and to hide it. */
function intrinsicProblem(
  profile: PolicyProfile,
  record: CaseRecord,
  state: LifecycleState,
  step: Step,
): string | null {
  switch (step.action) {
    case 'pause':
      return isPaused(record) ? 'The clock is already paused.' : null;
    case 'resume':
      return isPaused(record) ? null : 'The clock is not paused.';
    case 'acknowledge':
      return record.acknowledgedAt ? 'The acknowledgement has already been recorded.' : null;
    case 'acknowledge-appeal':
      return record.appealAcknowledgedAt ? 'The appeal acknowledgement has already been recorded.' : null;
    case 'decide':
      return state.decisions.length === 0 ? `No decision is recorded at the stage "${state.label}".` : null;
  }
  if (step.guards?.includes('appeal-allowed')) return appealRefusal(profile, record);
  return null;
}

function appealRefusal(profile: PolicyProfile, record: CaseRecord): string | null {
  if (!profile.appeal.allowed) return 'This policy gives no right of appeal: the outcome is final.';
  if (record.handledBy !== null && profile.appeal.noAppealWhenHandledBy.includes(record.handledBy)) {
    return `There is no right of appeal: the ${roleTitle(profile, record.handledBy, 'en')} handled this complaint personally.`;
  }
  if (record.route && record.route.appealBody === null)
    return 'There is no right of appeal for this complaint.';
  return null;
}

function labelOf(list: readonly { id: string; label: string }[], id: string): string {
  return list.find((x) => x.id === id)?.label ?? id;
}

function ids(list: readonly { id: string }[]): string {
  return list.map((x) => x.id).join(', ');
}

function guardProblem(
  guard: TransitionGuard,
  profile: PolicyProfile,
  record: CaseRecord,
  action: CaseAction,
  at: Date,
  context: ActionContext,
): string | null {
  switch (guard) {
    case 'decision-recorded':
      return record.decision === null && action.decision === undefined
        ? 'A decision must be recorded before the case can move on.'
        : null;
    case 'outcome-given':
      if (action.outcome === undefined || action.outcome === '') {
        return 'An outcome must be chosen before the case can be closed.';
      }
      return profile.outcomes.some((o) => o.id === action.outcome)
        ? null
        : `"${action.outcome}" is not one of this policy's outcomes (${ids(profile.outcomes)}).`;
    case 'appeal-outcome-given':
      if (action.outcome === undefined || action.outcome === '') {
        return 'An appeal outcome must be chosen before the appeal can be decided.';
      }
      return profile.appeal.outcomes.some((o) => o.id === action.outcome)
        ? null
        : `"${action.outcome}" is not one of this policy's appeal outcomes (${ids(profile.appeal.outcomes)}).`;
    case 'appeal-allowed':
      return appealRefusal(profile, record);
    case 'within-appeal-window': {
      const deadline =
        context.appealBy !== undefined
          ? context.appealBy
          : computeClocks(profile, record, at, makeCalendar()).appealBy;
      if (deadline === null) return 'There is no appeal window open for this case.';
      return londonDate(at) > deadline ? `The appeal window closed on ${deadline}.` : null;
    }
  }
}

/**
 * Actions from the shared vocabulary that a profile may not have: a policy with no appeal (000 §9) has no
 * `appeal` action at all, and staff are told so in plain words rather than "unknown action".
 */
const ABSENT_STAGE: Readonly<Record<string, string>> = {
  appeal: "This office's policy has no appeal stage.",
  'acknowledge-appeal': "This office's policy has no appeal stage.",
  'decide-appeal': "This office's policy has no appeal stage.",
  conclude: "This office's policy has no appeal stage, so there is no appeal window to conclude.",
};

/** Applies one staff action. Never throws for bad input: a refusal says why in plain English. */
export function applyAction(
  profile: PolicyProfile,
  record: CaseRecord,
  action: CaseAction,
  actor: Actor,
  at: Date,
  context: ActionContext = {},
): ActionResult {
  const state = findState(profile, record.state);
  if (!state)
    return { ok: false, reason: `The case is at a stage this policy does not know ("${record.state}").` };
  const step = findStep(profile, state, action.do);
  if (!step) {
    const known =
      profile.lifecycle.transitions.some((t) => t.action === action.do) ||
      profile.lifecycle.commonActions.some((c) => c.action === action.do);
    return {
      ok: false,
      reason: known
        ? `"${action.do}" is not allowed while the case is at "${state.label}".`
        : Object.hasOwn(ABSENT_STAGE, action.do)
          ? (ABSENT_STAGE[action.do] as string)
          : `Unknown action "${action.do}".`,
    };
  }
  if (step.actors !== 'any' && !step.actors.includes(actor.role)) {
    const who = step.actors.map((r) => `the ${roleTitle(profile, r, 'en')}`).join(' or ');
    return {
      ok: false,
      reason: `Only ${who} can ${step.label.charAt(0).toLowerCase()}${step.label.slice(1)}.`,
    };
  }
  const intrinsic = intrinsicProblem(profile, record, state, step);
  if (intrinsic) return { ok: false, reason: intrinsic };

  // A decision offered with the action must be one this stage allows.
  if (action.decision !== undefined || step.action === 'decide') {
    if (!action.decision) return { ok: false, reason: 'Choose a decision to record.' };
    if (!state.decisions.some((d) => d.id === action.decision)) {
      return {
        ok: false,
        reason: state.decisions.length
          ? `"${action.decision}" is not a decision for the stage "${state.label}" (${ids(state.decisions)}).`
          : `No decision is recorded at the stage "${state.label}".`,
      };
    }
  }
  for (const guard of step.guards ?? []) {
    const problem = guardProblem(guard, profile, record, action, at, context);
    if (problem) return { ok: false, reason: problem };
  }
  const note = action.note === undefined ? '' : sanitiseText(action.note.trim());
  if (step.action === 'add-note' && note === '')
    return { ok: false, reason: 'Write the note before saving it.' };

  const to = step.to ?? record.state;
  const toState = findState(profile, to);
  if (!toState) return { ok: false, reason: `The policy sends this action to an unknown stage ("${to}").` };
  const next: CaseRecord = { ...record, pauses: record.pauses.map((p) => ({ ...p })) };
  const contact = (): void => {
    next.lastContactAt = at;
  };

  if (action.decision !== undefined) next.decision = action.decision;
  switch (step.action) {
    case 'pause':
      next.pauses.push({ from: at, to: null });
      break;
    case 'resume':
      for (const p of next.pauses) if (p.to === null) p.to = at;
      break;
    case 'record-update':
      next.lastUpdateAt = at;
      contact();
      break;
    case 'acknowledge':
      next.acknowledgedAt = at;
      contact();
      break;
    case 'acknowledge-appeal':
      next.appealAcknowledgedAt = at;
      contact();
      break;
    case 'handle-personally':
      next.handledBy = actor.role;
      break;
  }
  if (step.guards?.includes('outcome-given')) {
    next.outcome = action.outcome ?? null;
    contact();
  }

  const fromKind = state.kind;
  const toKind = toState.kind;
  if (to !== record.state) {
    next.state = to;
    next.decision = null;
    const wasActive = fromKind === 'review' || fromKind === 'open';
    if (wasActive && (toKind === 'closed' || toKind === 'final')) {
      next.closedAt = at;
      for (const p of next.pauses) if (p.to === null) p.to = at;
    }
    if (!wasActive && (toKind === 'review' || toKind === 'open')) next.closedAt = null;
    if (fromKind === 'closed' && toKind === 'appeal') {
      next.appealedAt = at;
      contact();
    }
    if (fromKind === 'appeal' && toKind === 'final') {
      next.appealDecidedAt = at;
      next.appealOutcome = action.outcome ?? null;
      contact();
    }
  }

  const details = [step.label];
  if (action.decision) details.push(`Decision: ${labelOf(state.decisions, action.decision)}`);
  if (step.guards?.includes('outcome-given') && action.outcome) {
    details.push(`Outcome: ${labelOf(profile.outcomes, action.outcome)}`);
  }
  if (step.guards?.includes('appeal-outcome-given') && action.outcome) {
    details.push(`Appeal outcome: ${labelOf(profile.appeal.outcomes, action.outcome)}`);
  }
  if (note) details.push(`Note: ${note}`);
  return {
    ok: true,
    record: next,
    audit: {
      at,
      reference: record.reference,
      actor: actor.email ? `${actor.role} <${actor.email}>` : actor.role,
      action: step.action,
      from: record.state,
      to,
      detail: details.join('. '),
    },
  };
}

/** What staff can do next from this record's stage (role and per-action input are checked on apply). */
export function availableActions(
  profile: PolicyProfile,
  record: CaseRecord,
): { action: string; label: string }[] {
  const state = findState(profile, record.state);
  if (!state) return [];
  const steps: Step[] = [
    ...profile.lifecycle.transitions.filter((t) => t.from.includes(state.id)),
    ...profile.lifecycle.commonActions.filter((c) => c.inKinds.includes(state.kind)),
  ];
  return steps
    .filter((s) => intrinsicProblem(profile, record, state, s) === null)
    .map((s) => ({ action: s.action, label: s.label }));
}

/** The action a staff edit of the Stage cell stands for, or null when no single action makes that move. */
export function actionForStateChange(
  profile: PolicyProfile,
  fromState: string,
  toState: string,
): string | null {
  if (fromState === toState) return null;
  const from = findState(profile, fromState);
  if (!from) return null;
  const transition = profile.lifecycle.transitions.find(
    (t) => t.to === toState && t.from.includes(fromState),
  );
  if (transition) return transition.action;
  const common = profile.lifecycle.commonActions.find(
    (c) => c.to === toState && c.inKinds.includes(from.kind),
  );
  return common?.action ?? null;
}
