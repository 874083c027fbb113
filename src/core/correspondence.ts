/**
 * Which letters are due, as pure decisions. The shell renders and queues them; the Outbox refuses a
 * second row with the same idempotency key (case, kind, cycle), so running a job twice, or again after a
 * crash, queues nothing new. A cycle is '0' for one-off letters and the deadline date for repeating ones.
 */
import { londonDate } from './calendar';
import { owedLetter } from './clocks';
import { KIND_INFO, type LetterKind } from './letters/kinds';
import { longDate, passesOn } from './letters/values';
import type { CaseRecord, Clocks, Language, LocalDate, PolicyProfile, RoleId } from './model';

/** Reminders go to the handler this many working days before a progress update is due. */
export const UPDATE_REMINDER_WORKING_DAYS = 3;

/**
 * An overdue appeal decision goes first to the appeal body; still undecided this many working days after
 * its deadline, it goes one role up (profile `reportsTo`), and so on every further period.
 */
export const ESCALATE_AFTER_WORKING_DAYS = 5;

/**
 * The role above `role` in the profile, skipping anyone who must not judge this case: the person the
 * complaint is about, and the people in `avoid` (whose decision is under appeal). Null at the top.
 */
export function nextRoleUp(
  profile: PolicyProfile,
  role: RoleId,
  avoid: readonly (RoleId | null | undefined)[] = [],
): RoleId | null {
  const seen = new Set<RoleId>([role]);
  let up = profile.roles.find((r) => r.id === role)?.reportsTo ?? null;
  while (up !== null && !seen.has(up)) {
    if (!avoid.includes(up)) return up;
    seen.add(up);
    up = profile.roles.find((r) => r.id === up)?.reportsTo ?? null;
  }
  return null;
}

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
  /** `subject`: the member of staff complained about, at the email staff give on the Cases tab. */
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
  safeguarding: 'a safeguarding concern was raised, so it goes without waiting for consent.',
} as const;

/**
 * A complaint that raises a safeguarding concern alerts the profile's safeguarding role at once (001 ¶9(b)
 * "the designated safeguarding lead will assess the matter"), whatever the route, review included. One
 * alert per case: the key has no cycle, so accepting a reviewed case later sends nothing new.
 */
export function safeguardingAlert(profile: PolicyProfile, record: CaseRecord): LetterRequest[] {
  if (record.complaint.safeguarding !== true || !profile.safeguarding) return [];
  return [
    request(profile, record, 'case-assigned', {
      variant: 'safeguarding',
      toRole: profile.safeguarding.alertRole,
    }),
  ];
}

/** What the shell knows of the member of staff complained about, from the Cases row. */
export interface SubjectContact {
  /** Staff ticked "Copy to person complained about": the complaint may be shared with them. */
  share: boolean;
  /** "Email of person complained about", as staff typed it. */
  email: string;
}

/**
 * The member of staff complained about (002 §4.6, 001 ¶12): where the policy says so and staff have
 * confirmed the complaint may be shared and given their email, a copy of the complaint (once), and an
 * update each time the case's stage moves, or it closes (one per move: the cycle names the move).
 * The copy holds what the complaint says and what the complainant wants, never their contact details.
 */
export function subjectLetters(
  profile: PolicyProfile,
  before: CaseRecord | null,
  after: CaseRecord,
  subject: SubjectContact,
): LetterRequest[] {
  if (!profile.subjectCopy?.required || !subject.share || !subject.email) return [];
  if (!after.route?.inScope) return [];
  const c = after.complaint;
  const out = [
    request(profile, after, 'subject-copy', {
      extra: {
        complaintText: c.description ?? '',
        complaintWanted: c.desiredOutcome?.trim() ? c.desiredOutcome : 'They did not say.',
      },
    }),
  ];
  if (before && before.state !== after.state) {
    const kind = stateKind(profile, after.state);
    const closing = kind === 'closed' || kind === 'final';
    out.push(
      request(profile, after, 'subject-update', {
        variant: closing ? 'closed' : '',
        cycle: `${before.state}>${after.state}`,
      }),
    );
  }
  return out;
}

/**
 * What a staff action leaves owed at once: its outcome or appeal outcome letter, just queued and held for
 * approval, so the row is not shown green ("met") before the next sweep reads the Outbox.
 */
