/**
 * What Set up and the trigger menu items tell the person who ran them: plain English, naming who the
 * triggers run as and who can edit the Audit tab (staff email addresses only; no complainant data).
 */
import type { SetupReport } from './setup';
import { protectAudit } from './setup';
import { SETTING_KEYS } from './settings';
import { TABS } from './tabs';
import type { TriggerReport } from './trigger-owner';
import { writeKeyedCells } from './cell-writes';
import { Table } from './table';

const list = (emails: readonly string[]) =>
  emails.length <= 1 ? (emails[0] ?? 'nobody') : `${emails.slice(0, -1).join(', ')} and ${emails.at(-1)}`;

export function setupMessage(report: SetupReport): string {
  const lines = [`Policy: ${report.policy}.`];
  lines.push(
    report.triggersLeftAlone
      ? `The triggers (form submissions, staff edits, the daily sweep and the sender) run as ${report.triggersOwner}, so they were left alone: Apps Script lets only their owner change them. ` +
          `To run them as yourself instead, use Complaints › Take over the triggers…, then ask ${report.triggersOwner} to use Complaints › Remove my old triggers.`
      : `The triggers run as ${report.triggersOwner}. Triggers added: ${report.triggersCreated}.`,
  );
  // The triggers' owner is whose Gmail the letters go out from, within that account's daily quota.
  lines.push(
    `Letters and reminders are sent from ${report.triggersOwner}'s Google account, counting against its daily email quota.`,
  );
  if (report.formUrl)
    lines.push(
      `The public complaint form is at ${report.formUrl} — publish this link on the office's website. Anyone with it can answer without signing in.`,
    );
  lines.push(`Only ${list(report.auditEditors)} can edit the Audit tab; everyone else can read it.`);
  lines.push(...report.problems);
  return lines.join('\n\n');
}

/** Settings has the rows a take-over is recorded in (added by setup). */
export function canRecordTriggerOwner(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): boolean {
  const sheet = ss.getSheetByName(TABS.settings);
  if (!sheet) return false;
  const table = Table.read(sheet);
  const keys = new Set(table.rows.map((row) => String(table.value(row, 'Key')).trim()));
  return [SETTING_KEYS.triggersOwner, SETTING_KEYS.triggersInstalled, SETTING_KEYS.triggerIds].every((k) =>
    keys.has(k),
  );
}

/** Records a take-over in Settings and lets the new owner's triggers write the Audit tab where it can. */
export function recordTriggerOwner(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  report: TriggerReport,
): string[] {
  const sheet = ss.getSheetByName(TABS.settings);
  if (!sheet) throw new Error('There is no Settings tab yet. Run Complaints › Set up… first.');
  const updates = Object.entries(report.settings).map(([key, value]) => ({ key, values: { Value: value } }));
  const missing = writeKeyedCells(sheet, 'Key', updates);
  if (missing.includes(SETTING_KEYS.triggersOwner))
    throw new Error('The Settings tab has no "triggers-owner" row. Run Complaints › Set up… to repair it.');
  return protectAudit(ss, report.owner);
}

export function takeOverMessage(report: TriggerReport, previous: string, auditEditors: string[]): string {
  const lines = [`The triggers now run as ${report.owner}. Triggers added: ${report.created}.`];
  if (previous && previous !== report.owner)
    lines.push(
      `${previous}'s edit trigger stops handling edits from now on and removes itself the next time it runs. ` +
        `Apps Script lets only ${previous} remove their other triggers: ask them to use Complaints › Remove my old triggers soon. ` +
        'Until then a submission, letter or sweep may be looked at twice, though never recorded or sent twice.',
    );
  if (!auditEditors.map((e) => e.toLowerCase()).includes(report.owner))
    lines.push(
      `Your triggers cannot yet write to the Audit tab: ask ${list(auditEditors)} to run Complaints › Set up… once, which lets them.`,
    );
  return lines.join('\n\n');
}
