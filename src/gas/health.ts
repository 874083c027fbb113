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

/** Records a run's result in one write (Value = last success, Notes = last error), if the row exists. */
export function recordHealth(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Table,
  handler: string,
  now: Date,
  error: unknown,
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
