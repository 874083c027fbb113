/**
 * SLA clocks: every deadline is recomputed from the case record, the profile and the calendar on each
 * call and never stored, so a newly added closure day or bank holiday moves open cases.
 *
 * All days are Europe/London calendar days; the day an event happens is day 0 of the clock it starts.
 *
 * Deadlines
 * - acknowledgeBy = receipt day + `acknowledge`. Kept after acknowledgement (status reads `acknowledgedAt`).
 * - updateBy = (later of receipt day and last update day) + `update`, only while the state's kind is
 *   `open` or `review`; null where the profile sets no update figure.
 * - appealBy = closure day + `appealWindow`, only when the profile allows appeals, the case's route names
 *   an appeal body, and the case was not handled by a role in `appeal.noAppealWhenHandledBy`.
 * - appealAcknowledgeBy / appealDecisionBy = appeal receipt day + their rules, once an appeal is recorded.
 * - retainUntil = last contact (or, with no contact recorded, the latest event on the case) or closure
 *   day, per `retention.from`, plus `retention.years`; null with no rule or, for `closure`, until closed.
 *
 * Pauses (waiting on the complainant) move the office's clocks on: acknowledge, update, appeal
 * acknowledge, appeal decision. A pause counts for a clock when it starts on or after the clock's start day
 * and no later than its deadline (as already moved by earlier pauses); it moves the deadline by the paused
 * time in the clock's own unit: calendar days from the pause's first day to its last, or the working days
 * after its first day up to and including its last. An open pause runs to today. The appeal window is the
 * complainant's clock and retention is not a deadline, so neither pauses.
 *
 * Status: exactly one, by the first rule that applies.
 * 1. `closed`   the state's kind is `final`, or it is `closed` and no appeal window is open today.
 * 2. `met`      the state's kind is `closed` and the appeal window is open (the office has nothing to do).
 * 3. `paused`   a pause has begun and not ended.
 * 4. The pending deadlines are: the acknowledgement, while not given and the kind is `open` or `review`;
 *    the update (always pending while it exists: it repeats); the appeal acknowledgement and the appeal
 *    decision, while not given; the office's progress check (`review`), where the policy gives none. The earliest drives the status (ties: acknowledgement, appeal
 *    acknowledgement, appeal decision, update):
 *    `overdue`  it is before today;
 *    `due-soon` it is today or at most `dueSoonWorkingDays` working days after today;
 *    `on-track` otherwise.
 * 5. Nothing pending: `met` if every deadline the office has completed was completed on or before its
 *    day, else `on-track` (the late step is named in the reason; it is history, not a present danger).
 * An unknown state id is treated as `open`, so its clocks keep running rather than vanish.
 *
 * Every date is one promised to the public, so it falls on a working day: the office's own deadlines
 * (acknowledge, update, appeal acknowledge, appeal decision) move to the working day before when they land
 * on a weekend, bank holiday or closure day; the complainant's (the appeal window) to the working day after.
 *
 * Owed letters (optional input): what the office still owes someone outside the deadlines above, e.g. an
 * outcome letter written but not yet approved, printed or sent. While anything is owed the status is
 * never `met` or `closed`: a `met` or `closed` status becomes `due-soon` and the reason names what is
 * owed ("Outcome letter waiting for approval").
 */
import { addYears, londonDate, type Calendar } from './calendar';
import { formatDay } from './labels';
import type {
  CaseRecord,
  ClockPause,
  ClockRule,
  Clocks,
  LocalDate,
  PolicyProfile,
  SlaStatus,
  StateKind,
} from './model';

export interface ClockInputs {
  /** Plain-English descriptions of letters the office still owes on this case (see `owedLetters`). */
  owed?: readonly string[];
}

