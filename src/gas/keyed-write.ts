/**
 * Writing into existing rows found by key, with columns found by header at the moment of writing.
 *
 * Staff reshape tabs while scripts run: between any two service calls a column may be inserted, deleted
 * or moved, and rows sorted or deleted. Positions read earlier in a run are therefore never trusted:
 *   1. one getValues of the whole tab gives headers, keys and every cell's value at the same instant;
 *   2. the changed blocks are written with those positions;
 *   3. the header row and the key column are read again. Unchanged: the write landed where it meant to.
 *      Changed: the tab moved around our write, which may have gone one column (or row) off. The tab is
 *      read again and every cell we wrote is set to what belongs there now, found by (key, header) in
 *      the snapshot of step 1; our values go under their headers wherever those are now. This repair is
 *      idempotent, so it is right whether the change came before the write or after it.
 * A header the tab no longer has gets nothing (and is reported); the other columns are still written.
 */
import { londonInstant } from '../core/calendar';
import {
  IncompleteWriteError,
  MissingColumnError,
  contiguousRuns,
  headerIndex,
  type Cell,
  type KeyedUpdate,
  type WriteResult,
} from './table';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Repairs are rare; more than this many in one write means the tab is being reshaped continuously. */
const MAX_REPAIRS = 4;

const headerText = (value: unknown) => String(value ?? '').trim();
const keyText = (value: unknown) => String(value ?? '');

interface Snapshot {
  headers: string[];
  index: Map<string, number>;
  keyColumn: number;
  /** Every cell, header row included: values[0] is row 1 of the sheet. */
  values: Cell[][];
  /** Index into `values` of the first row holding each key. */
  rowOfKey: Map<string, number>;
  /**
   * Rows read whole. A narrow snapshot reads only the rows between the first and last it will write,
   * and the key of every other row; their other cells are unknown, never taken for blank.
   */
  known(row: number): boolean;
}

/** A range read or written past a column deleted a moment ago throws; the next attempt sees the new shape. */
function retried<T>(action: () => T): T {
  for (let attempt = 1; ; attempt++) {
    try {
      return action();
    } catch (error) {
      if (error instanceof MissingColumnError || attempt >= MAX_REPAIRS) throw error;
    }
  }
}

function snapshot(sheet: Sheet, keyHeader: string): Snapshot {
  const values = retried(() => sheet.getDataRange().getValues() as Cell[][]);
  const headers = (values[0] ?? []).map(headerText);
  const index = headerIndex(headers);
  const keyColumn = index.get(keyHeader);
  if (keyColumn === undefined) throw new MissingColumnError(sheet.getName(), keyHeader);
  const rowOfKey = new Map<string, number>();
  for (let r = 1; r < values.length; r++) {
    const key = keyText(values[r]![keyColumn]);
    if (key && !rowOfKey.has(key)) rowOfKey.set(key, r);
  }
  return { headers, index, keyColumn, values, rowOfKey, known: () => true };
}

/**
 * The header row, the key column and, whole, only the rows from the first to the last of `keys`: for a
 * tab of many rows where a few are written (the daily sweep). Read in several calls, so it is checked
 * for a reshape between them: the header row is read again at the end, and the rows read whole must hold
 * the keys the key column gave. Null when the tab kept changing; the caller then takes a whole snapshot.
 */
/** Every row of a narrow snapshot outside its block: one shared, empty row. */
const OUTSIDE: Cell[] = Object.freeze([]) as unknown as Cell[];

