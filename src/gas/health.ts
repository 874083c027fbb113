/**
 * Trigger health: each handler's last successful run and last error, kept on the Settings tab so staff
 * see at a glance whether the automatic jobs are running. Errors are recorded by type and message only
 * (messages are written never to carry personal data).
 */
import { TABS } from './tabs';
import { healthKey } from './settings';
import { writeByKey, type RowValues, type Table } from './table';

/**
 * Trigger health of form submissions, kept in a script property by the quick path (in a write it makes
 * anyway) and copied to the Settings tab by the next sender run.
 */
export const SUBMIT_HEALTH_PROPERTY = 'health-deferred:onComplaintSubmitted';

export const HEALTH_HANDLERS: Record<string, string> = {
  onComplaintSubmitted: 'Form submissions',
  onStaffEdit: 'Staff changes on the Cases tab',
  runDailySweep: 'Daily deadline check and reminders',
  recoverMissedResponses: 'Morning check for form responses not yet cases',
  sendQueuedMail: 'Sending queued letters',
};

export function healthRows(): (string | Date)[][] {
  return Object.entries(HEALTH_HANDLERS).map(([handler, label]) => [
    healthKey(handler),
    `Last run: ${label}`,
    '',
    '',
  ]);
}

/** The health row of the daily recovery of form responses (intake.ts), written by the sweep. */
export const RECOVERY_HEALTH = 'recoverMissedResponses';

/**
 * Records a run's result (Value = last success, Notes = last error) in the handler's row, found by key and
 * header at the moment of writing: staff may have sorted Settings or added a column since the run began.
 * A note (a run's message for staff) replaces the Notes; without one a success leaves the last error in
 * view. Best effort: a broken Settings tab must not hide the run's own outcome.
 */
export function recordHealth(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Table,
  handler: string,
  now: Date,
  error: unknown,
  note = '',
  /** Other handlers' last successful runs, kept in script properties until now (form submissions). */
  others: Readonly<Record<string, Date>> = {},
): void {
  const key = healthKey(handler);
  // The run's snapshot says whether there is a row at all, so offices without one pay nothing.
  const hasRow = (k: string) => settings.rows.some((row) => settings.value(row, 'Key') === k);
  const updates = Object.entries(others)
    .filter(([h]) => hasRow(healthKey(h)))
    .map(([h, at]) => ({ key: healthKey(h), values: { Value: at } as RowValues }));
  if (hasRow(key)) {
    const values: RowValues = error
      ? { Notes: `${now.toISOString()}: ${messageOf(error)}`.slice(0, 500) }
      : note
        ? { Value: now, Notes: `${now.toISOString()}: ${note}`.slice(0, 2_000) }
        : { Value: now };
    updates.push({ key, values });
  }
  if (updates.length === 0) return;
  const sheet = ss.getSheetByName(TABS.settings);
  if (!sheet) return;
  try {
    const columns = [...new Set(updates.flatMap((u) => Object.keys(u.values)))];
    writeByKey(sheet, 'Key', columns, updates);
  } catch (failure) {
    console.log(`health: could not record the ${handler} run: ${messageOf(failure).slice(0, 200)}`);
  }
}

/** Errors from Apps Script services may come from another realm, so `instanceof Error` is not enough. */
function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

/**
 * Adds a line to the Dashboard (after the sweep has rewritten it) when some form responses could not be
 * made into cases, so staff see it where they look every day. Counts only: no personal data.
 */
export function noteOnDashboard(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  problems: readonly string[],
): void {
  if (problems.length === 0) return;
  const sheet = ss.getSheetByName(TABS.dashboard);
  if (!sheet) return;
  sheet
    .getRange(sheet.getLastRow() + 1, 1, 1, 3)
    .setValues([
      [
        'Form responses not yet made into cases',
        problems.length,
        `Retried every morning; the reasons are on the Settings tab (${healthKey(RECOVERY_HEALTH)}).`,
      ],
    ]);
}