export function computeClocks(
  profile: PolicyProfile,
  record: CaseRecord,
  now: Date,
  calendar: Calendar,
  inputs: ClockInputs = {},
): Clocks {
  const rules = profile.clocks;
  const today = londonDate(now);
  const state = profile.lifecycle.states.find((s) => s.id === record.state);
  const kind: StateKind = state?.kind ?? 'open';
  const stateLabel = state?.label ?? record.state;
  const running = kind === 'open' || kind === 'review';
  const pauses = [...record.pauses].sort((a, b) => a.from.getTime() - b.from.getTime());
  const due = (start: Date | null, rule: ClockRule | null): LocalDate | null =>
    start && rule ? onOrBefore(deadline(londonDate(start), rule, pauses, today, calendar), calendar) : null;

  const received = londonDate(record.receivedAt);
  const updateStart =
    record.lastUpdateAt && londonDate(record.lastUpdateAt) > received
      ? record.lastUpdateAt
      : record.receivedAt;
  const appealable =
    profile.appeal.allowed &&
    record.route?.appealBody != null &&
    !(record.handledBy !== null && profile.appeal.noAppealWhenHandledBy.includes(record.handledBy));

  const times = {
    acknowledgeBy: due(record.receivedAt, rules.acknowledge),
    updateBy: running ? due(updateStart, rules.update) : null,
    appealBy:
      appealable && record.closedAt && rules.appealWindow
        ? onOrAfter(addDays(londonDate(record.closedAt), rules.appealWindow, calendar), calendar)
        : null,
    appealAcknowledgeBy: due(record.appealedAt, rules.appealAcknowledge),
    appealDecisionBy: due(record.appealedAt, rules.appealDecision),
    reviewBy: reviewBy(record, kind, running, rules, pauses, today, calendar),
    retainUntil: retainUntil(profile, record),
  };
  const { status, statusReason, next } = slaStatus(
    record,
    kind,
    stateLabel,
    running,
    times,
    now,
    rules,
    calendar,
  );
  const owed = inputs.owed ?? [];
  if (owed.length > 0 && (status === 'met' || status === 'closed')) {
    return withArrangementReview(
      { ...times, status: 'due-soon', statusReason: owed.join('; '), nextDeadline: null, dueSoonFrom: null },
      record,
      today,
      rules.dueSoonWorkingDays,
      calendar,
    );
  }
  return withArrangementReview(
    {
      ...times,
      status,
      statusReason,
      nextDeadline: next ?? null,
      dueSoonFrom: next ? dueSoonFrom(next, rules.dueSoonWorkingDays, calendar) : null,
    },
    record,
    today,
    rules.dueSoonWorkingDays,
    calendar,
  );
}

/**
 * An unreasonable-contact arrangement's review day is chased like the case's own deadlines: when it comes
 * before the case's next deadline (or the case has none, being closed), it is the one the status is about.
 * A case already overdue on its own clock stays so.
 */
function withArrangementReview(
  clocks: Clocks,
  record: CaseRecord,
  today: LocalDate,
  dueSoonWorkingDays: number,
  calendar: Calendar,
): Clocks {
  const review = record.arrangement?.reviewBy ?? null;
  if (!review || clocks.status === 'overdue' || clocks.status === 'paused') return clocks;
  if (clocks.nextDeadline && clocks.nextDeadline <= review) return clocks;
  const soonFrom = dueSoonFrom(review, dueSoonWorkingDays, calendar);
  const reason = `Review the contact arrangement by ${formatDay(review)}`;
  const status: SlaStatus =
    review < today
      ? 'overdue'
      : today >= soonFrom
        ? 'due-soon'
        : clocks.status === 'closed'
          ? 'closed'
          : 'on-track';
  return {
    ...clocks,
    status,
    statusReason: status === 'closed' ? `${clocks.statusReason}. ${reason}` : reason,
    nextDeadline: review,
    dueSoonFrom: soonFrom,
  };
}

/**
 * The first day on which `by` is at most `n` working days away: the status rule for `due-soon` read
 * backwards, so a row's colour can change at midnight from this date alone.
 */
export function dueSoonFrom(by: LocalDate, n: number, calendar: Calendar): LocalDate {
  let day = by;
  // Bounded: n working days lie within a few weeks even over Christmas and closures.
  for (let i = 0; i < 366; i++) {
    const before = calendar.addCalendarDays(day, -1);
    if (calendar.workingDaysBetween(before, by) > n) return day;
    day = before;
  }
  return day;
}

/**
 * The office's check-in deadline: only where the policy's own clocks leave an open case or an appeal with
 * nothing due, counted from the latest thing that happened on the case.
 */
