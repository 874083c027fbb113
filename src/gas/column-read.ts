/**
 * Reading a long tab by columns: the few columns that say which rows matter, then those rows whole.
 *
 * The daily sweep looks at every case but recomputes only open ones, which in a long-running office are a
 * few hundred rows of tens of thousands. Reading every cell of the tab each morning costs seconds and
 * memory on Apps Script; reading a handful of columns and then the rows that matter costs a fraction.
 * The calls stay flat in the number of rows: one read per run of adjacent columns, one per block of rows.
 *
 * The reads are several calls, so staff may reshape the tab between them. The header row and the key
 * column are read again once the columns are in, and the header row after the rows: changed, everything
 * is read again (a few rounds), so the values always belong under the headers and to the rows they are
 * taken for.
 */
import { contiguousRuns, headerIndex, Table, type Cell } from './table';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The rows read whole come in at most this many blocks (the nearest gaps are merged), so calls stay flat. */
export const MAX_ROW_BLOCKS = 4;
const MAX_ROUNDS = 3;

const headerText = (value: unknown) => String(value ?? '').trim();

/** A cell of the asked-for columns: by header and index among the rows read (row `i` is sheet row i + 2). */
export type CellOf = (header: string, i: number) => Cell;

export interface ColumnView {
  headers: string[];
  /** Rows read below the header, keyed or not. */
  height: number;
  cell: CellOf;
  /** One column's cells by row index: for loops over every row, without looking the header up each time. */
  column(header: string): (i: number) => Cell;
  /** The rows `wanted` chose, read whole. */
  full: Table;
}

/**
 * Blocks of row numbers covering `rows` (sorted, distinct), at most `max` of them: the widest gaps
 * separate blocks, the rest are read through.
 */
export function rowBlocks(rows: readonly number[], max = MAX_ROW_BLOCKS): [number, number][] {
  if (rows.length === 0) return [];
  const gaps = rows
    .slice(1)
    .map((row, i) => ({ at: i + 1, size: row - rows[i]! }))
    .filter((g) => g.size > 1)
    .sort((a, b) => b.size - a.size || a.at - b.at)
    .slice(0, max - 1)
    .map((g) => g.at)
    .sort((a, b) => a - b);
  const blocks: [number, number][] = [];
  let start = 0;
  for (const at of [...gaps, rows.length]) {
    blocks.push([rows[start]!, rows[at - 1]!]);
    start = at;
  }
  return blocks;
}

/**
 * The asked-for columns of every row (the first is the key), then the rows `wanted` picks, whole. Null
 * when a column asked for is not on the tab (the caller reads the tab whole, as it always has).
 */
export function readByColumns(
  sheet: Sheet,
  columns: readonly string[],
  wanted: (i: number, cell: CellOf) => boolean,
): ColumnView | null {
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const view = readOnce(sheet, columns, wanted);
    if (view !== 'reshaped') return view;
  }
  throw new Error(
    `The "${sheet.getName()}" tab kept changing shape while the script read it. Please wait a minute and try again.`,
  );
}

function readOnce(
  sheet: Sheet,
  columns: readonly string[],
  wanted: (i: number, cell: CellOf) => boolean,
): ColumnView | null | 'reshaped' {
  const height = sheet.getLastRow();
  const width = sheet.getLastColumn();
  if (width < 1) return null;
  const headerRow = () => (sheet.getRange(1, 1, 1, width).getValues()[0] ?? []).map(headerText);
  let headers: string[];
  try {
    headers = headerRow();
  } catch {
    return 'reshaped';
  }
  // The header row read again: throwing (the tab lost columns) or changed means the tab was reshaped.
  const reshaped = () => {
    try {
      return headerRow().some((h, i) => h !== headers[i]);
    } catch {
      return true;
    }
  };
  const index = headerIndex(headers);
  const positions = columns.map((h) => index.get(h));
  if (positions.some((p) => p === undefined)) return null;
  // Each run of adjacent columns as read (row-major): a cell is found through its run, not copied.
  const where = new Map<string, { values: Cell[][]; j: number }>();
  const cell: CellOf = (header, i) => {
    const at = where.get(header);
    return at ? (at.values[i]?.[at.j] ?? '') : '';
  };
  const column = (header: string): ((i: number) => Cell) => {
    const at = where.get(header);
    if (!at) return () => '';
    const { values, j } = at;
    return (i) => values[i]?.[j] ?? '';
  };
  const full: Cell[][] = [];
  const rows = Math.max(0, height - 1);
  if (rows > 0) {
    try {
      for (const run of contiguousRuns(positions as number[])) {
        const values = sheet.getRange(2, run[0]! + 1, rows, run.length).getValues() as Cell[][];
        run.forEach((column, j) => where.set(headers[column]!, { values, j }));
      }
    } catch {
      // Rows or columns deleted since the size was taken: the range ran off the grid.
      return 'reshaped';
    }
    // Before any row is judged by them, the columns must be the ones their headers say and the rows
    // where they were when the first column was read: the key column is read again and compared.
    if (reshaped()) return 'reshaped';
    try {
      const keys = sheet.getRange(2, positions[0]! + 1, rows, 1).getValues();
      for (let i = 0; i < rows; i++)
        if (String(keys[i]?.[0] ?? '') !== String(cell(columns[0]!, i))) return 'reshaped';
    } catch {
      return 'reshaped';
    }
    const picked: number[] = [];
    for (let i = 0; i < rows; i++) if (wanted(i, cell)) picked.push(i + 2);
    // The first column asked for is the key: a row read whole must hold the key its column read gave,
    // or rows were sorted or deleted in between.
    const key = positions[0]!;
    try {
      for (const [top, bottom] of rowBlocks(picked)) {
        const block = sheet.getRange(top, 1, bottom - top + 1, width).getValues() as Cell[][];
        const inBlock = new Set(picked.filter((p) => p >= top && p <= bottom));
        for (let i = 0; i < block.length; i++) {
          if (!inBlock.has(top + i)) continue;
          if (String(block[i]![key] ?? '') !== String(cell(columns[0]!, top + i - 2))) return 'reshaped';
          full.push(block[i]!);
        }
      }
    } catch {
      return 'reshaped';
    }
  }
  if (reshaped()) return 'reshaped';
  return { headers, height: rows, cell, column, full: Table.fromValues(sheet.getName(), headers, full) };
}
