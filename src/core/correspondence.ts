/**
 * Which letters are due, as pure decisions. The shell renders and queues them; the Outbox refuses a
 * second row with the same idempotency key (case, kind, cycle), so running a job twice, or again after a
 * crash, queues nothing new. A cycle is '0' for one-off letters and the deadline date for repeating ones.
 */
import { londonDate, type Calendar } from './calendar';
import { KIND_INFO, type LetterKind } from './letters/kinds';
import type { CaseRecord, Clocks, Language, PolicyProfile, RoleId } from './model';

/** Reminders go to the handler this many working days before a progress update is due. */
export const UPDATE_REMINDER_WORKING_DAYS = 3;

export interface LetterRequest {
  kind: LetterKind;
  variant: string;
  language: Language;
  reference: string;
  audience: 'complainant' | 'staff';
  /** For staff letters: the role to address (the shell looks up its email in Settings). */
  toRole: RoleId | null;
  key: string;
  cycle: string;
  needsApproval: boolean;
  /** Extra placeholder values for this letter (e.g. what is overdue). */
  extra: Record<string, string>;
}

export function letterKey(reference: string, kind: LetterKind, variant: string, cycle: string): string {
  return [reference, kind, variant || '-', cycle].join('|');
}

function request(
  record: CaseRecord,
  kind: LetterKind,
  options: { variant?: string; cycle?: string; toRole?: RoleId | null; extra?: Record<string, string> } = {},
): LetterRequest {
  const info = KIND_INFO[kind];
  const variant = options.variant ?? '';
  const cycle = options.cycle ?? '0';
  const language: Language =
    info.audience === 'complainant' && record.complaint.language === 'cy' ? 'cy' : 'en';
  return {
    kind,
    variant,
    language,
    reference: record.reference,
    audience: info.audience,
    toRole: info.audience === 'staff' ? (options.toRole ?? null) : null,
    key: letterKey(record.reference, kind, variant, cycle),
    cycle,
    needsApproval: info.needsApproval,
    extra: options.extra ?? {},
  };
}

/** On arrival: the first letter to the complainant, and the case to its handler. */
export function firstLetters(profile: PolicyProfile, record: CaseRecord): LetterRequest[] {
  const route = record.route;
  if (!route) return [];
  const out: LetterRequest[] = [];
  if (route.inScope) {
    out.push(request(record, 'acknowledgement'));
    if (route.handler) out.push(request(record, 'case-assigned', { toRole: route.handler }));
  } else if (route.redirectTo === 'not-eligible') {
    out.push(request(record, 'not-eligible'));
  } else if (route.redirectTo) {
    out.push(request(record, 'redirect', { variant: route.redirectTo }));
  }
  return out;
}

/** After a staff action: letters that follow from the change of state. */
export function eventLetters(profile: PolicyProfile, before: CaseRecord, after: CaseRecord): LetterRequest[] {
  const out: LetterRequest[] = [];
  if (!before.closedAt && after.closedAt && after.outcome) out.push(request(after, 'outcome'));
  if (!before.appealedAt && after.appealedAt) {
    out.push(request(after, 'appeal-acknowledgement', { cycle: londonDate(after.appealedAt) }));
  }
  if (!before.appealDecidedAt && after.appealDecidedAt) out.push(request(after, 'appeal-outcome'));
  return out;
}

