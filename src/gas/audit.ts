/**
 * The Audit tab: append-only. Every accepted or refused staff action and every case the script creates
 * is stamped here. Details never carry the complainant's personal data.
 */
import type { AuditEntry } from '../core/model';
import { literalValues } from './literal';
import { TABS } from './tabs';
import { appendRecords } from './table';

export const AUDIT_HEADERS = ['When', 'Reference', 'Who', 'Action', 'From', 'To', 'Detail'] as const;

/**
 * Appends entries in one write. Call under the script lock (appends race for the last row). From, To and
 * Detail often hold what a person typed, so every text is written literally (literal.ts).
 */
export function appendAudit(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  entries: readonly AuditEntry[],
): void {
  if (entries.length === 0) return;
  const sheet = ss.getSheetByName(TABS.audit);
  if (!sheet) throw new Error('There is no Audit tab. Run Complaints › Set up… to repair it.');
  appendRecords(
    sheet,
    AUDIT_HEADERS,
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
