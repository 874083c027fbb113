/**
 * Trigger health: each handler's last successful run and last error, kept on the Settings tab so staff
 * see at a glance whether the automatic jobs are running. Errors are recorded by type and message only
 * (messages are written never to carry personal data).
 */
import { TABS } from './tabs';
import { healthKey } from './settings';
import { writeByKey, type RowValues, type Table } from './table';

export const HEALTH_HANDLERS: Record<string, string> = {
  onComplaintSubmitted: 'Form submissions',
  onStaffEdit: 'Staff changes on the Cases tab',
  runDailySweep: 'Daily deadline check and reminders',
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

/**
 * Records a run's result (Value = last success, Notes = last error) in the handler's row, found by key and
 * header at the moment of writing: staff may have sorted Settings or added a column since the run began.
 * Best effort: a broken Settings tab must not hide the run's own outcome.
 */
export function recordHealth(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Table,
  handler: string,
  now: Date,
  error: unknown,
): void {
  const key = healthKey(handler);
  // The run's snapshot says whether there is a row at all, so offices without one pay nothing.
  if (!settings.rows.some((row) => settings.value(row, 'Key') === key)) return;
  const sheet = ss.getSheetByName(TABS.settings);
  if (!sheet) return;
  const values: RowValues = error
    ? { Notes: `${now.toISOString()}: ${messageOf(error)}`.slice(0, 500) }
    : { Value: now };
  try {
    writeByKey(sheet, 'Key', Object.keys(values), [{ key, values }]);
  } catch (failure) {
    console.log(`health: could not record the ${handler} run: ${messageOf(failure).slice(0, 200)}`);
  }
}

/** Errors from Apps Script services may come from another realm, so `instanceof Error` is not enough. */
function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
