import { RANGE } from './google-members';
import { guardUnemulated, notEmulated } from './not-emulated';
import {
  compareValues,
  displayValue,
  emptyCell,
  isDate,
  writeCell,
  type Cell,
  type CellValue,
} from './cells';
import { EmulatedDataValidation, EmulatedProtection } from './rules';
import type { EmulatedSheet } from './sheet';
import type { Conforms } from '../types';

type GRange = GoogleAppsScript.Spreadsheet.Range;

export function columnLetter(column: number): string {
  let out = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

function columnNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/**
 * A1 notation: `B3`, `A1:C10`, whole columns `A:C`, whole rows `2:5`, either corner first (`C10:A1` is
 * `A1:C10`). Row 0, a missing part or stray characters name no range.
 */
export function parseA1(
  a1: string,
  maxRows: number,
  maxColumns: number,
): { row: number; column: number; numRows: number; numColumns: number } {
  const ref = a1.includes('!') ? a1.slice(a1.indexOf('!') + 1) : a1;
  const parts = ref.split(':');
  if (parts.length > 2) throw new Error('Exception: Range not found');
  const [start = '', end = start] = parts;
  const part = (p: string) => {
    const m = /^\$?([A-Za-z]*)\$?(\d*)$/.exec(p.trim());
    if (!m || (!m[1] && !m[2]) || m[2] === '0' || /^0\d/.test(m[2]!))
      throw new Error('Exception: Range not found');
    return { column: m[1] ? columnNumber(m[1]) : null, row: m[2] ? Number(m[2]) : null };
  };
  const a = part(start);
  const b = part(end);
  // A single part must name a cell. A pair names whole rows (2:5), whole columns (A:C), a block (A1:C10),
  // or a block open at the bottom (A2:C, to the last row).
  if (parts.length === 1 && (a.row === null || a.column === null))
    throw new Error('Exception: Range not found');
  if ((a.column === null) !== (b.column === null)) throw new Error('Exception: Range not found');
  if (a.row === null && b.row !== null) throw new Error('Exception: Range not found');
  const [row, lastRow] =
    a.row === null ? [1, maxRows] : [Math.min(a.row, b.row ?? maxRows), Math.max(a.row, b.row ?? maxRows)];
  const [column, lastColumn] =
    a.column === null ? [1, maxColumns] : [Math.min(a.column, b.column!), Math.max(a.column, b.column!)];
  return { row, column, numRows: lastRow - row + 1, numColumns: lastColumn - column + 1 };
}

export class EmulatedRange implements Conforms<GRange, EmulatedRange> {
  constructor(
    readonly sheet: EmulatedSheet,
    readonly row: number,
    readonly column: number,
    readonly numRows: number,
    readonly numColumns: number,
  ) {}

  /**
   * A Range keeps the cells it named when it was taken; after staff delete rows or columns it may reach
   * past the sheet's edge, and Google then refuses the whole call: nothing of it is read or written.
   */
  private inGrid(): void {
    if (
      this.row + this.numRows - 1 > this.sheet.getMaxRows() ||
      this.column + this.numColumns - 1 > this.sheet.getMaxColumns()
    )
      throw new Error('Exception: The coordinates of the range are outside the dimensions of the sheet.');
  }

  private map<T>(fn: (r: number, c: number) => T): T[][] {
    this.inGrid();
    // Plain loops: a read of a whole column of a long tab passes through here cell by cell.
    const out = new Array<T[]>(this.numRows);
    for (let i = 0; i < this.numRows; i++) {
      const line = new Array<T>(this.numColumns);
      for (let j = 0; j < this.numColumns; j++) line[j] = fn(this.row + i, this.column + j);
      out[i] = line;
    }
    return out;
  }

  private read(r: number, c: number): CellValue {
    const value = this.sheet.peek(r, c)?.value ?? '';
    return isDate(value) ? new Date(value.getTime()) : value;
  }

  getSheet(): EmulatedSheet {
    return this.sheet;
  }
  getRow(): number {
    return this.row;
  }
  getColumn(): number {
    return this.column;
  }
  getRowIndex(): number {
    return this.row;
  }
  getNumRows(): number {
    return this.numRows;
  }
  getNumColumns(): number {
    return this.numColumns;
  }
  getLastRow(): number {
    return this.row + this.numRows - 1;
  }
  getLastColumn(): number {
    return this.column + this.numColumns - 1;
  }
  getA1Notation(): string {
    const start = `${columnLetter(this.column)}${this.row}`;
    if (this.numRows === 1 && this.numColumns === 1) return start;
    return `${start}:${columnLetter(this.getLastColumn())}${this.getLastRow()}`;
  }
  /** Google refuses a cell outside the range ("Cell reference out of range"). */
  getCell(row: number, column: number): EmulatedRange {
    if (row < 1 || column < 1 || row > this.numRows || column > this.numColumns)
      throw new Error('Exception: Cell reference out of range');
    return new EmulatedRange(this.sheet, this.row + row - 1, this.column + column - 1, 1, 1);
  }
  /** The offset range must still lie inside the sheet, as any range Sheet.getRange returns. */
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): EmulatedRange {
    return this.sheet.getRange(
      this.row + rowOffset,
      this.column + columnOffset,
      numRows ?? this.numRows,
      numColumns ?? this.numColumns,
    );
  }

  getValues(): CellValue[][] {
    return this.map((r, c) => this.read(r, c));
  }
  getValue(): CellValue {
    return this.read(this.row, this.column);
  }
  private timeZone(): string {
    return this.sheet.spreadsheet.getSpreadsheetTimeZone();
  }
  private display(r: number, c: number): string {
    return displayValue(this.read(r, c), this.timeZone(), this.sheet.peek(r, c)?.numberFormat ?? null);
  }
  getDisplayValues(): string[][] {
    return this.map((r, c) => this.display(r, c));
  }
  getDisplayValue(): string {
    return this.display(this.row, this.column);
  }
  getNumberFormat(): string {
    return this.sheet.peek(this.row, this.column)?.numberFormat ?? 'General';
  }
  getNumberFormats(): string[][] {
    return this.map((r, c) => this.sheet.peek(r, c)?.numberFormat ?? 'General');
  }
  getNote(): string {
    return this.sheet.peek(this.row, this.column)?.note ?? '';
  }
  getFontWeight(): GoogleAppsScript.Spreadsheet.FontWeight {
    return this.sheet.peek(this.row, this.column)?.fontWeight === 'bold' ? 'bold' : 'normal';
  }
  getFormulas(): string[][] {
    return this.map((r, c) => this.sheet.peek(r, c)?.formula ?? '');
  }
  getFormula(): string {
    return this.sheet.peek(this.row, this.column)?.formula ?? '';
  }
  getBackgrounds(): string[][] {
    return this.map((r, c) => this.sheet.peek(r, c)?.background ?? '#ffffff');
  }
  getBackground(): string {
    return this.sheet.peek(this.row, this.column)?.background ?? '#ffffff';
  }
  getNotes(): string[][] {
    return this.map((r, c) => this.sheet.peek(r, c)?.note ?? '');
  }

  private checkShape(values: unknown, method: string): unknown[][] {
    if (!Array.isArray(values) || !values.every((row) => Array.isArray(row))) {
      throw new Error(
        `Exception: The parameters (${typeof values}) don't match the method signature for SpreadsheetApp.Range.${method}.`,
      );
    }
    const rows = values as unknown[][];
    if (rows.length !== this.numRows) {
      throw new Error(
        `Exception: The number of rows in the data does not match the number of rows in the range. The data has ${rows.length} but the range has ${this.numRows}.`,
      );
    }
    for (const row of rows) {
      if (row.length !== this.numColumns) {
        throw new Error(
          `Exception: The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this.numColumns}.`,
        );
      }
    }
    return rows;
  }

  /** Writes without the shape check (used by appendRow, which sizes the range itself). */
  writeValues(values: unknown[][]): void {
    this.inGrid();
    values.forEach((row, i) =>
      row.forEach((v, j) => writeCell(this.sheet.cell(this.row + i, this.column + j), v, this.timeZone())),
    );
  }

  setValues(values: unknown[][]): this {
    this.writeValues(this.checkShape(values, 'setValues'));
    return this;
  }
  setValue(value: unknown): this {
    this.writeValues(this.map(() => value));
    return this;
  }
  setFormulas(formulas: string[][]): this {
    this.writeValues(this.checkShape(formulas, 'setFormulas'));
    return this;
  }
  setFormula(formula: string): this {
    return this.setValue(formula);
  }
  clearContent(): this {
    return this.setValue('');
  }
  /**
   * Range.clear(options): without options, contents and formats; with them, only what they name
   * (developers.google.com/apps-script/reference/spreadsheet/range#clearoptions). Data validation stays
   * unless validationsOnly is set, as on Google.
   */
  clear(options?: {
    commentsOnly?: boolean;
    contentsOnly?: boolean;
    formatOnly?: boolean;
    validationsOnly?: boolean;
    skipFilteredRows?: boolean;
  }): this {
    const known = ['commentsOnly', 'contentsOnly', 'formatOnly', 'validationsOnly', 'skipFilteredRows'];
    const unknown = Object.keys(options ?? {}).filter((k) => !known.includes(k));
    if (unknown.length > 0)
      throw new Error(`Exception: Unknown option for Range.clear: ${unknown.join(', ')}`);
    const o = options ?? {};
    const any = o.commentsOnly || o.contentsOnly || o.formatOnly || o.validationsOnly;
    if (!any || o.contentsOnly) this.clearContent();
    if (!any || o.formatOnly)
      this.map((r, c) => {
        const cell = this.sheet.peek(r, c);
        if (!cell) return;
        const blank = emptyCell();
        cell.background = blank.background;
        cell.numberFormat = blank.numberFormat;
        cell.fontWeight = blank.fontWeight;
        cell.fontColor = blank.fontColor;
        cell.wrap = blank.wrap;
        cell.horizontalAlignment = blank.horizontalAlignment;
        cell.verticalAlignment = blank.verticalAlignment;
      });
    if (o.validationsOnly) this.setDataValidation(null);
    return this;
  }

  setBackgrounds(colors: (string | null)[][]): this {
    this.checkShape(colors, 'setBackgrounds').forEach((row, i) =>
      row.forEach((color, j) => {
        this.sheet.cell(this.row + i, this.column + j).background = (color as string | null) || null;
      }),
    );
    return this;
  }
  setBackground(color: string | null): this {
    return this.setBackgrounds(this.map(() => color));
  }
  /** Sheets knows two weights; anything else is refused rather than stored (…/range#setfontweightfontweight). */
  private static fontWeight(weight: unknown): string | null {
    if (weight === null || weight === 'bold' || weight === 'normal') return weight;
    throw new Error(
      `Exception: Invalid argument: fontWeight (${String(weight)}); use "bold", "normal" or null.`,
    );
  }
  setFontWeight(weight: string | null): this {
    const w = EmulatedRange.fontWeight(weight);
    this.map((r, c) => (this.sheet.cell(r, c).fontWeight = w));
    return this;
  }
  setFontWeights(weights: (string | null)[][]): this {
    this.checkShape(weights, 'setFontWeights').forEach((row, i) =>
      row.forEach(
        (w, j) => (this.sheet.cell(this.row + i, this.column + j).fontWeight = EmulatedRange.fontWeight(w)),
      ),
    );
    return this;
  }
  setNumberFormat(format: string): this {
    this.map((r, c) => (this.sheet.cell(r, c).numberFormat = format));
    return this;
  }
  setNumberFormats(formats: string[][]): this {
    this.inGrid();
    this.checkShape(formats, 'setNumberFormats').forEach((row, i) =>
      row.forEach((f, j) => (this.sheet.cell(this.row + i, this.column + j).numberFormat = f as string)),
    );
    return this;
  }
  setNote(note: string | null): this {
    this.map((r, c) => (this.sheet.cell(r, c).note = note ?? ''));
    return this;
  }
  /** Formatting the emulator does not render is still stored, so a test can see what a script set. */
  private setEach<K extends keyof Cell>(key: K, value: Cell[K]): this {
    this.map((r, c) => (this.sheet.cell(r, c)[key] = value));
    return this;
  }
  /** setWrap(false) is OVERFLOW, text spilling into empty neighbours (developers.google.com/apps-script/reference/spreadsheet/range#setwrapiswrapenabled). */
  setWrap(isWrapEnabled: boolean): this {
    return this.setEach('wrap', isWrapEnabled ? 'WRAP' : 'OVERFLOW');
  }
  getWrap(): boolean {
    return this.sheet.peek(this.row, this.column)?.wrap === 'WRAP';
  }
  setWrapStrategy(strategy: unknown): this {
    if (strategy !== 'WRAP' && strategy !== 'OVERFLOW' && strategy !== 'CLIP')
      throw new Error(
        `Exception: The parameters (${typeof strategy}) don't match the method signature for SpreadsheetApp.Range.setWrapStrategy.`,
      );
    return this.setEach('wrap', strategy);
  }
  setVerticalAlignment(alignment: string | null): this {
    return this.setEach('verticalAlignment', alignment);
  }
  getVerticalAlignment(): string {
    return this.sheet.peek(this.row, this.column)?.verticalAlignment ?? 'bottom';
  }
  setHorizontalAlignment(alignment: string | null): this {
    return this.setEach('horizontalAlignment', alignment);
  }
  getHorizontalAlignment(): string {
    return this.sheet.peek(this.row, this.column)?.horizontalAlignment ?? 'general';
  }
  setFontColor(color: string | null): this {
    return this.setEach('fontColor', color);
  }
  getFontColor(): string {
    return this.sheet.peek(this.row, this.column)?.fontColor ?? '#000000';
  }

  /** Takes Google's DataValidation type, but only a rule the emulator's builder made can be stored. */
  setDataValidation(rule: GoogleAppsScript.Spreadsheet.DataValidation | EmulatedDataValidation | null): this {
    if (rule !== null && !(rule instanceof EmulatedDataValidation))
      throw new Error(
        "Exception: The parameters (Object) don't match the method signature for SpreadsheetApp.Range.setDataValidation.",
      );
    this.map((r, c) => (this.sheet.cell(r, c).validation = rule));
    return this;
  }
  getDataValidation(): EmulatedDataValidation | null {
    return (this.sheet.peek(this.row, this.column)?.validation as EmulatedDataValidation | null) ?? null;
  }
  getDataValidations(): (EmulatedDataValidation | null)[][] {
    return this.map((r, c) => (this.sheet.peek(r, c)?.validation as EmulatedDataValidation | null) ?? null);
  }

  protect(): EmulatedProtection {
    const protection = new EmulatedProtection(this.sheet, this);
    this.sheet.protections.push(protection);
    return protection;
  }

  /**
   * Sorts the rows of this range, as Range.sort does: by a column number (absolute), by
   * `{column, ascending}`, or by an array of either (first key first). Only the range's columns move;
   * empty cells sort last.
   */
  sort(sortSpecObj: unknown): this {
    const specs = (Array.isArray(sortSpecObj) ? sortSpecObj : [sortSpecObj]).map((s: unknown) => {
      if (typeof s === 'number') return { column: s, ascending: true };
      // A sort spec has only `column` and `ascending`: anything else would be silently ignored.
      const extra =
        s && typeof s === 'object' ? Object.keys(s).filter((k) => k !== 'column' && k !== 'ascending') : [];
      if (extra.length > 0) notEmulated('Range', `sort({${extra.join(', ')}})`);
      const spec = s as { column?: unknown; ascending?: unknown };
      if (spec.ascending !== undefined && typeof spec.ascending !== 'boolean')
        throw new Error('Exception: The sort specification is invalid: ascending must be a boolean.');
      return spec as { column: number; ascending?: boolean };
    });
    for (const s of specs) {
      if (typeof s?.column !== 'number' || s.column < this.column || s.column > this.getLastColumn())
        throw new Error('Exception: The specified column must be in the range.');
    }
    const rows = Array.from({ length: this.numRows }, (_, i) =>
      Array.from({ length: this.numColumns }, (_, j) => {
        const cell = this.sheet.peek(this.row + i, this.column + j);
        return cell ? { ...cell } : null;
      }),
    );
    rows.sort((a, b) => {
      for (const { column, ascending = true } of specs) {
        const cmp = compareValues(a[column - this.column]?.value ?? '', b[column - this.column]?.value ?? '');
        if (cmp !== 0) return cmp === 2 || cmp === -2 ? cmp / 2 : ascending ? cmp : -cmp;
      }
      return 0;
    });
    rows.forEach((row, i) =>
      row.forEach((cell, j) => {
        const target = this.sheet.cell(this.row + i, this.column + j);
        Object.assign(target, cell ?? emptyCell());
      }),
    );
    return this;
  }
  /** Makes the range's tab the active one, as selecting a range does (…/range#activate). */
  activate(): this {
    this.sheet.activate();
    return this;
  }
}

guardUnemulated(EmulatedRange, RANGE);
