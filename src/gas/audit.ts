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
import { appendRecords, type RowValues } from './table';

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

/** Entries as Audit rows, every text written literally. */
export function auditRecords(entries: readonly AuditEntry[]): RowValues[] {
  return entries.map((e) =>
    literalValues({
      When: e.at,
      Reference: e.reference,
      Who: e.actor,
      Action: e.action,
      From: e.from,
      To: e.to,
      Detail: e.detail,
    }),
  );
}

function write(sheet: GoogleAppsScript.Spreadsheet.Sheet, entries: readonly AuditEntry[]): void {
  appendRecords(sheet, auditRecords(entries));
}

type Stored = Omit<AuditEntry, 'at'> & { at: string };

function readDeferred(props: GoogleAppsScript.Properties.Properties): AuditEntry[] {
  return parseEntries(props.getProperty(DEFERRED_AUDIT));
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

/**
 * Entries a form submission recorded in script properties instead of the Audit tab (intake.ts, the quick
 * path), in shards of `audit-deferred:<n>`, each a JSON list under the 9 KB a property may hold. They are
 * appended by the next sender or sweep run, in the order they happened; until then they are as safe as
 * the reference counter beside them.
 */
export const DEFERRED_SHARD_PREFIX = `${DEFERRED_AUDIT}:`;

function parseEntries(raw: string | undefined | null): AuditEntry[] {
  if (!raw) return [];
  try {
    return (JSON.parse(raw) as Stored[]).map((e) => ({ ...e, at: new Date(e.at) }));
  } catch {
    return [];
  }
}

const shardNumber = (key: string) => Number(key.slice(DEFERRED_SHARD_PREFIX.length));

/** The property to write for `entry` added to the last deferred shard in `stored`, or to a new one. */
export function deferredAuditProperty(
  stored: Readonly<Record<string, string>>,
  entry: AuditEntry,
): Record<string, string> {
  const shards = Object.keys(stored)
    .filter((k) => k.startsWith(DEFERRED_SHARD_PREFIX))
    .sort((a, b) => shardNumber(a) - shardNumber(b));
  const last = shards[shards.length - 1];
  const fits = last ? JSON.stringify([...parseEntries(stored[last]), entry]) : null;
  if (last && fits && fits.length <= DEFERRED_LIMIT) return { [last]: fits };
  const next = last ? shardNumber(last) + 1 : 0;
  return { [`${DEFERRED_SHARD_PREFIX}${next}`]: JSON.stringify([entry]) };
}

/** Every entry waiting in script properties to be appended to the Audit tab, oldest first. */
export function deferredAuditEntries(stored: Readonly<Record<string, string>>): AuditEntry[] {
  return Object.keys(stored)
    .filter((k) => k === DEFERRED_AUDIT || k.startsWith(DEFERRED_SHARD_PREFIX))
    .flatMap((k) => parseEntries(stored[k]))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Whether any entry waits to be appended to the Audit tab (an emptied shard holds `[]`). */
export function hasDeferredAudit(stored: Readonly<Record<string, string>>): boolean {
  return Object.entries(stored).some(
    ([k, v]) => k === DEFERRED_AUDIT || (k.startsWith(DEFERRED_SHARD_PREFIX) && v !== EMPTY_SHARD),
  );
}

const EMPTY_SHARD = '[]';

/**
 * Appends the entries waiting in script properties (those of people who may not write the Audit tab, and
 * with `submissions` those form submissions left), oldest first, in one append; then drops them. Call
 * under the lock.
 */
export function flushDeferredAudit(ss: Spreadsheet, submissions = true): number {
  const props = PropertiesService.getScriptProperties();
  const stored = props.getProperties();
  const keys = Object.keys(stored).filter(
    (k) => k === DEFERRED_AUDIT || (submissions && k.startsWith(DEFERRED_SHARD_PREFIX)),
  );
  const waiting = deferredAuditEntries(Object.fromEntries(keys.map((k) => [k, stored[k]!])));
  if (waiting.length === 0) return 0;
  write(auditSheet(ss), waiting);
  if (DEFERRED_AUDIT in stored) props.deleteProperty(DEFERRED_AUDIT);
  // Shards are emptied, not deleted: one call however many a busy day filled.
  const shards = keys.filter((k) => k !== DEFERRED_AUDIT);
  if (shards.length > 0) props.setProperties(Object.fromEntries(shards.map((k) => [k, EMPTY_SHARD])));
  return waiting.length;
}
