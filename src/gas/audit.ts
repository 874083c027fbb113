/**
 * The Audit tab: append-only. Every accepted or refused staff action and every case the script creates
 * is stamped here. Details never carry the complainant's personal data.
 *
 * The tab is protected so that only the accounts the script runs as can edit it (setup.ts). A menu action
 * run by anyone else (Log a complaint, Send queued letters now) cannot write it, so its entries wait in a
 * script property and the next run as an editor (a staff edit, which runs as the triggers' owner, or
 * setup) appends them, in order. Nothing is lost and the tab stays closed to hand edits.
 */
import type { AuditEntry } from '../core/model';
import { literalValues } from './literal';
import { TABS } from './tabs';
import { appendRecords } from './table';

export const AUDIT_HEADERS = ['When', 'Reference', 'Who', 'Action', 'From', 'To', 'Detail'] as const;

/** Script property holding entries a person without edit rights on the Audit tab could not write. */
export const DEFERRED_AUDIT = 'audit-deferred';
/** Property values are limited to 9 KB; entries beyond this wait for the next deferral to clear. */
const DEFERRED_LIMIT = 8_000;

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The error Sheets raises when a script running as a non-editor writes to a protected range. */
function isProtectedError(error: unknown): boolean {
  return /protected/i.test(error instanceof Error ? error.message : String(error));
}

function auditSheet(ss: Spreadsheet): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = ss.getSheetByName(TABS.audit);
  if (!sheet) throw new Error('There is no Audit tab. Run Complaints › Set up… to repair it.');
  return sheet;
}

function write(sheet: GoogleAppsScript.Spreadsheet.Sheet, entries: readonly AuditEntry[]): void {
  appendRecords(
    sheet,
    entries.map((e) =>
      literalValues({
        When: e.at,
        Reference: e.reference,
        Who: e.actor,
        Action: e.action,
        From: e.from,
        To: e.to,
        Detail: e.detail,
      }),
    ),
  );
}

type Stored = Omit<AuditEntry, 'at'> & { at: string };

function readDeferred(props: GoogleAppsScript.Properties.Properties): AuditEntry[] {
  const raw = props.getProperty(DEFERRED_AUDIT);
  if (!raw) return [];
  try {
    return (JSON.parse(raw) as Stored[]).map((e) => ({ ...e, at: new Date(e.at) }));
  } catch {
    return [];
  }
}

/**
 * Appends entries in one write. Call under the script lock (appends race for the last row). From, To and
 * Detail often hold what a person typed, so every text is written literally (literal.ts).
 */
export function appendAudit(ss: Spreadsheet, entries: readonly AuditEntry[]): void {
  if (entries.length === 0) return;
  const sheet = auditSheet(ss);
  try {
    write(sheet, entries);
  } catch (error) {
    if (!isProtectedError(error)) throw error;
    const props = PropertiesService.getScriptProperties();
    const waiting = [...readDeferred(props), ...entries];
    const json = JSON.stringify(waiting);
    if (json.length > DEFERRED_LIMIT) throw error;
    props.setProperty(DEFERRED_AUDIT, json);
  }
}

/** Appends the entries that were waiting for someone who may write the Audit tab. Call under the lock. */
export function flushDeferredAudit(ss: Spreadsheet): number {
  const props = PropertiesService.getScriptProperties();
  const waiting = readDeferred(props);
  if (waiting.length === 0) return 0;
  write(auditSheet(ss), waiting);
  props.deleteProperty(DEFERRED_AUDIT);
  return waiting.length;
}
