/**
 * The Templates tab: one row per letter kind, language and variant, editable by staff. Setup seeds the
 * defaults only where a row is missing, so a staff edit is never overwritten.
 */
import type { LetterKind, LetterTemplate } from '../../core/letters/kinds';
import { defaultTemplates } from '../../core/letters/render';
import type { Language, PolicyProfile } from '../../core/model';
import { TABS } from '../tabs';
import { Table, appendRecords } from '../table';

export const TEMPLATES_HEADERS = ['Letter', 'Language', 'Variant', 'Subject', 'Body', 'Notes'] as const;

const keyOf = (t: Pick<LetterTemplate, 'kind' | 'language' | 'variant'>) =>
  `${t.kind}|${t.language}|${t.variant}`;

export function readTemplates(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  profile: PolicyProfile,
): LetterTemplate[] {
  const sheet = ss.getSheetByName(TABS.templates);
  const defaults = defaultTemplates(profile);
  if (!sheet) return defaults;
  const table = Table.read(sheet);
  const fromSheet: LetterTemplate[] = table.rows.map((row) => ({
    kind: String(table.value(row, 'Letter')).trim() as LetterKind,
    language: (String(table.value(row, 'Language')).trim() || 'en') as Language,
    variant: String(table.value(row, 'Variant')).trim(),
    subject: String(table.value(row, 'Subject')),
    body: String(table.value(row, 'Body')),
  }));
  const have = new Set(fromSheet.map(keyOf));
  return [...fromSheet, ...defaults.filter((d) => !have.has(keyOf(d)))];
}

export function seedTemplates(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  headers: readonly string[],
  profile: PolicyProfile,
): number {
  const table = Table.read(sheet);
  const have = new Set(
    table.rows.map((row) =>
      keyOf({
        kind: String(table.value(row, 'Letter')) as LetterKind,
        language: String(table.value(row, 'Language')) as Language,
        variant: String(table.value(row, 'Variant')),
      }),
    ),
  );
  const missing = defaultTemplates(profile).filter((t) => !have.has(keyOf(t)));
  appendRecords(
    sheet,
    headers,
    missing.map((t) => ({
      Letter: t.kind,
      Language: t.language,
      Variant: t.variant,
      Subject: t.subject,
      Body: t.body,
      Notes: 'Default letter. You can change the wording; keep the {{placeholders}}.',
    })),
  );
  return missing.length;
}
