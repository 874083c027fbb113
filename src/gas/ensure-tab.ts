import { readHeaders } from './table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Gets or creates a tab and makes sure every header is present, appending missing ones at the end. */
export function ensureTab(
  ss: Spreadsheet,
  name: string,
  headers: readonly string[],
): { sheet: Sheet; headers: string[] } {
  const sheet = ss.getSheetByName(name) ?? ss.insertSheet(name);
  const existing = readHeaders(sheet);
  const have = new Set(existing.filter(Boolean));
  const missing = headers.filter((h) => !have.has(h));
  if (missing.length > 0) {
    const start = existing.length + 1;
    if (sheet.getMaxColumns() < existing.length + missing.length) {
      sheet.insertColumnsAfter(
        sheet.getMaxColumns(),
        existing.length + missing.length - sheet.getMaxColumns(),
      );
    }
    sheet.getRange(1, start, 1, missing.length).setValues([missing]);
  }
  sheet.setFrozenRows(1);
  sheet.getRange(1, 1, 1, existing.length + missing.length).setFontWeight('bold');
  return { sheet, headers: [...existing, ...missing] };
}
