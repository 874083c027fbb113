/** Reading the spreadsheet host-side, as a person looking at it would: no service calls are counted. */
import type { Emulator } from '../../../emulator/index';
import { CASE_HEADERS } from '../../../src/gas/cases';
import { OUTBOX_HEADERS } from '../../../src/gas/mail';

const KNOWN_HEADERS = new Set<string>([...CASE_HEADERS, ...OUTBOX_HEADERS, 'Team notes', '']);

/**
 * A header fit for a note: a value written over a header row could be anything a complainant typed, so
 * only the headers the script and these drills use are quoted.
 */
export function safeHeader(header: string): string {
  return KNOWN_HEADERS.has(header) ? `"${header}"` : 'an unknown header';
}

export type CellValue = string | number | boolean | Date;

export interface TabView {
  name: string;
  headers: string[];
  /** Data rows below the header, with their 1-based sheet row; blank rows left out. */
  rows: { row: number; cells: CellValue[] }[];
}

export function readTab(emu: Emulator, name: string): TabView | null {
  if (!emu.spreadsheet.getSheetByName(name)) return null;
  const [header = [], ...rest] = emu.sheetValues(name) as CellValue[][];
  const rows = rest
    .map((cells, i) => ({ row: i + 2, cells }))
    .filter(({ cells }) => cells.some((c) => c !== ''));
  return { name, headers: header.map((h) => String(h).trim()), rows };
}

export function cellOf(tab: TabView, cells: readonly CellValue[], header: string): CellValue {
  const i = tab.headers.indexOf(header);
  return i < 0 ? '' : (cells[i] ?? '');
}

export const isDateValue = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

/** A1 column letters for a 0-based column, for notes that point at a cell without quoting it. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