/** The daily run's reminders and escalations for one case. */
export function dueLetters(
  profile: PolicyProfile,
  record: CaseRecord,
  clocks: Clocks,
  now: Date,
  calendar: Pick<Calendar, 'workingDaysBetween'>,
): LetterRequest[] {
  const route = record.route;
  // A closed case has nothing left to chase, whatever its old deadlines say.
  if (!route?.inScope || clocks.status === 'closed') return [];
  const today = londonDate(now);
  const out: LetterRequest[] = [];
  if (clocks.updateBy && clocks.status !== 'paused') {
    const left = today <= clocks.updateBy ? calendar.workingDaysBetween(today, clocks.updateBy) : -1;
    if (left >= 0 && left <= UPDATE_REMINDER_WORKING_DAYS) {
      out.push(request(record, 'update-due', { cycle: clocks.updateBy, toRole: route.handler }));
      out.push(request(record, 'progress-update', { cycle: clocks.updateBy }));
      // Wiltshire (002 §4.6): the member of staff complained about is kept informed too.
      if (profile.updatesToSubject) {
        out.push(request(record, 'update-due', { variant: 'subject', cycle: clocks.updateBy, toRole: null }));
      }
    }
  }
  const soon = (day: string | null) =>
    day !== null && today <= day && calendar.workingDaysBetween(today, day) <= UPDATE_REMINDER_WORKING_DAYS;
  // The appeal window closing: the handler concludes the case if no appeal arrives.
  if (clocks.appealBy && !record.appealedAt && soon(clocks.appealBy)) {
    out.push(
      request(record, 'update-due', {
        variant: 'appeal-window',
        cycle: clocks.appealBy,
        toRole: route.handler,
      }),
    );
  }
  // An appeal decision coming due: the appeal body is reminded.
  if (clocks.appealDecisionBy && !record.appealDecidedAt && soon(clocks.appealDecisionBy)) {
    out.push(
      request(record, 'update-due', {
        variant: 'appeal-decision',
        cycle: clocks.appealDecisionBy,
        toRole: route.appealBody ?? route.decisionMaker,
      }),
    );
  }
  const overdue: { what: string; due: string }[] = [];
  if (clocks.acknowledgeBy && !record.acknowledgedAt && clocks.acknowledgeBy < today && !record.closedAt) {
    overdue.push({
      what: `the acknowledgement was due on ${clocks.acknowledgeBy}`,
      due: `ack-${clocks.acknowledgeBy}`,
    });
  }
  if (clocks.updateBy && clocks.updateBy < today && clocks.status !== 'paused') {
    overdue.push({
      what: `a progress update was due on ${clocks.updateBy}`,
      due: `update-${clocks.updateBy}`,
    });
  }
  if (clocks.appealAcknowledgeBy && !record.appealAcknowledgedAt && clocks.appealAcknowledgeBy < today) {
    overdue.push({
      what: `the appeal acknowledgement was due on ${clocks.appealAcknowledgeBy}`,
      due: `appeal-ack-${clocks.appealAcknowledgeBy}`,
    });
  }
  if (clocks.appealDecisionBy && !record.appealDecidedAt && clocks.appealDecisionBy < today) {
    overdue.push({
      what: `the appeal decision was due on ${clocks.appealDecisionBy}`,
      due: `appeal-decision-${clocks.appealDecisionBy}`,
    });
  }
  for (const o of overdue) {
    out.push(
      request(record, 'overdue', {
        cycle: o.due,
        toRole: route.decisionMaker ?? route.handler,
        extra: { overdueWhat: o.what },
      }),
    );
  }
  return out;
}

/** The complaints team's daily digest; null when there is nothing in it. */
export function digest(
  cases: readonly { record: CaseRecord; clocks: Clocks }[],
  now: Date,
  calendar: Pick<Calendar, 'addCalendarDays'>,
  toRole: RoleId,
): { request: LetterRequest; values: Record<string, string> } | null {
  const today = londonDate(now);
  const yesterday = calendar.addCalendarDays(today, -1);
  const fresh = cases
    .filter((c) => londonDate(c.record.receivedAt) >= yesterday)
    .map((c) => c.record.reference);
  const dueToday = cases
    .filter((c) =>
      [
        c.clocks.acknowledgeBy && !c.record.acknowledgedAt ? c.clocks.acknowledgeBy : null,
        c.clocks.updateBy,
      ].includes(today),
    )
    .map((c) => c.record.reference);
  const overdue = cases.filter((c) => c.clocks.status === 'overdue').map((c) => c.record.reference);
  if (fresh.length + dueToday.length + overdue.length === 0) return null;
  const list = (refs: string[]) => (refs.length ? `${refs.length}: ${refs.join(', ')}` : 'none');
  const key = letterKey('digest', 'digest', '', today);
  return {
    request: {
      kind: 'digest',
      variant: '',
      language: 'en',
      reference: '',
      audience: 'staff',
      toRole,
      key,
      cycle: today,
      needsApproval: false,
      extra: {},
    },
    values: { today, digestNew: list(fresh), digestDueToday: list(dueToday), digestOverdue: list(overdue) },
  };
}
