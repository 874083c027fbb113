/**
 * Drills that stop or disturb one execution at each of its service calls. Each drill needs a fresh office
 * in the same state, many times over; running setup and the submissions again for each would take minutes,
 * so the state is copied host-side from one prepared office (number formats, values, frozen rows and script
 * properties: all the sender and the sweep read). Triggers are not copied, so moving the clock fires nothing.
 */
import { Emulator, type Invocation } from '../../emulator/index';

export type Row = Record<string, unknown>;

export function cloneOf(source: Emulator, now: Date = source.now): Emulator {
  const emu = new Emulator({ now, mailQuota: source.mail.quota });
  const placeholder = emu.spreadsheet.getSheets();
  for (const from of source.spreadsheet.getSheets()) {
    const to = emu.spreadsheet.insertSheet(from.getName());
    const [maxRows, maxColumns] = [from.getMaxRows(), from.getMaxColumns()];
    if (to.getMaxColumns() < maxColumns)
      to.insertColumnsAfter(to.getMaxColumns(), maxColumns - to.getMaxColumns());
    if (to.getMaxRows() < maxRows) to.insertRowsAfter(to.getMaxRows(), maxRows - to.getMaxRows());
    const values = source.sheetValues(from.getName());
    if (values.length > 0) {
      const width = Math.max(...values.map((r) => r.length));
      // Formats before values: a plain-text ("@") cell keeps "2026-03-09" as text, any other cell would
      // turn it into a date, and the copy would not be the office it copies. Only the rows in use: the
      // empty grid below them would make every copy, and every column inserted in it, many times slower.
      const used = (sheet: typeof from) => sheet.getRange(1, 1, values.length, width);
      used(to).setNumberFormats(used(from).getNumberFormats());
      used(to).setValues(values as never);
    }
    to.setFrozenRows(from.getFrozenRows());
  }
  for (const sheet of placeholder) emu.spreadsheet.deleteSheet(sheet);
  Object.assign(emu.properties.script, source.properties.script);
  return emu;
}

/** Runs a handler, returning the invocation whether it succeeded, failed or was killed. */
export function attempt(emu: Emulator, fn: string, ...args: unknown[]): Invocation {
  try {
    return emu.run(fn, ...args);
  } catch (error) {
    const inv = (error as { invocation?: Invocation }).invocation;
    if (!inv) throw error;
    return inv;
  }
}

/** A tab's rows as header → value, the first header of a name winning (as the script reads them). */
export function records(emu: Emulator, tab: string): Row[] {
  const [header = [], ...rows] = emu.sheetValues(tab);
  return rows.map((r) => {
    const out: Row = {};
    header.forEach((h, i) => {
      const name = String(h);
      if (!(name in out)) out[name] = r[i];
    });
    return out;
  });
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  return String(a ?? '') === String(b ?? '');
}

/** Column number (1-based) of a header in a tab, as staff would find it. */
export function columnOf(emu: Emulator, tab: string, header: string): number {
  const i = (emu.sheetValues(tab)[0] ?? []).map(String).indexOf(header);
  if (i < 0) throw new Error(`No ${header} column in ${tab}`);
  return i + 1;
}

/** Staff moving a column: a new one inserted where it goes, the values copied, the old one deleted. */
export function moveColumn(emu: Emulator, tab: string, header: string, before: number): void {
  const sheet = emu.spreadsheet.getSheetByName(tab)!;
  const from = columnOf(emu, tab, header);
  const height = sheet.getLastRow();
  const values = sheet.getRange(1, from, height, 1).getValues();
  sheet.insertColumnBefore(before);
  const old = from >= before ? from + 1 : from;
  sheet.getRange(1, before, height, 1).setValues(values);
  sheet.deleteColumn(old);
}
