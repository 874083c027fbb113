/**
 * The pieces every built-in profile shares, as data builders: the intake states a new case can start in
 * and the actions every state of a kind allows. A new profile may use them or declare its own.
 */
import type { CommonAction, LifecycleState } from '../model';

export interface SharedSources {
  /** Where the policy says complaints are logged and acknowledged. */
  acknowledge: string;
  /** Where it says the complainant is kept informed. */
  update: string;
  /** Where it draws the line of what it handles (redirected, not eligible). */
  scope: string;
  eligibility: string;
  /** Where it lists the decisions open to the decision maker. */
  decide: string;
}

export interface WelshLabels {
  needsReview: string;
  redirected: string;
  notEligible: string;
  withdrawn: string;
}

/** States outside the normal flow: failed intake, redirected, not eligible, withdrawn. */
export function intakeStates(src: SharedSources, cy?: WelshLabels): LifecycleState[] {
  const state = (
    id: string,
    label: string,
    kind: LifecycleState['kind'],
    source: string,
    labelCy: string | undefined,
  ): LifecycleState => ({ id, label, kind, decisions: [], source, ...(labelCy ? { labelCy } : {}) });
  return [
    state('needs-review', 'Needs review', 'review', src.acknowledge, cy?.needsReview),
    state('redirected', 'Redirected elsewhere', 'final', src.scope, cy?.redirected),
    state('not-eligible', 'Not eligible', 'final', src.eligibility, cy?.notEligible),
    state('withdrawn', 'Withdrawn by the complainant', 'final', src.update, cy?.withdrawn),
  ];
}

/**
 * Declared once, allowed in every state of the listed kinds. The lifecycle engine gives these ids their
 * effect (pause, resume, record-update, acknowledge, decide, add-note); the data says where they apply.
 */
export function sharedCommonActions(src: SharedSources): CommonAction[] {
  return [
    {
      action: 'acknowledge',
      label: 'Record acknowledgement sent',
      inKinds: ['review', 'open'],
      actors: 'any',
      source: src.acknowledge,
    },
    { action: 'decide', label: 'Record a decision', inKinds: ['open'], actors: 'any', source: src.decide },
    {
      action: 'pause',
      label: 'Pause the clock (waiting on the complainant)',
      inKinds: ['open'],
      actors: 'any',
      source: src.update,
    },
    { action: 'resume', label: 'Resume the clock', inKinds: ['open'], actors: 'any', source: src.update },
    {
      action: 'record-update',
      label: 'Record a progress update sent',
      inKinds: ['open', 'appeal'],
      actors: 'any',
      source: src.update,
    },
    {
      action: 'add-note',
      label: 'Add a note',
      inKinds: ['review', 'open', 'closed', 'appeal', 'final'],
      actors: 'any',
      source: src.update,
    },
    {
      action: 'withdraw',
      label: 'Complainant withdrew the complaint',
      inKinds: ['review', 'open'],
      to: 'withdrawn',
      actors: 'any',
      source: src.update,
    },
  ];
}
