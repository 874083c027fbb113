/**
 * The spreadsheet as a database table (DESIGN §2).
 *
 * - Columns are found by header, never by position: staff reorder, hide and add columns.
 * - One getValues per table read; one setValues per contiguous block written, so the number of service
 *   calls never grows with the number of rows.
 * - Writers find columns by header and rows by key at the moment of writing, never from positions read
 *   earlier in the run: appendRecords reads the header row itself, and writeByKey (keyed-write.ts) reads
 *   the tab just before writing and checks afterwards that its values landed under their headers.
 */

export type Cell = string | number | boolean | Date;
export type RowValues = Record<string, Cell>;

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export class MissingColumnError extends Error {
  constructor(sheetName: string, header: string) {
    super(`The "${sheetName}" tab has no "${header}" column. Run Complaints › Set up… to repair it.`);
    this.name = 'MissingColumnError';
  }
}

export function normaliseHeader(value: unknown): string {
  return String(value ?? '').trim();
}

/** Positions of headers in a header row (0-based); the first occurrence wins. */
export function headerIndex(headers: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  headers.forEach((header, i) => {
    if (header && !index.has(header)) index.set(header, i);
  });
  return index;
}

/** A snapshot of a whole tab, read with one getValues. */
export class Table {
  private readonly index: Map<string, number>;

  private constructor(
    readonly sheetName: string,
    readonly headers: string[],
    readonly rows: Cell[][],
    /** The 1-based sheet row each entry of `rows` was read from, valid until someone sorts or deletes. */
    readonly rowNumbers: number[],
  ) {
    this.index = headerIndex(headers);
  }

  static read(sheet: Sheet): Table {
    let values: Cell[][];
    try {
      values = sheet.getDataRange().getValues() as Cell[][];
    } catch {
      // Staff deleted a row or column between taking the range and reading it: take it again.
      values = sheet.getDataRange().getValues() as Cell[][];
    }
    const [header = [], ...rows] = values;
    // Blank rows below the header read as rows of ""; keep only rows with content.
    const data: Cell[][] = [];
    const numbers: number[] = [];
    rows.forEach((row, i) => {
      if (row.some((cell) => cell !== '')) {
        data.push(row);
        numbers.push(i + 2);
      }
    });
    return new Table(sheet.getName(), header.map(normaliseHeader), data, numbers);
  }

  /** Builds a table from values already read (e.g. e.range of a form submission). */
  static fromValues(sheetName: string, headers: readonly unknown[], rows: Cell[][], firstRow = 2): Table {
    return new Table(
      sheetName,
      headers.map(normaliseHeader),
      rows,
      rows.map((_, i) => firstRow + i),
    );
  }

  has(header: string): boolean {
    return this.index.has(header);
  }

  /** 0-based column of a header; throws a message staff can act on when it is missing. */
  column(header: string): number {
    const i = this.index.get(header);
    if (i === undefined) throw new MissingColumnError(this.sheetName, header);
    return i;
  }

  value(row: readonly Cell[], header: string): Cell {
    const i = this.index.get(header);
    return i === undefined ? '' : (row[i] ?? '');
  }

  record(row: readonly Cell[]): RowValues {
    const out: RowValues = {};
    this.headers.forEach((header, i) => {
      if (header) out[header] = row[i] ?? '';
    });
    return out;
  }

  records(): RowValues[] {
    return this.rows.map((row) => this.record(row));
  }

  /** Row values by key column, e.g. cases by reference. */
  byKey(keyHeader: string): Map<string, Cell[]> {
    const k = this.column(keyHeader);
    const map = new Map<string, Cell[]>();
    for (const row of this.rows) {
      const key = String(row[k] ?? '');
      if (key) map.set(key, row);
    }
    return map;
  }
}

/** Runs of adjacent 0-based column numbers, so each run is written with one setValues. */
export function contiguousRuns(columns: readonly number[]): number[][] {
  const sorted = [...new Set(columns)].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1] === c - 1) last.push(c);
    else runs.push([c]);
  }
  return runs;
}

/** Reads the header row only (one call): for writers that do not need the data. */
export function readHeaders(sheet: Sheet): string[] {
  const width = sheet.getLastColumn();
  if (width === 0) return [];
  return (sheet.getRange(1, 1, 1, width).getValues()[0] ?? []).map(normaliseHeader);
}

