/**
 * Appending a row under headers known from the shape cache (shape-cache.ts), in the fewest calls: one
 * Sheet.appendRow per row (atomic: it finds the last row and writes below it in one call) and, for a tab
 * staff may reshape, one read of the header row afterwards.
 *
 * The header row unchanged after the append means every value landed under its header: a column moved or
 * inserted after the append carries the new row's cells with it. Changed, staff reshaped the tab at some
 * moment between the copy and the check, so the row may sit one column off: it is found by its own
 * identifying values, wherever they landed, and written again whole under the headers as they are now
 * (all its cells are the script's, written a moment ago). The caller drops the copy of the headers.
 */
import { layOut, normaliseHeader, type Cell, type RowValues } from './table';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const MAX_ROUNDS = 4;

export interface AppendCheck {
  /**
   * Values that together tell the record's row from every other: the reference of a case, the key of a
   * letter. Compared as text with every cell of a row, whichever column they landed in.
   */
  identify(record: RowValues): string[];
}

/**
 * Appends `records` laid out under `headers`. With `check`, reads the header row once afterwards and
 * repairs a reshaped tab. Returns the header row as it is now when it differs from `headers` (the copy is
 * stale), else null.
 */
export function appendUnder(
  sheet: Sheet,
  headers: readonly string[],
  records: readonly RowValues[],
  check?: AppendCheck,
): string[] | null {
  for (const row of layOut(headers, records)) sheet.appendRow(row);
  if (!check) return null;
  const now = headerRow(sheet, headers.length);
  if (now !== null && now.every((h, i) => h === headers[i])) return null;
  return relayOut(sheet, records, check);
}

/** The first `width` headers, or null when the tab is now narrower (the read ran off the grid). */
function headerRow(sheet: Sheet, width: number): string[] | null {
  try {
    return (sheet.getSheetValues(1, 1, 1, width)[0] ?? []).map(normaliseHeader);
  } catch {
    return null;
  }
}

function relayOut(sheet: Sheet, records: readonly RowValues[], check: AppendCheck): string[] {
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const values = sheet.getDataRange().getValues() as Cell[][];
    const headers = (values[0] ?? []).map(normaliseHeader);
    const width = values[0]?.length ?? 0;
    for (const record of records) {
      const ids = check.identify(record);
      const row = lastRowHolding(values, ids);
      if (row < 1) continue;
      const [laid] = layOut(headers, [record]);
      sheet
        .getRange(row + 1, 1, 1, width)
        .setValues([[...laid!, ...new Array<Cell>(width - laid!.length).fill('')]]);
    }
    const now = headerRow(sheet, headers.length);
    if (now !== null && now.every((h, i) => h === headers[i])) return headers;
  }
  throw new Error(
    `The "${sheet.getName()}" tab kept changing shape while rows were added to it. Please wait a minute and check it.`,
  );
}

/** Index in `values` of the last row holding every one of `ids` in some cell, or -1. */
function lastRowHolding(values: readonly Cell[][], ids: readonly string[]): number {
  for (let r = values.length - 1; r >= 1; r--) {
    const cells = new Set(values[r]!.map((c) => String(c)));
    if (ids.every((id) => cells.has(id))) return r;
  }
  return -1;
}
