/**
 * The Templates tab: one row per letter kind, language and variant, editable by staff. Setup seeds the
 * defaults only where a row is missing, so a staff edit is never overwritten.
 */
import { LETTER_KINDS, type LetterKind, type LetterTemplate } from '../../core/letters/kinds';
import { defaultTemplates } from '../../core/letters/render';
import type { Language, PolicyProfile } from '../../core/model';
import { TABS } from '../tabs';
import { Table, appendRecords } from '../table';

export const TEMPLATES_HEADERS: readonly string[] = [
  'Kind',
  'Language',
  'Variant',
  'Subject',
  'Body',
  'Notes',
];

/** Headers an earlier version of the Templates tab used; setup renames them in place. */
export const TEMPLATES_LEGACY_HEADERS: Readonly<Record<string, string>> = { Letter: 'Kind' };

export const templateKey = (t: Pick<LetterTemplate, 'kind' | 'language' | 'variant'>): string =>
  `${t.kind}|${t.language}|${t.variant}`;

export interface TemplateRow extends LetterTemplate {
  /** The sheet row, so "Check templates" can point staff at it. */
  row: number;
}

export function templateRows(table: Table): TemplateRow[] {
  return table.rows.map((row, i) => ({
    kind: String(table.value(row, 'Kind')).trim() as LetterKind,
    language: (String(table.value(row, 'Language')).trim() || 'en') as Language,
    variant: String(table.value(row, 'Variant')).trim(),
    subject: String(table.value(row, 'Subject')),
    body: String(table.value(row, 'Body')),
    row: table.rowNumbers[i]!,
  }));
}

/** Staff's templates, with the defaults standing in for any row that is missing. One sheet read. */
export function readTemplates(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  profile: PolicyProfile,
): LetterTemplate[] {
  const sheet = ss.getSheetByName(TABS.templates);
  return templatesFrom(sheet ? Table.read(sheet) : null, profile);
}

/** The templates a tab's values hold (null: no tab), with the defaults for any row that is missing. */
export function templatesFrom(table: Table | null, profile: PolicyProfile): LetterTemplate[] {
  const defaults = defaultTemplates(profile);
  if (!table) return defaults;
  const fromSheet = templateRows(table).map(({ kind, language, variant, subject, body }): LetterTemplate => ({
    kind,
    language,
    variant,
    subject,
    body,
  }));
  const have = new Set(fromSheet.map(templateKey));
  return [...fromSheet, ...defaults.filter((d) => !have.has(templateKey(d)))];
}

/** Appends the default of every (kind, language, variant) the tab lacks; never touches existing rows. */
export function seedTemplates(sheet: GoogleAppsScript.Spreadsheet.Sheet, profile: PolicyProfile): number {
  const have = new Set(templateRows(Table.read(sheet)).map(templateKey));
  const missing = defaultTemplates(profile).filter((t) => !have.has(templateKey(t)));
  appendRecords(
    sheet,
    missing.map((t) => ({
      Kind: t.kind,
      Language: t.language,
      Variant: t.variant,
      Subject: t.subject,
      Body: t.body,
      Notes: 'Default letter. You can change the wording; keep the {{placeholders}}.',
    })),
  );
  return missing.length;
}

export const isLetterKind = (kind: string): kind is LetterKind =>
  (LETTER_KINDS as readonly string[]).includes(kind);