export function owedAfter(profile: PolicyProfile, before: CaseRecord, after: CaseRecord): string[] {
  return eventLetters(profile, before, after)
    .map((l) => owedLetter(l.kind, l.needsApproval ? 'awaiting-approval' : 'queued'))
    .filter((o): o is string => o !== null);
}

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
      out.push(request(profile, record, 'subject-update', { variant: 'progress', cycle }));
    }
  }
  // The office's own progress check, where the policy sets no interval (West Midlands): the person who
  // has the case now (the appeal body during an appeal) is reminded, and told once if it is missed.
  const checker =
    stateKind(profile, record.state) === 'appeal' ? (route.appealBody ?? route.handler) : route.handler;
  if (clocks.status !== 'paused' && soon(clocks.reviewBy)) {
    out.push(
      request(profile, record, 'update-due', { variant: 'review', cycle: clocks.reviewBy, toRole: checker }),
    );
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
  const overdue: { what: string; cycle: string; toRole?: RoleId | null; variant?: string }[] = [];
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
  if (missed(clocks.reviewBy, clocks.status !== 'paused')) {
    // Escalated as other deadlines are: to the decision maker, or during an appeal to the appeal body.
    const inAppeal = stateKind(profile, record.state) === 'appeal' && route.appealBody !== null;
    overdue.push({
      what: `the progress check on the case was due on ${when(clocks.reviewBy)}`,
      cycle: `review-${clocks.reviewBy}`,
      ...(inAppeal ? { toRole: route.appealBody, variant: 'appeal-decision' } : {}),
    });
  }
  if (missed(clocks.appealAcknowledgeBy, !record.appealAcknowledgedAt)) {
    overdue.push({
      what: `the appeal acknowledgement was due on ${when(clocks.appealAcknowledgeBy)}`,
      cycle: `appeal-ack-${clocks.appealAcknowledgeBy}`,
    });
  }
  if (missed(clocks.appealDecisionBy, !record.appealDecidedAt)) {
    overdue.push(appealEscalation(profile, record, clocks.appealDecisionBy, today, calendar));
  }
  for (const o of overdue) {
    out.push(
      request(profile, record, 'overdue', {
        cycle: o.cycle,
        variant: o.variant ?? '',
        toRole: o.toRole ?? route.decisionMaker ?? route.handler,
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

/**
 * An overdue appeal decision is the appeal body's to make, so it goes to them, never to the person whose
 * decision is under appeal. Each further ESCALATE_AFTER_WORKING_DAYS it stays undecided, it goes one role
 * up (a new cycle, so one letter per step), skipping the decision maker and the person complained about.
 */
function appealEscalation(
  profile: PolicyProfile,
  record: CaseRecord,
  due: LocalDate,
  today: LocalDate,
  calendar: Pick<WorkingCalendar, 'workingDaysBetween'>,
): { what: string; cycle: string; toRole: RoleId | null; variant: string } {
  const route = record.route;
  const body = route?.appealBody ?? null;
  const what = `the appeal decision was due on ${longDate(due, 'en')}`;
  const base = { what, cycle: `appeal-decision-${due}`, toRole: body, variant: 'appeal-decision' };
  if (!body) return base;
  const steps = Math.floor(calendar.workingDaysBetween(due, today) / ESCALATE_AFTER_WORKING_DAYS);
  const avoid = [route?.decisionMaker, route?.handler, record.complaint.subject];
  let role: RoleId = body;
  let level = 0;
  for (let i = 0; i < steps; i++) {
    const up = nextRoleUp(profile, role, avoid);
    if (up === null) break;
    role = up;
    level = i + 1;
  }
  if (level === 0) return base;
  const after = level * ESCALATE_AFTER_WORKING_DAYS;
  return {
    what: `${what}, and it is still not decided ${after} working days later`,
    cycle: `appeal-decision-${due}-up${level}`,
    toRole: role,
    variant: 'escalated',
  };
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
 * Only cases the office still has something to do on are listed: open cases (in review, being handled or
 * under appeal), and closed or final ones only while a letter is still owed (their status is then not
 * `met` or `closed`). A redirected, not-eligible or concluded case is never "due"; nor is a closed case
 * just because the complainant's appeal window is running. Letters that could not be sent (for example
 * an alert to a role with no email in Settings) are listed by reference so someone fixes them.
 * Null on a day off, or when there is nothing in it.
 */
export function digest(
  profile: PolicyProfile,
  cases: readonly DigestCase[],
  now: Date,
  calendar: Pick<WorkingCalendar, 'isWorkingDay'>,
  failedLetters: readonly string[] = [],
): Digest | null {
  const today = londonDate(now);
  if (!calendar.isWorkingDay(today)) return null;
  let since = previousDay(today);
  // Bounded: the calendar never has a month without a working day.
  for (let i = 0; i < 31 && !calendar.isWorkingDay(since); i++) since = previousDay(since);
  const running = (c: DigestCase): boolean => {
    const kind = stateKind(profile, c.record.state);
    return kind === undefined || kind === 'review' || kind === 'open' || kind === 'appeal';
  };
  // Closed or final, but a letter is still owed: computeClocks then gives neither `met` nor `closed`.
  const owing = (c: DigestCase): boolean =>
    !running(c) && c.clocks.status !== 'met' && c.clocks.status !== 'closed';
  const live = cases.filter((c) => running(c) || owing(c));
  const fresh = live.filter((c) => {
    const day = londonDate(c.record.receivedAt);
    return day >= since && day < today;
  });
  const dueToday = live.filter(
    (c) =>
      owing(c) ||
      [
        c.record.acknowledgedAt ? null : c.clocks.acknowledgeBy,
        c.clocks.status === 'paused' ? null : c.clocks.updateBy,
        c.record.appealAcknowledgedAt ? null : c.clocks.appealAcknowledgeBy,
        c.record.appealDecidedAt ? null : c.clocks.appealDecisionBy,
      ].includes(today),
  );
  const overdue = live.filter((c) => c.clocks.status === 'overdue');
  const failed = [...new Set(failedLetters)].sort();
  if (fresh.length + dueToday.length + overdue.length + failed.length === 0) return null;
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
      digestFailed: failed.length ? `${failed.length}: ${failed.join(', ')}` : 'none',
    },
  };
}
