import type { CaseRecord } from './model';

/** A case as it stands on arrival: nothing decided, acknowledged or paused yet. */
export function newCaseRecord(
  fields: Pick<CaseRecord, 'reference' | 'policyId' | 'receivedAt' | 'state' | 'complaint' | 'route'> &
    Partial<CaseRecord>,
): CaseRecord {
  return {
    decision: null,
    outcome: null,
    acknowledgedAt: null,
    lastUpdateAt: null,
    closedAt: null,
    appealedAt: null,
    appealAcknowledgedAt: null,
    appealDecidedAt: null,
    appealOutcome: null,
    handledBy: null,
    pauses: [],
    lastContactAt: fields.receivedAt,
    ...fields,
  };
}
