/**
 * Which letters are due, as pure decisions. The shell renders and queues them; the Outbox refuses a
 * second row with the same idempotency key (case, kind, cycle), so running a job twice, or again after a
 * crash, queues nothing new. A cycle is '0' for one-off letters and the deadline date for repeating ones.
 */
import { londonDate } from './calendar';
import { KIND_INFO, type LetterKind } from './letters/kinds';
import { longDate, passesOn } from './letters/values';
import type { CaseRecord, Clocks, Language, LocalDate, PolicyProfile, RoleId } from './model';

/** Reminders go to the handler this many working days before a progress update is due. */
export const UPDATE_REMINDER_WORKING_DAYS = 3;

/** The pseudo-role for the whole complaints team: the shell sends it to the team address in Settings. */
export const COMPLAINTS_TEAM_ROLE: RoleId = 'complaints-team';

/** All this module needs of the working-day calendar; `makeCalendar()` gives one. */
export interface WorkingCalendar {
  isWorkingDay(day: LocalDate): boolean;
  addWorkingDays(day: LocalDate, n: number): LocalDate;
  /** Working days after `from` up to and including `to`; 0 when `to` is not after `from`. */
  workingDaysBetween(from: LocalDate, to: LocalDate): number;
}

export interface LetterRequest {
  kind: LetterKind;
  variant: string;
  language: Language;
  reference: string;
  /**
   * `subject` (the member of staff complained about) is reserved: that note is sent today as `staff` with
   * variant `subject`, because the shell's Outbox treats every audience other than `staff` as the
   * complainant and would otherwise address it to them.
   */
  audience: 'complainant' | 'staff' | 'subject';
  /** For staff letters: the role to address (the shell looks up its email in Settings). */
  toRole: RoleId | null;
  /** Idempotency key: (case, kind, variant, cycle). The Outbox refuses a second row with the same key. */
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
  profile: PolicyProfile,
  record: CaseRecord,
  kind: LetterKind,
  options: { variant?: string; cycle?: string; toRole?: RoleId | null; extra?: Record<string, string> } = {},
): LetterRequest {
  const info = KIND_INFO[kind];
  const variant = options.variant ?? '';
  const cycle = options.cycle ?? '0';
  // Welsh only where the office writes in Welsh; staff letters are in English.
  const language: Language =
    info.audience === 'complainant' && record.complaint.language === 'cy' && profile.languages.includes('cy')
      ? 'cy'
      : 'en';
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

function stateKind(profile: PolicyProfile, state: string) {
  return profile.lifecycle.states.find((s) => s.id === state)?.kind;
}

/**
 * On arrival: the first letter to the complainant, and the case to its handler. A case that needs review
 * tells the complainant nothing yet (we do not know what to say) and goes to the whole team instead.
 */
export function firstLetters(profile: PolicyProfile, record: CaseRecord): LetterRequest[] {
  const route = record.route;
  const unrouted = !route || (!route.inScope && !route.redirectTo);
  if (unrouted || stateKind(profile, record.state) === 'review') {
    return [
      request(profile, record, 'case-assigned', { variant: 'needs-review', toRole: COMPLAINTS_TEAM_ROLE }),
    ];
  }
  if (route.inScope) {
    const out = [request(profile, record, 'acknowledgement')];
    if (route.handler) out.push(request(profile, record, 'case-assigned', { toRole: route.handler }));
    return out;
  }
  if (route.redirectTo === 'not-eligible') return [request(profile, record, 'not-eligible')];
  const out = [request(profile, record, 'redirect', { variant: route.redirectTo ?? '' })];
  // The office sends it on itself: a task for staff, with the other body's contact (001 ¶10).
  const passed = passesOn(profile, record);
  if (passed)
    out.push(request(profile, record, 'pass-on', { extra: { passOnReason: PASS_ON_REASON[passed] } }));
  return out;
}

const PASS_ON_REASON = {
  consent: 'the complainant agreed that we may share it with them.',
  safeguarding:
    'a safeguarding concern was raised, so it goes without waiting for consent. Tell the designated safeguarding lead too.',
} as const;

/** After a staff action: letters that follow from the change of state. */
export function eventLetters(profile: PolicyProfile, before: CaseRecord, after: CaseRecord): LetterRequest[] {
  const out: LetterRequest[] = [];
  if (!before.closedAt && after.closedAt && after.outcome) out.push(request(profile, after, 'outcome'));
  if (!before.appealedAt && after.appealedAt) {
    out.push(request(profile, after, 'appeal-acknowledgement', { cycle: londonDate(after.appealedAt) }));
  }
  if (!before.appealDecidedAt && after.appealDecidedAt) out.push(request(profile, after, 'appeal-outcome'));
  return out;
}

/** The daily run's reminders and escalations for one case. */
export function dueLetters(
  profile: PolicyProfile,
  record: CaseRecord,
  clocks: Clocks,
  now: Date,
  calendar: Pick<WorkingCalendar, 'workingDaysBetween'>,
): LetterRequest[] {
  const route = record.route;
  // A case waiting for review belongs to the complaints team, and is chased like any other (issue 9).
  if (stateKind(profile, record.state) === 'review' && clocks.status !== 'closed')
    return reviewLetters(profile, record, clocks, now, calendar);
  // A closed case has nothing left to chase, whatever its old deadlines say.
  if (!route?.inScope || clocks.status === 'closed') return [];
  const today = londonDate(now);
  const out: LetterRequest[] = [];
  const soon = (day: string | null): day is string =>
    day !== null && today <= day && calendar.workingDaysBetween(today, day) <= UPDATE_REMINDER_WORKING_DAYS;
  if (clocks.status !== 'paused' && soon(clocks.updateBy)) {
    const cycle = clocks.updateBy;
    out.push(request(profile, record, 'update-due', { cycle, toRole: route.handler }));
    // A draft for the handler to fill in and approve; it never goes out as it stands.
    out.push(request(profile, record, 'progress-update', { cycle }));
    // Wiltshire (002 §4.6): the member of staff complained about is kept informed too.
    if (profile.updatesToSubject && route.flags.includes('updates-to-subject')) {
      out.push(request(profile, record, 'update-due', { variant: 'subject', cycle }));
    }
  }
  // The appeal window closing: the handler concludes the case if no appeal arrives.
  if (!record.appealedAt && soon(clocks.appealBy)) {
    const cycle = clocks.appealBy;
    out.push(
      request(profile, record, 'update-due', { variant: 'appeal-window', cycle, toRole: route.handler }),
    );
  }
  // An appeal decision coming due: the appeal body is reminded.
  if (!record.appealDecidedAt && soon(clocks.appealDecisionBy)) {
    out.push(
      request(profile, record, 'update-due', {
        variant: 'appeal-decision',
        cycle: clocks.appealDecisionBy,
        toRole: route.appealBody ?? route.decisionMaker,
      }),
    );
  }
  // Once per missed deadline: the cycle carries the deadline, so a rolled-on clock escalates afresh.
  const missed = (day: string | null, pending: boolean): day is string =>
    pending && day !== null && day < today;
  const overdue: { what: string; cycle: string }[] = [];
  const when = (day: string) => longDate(day, 'en');
  if (missed(clocks.acknowledgeBy, !record.acknowledgedAt && !record.closedAt)) {
    overdue.push({
      what: `the acknowledgement was due on ${when(clocks.acknowledgeBy)}`,
      cycle: `ack-${clocks.acknowledgeBy}`,
    });
  }
  if (missed(clocks.updateBy, clocks.status !== 'paused')) {
    overdue.push({
      what: `a progress update was due on ${when(clocks.updateBy)}`,
      cycle: `update-${clocks.updateBy}`,
    });
  }
  if (missed(clocks.appealAcknowledgeBy, !record.appealAcknowledgedAt)) {
    overdue.push({
      what: `the appeal acknowledgement was due on ${when(clocks.appealAcknowledgeBy)}`,
      cycle: `appeal-ack-${clocks.appealAcknowledgeBy}`,
    });
  }
  if (missed(clocks.appealDecisionBy, !record.appealDecidedAt)) {
    overdue.push({
      what: `the appeal decision was due on ${when(clocks.appealDecisionBy)}`,
      cycle: `appeal-decision-${clocks.appealDecisionBy}`,
    });
  }
  for (const o of overdue) {
    out.push(
      request(profile, record, 'overdue', {
        cycle: o.cycle,
        toRole: route.decisionMaker ?? route.handler,
        extra: { overdueWhat: o.what },
      }),
    );
  }
  return out;
}

/**
 * A Needs-review case (failed intake checks, or no rule says who deals with it): nobody else owns it, so
 * the complaints team is reminded before the acknowledgement is due and told once per missed deadline.
 * Nothing goes to the complainant until staff accept it (the first letters are queued then).
 */
function reviewLetters(
  profile: PolicyProfile,
  record: CaseRecord,
  clocks: Clocks,
  now: Date,
  calendar: Pick<WorkingCalendar, 'workingDaysBetween'>,
): LetterRequest[] {
  const today = londonDate(now);
  const out: LetterRequest[] = [];
  const team = { toRole: COMPLAINTS_TEAM_ROLE, variant: 'needs-review' };
  const ack = record.acknowledgedAt ? null : clocks.acknowledgeBy;
  if (
    clocks.status !== 'paused' &&
    ack !== null &&
    today <= ack &&
    calendar.workingDaysBetween(today, ack) <= UPDATE_REMINDER_WORKING_DAYS
  ) {
    out.push(request(profile, record, 'update-due', { ...team, cycle: `ack-${ack}` }));
  }
  const when = (day: string) => longDate(day, 'en');
  if (ack !== null && ack < today) {
    out.push(
      request(profile, record, 'overdue', {
        ...team,
        cycle: `ack-${ack}`,
        extra: { overdueWhat: `the acknowledgement was due on ${when(ack)}` },
      }),
    );
  }
  if (clocks.status !== 'paused' && clocks.updateBy !== null && clocks.updateBy < today) {
    out.push(
      request(profile, record, 'overdue', {
        ...team,
        cycle: `update-${clocks.updateBy}`,
        extra: { overdueWhat: `a progress update was due on ${when(clocks.updateBy)}` },
      }),
    );
  }
  return out;
}

export interface DigestCase {
  record: CaseRecord;
  clocks: Clocks;
}

export interface Digest {
  request: LetterRequest;
  values: Record<string, string>;
}

function previousDay(day: LocalDate): LocalDate {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/**
 * The complaints team's digest, on working days only. "New" is everything received since the last
 * working day began (so Monday's covers the weekend) and before today: each case appears exactly once.
 * Null on a day off, or when there is nothing in it.
 */
export function digest(
  profile: PolicyProfile,
  cases: readonly DigestCase[],
  now: Date,
  calendar: Pick<WorkingCalendar, 'isWorkingDay'>,
): Digest | null;
/** @deprecated The shell's first form; the addressee is now always the complaints team. */
export function digest(
  cases: readonly DigestCase[],
  now: Date,
  calendar: Pick<WorkingCalendar, 'isWorkingDay'>,
  toRole: RoleId,
): Digest | null;
export function digest(...args: unknown[]): Digest | null {
  const legacy = Array.isArray(args[0]);
  const profile = legacy ? null : (args[0] as PolicyProfile);
  const [cases, now, calendar] = (legacy ? args.slice(0, 3) : args.slice(1, 4)) as [
    readonly DigestCase[],
    Date,
    Pick<WorkingCalendar, 'isWorkingDay'>,
  ];
  const today = londonDate(now);
  if (!calendar.isWorkingDay(today)) return null;
  let since = previousDay(today);
  // Bounded: the calendar never has a month without a working day.
  for (let i = 0; i < 31 && !calendar.isWorkingDay(since); i++) since = previousDay(since);
  const live = cases.filter((c) => !profile || stateKind(profile, c.record.state) !== 'final');
  const fresh = live.filter((c) => {
    const day = londonDate(c.record.receivedAt);
    return day >= since && day < today;
  });
  const dueToday = live.filter(({ record: r, clocks: k }) =>
    [
      r.acknowledgedAt ? null : k.acknowledgeBy,
      k.status === 'paused' ? null : k.updateBy,
      r.appealedAt ? null : k.appealBy,
      r.appealAcknowledgedAt ? null : k.appealAcknowledgeBy,
      r.appealDecidedAt ? null : k.appealDecisionBy,
    ].includes(today),
  );
  const overdue = live.filter((c) => c.clocks.status === 'overdue');
  if (fresh.length + dueToday.length + overdue.length === 0) return null;
  const list = (items: readonly DigestCase[]) =>
    items.length ? `${items.length}: ${items.map((c) => c.record.reference).join(', ')}` : 'none';
  return {
    request: {
      kind: 'digest',
      variant: '',
      language: 'en',
      reference: '',
      audience: 'staff',
      toRole: COMPLAINTS_TEAM_ROLE,
      key: letterKey('digest', 'digest', '', today),
      cycle: today,
      needsApproval: false,
      extra: {},
    },
    values: {
      today: longDate(today, 'en'),
      digestNew: list(fresh),
      digestDueToday: list(dueToday),
      digestOverdue: list(overdue),
    },
  };
}