function reviewBy(
  record: CaseRecord,
  kind: StateKind,
  running: boolean,
  rules: PolicyProfile['clocks'],
  pauses: readonly ClockPause[],
  today: LocalDate,
  calendar: Calendar,
): LocalDate | null {
  const rule = rules.review ?? null;
  if (!rule) return null;
  const covered = running ? rules.update !== null : kind === 'appeal' && rules.appealDecision !== null;
  if (covered || !(running || kind === 'appeal')) return null;
  const events = [record.receivedAt, record.lastUpdateAt, record.lastContactAt, record.appealedAt];
  const latest = events.reduce<Date>((a, b) => (b && b > a ? b : a), record.receivedAt);
  return deadline(londonDate(latest), rule, pauses, today, calendar);
}

/** The office's promise: the day itself if it is a working day, else the working day before. */
function onOrBefore(day: LocalDate, calendar: Calendar): LocalDate {
  let d = day;
  // Bounded: no run of non-working days is anywhere near a month long.
  for (let i = 0; i < 31 && !calendar.isWorkingDay(d); i++) d = calendar.addCalendarDays(d, -1);
  return d;
}

/** The complainant's deadline: the day itself if it is a working day, else the next working day. */
function onOrAfter(day: LocalDate, calendar: Calendar): LocalDate {
  return calendar.isWorkingDay(day) ? day : calendar.nextWorkingDay(day);
}

/**
 * The date a progress update promises the next one by: one update period after the one now due, on a
 * working day (the update now being written is this cycle's; the letter speaks of the next).
 */
export function nextUpdateBy(profile: PolicyProfile, clocks: Clocks, calendar: Calendar): LocalDate | null {
  const rule = profile.clocks.update;
  if (!rule || !clocks.updateBy) return null;
  return onOrBefore(addDays(clocks.updateBy, rule, calendar), calendar);
}

/** Letters to someone outside the office whose being unsent means the office still owes something. */
export const OWED_LETTER_KINDS: readonly string[] = ['outcome', 'appeal-outcome', 'pass-on'];

const OWED_STATES: Readonly<Record<string, string>> = {
  'awaiting-approval': 'waiting for approval',
  approved: 'approved, waiting to be sent',
  queued: 'waiting to be sent',
  sending: 'being sent',
  print: 'waiting to be printed and posted',
  phone: 'waiting for a phone call',
  failed: 'could not be sent: see the Outbox',
  // The staff task of passing a complaint on to another body (its Outbox row goes to-do → done).
  'to-do': 'still to do: see the Outbox',
};

const KIND_WORDS: Readonly<Record<string, string>> = {
  outcome: 'Outcome letter',
  'appeal-outcome': 'Appeal outcome letter',
  'pass-on': 'Passing the complaint on to the other body',
};

/**
 * What an Outbox row for this case still owes, in plain English, or null when nothing (sent, printed,
 * phoned, cancelled, or a kind that does not hold the case open).
 */
export function owedLetter(kind: string, status: string): string | null {
  if (!Object.hasOwn(KIND_WORDS, kind) || !Object.hasOwn(OWED_STATES, status)) return null;
  return `${KIND_WORDS[kind]} ${OWED_STATES[status]}`;
}

function addDays(day: LocalDate, rule: ClockRule, calendar: Calendar): LocalDate {
  return rule.unit === 'working'
    ? calendar.addWorkingDays(day, rule.days)
    : calendar.addCalendarDays(day, rule.days);
}

function deadline(
  start: LocalDate,
  rule: ClockRule,
  pauses: readonly ClockPause[],
  today: LocalDate,
  calendar: Calendar,
): LocalDate {
  let end = addDays(start, rule, calendar);
  for (const pause of pauses) {
    const first = max(londonDate(pause.from), start);
    const last = pause.to ? londonDate(pause.to) : today;
    if (first > end || last <= first) continue;
    end =
      rule.unit === 'working'
        ? calendar.addWorkingDays(end, calendar.workingDaysBetween(first, last))
        : calendar.addCalendarDays(end, daysBetween(first, last));
  }
  return end;
}

