/**
 * Writing only the cells that change, placed at the moment of writing.
 *
 * A staff edit is checked between a read and a write. In that gap a colleague can type in the same row,
 * a sort can move it, a column can be inserted. So the header row and the key column are read again just
 * before writing, and only the changed cells are written: never a read-modify-write of a row or a block,
 * which would put back whatever was there when it was read.
 */
import {
  MissingColumnError,
  contiguousRuns,
  headerIndex,
  readHeaders,
  type Cell,
  type RowValues,
} from './table';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The 1-based sheet row of each key, as the key column reads now (the first row wins for a repeated key). */
export function rowsByKey(sheet: Sheet, headers: readonly string[], keyHeader: string): Map<string, number> {
  const keyColumn = headerIndex(headers).get(keyHeader);
  if (keyColumn === undefined) throw new MissingColumnError(sheet.getName(), keyHeader);
  const rows = new Map<string, number>();
  const last = sheet.getLastRow();
  if (last < 2) return rows;
  sheet
    .getRange(2, keyColumn + 1, last - 1, 1)
    .getValues()
    .forEach((row, i) => {
      const key = String(row[0] ?? '').trim();
      if (key && !rows.has(key)) rows.set(key, i + 2);
    });
  return rows;
}

/**
 * Writes `values` (header → value) into one sheet row, one setValues per run of adjacent cells.
 * `headers` must have been read just now, so a column staff moved or inserted meanwhile is honoured.
 */
export function writeRowCells(
  sheet: Sheet,
  headers: readonly string[],
  row: number,
  values: RowValues,
): void {
  const index = headerIndex(headers);
  const columns = Object.keys(values).map((header) => {
    const i = index.get(header);
    if (i === undefined) throw new MissingColumnError(sheet.getName(), header);
    return i;
  });
  for (const run of contiguousRuns(columns)) {
    sheet.getRange(row, run[0]! + 1, 1, run.length).setValues([run.map((c) => values[headers[c]!]!)]);
  }
}

export interface KeyedCells {
  key: string;
  values: RowValues;
}

/**
 * Writes each update's cells into the row whose `keyHeader` cell holds its key, with the header row and
 * the key column read now (two calls), then one setValues per run of adjacent cells. Returns the keys no
 * row holds any more (staff deleted the row meanwhile): nothing is written for them.
 */
export function writeKeyedCells(sheet: Sheet, keyHeader: string, updates: readonly KeyedCells[]): string[] {
  const pending = updates.filter((u) => Object.keys(u.values).length > 0);
  if (pending.length === 0) return [];
  const headers = readHeaders(sheet);
  const rows = rowsByKey(sheet, headers, keyHeader);
  const missing: string[] = [];
  for (const update of pending) {
    const row = rows.get(update.key);
    if (row === undefined) missing.push(update.key);
    else writeRowCells(sheet, headers, row, update.values);
  }
  return missing;
}

/** Two cell values equal as Sheets holds them (dates by instant, everything else by text). */
export function sameCell(a: Cell, b: Cell): boolean {
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  return String(a) === String(b);
}

/** Only the entries of `next` that differ from the row as read. */
export function changedValues(next: RowValues, current: (header: string) => Cell): RowValues {
  const out: RowValues = {};
  for (const [header, value] of Object.entries(next))
    if (!sameCell(value, current(header))) out[header] = value;
  return out;
}
