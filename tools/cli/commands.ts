import { newCaseRecord } from '../../src/core/case-record';
import { isLocalDate, londonDate, londonInstant, makeCalendar } from '../../src/core/calendar';
import { computeClocks } from '../../src/core/clocks';
import type { Clocks, PolicyProfile, StateKind } from '../../src/core/model';
import { BUILT_IN_PROFILES, getProfile, profileSummary } from '../../src/core/profile';
import { required, type ParsedArgs } from './args';
import { CliError } from './errors';

export function loadProfile(id: string): PolicyProfile {
  let profile: PolicyProfile | undefined;
  try {
    profile = getProfile(id);
  } catch {
    profile = undefined;
  }
  if (!profile) throw new CliError(`unknown policy "${id}" (known: ${profileIds().join(', ')})`);
  return profile;
}

function profileIds(): string[] {
  return Object.values(BUILT_IN_PROFILES).map((p) => p.id);
}

export function policiesText(): string {
  return Object.values(BUILT_IN_PROFILES)
    .map((p) => `${p.id}\t${p.name}`)
    .join('\n');
}

export function policyText(args: ParsedArgs): string {
  const [id, ...extra] = args.positional;
  if (id === undefined) throw new CliError('missing policy id: policy <id>');
  if (extra.length > 0) throw new CliError(`unexpected argument "${extra[0]}"`);
  const summary: unknown = profileSummary(loadProfile(id));
  return typeof summary === 'string' ? summary : JSON.stringify(summary, null, 2);
}

export type ClockDates = Pick<
  Clocks,
  'acknowledgeBy' | 'updateBy' | 'appealBy' | 'appealAcknowledgeBy' | 'appealDecisionBy'
>;

export interface ClockInputs {
  receivedAt: Date;
  closed: string | null;
  appealedAt: Date | null;
  closures: string[];
}

export function parseClockInputs(args: ParsedArgs): ClockInputs {
  const receivedAt = parseInstant('received', required(args, 'received'));
  const closedOpt = args.options.closed;
  if (closedOpt !== undefined && !isLocalDate(closedOpt)) {
    throw new CliError(`--closed must be a date YYYY-MM-DD, got "${closedOpt}"`);
  }
  const closed = closedOpt ?? null;
  const appealedAt =
    args.options.appealed === undefined ? null : parseInstant('appealed', args.options.appealed);
  const closures =
    args.options.closures === undefined ? [] : args.options.closures.split(',').map((s) => s.trim());
  const bad = closures.find((d) => !isLocalDate(d));
  if (bad !== undefined)
    throw new CliError(`--closures must be dates YYYY-MM-DD separated by commas, got "${bad}"`);

  const received = londonDate(receivedAt);
  if (closed !== null && closed < received)
    throw new CliError(`--closed ${closed} is before receipt (${received})`);
  if (appealedAt !== null) {
    if (closed === null) throw new CliError('--appealed needs --closed: only a closed case can be appealed');
    if (londonDate(appealedAt) < closed) throw new CliError(`--appealed is before --closed ${closed}`);
  }
  return { receivedAt, closed, appealedAt, closures };
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** ISO 8601 with a zone, or a bare date meaning the start of that London day. */
export function parseInstant(name: string, value: string): Date {
  if (isLocalDate(value)) return londonInstant(value);
  const t = INSTANT.test(value) ? new Date(value) : null;
  if (!t || Number.isNaN(t.getTime()) || !isLocalDate(value.slice(0, 10))) {
    throw new CliError(
      `--${name} must be an ISO 8601 instant with a zone (e.g. 2026-06-01T09:30:00Z), got "${value}"`,
    );
  }
  return t;
}

/**
 * The deadlines of a case described by the options. The case is open, closed or under appeal according to
 * which dates are given, and its route has the policy's appeal body (if any), so `appealBy` shows the
 * policy's window; a Chief-Executive-handled Wiltshire case would have none.
 */
export function clockDates(profile: PolicyProfile, inputs: ClockInputs): ClockDates {
  // A policy without appeals has no appeal state, and one whose outcome is final may close straight to a
  // final state: fall back along the lifecycle.
  const kinds: StateKind[] = inputs.appealedAt
    ? ['appeal', 'closed', 'final']
    : inputs.closed
      ? ['closed', 'final']
      : ['open'];
  const state = kinds
    .map((k) => profile.lifecycle.states.find((s) => s.kind === k))
    .find((s) => s !== undefined);
  if (!state) throw new CliError(`policy "${profile.id}" has no state of kind ${kinds.join(' or ')}`);
  const appealBody = profile.routing.find((r) => r.appealBody !== null)?.appealBody ?? null;
  const record = newCaseRecord({
    reference: 'CLI',
    policyId: profile.id,
    receivedAt: inputs.receivedAt,
    state: state.id,
    complaint: {},
    route: {
      inScope: true,
      redirectTo: null,
      reason: 'clocks command',
      handler: null,
      decisionMaker: null,
      appealBody,
      flags: [],
      sources: [],
    },
    closedAt: inputs.closed ? londonInstant(inputs.closed, 12) : null,
    appealedAt: inputs.appealedAt,
    lastContactAt: null,
  });
  const c = computeClocks(
    profile,
    record,
    inputs.appealedAt ?? inputs.receivedAt,
    makeCalendar(inputs.closures),
  );
  return {
    acknowledgeBy: c.acknowledgeBy,
    updateBy: c.updateBy,
    appealBy: c.appealBy,
    appealAcknowledgeBy: c.appealAcknowledgeBy,
    appealDecisionBy: c.appealDecisionBy,
  };
}
