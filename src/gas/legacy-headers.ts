/**
 * Headers an earlier version wrote, renamed in place by setup so a repaired tab keeps its rows' meaning
 * instead of gaining a second, empty column under the new name.
 */
import { readHeaders } from './table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Renames, in one write, each old header the tab still has, unless the new name is already there. */
export function renameLegacyHeaders(
  ss: Spreadsheet,
  tab: string,
  legacy: Readonly<Record<string, string>>,
): void {
  const sheet = ss.getSheetByName(tab);
  if (!sheet) return;
  const headers = readHeaders(sheet);
  const renamed = headers.map((h) => (legacy[h] && !headers.includes(legacy[h]) ? legacy[h] : h));
  if (renamed.some((h, i) => h !== headers[i])) sheet.getRange(1, 1, 1, renamed.length).setValues([renamed]);
}
