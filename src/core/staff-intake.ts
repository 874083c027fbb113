/**
 * Complaints logged by staff through the "Log a complaint" dialog have no form response to be known by,
 * so the dialog gives each filled-in form an id of its own, once, and sends it with every attempt to save
 * it. The case is then known as `staff:<id>` in the same intake ledger and Response ID column as form
 * responses: a double click, a retry by google.script.run or a second click after a run was stopped
 * part-way all carry the same id, and make or finish the one case.
 *
 * Pure: the shell reads the properties and writes what the ledger functions return.
 */
import { addYears, isLocalDate, londonDate, londonInstant } from './calendar';
import { RECOVERY_WINDOW_DAYS, ledgerEntry, type ResponseIdentity } from './responses';

/** What the dialog sends: crypto.randomUUID() (36 characters) or its fallback of 32 base-36 characters. */
const SUBMISSION_ID = /^[A-Za-z0-9-]{16,64}$/;

/** Shown in the dialog when an id is missing or malformed: in practice a dialog opened before an update. */
export const BAD_SUBMISSION_ID =
  'This complaint was not saved: the dialog did not identify it. Close the dialog, open Complaints › Log a complaint again and re-enter it.';

export function isSubmissionId(value: unknown): value is string {
  return typeof value === 'string' && SUBMISSION_ID.test(value);
}

/**
 * The ledger identity of a staff submission. Its ledger day is the day the first attempt recorded it
 * under (a retry can come after midnight, or days later from a dialog left open), else today. The key
 * within the day is the whole `staff:<id>`, which cannot collide with a form response's base-36 hash.
 * `at` is now: only a first attempt, or one finishing a case whose row was never written, uses it.
 */
export function staffIdentity(
  submissionId: string,
  now: Date,
  props: Readonly<Record<string, string>>,
): ResponseIdentity {
  const id = `staff:${submissionId}`;
  const identityOn = (day: string): ResponseIdentity => ({ at: now, hash: id, day, id });
  for (let back = 0; back <= RECOVERY_WINDOW_DAYS; back++) {
    const day = new Date(now.getTime() - back * 86_400_000).toISOString().slice(0, 10);
    if (ledgerEntry(props, identityOn(day))) return identityOn(day);
  }
  return identityOn(now.toISOString().slice(0, 10));
}

/** How far back staff may date a complaint they log: a year, so a mistyped year is caught. */
export const RECEIVED_ON_YEARS_BACK = 1;

/**
 * When a complaint logged by staff was received: the day they give (`receivedOn`, `YYYY-MM-DD`) as that
 * London day, or now when they give today or nothing. The clocks start from it (issue 9: a letter that
 * came by post three days before it was logged is three days into its acknowledgement clock).
 * Refused, in plain words, when it is not a date, is in the future or is over a year ago.
 */
export function staffReceivedAt(
  receivedOn: unknown,
  now: Date,
): { ok: true; at: Date } | { ok: false; message: string } {
  if (receivedOn === undefined || receivedOn === null || receivedOn === '') return { ok: true, at: now };
  const day = typeof receivedOn === 'string' ? receivedOn.trim() : '';
  if (!isLocalDate(day))
    return { ok: false, message: 'This complaint was not saved: enter the date it was received.' };
  const today = londonDate(now);
  if (day > today)
    return { ok: false, message: 'This complaint was not saved: the date received cannot be in the future.' };
  if (day < addYears(today, -RECEIVED_ON_YEARS_BACK))
    return {
      ok: false,
      message: 'This complaint was not saved: the date received is over a year ago. Check the year.',
    };
  return { ok: true, at: day === today ? now : londonInstant(day) };
}