function narrowSnapshot(sheet: Sheet, keyHeader: string, keys: ReadonlySet<string>): Snapshot | null {
  const height = sheet.getLastRow();
  const width = sheet.getLastColumn();
  if (height < 1 || width < 1) return null;
  const headerRow = () => (sheet.getRange(1, 1, 1, width).getValues()[0] ?? []).map(headerText);
  const headers = headerRow();
  const index = headerIndex(headers);
  const keyColumn = index.get(keyHeader);
  if (keyColumn === undefined) throw new MissingColumnError(sheet.getName(), keyHeader);
  const keyCells = sheet.getRange(1, keyColumn + 1, height, 1).getValues() as Cell[][];
  const rowOfKey = new Map<string, number>();
  const values: Cell[][] = [headers];
  let top = Infinity;
  let bottom = -Infinity;
  for (let r = 1; r < height; r++) {
    const key = keyText(keyCells[r]?.[0]);
    // Nothing is known of a row outside the block but its key (rowOfKey); `known` keeps it from being read.
    values.push(OUTSIDE);
    if (!key || rowOfKey.has(key)) continue;
    rowOfKey.set(key, r);
    if (keys.has(key)) {
      top = Math.min(top, r);
      bottom = Math.max(bottom, r);
    }
  }
  if (top <= bottom) {
    const block = sheet.getRange(top + 1, 1, bottom - top + 1, width).getValues() as Cell[][];
    for (let i = 0; i < block.length; i++) {
      if (keyText(block[i]![keyColumn]) !== keyText(keyCells[top + i]?.[0])) return null;
      values[top + i] = block[i]!;
    }
  }
  if (headerRow().some((h, i) => h !== headers[i])) return null;
  return { headers, index, keyColumn, values, rowOfKey, known: (r) => r === 0 || (r >= top && r <= bottom) };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * True when a cell read back holds what was written to it. Sheets reads written text as typed input
 * unless the cell is formatted as plain text, and staff can take that format away (pasting over a column,
 * or a column they inserted taking its neighbour's format): "2026-03-09" then comes back as that day's
 * London midnight, "3" as 3, "true" as TRUE, and "'=x" as "=x". Comparing the text alone would take our
 * own landed write for a misplaced one, and the repair would rewrite it until it gave up.
 */
function holds(read: Cell | undefined, written: Cell | undefined): boolean {
  if (written instanceof Date || read instanceof Date) {
    if (read instanceof Date && written instanceof Date) return read.getTime() === written.getTime();
    if (!(read instanceof Date) || typeof written !== 'string' || !ISO_DAY.test(written.trim())) return false;
    try {
      return londonInstant(written.trim()).getTime() === read.getTime();
    } catch {
      return false; // not a real day (e.g. 2026-02-30): Sheets would have kept it as text
    }
  }
  if (read === written || String(read ?? '') === String(written ?? '')) return true;
  if (typeof written !== 'string') return false;
  if (written.startsWith("'")) return String(read ?? '') === written.slice(1);
  const text = written.trim();
  if (typeof read === 'number') return NUMERIC.test(text) && Number(text) === read;
  if (typeof read === 'boolean') return text.toLowerCase() === String(read);
  return false;
}

/** A rectangle of the sheet we wrote, in 0-based sheet coordinates (row 0 is the header row). */
interface Rect {
  top: number;
  left: number;
  height: number;
  width: number;
}

/**
 * Header row and key column read again (two reads, no data): true when both are as in `before` for the
 * rows we wrote, so the write cannot have gone anywhere else. The widths and heights of the snapshot are
 * reused rather than asked for again: a tab that lost columns or rows since makes the read throw, which
 * counts as changed, and a column added beyond the last moves none of ours.
 */
function unchanged(sheet: Sheet, before: Snapshot, top: number, bottom: number): boolean {
  try {
    return sameShape(sheet, before, top, bottom);
  } catch {
    return false;
  }
}

function sameShape(sheet: Sheet, before: Snapshot, top: number, bottom: number): boolean {
  const width = before.headers.length;
  const headers = (sheet.getRange(1, 1, 1, width).getValues()[0] ?? []).map(headerText);
  if (headers.some((h, i) => h !== before.headers[i])) return false;
  const keys = sheet.getRange(top + 1, before.keyColumn + 1, bottom - top + 1, 1).getValues();
  return keys.every((row, i) => keyText(row[0]) === keyText(before.values[top + i]![before.keyColumn]));
}

/** Writes the given cells with one setValues per contiguous column run; other cells in a block keep `base`. */
function writeCells(
  sheet: Sheet,
  base: Cell[][],
  cells: Map<number, Map<number, Cell>>,
  rects: Rect[],
): void {
  const rows = [...cells.keys()];
  if (rows.length === 0) return;
  const top = Math.min(...rows);
  const bottom = Math.max(...rows);
  const columns = rows.flatMap((r) => [...cells.get(r)!.keys()]);
  for (const run of contiguousRuns(columns)) {
    const block: Cell[][] = [];
    for (let r = top; r <= bottom; r++) {
      block.push(run.map((c) => (cells.get(r)?.has(c) ? cells.get(r)!.get(c)! : (base[r]?.[c] ?? ''))));
    }
    sheet.getRange(top + 1, run[0]! + 1, bottom - top + 1, run.length).setValues(block);
    rects.push({ top, left: run[0]!, height: bottom - top + 1, width: run.length });
  }
}

/**
 * Writes values into existing rows found by key, under the given headers only, finding both at the moment
 * of writing (see the module comment). Cells under other headers are never changed. Throws
 * IncompleteWriteError, after writing every other column, when a target header is missing, so no value
 * is dropped silently. Call under the script lock.
 */
export function writeByKey(
  sheet: Sheet,
  keyHeader: string,
  targetHeaders: readonly string[],
  updates: readonly KeyedUpdate[],
  /**
   * `narrow`: read the tab's keys and only the rows between the first and last written, not every cell
   * (narrowSnapshot). For a few rows of a long tab. A row that other people's sorting or inserting moves
   * under the write in the instant between the read and the write is not restored, as its cells were not
   * read; with a whole snapshot it would be.
   */
  options: { narrow?: boolean } = {},
): WriteResult {
  const empty: WriteResult = { written: 0, landed: [], missing: [], missingColumns: [] };
  if (updates.length === 0) return empty;
  const narrow = (): Snapshot | null => {
    try {
      return narrowSnapshot(sheet, keyHeader, new Set(updates.map((u) => u.key)));
    } catch (error) {
      // A missing key column is reported as ever; a range that ran off a shrinking tab is read whole.
      if (error instanceof MissingColumnError) throw error;
      return null;
    }
  };
  const take = () => (options.narrow ? narrow() : null) ?? snapshot(sheet, keyHeader);
  let start = take();
  // A column inserted between taking the data range and reading it pushes the last header out of the
  // read: a target missing from the header row is looked for once more before it counts as missing.
  if (targetHeaders.some((h) => !start.index.has(h))) start = take();
  const byKey = new Map(updates.map((u) => [u.key, u.values]));
  const targets = new Set(targetHeaders);

  const missing = updates.filter((u) => !start.rowOfKey.has(u.key)).map((u) => u.key);
  const pending = updates.filter((u) => start.rowOfKey.has(u.key));
  const present = targetHeaders.filter((h) => start.index.has(h));
  const first = new Map<number, Map<number, Cell>>();
  for (const update of pending) {
    const r = start.rowOfKey.get(update.key)!;
    for (const header of present) {
      if (!(header in update.values)) continue;
      if (!first.has(r)) first.set(r, new Map());
      first.get(r)!.set(start.index.get(header)!, update.values[header]!);
    }
  }
  const rects: Rect[] = [];
  let wrote = true;
  try {
    writeCells(sheet, start.values, first, rects);
  } catch {
    // The tab shrank under the write; what did land, and what did not, is settled below.
    wrote = false;
  }

  let headersNow = start.headers;
  let keysNow = new Set(start.rowOfKey.keys());
  const rows = [...first.keys()];
  if (rows.length > 0 && (!wrote || !unchanged(sheet, start, Math.min(...rows), Math.max(...rows)))) {
    // What belongs in a cell now, by its row's key and its column's header; undefined = leave it.
    const want = (key: string, header: string): Cell | undefined => {
      const values = byKey.get(key);
      if (values && targets.has(header) && header in values) return values[header];
      const column = start.index.get(header);
      // A column that did not exist at the snapshot was inserted since: it started blank.
      if (column === undefined) return '';
      const r = start.rowOfKey.get(key);
      return r === undefined || !start.known(r) ? undefined : start.values[r]![column];
    };
    let settled = false;
    // One more round than repairs, so the last repair is itself checked.
    for (let round = 0; round <= MAX_REPAIRS && !settled; round++) {
      const now = snapshot(sheet, keyHeader);
      headersNow = now.headers;
      keysNow = new Set(now.rowOfKey.keys());
      const fixes = new Map<number, Map<number, Cell>>();
      // A column moved next to the block just before it was written can put the key column under our
      // write: the key cell then holds one of our values. Its row is the one the write was aimed at, so
      // its key is the snapshot's for that row, and the repair writes the key back first.
      const overwroteKey = (r: number) =>
        rects.some(
          (rect) =>
            r >= rect.top &&
            r < rect.top + rect.height &&
            now.keyColumn >= rect.left &&
            now.keyColumn < rect.left + rect.width,
        );
      const keyOf = (r: number) =>
        overwroteKey(r) && start.values[r] !== undefined
          ? keyText(start.values[r]![start.keyColumn])
          : keyText(now.values[r]![now.keyColumn]);
      const fix = (r: number, c: number) => {
        if (r < 1 || r >= now.values.length || c >= now.headers.length) return;
        const value = want(keyOf(r), now.headers[c]!);
        if (value === undefined) return;
        if (!fixes.has(r)) fixes.set(r, new Map());
        fixes.get(r)!.set(c, value);
      };
      for (const rect of rects)
        for (let r = rect.top; r < rect.top + rect.height; r++)
          for (let c = rect.left; c < rect.left + rect.width; c++) fix(r, c);
      for (const update of pending) {
        const r = now.rowOfKey.get(update.key);
        if (r === undefined) continue;
        for (const header of targetHeaders) {
          const c = now.index.get(header);
          if (c !== undefined && header in update.values) fix(r, c);
        }
      }
      const wrong = new Map<number, Map<number, Cell>>();
      for (const [r, columns] of fixes)
        for (const [c, value] of columns)
          if (!holds(now.values[r]![c], value)) {
            if (!wrong.has(r)) wrong.set(r, new Map());
            wrong.get(r)!.set(c, value);
          }
      if (wrong.size === 0) settled = true;
      else {
        try {
          writeCells(sheet, now.values, wrong, rects);
        } catch {
          // The tab changed shape again under this write: the next round reads it afresh.
        }
      }
    }
    if (!settled)
      throw new Error(
        `The "${sheet.getName()}" tab kept changing shape while the script wrote to it. Please wait a minute and check it.`,
      );
  }

  const landed = pending.map((u) => u.key).filter((key) => keysNow.has(key));
  const result: WriteResult = {
    written: landed.length,
    landed,
    missing: [...missing, ...pending.map((u) => u.key).filter((key) => !keysNow.has(key))],
    missingColumns: targetHeaders.filter((h) => !headersNow.includes(h)),
  };
  if (result.missingColumns.length > 0) throw new IncompleteWriteError(sheet.getName(), result);
  return result;
}