/** Rounds of writing an append before giving up on a tab that keeps changing shape. */
const MAX_APPEND_ROUNDS = 4;

export function layOut(headers: readonly string[], records: readonly RowValues[]): Cell[][] {
  const index = headerIndex(headers);
  return records.map((record) => {
    const row: Cell[] = new Array<Cell>(headers.length).fill('');
    for (const [header, value] of Object.entries(record)) {
      const i = index.get(header);
      if (i !== undefined) row[i] = value;
    }
    return row;
  });
}

/**
 * The header row now, or null when it still starts with `headers` (two calls: the old width is reused,
 * so a tab that lost columns makes the read throw, which counts as changed; a column added beyond the
 * last moves none of the appended values).
 */
function headersIfChanged(sheet: Sheet, headers: readonly string[]): string[] | null {
  try {
    const row = sheet.getRange(1, 1, 1, headers.length).getValues()[0] ?? [];
    if (headers.every((h, i) => normaliseHeader(row[i]) === h)) return null;
  } catch {
    // Narrower than before: read it whole below.
  }
  return readHeaders(sheet);
}

/**
 * Appends records below the last row in one setValues, placing each value under its header. Staff may
 * insert, move or delete a column between any two calls, including between reading the header row and
 * writing, so the header row is read again after the write: unchanged, every value landed under its
 * header; changed, the rows are laid out again under the headers as they are now and rewritten (values
 * that travelled with a column the moment after the write are rewritten in the same place, so the rewrite
 * is right whichever side of the write the change came). Call under the script lock: two appends racing
 * for the same last row would overwrite each other.
 */
export function appendRecords(
  sheet: Sheet,
  records: readonly RowValues[],
  /** Number formats for a row under these headers, set before its values so Sheets keeps text as text. */
  formatsFor?: (headers: readonly string[]) => string[],
): number {
  if (records.length === 0) return 0;
  let headers = readHeaders(sheet);
  const first = sheet.getLastRow() + 1;
  // Range.setValues past the grid throws, unlike appendRow: grow the grid first.
  const maxRows = sheet.getMaxRows();
  if (first + records.length - 1 > maxRows)
    sheet.insertRowsAfter(maxRows, first + records.length - 1 - maxRows);
  // A column inserted between reading the tab's width and its header row pushes the last header out of
  // the read: a record's column missing from what was read is read for once more before writing.
  if (records.some((record) => Object.keys(record).some((key) => !headers.includes(key))))
    headers = readHeaders(sheet);
  let widest = 0;
  for (let round = 1; round <= MAX_APPEND_ROUNDS; round++) {
    const width = headers.length;
    let wrote = false;
    try {
      const range = sheet.getRange(first, 1, records.length, width);
      if (formatsFor) {
        const formats = formatsFor(headers);
        range.setNumberFormats(records.map(() => formats));
      }
      range.setValues(layOut(headers, records));
      wrote = true;
      // A column deleted before an earlier round's write left its last values past today's last header.
      if (widest > width) sheet.getRange(first, width + 1, records.length, widest - width).clearContent();
    } catch {
      // The tab lost a column under the write (the range ran off the grid): read it again below.
    }
    widest = Math.max(widest, width);
    const now = wrote ? headersIfChanged(sheet, headers) : readHeaders(sheet);
    if (now === null) return first;
    headers = now;
  }
  throw new Error(
    `The "${sheet.getName()}" tab kept changing shape while rows were added to it. Please wait a minute and check it.`,
  );
}

export interface KeyedUpdate {
  key: string;
  values: RowValues;
}

export interface WriteResult {
  written: number;
  /** Keys whose values were written and found in place afterwards. */
  landed: string[];
  /** Keys no longer found in the tab (deleted by staff since the read); nothing was written for them. */
  missing: string[];
  /** Target headers the tab did not have at write time; nothing was written under them. */
  missingColumns: string[];
}

/** Thrown after everything else was written, so the caller still knows what landed (`result`). */
export class IncompleteWriteError extends MissingColumnError {
  constructor(
    sheetName: string,
    readonly result: WriteResult,
  ) {
    super(sheetName, result.missingColumns.join('", "'));
    this.name = 'IncompleteWriteError';
  }
}

export { writeByKey } from './keyed-write';