function daysBetween(from: LocalDate, to: LocalDate): number {
  // Both are midnight UTC of a calendar day, so the difference is a whole number of days.
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

function max(a: LocalDate, b: LocalDate): LocalDate {
  return a > b ? a : b;
}

/** The last day the record is kept under the profile's retention rule; null with no rule (or not yet closed). */
export function retainUntil(profile: PolicyProfile, record: CaseRecord): LocalDate | null {
  const rule = profile.clocks.retention;
  if (!rule) return null;
  if (rule.from === 'closure')
    return record.closedAt ? addYears(londonDate(record.closedAt), rule.years) : null;
  const events = [
    record.acknowledgedAt,
    record.lastUpdateAt,
    record.closedAt,
    record.appealedAt,
    record.appealAcknowledgedAt,
    record.appealDecidedAt,
  ];
  const last = record.lastContactAt ?? events.reduce<Date>((a, b) => (b && b > a ? b : a), record.receivedAt);
  return addYears(londonDate(last), rule.years);
}

interface Times {
  acknowledgeBy: LocalDate | null;
  updateBy: LocalDate | null;
  appealBy: LocalDate | null;
  appealAcknowledgeBy: LocalDate | null;
  appealDecisionBy: LocalDate | null;
  reviewBy: LocalDate | null;
}

interface Duty {
  name: string;
  by: LocalDate;
  doneAt: Date | null;
}

function slaStatus(
  record: CaseRecord,
  kind: StateKind,
  stateLabel: string,
  running: boolean,
  t: Times,
  now: Date,
  rules: PolicyProfile['clocks'],
  calendar: Calendar,
): { status: SlaStatus; statusReason: string; next?: LocalDate } {
  const today = londonDate(now);
  const windowOpen = t.appealBy !== null && today <= t.appealBy;
  if (kind === 'final' || (kind === 'closed' && !windowOpen)) {
    return { status: 'closed', statusReason: `Closed (${stateLabel}); nothing more to do` };
  }
  if (kind === 'closed')
    return {
      status: 'met',
      statusReason: `Outcome given; appeal window open until ${formatDay(t.appealBy!)}`,
    };

  const openPause = record.pauses.find((p) => p.from <= now && (p.to === null || p.to > now));
  const pausedSince = openPause ? londonDate(openPause.from) : null;
  if (pausedSince)
    return {
      status: 'paused',
      statusReason: `Paused since ${formatDay(pausedSince)}, waiting on the complainant`,
    };

  // Order matters: it breaks ties between deadlines on the same day.
  const duties: Duty[] = [];
  if (t.acknowledgeBy && running)
    duties.push({ name: 'Acknowledgement', by: t.acknowledgeBy, doneAt: record.acknowledgedAt });
  if (t.appealAcknowledgeBy)
    duties.push({
      name: 'Appeal acknowledgement',
      by: t.appealAcknowledgeBy,
      doneAt: record.appealAcknowledgedAt,
    });
  if (t.appealDecisionBy)
    duties.push({ name: 'Appeal decision', by: t.appealDecisionBy, doneAt: record.appealDecidedAt });
  if (t.updateBy) duties.push({ name: 'Progress update', by: t.updateBy, doneAt: null });
  if (t.reviewBy) duties.push({ name: 'Progress check', by: t.reviewBy, doneAt: null });

  const pending = duties.filter((d) => d.doneAt === null);
  const next = pending.reduce<Duty | undefined>(
    (a, d) => (a === undefined || d.by < a.by ? d : a),
    undefined,
  );
  if (next) {
    if (next.by < today)
      return {
        status: 'overdue',
        statusReason: `${next.name} overdue: was due ${formatDay(next.by)}`,
        next: next.by,
      };
    if (calendar.workingDaysBetween(today, next.by) <= rules.dueSoonWorkingDays)
      return { status: 'due-soon', statusReason: `${next.name} due ${formatDay(next.by)}`, next: next.by };
    return { status: 'on-track', statusReason: `${next.name} due ${formatDay(next.by)}`, next: next.by };
  }

  const late = duties.find((d) => d.doneAt !== null && londonDate(d.doneAt) > d.by);
  if (late && late.doneAt) {
    return {
      status: 'on-track',
      statusReason: `${late.name} given late on ${formatDay(londonDate(late.doneAt))} (due ${formatDay(late.by)}); nothing pending`,
    };
  }
  if (kind === 'appeal') {
    return { status: 'met', statusReason: 'Appeal being considered; the policy sets no deadline for it' };
  }
  return { status: 'met', statusReason: 'Every deadline met; nothing pending' };
}
