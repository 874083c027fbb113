import { SHEET } from './google-members';
import { guardUnemulated } from './not-emulated';
import { compareValues, emptyCell, type Cell } from './cells';
import { EmulatedRange, parseA1 } from './range';
import { EmulatedConditionalFormatRule, EmulatedProtection } from './rules';
import type { EmulatedSpreadsheet } from './spreadsheet';
import type { Accepts } from '../types';

type GSheet = GoogleAppsScript.Spreadsheet.Sheet;

const DEFAULT_ROWS = 1000;
const DEFAULT_COLUMNS = 26;

export class EmulatedSheet
  implements
    Pick<
      GSheet,
      | 'getName'
      | 'getLastRow'
      | 'getLastColumn'
      | 'getMaxRows'
      | 'getMaxColumns'
      | 'getFrozenRows'
      | 'getSheetId'
      | 'setFrozenRows'
      | 'hideColumns'
      | 'showColumns'
      | 'isColumnHiddenByUser'
      | 'deleteRows'
      | 'clearConditionalFormatRules'
      | 'getFormUrl'
    >,
    Accepts<
      GSheet,
      | 'setName'
      | 'activate'
      | 'getRange'
      | 'getDataRange'
      | 'appendRow'
      | 'insertRowsAfter'
      | 'insertRowAfter'
      | 'insertRowBefore'
      | 'insertRowsBefore'
      | 'insertColumnAfter'
      | 'insertColumnsAfter'
      | 'setColumnWidth'
      | 'setColumnWidths'
      | 'protect'
      | 'getProtections'
      | 'getConditionalFormatRules'
      | 'sort'
      | 'clear'
      | 'clearContents'
      | 'getParent'
      | 'deleteRow'
      | 'deleteColumn'
    >
{
  /** Grid of cells, row-major, 0-based. Rows grow on demand up to maxRows. */
  readonly grid: Cell[][] = [];
  maxRows = DEFAULT_ROWS;
  maxColumns = DEFAULT_COLUMNS;
  frozenRows = 0;
  readonly columnWidths = new Map<number, number>();
  readonly hiddenColumns = new Set<number>();
  readonly protections: EmulatedProtection[] = [];
  conditionalRules: EmulatedConditionalFormatRule[] = [];

  constructor(
    readonly spreadsheet: EmulatedSpreadsheet,
    private name: string,
    private readonly id: number,
  ) {}

  cell(row: number, column: number): Cell {
    while (this.grid.length < row) this.grid.push([]);
    const r = this.grid[row - 1]!;
    while (r.length < column) r.push(emptyCell());
    return r[column - 1]!;
  }

  peek(row: number, column: number): Cell | undefined {
    return this.grid[row - 1]?.[column - 1];
  }

  getName(): string {
    return this.name;
  }
  /** Follows Google's refusal of a duplicate tab name, as insertSheet does. */
  setName(name: string): this {
    const other = this.spreadsheet.getSheetByName(name);
    if (other && other !== this)
      throw new Error(
        `Exception: A sheet with the name "${name}" already exists. Please enter another name.`,
      );
    this.name = name;
    return this;
  }
  getSheetId(): number {
    return this.id;
  }
  getParent(): EmulatedSpreadsheet {
    return this.spreadsheet;
  }
  activate(): this {
    this.spreadsheet.active = this;
    return this;
  }

  getLastRow(): number {
    for (let r = this.grid.length; r >= 1; r--) {
      if (this.grid[r - 1]!.some((c) => c.value !== '' || c.formula !== '')) return r;
    }
    return 0;
  }
  getLastColumn(): number {
    let last = 0;
    for (const row of this.grid) {
      for (let c = row.length; c > last; c--) {
        const cell = row[c - 1]!;
        if (cell.value !== '' || cell.formula !== '') {
          last = c;
          break;
        }
      }
    }
    return last;
  }
  getMaxRows(): number {
    return this.maxRows;
  }
  getMaxColumns(): number {
    return this.maxColumns;
  }

  getRange(a: number | string, column?: number, numRows = 1, numColumns = 1): EmulatedRange {
    if (typeof a === 'string') {
      const r = parseA1(a, this.maxRows, this.maxColumns);
      return new EmulatedRange(this, r.row, r.column, r.numRows, r.numColumns);
    }
    if (column === undefined)
      throw new Error(
        'Exception: The parameters (number) don\u2019t match the method signature for SpreadsheetApp.Sheet.getRange.',
      );
    // Google's messages for coordinates that name no cell (Sheet.getRange).
    if (a < 1) throw new Error('Exception: The starting row of the range is too small.');
    if (column < 1) throw new Error('Exception: The starting column of the range is too small.');
    if (numRows < 1) throw new Error('Exception: The number of rows in the range must be at least 1.');
    if (numColumns < 1) throw new Error('Exception: The number of columns in the range must be at least 1.');
    if (a + numRows - 1 > this.maxRows || column + numColumns - 1 > this.maxColumns) {
      throw new Error('Exception: The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new EmulatedRange(this, a, column, numRows, numColumns);
  }

  getDataRange(): EmulatedRange {
    return new EmulatedRange(this, 1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn()));
  }

  appendRow(values: unknown[]): this {
    const row = this.getLastRow() + 1;
    if (row > this.maxRows) this.maxRows = row;
    if (values.length > this.maxColumns) this.maxColumns = values.length;
    new EmulatedRange(this, row, 1, 1, Math.max(1, values.length)).writeValues([values]);
    return this;
  }

  insertRowsAfter(afterPosition: number, howMany: number): this {
    this.grid.splice(afterPosition, 0, ...Array.from({ length: howMany }, () => [] as Cell[]));
    this.maxRows += howMany;
    return this;
  }
  insertRowAfter(afterPosition: number): this {
    return this.insertRowsAfter(afterPosition, 1);
  }
  insertRowBefore(beforePosition: number): this {
    return this.insertRowsAfter(beforePosition - 1, 1);
  }
  insertRowsBefore(beforePosition: number, howMany: number): this {
    return this.insertRowsAfter(beforePosition - 1, howMany);
  }
  /** Sheets refuses to delete rows past the grid, or every row that is not frozen. */
  deleteRows(rowPosition: number, howMany: number): void {
    if (rowPosition < 1 || howMany < 1 || rowPosition + howMany - 1 > this.maxRows)
      throw new Error('Exception: Those rows are out of bounds.');
    const frozen = Math.min(this.frozenRows, this.maxRows);
    const deletesUnfrozen = Math.max(0, rowPosition + howMany - 1 - Math.max(frozen, rowPosition - 1));
    if (deletesUnfrozen >= this.maxRows - frozen)
      throw new Error('Exception: Sorry, it is not possible to delete all non-frozen rows.');
    this.grid.splice(rowPosition - 1, howMany);
    this.maxRows -= howMany;
  }
  deleteRow(rowPosition: number): this {
    this.deleteRows(rowPosition, 1);
    return this;
  }
  /** Hidden columns and widths belong to columns, so they move when columns are inserted or deleted. */
  private shiftColumns(from: number, by: number): void {
    const hidden = [...this.hiddenColumns];
    this.hiddenColumns.clear();
    for (const c of hidden) if (by > 0 || c !== from) this.hiddenColumns.add(c >= from ? c + by : c);
    const widths = [...this.columnWidths];
    this.columnWidths.clear();
    for (const [c, w] of widths) if (by > 0 || c !== from) this.columnWidths.set(c >= from ? c + by : c, w);
  }
  insertColumnAfter(afterPosition: number): this {
    for (const row of this.grid) if (row.length > afterPosition) row.splice(afterPosition, 0, emptyCell());
    this.shiftColumns(afterPosition + 1, 1);
    this.maxColumns += 1;
    return this;
  }
  insertColumnBefore(beforePosition: number): this {
    return this.insertColumnAfter(beforePosition - 1);
  }
  insertColumnsAfter(afterPosition: number, howMany: number): this {
    for (let i = 0; i < howMany; i++) this.insertColumnAfter(afterPosition);
    return this;
  }
  deleteColumn(columnPosition: number): this {
    if (columnPosition < 1 || columnPosition > this.maxColumns)
      throw new Error('Exception: Those columns are out of bounds.');
    if (this.maxColumns === 1)
      throw new Error('Exception: Sorry, it is not possible to delete all non-frozen columns.');
    for (const row of this.grid) row.splice(columnPosition - 1, 1);
    this.shiftColumns(columnPosition, -1);
    this.maxColumns -= 1;
    return this;
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    for (let i = 0; i < howMany; i++) this.deleteColumn(columnPosition);
  }

  setFrozenRows(rows: number): void {
    this.frozenRows = rows;
  }
  getFrozenRows(): number {
    return this.frozenRows;
  }
  setColumnWidth(column: number, width: number): this {
    this.columnWidths.set(column, width);
    return this;
  }
  setColumnWidths(start: number, count: number, width: number): this {
    for (let c = start; c < start + count; c++) this.columnWidths.set(c, width);
    return this;
  }
  hideColumns(column: number, count = 1): void {
    for (let c = column; c < column + count; c++) this.hiddenColumns.add(c);
  }
  showColumns(column: number, count = 1): void {
    for (let c = column; c < column + count; c++) this.hiddenColumns.delete(c);
  }
  isColumnHiddenByUser(column: number): boolean {
    return this.hiddenColumns.has(column);
  }

  protect(): EmulatedProtection {
    const protection = new EmulatedProtection(this, null);
    this.protections.push(protection);
    return protection;
  }
  getProtections(type: unknown): EmulatedProtection[] {
    return this.protections.filter((p) => (type === 'SHEET' ? p.range === null : p.range !== null));
  }

  getConditionalFormatRules(): EmulatedConditionalFormatRule[] {
    return [...this.conditionalRules];
  }
  setConditionalFormatRules(rules: EmulatedConditionalFormatRule[]): void {
    this.conditionalRules = [...rules];
  }
  clearConditionalFormatRules(): void {
    this.conditionalRules = [];
  }

  /** Sorts the rows below the frozen ones by one column, as Sheet.sort does. */
  sort(columnPosition: number, ascending = true): this {
    const first = this.frozenRows;
    const body = this.grid.slice(first, this.getLastRow());
    body.sort((a, b) => {
      const cmp = compareValues(a[columnPosition - 1]?.value ?? '', b[columnPosition - 1]?.value ?? '');
      return cmp === 2 || cmp === -2 ? cmp / 2 : ascending ? cmp : -cmp;
    });
    this.grid.splice(first, body.length, ...body);
    return this;
  }

  clear(): this {
    this.grid.length = 0;
    return this;
  }
  clearContents(): this {
    for (const row of this.grid)
      for (const cell of row) {
        cell.value = '';
        cell.formula = '';
      }
    return this;
  }
  getFormUrl(): string | null {
    return this.spreadsheet.formUrlForSheet(this);
  }
}

guardUnemulated(EmulatedSheet, SHEET);
