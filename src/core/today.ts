/**
 * The Today view: what a caseworker acts on first thing, in the order they act on it. Built from what the
 * daily sweep already holds (each case's clocks, the Outbox rows that wait on a person), so it costs no
 * extra read; the shell writes it at the top of the Dashboard.
 */
import type { Calendar } from './calendar';
import type { LetterKind } from './letters/kinds';
import { STATUS_LABELS, formatDay } from './labels';
import type { LocalDate, SlaStatus } from './model';

/** How far ahead "coming up" looks, in the office's working days (bank holidays and closures skipped). */
export const COMING_UP_WORKING_DAYS = 5;

export interface TodayCase {
  reference: string;
  complainant: string;
  status: SlaStatus;
  /** The earliest deadline the office still owes; null when nothing is pending or the clock is paused. */
  nextDeadline: LocalDate | null;
  /** Which clock drives the status, in plain English (Clocks.statusReason). */
  due: string;
  owner: string;
}

/** An Outbox row that waits on a person, sorted by the shell into the section it belongs to. */
export type LetterWait = 'approve' | 'failed' | 'print' | 'phone';

export interface TodayLetter {
  wait: LetterWait;
  /** '' for a letter about no case (the digest). */
  reference: string;
  kind: string;
  queuedOn: LocalDate | null;
}

export interface TodayLine {
  reference: string;
  complainant: string;
  due: string;
  owner: string;
}

export interface TodaySection {
  title: string;
  lines: TodayLine[];
}

/** What each letter is, in words; a kind this table does not know is shown as stored. */
const LETTER_WORDS: Readonly<Record<LetterKind, string>> = {
  acknowledgement: 'Acknowledgement letter',
  redirect: 'Letter saying where the complaint goes',
  'not-eligible': 'Letter saying the complaint cannot be taken',
  'progress-update': 'Progress update',
  outcome: 'Outcome letter',
  'appeal-acknowledgement': 'Appeal acknowledgement',
  'appeal-outcome': 'Appeal outcome letter',
  'case-assigned': 'Case assigned notice to staff',
  'update-due': 'Update due reminder to staff',
  overdue: 'Overdue reminder to staff',
  digest: 'Daily digest',
  'pass-on': 'Passing the complaint on',
  'subject-copy': 'Copy to the person complained about',
  'subject-update': 'Update to the person complained about',
};

export function letterWords(kind: string): string {
  return Object.hasOwn(LETTER_WORDS, kind) ? LETTER_WORDS[kind as LetterKind] : kind;
}

/** Days the core writes as YYYY-MM-DD read as dd/mm/yyyy here, like every other day staff see. */
export function daysAsStaffRead(text: string): string {
  return text.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (day) => formatDay(day));
}

const WAIT_WORDS: Readonly<Record<LetterWait, string>> = {
  approve: 'to read and approve',
  failed: 'could not be sent: see its Last error on the Outbox',
  print: 'to print and post',
  phone: 'to give by phone',
};

const byDeadline = (a: TodayCase, b: TodayCase) =>
  (a.nextDeadline ?? '').localeCompare(b.nextDeadline ?? '') || a.reference.localeCompare(b.reference);

/**
 * The sections in reading order: overdue, due today, due within the next five working days, then the
 * letters that wait on a person. A letter takes its complainant and owner from its case; one about no
 * case (the digest) is owned by `nobody.owner`.
 */
export function todaySections(
  cases: readonly TodayCase[],
  letters: readonly TodayLetter[],
  today: LocalDate,
  calendar: Calendar,
  nobody: { owner: string },
): TodaySection[] {
  const horizon = calendar.addWorkingDays(today, COMING_UP_WORKING_DAYS);
  const line = (c: TodayCase): TodayLine => ({
    reference: c.reference,
    complainant: c.complainant,
    due: daysAsStaffRead(c.due),
    owner: c.owner,
  });
  const open = [...cases].sort(byDeadline);
  const overdue = open.filter((c) => c.status === 'overdue');
  const rest = open.filter((c) => c.status !== 'overdue' && c.nextDeadline !== null);
  const dueToday = rest.filter((c) => c.nextDeadline === today);
  const comingUp = rest.filter((c) => c.nextDeadline! > today && c.nextDeadline! <= horizon);

  const byReference = new Map(cases.map((c) => [c.reference, c]));
  const letterLines = (wait: LetterWait): TodayLine[] =>
    letters
      .filter((l) => l.wait === wait)
      .sort(
        (a, b) =>
          (a.queuedOn ?? '').localeCompare(b.queuedOn ?? '') || a.reference.localeCompare(b.reference),
      )
      .map((l) => {
        const c = byReference.get(l.reference);
        const queued = l.queuedOn ? ` (queued ${formatDay(l.queuedOn)})` : '';
        return {
          reference: l.reference,
          complainant: c?.complainant ?? '',
          due: `${letterWords(l.kind)} ${WAIT_WORDS[wait]}${queued}`,
          owner: c?.owner || nobody.owner,
        };
      });

  return [
    { title: STATUS_LABELS.overdue, lines: overdue.map(line) },
    { title: 'Due today', lines: dueToday.map(line) },
    {
      title: `Due in the next ${COMING_UP_WORKING_DAYS} working days (to ${formatDay(horizon)})`,
      lines: comingUp.map(line),
    },
    { title: 'Letters awaiting approval', lines: letterLines('approve') },
    { title: 'Letters that failed', lines: letterLines('failed') },
    { title: 'Letters to print', lines: letterLines('print') },
    { title: 'Calls to make', lines: letterLines('phone') },
  ];
}
