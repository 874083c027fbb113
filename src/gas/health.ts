/**
 * Trigger health: each handler's last successful run and last error, kept on the Settings tab so staff
 * see at a glance whether the automatic jobs are running. Errors are recorded by type and message only
 * (messages are written never to carry personal data).
 */
import { TABS } from './tabs';
import { healthKey } from './settings';
import type { Table } from './table';

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
 * Records a run's result in one write (Value = last success, Notes = last error or the run's note), if
 * the row exists. A note replaces the Notes; without one a success leaves the last error in view.
 */
export function recordHealth(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Table,
  handler: string,
  now: Date,
  error: unknown,
  note = '',
): void {
  const index = settings.rows.findIndex((row) => settings.value(row, 'Key') === healthKey(handler));
  if (index < 0 || !settings.has('Value') || !settings.has('Notes')) return;
  const sheet = ss.getSheetByName(TABS.settings);
  if (!sheet) return;
  const row = settings.rows[index]!;
  const valueCol = settings.column('Value');
  const notesCol = settings.column('Notes');
  const lastSuccess = error ? settings.value(row, 'Value') : now;
  const lastError = error
    ? `${now.toISOString()}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500)
    : note
      ? `${now.toISOString()}: ${note}`.slice(0, 2_000)
      : settings.value(row, 'Notes');
  // The row was found by key in the snapshot this run just read.
  const sheetRow = settings.rowNumbers[index]!;
  if (notesCol === valueCol + 1) {
    sheet.getRange(sheetRow, valueCol + 1, 1, 2).setValues([[lastSuccess, lastError]]);
  } else {
    sheet.getRange(sheetRow, valueCol + 1).setValue(lastSuccess);
    sheet.getRange(sheetRow, notesCol + 1).setValue(lastError);
  }
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
