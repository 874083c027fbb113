import { SHEET } from './google-members';
import { guardUnemulated } from './not-emulated';
import { compareValues, emptyCell, type Cell, type CellValue } from './cells';
import { newPosition, reshapeList, reshapeSpan, type Reshape } from './structure';
import { EmulatedRange, parseA1 } from './range';
import { EmulatedConditionalFormatRule, EmulatedProtection } from './rules';
import { EmulatedEmbeddedChart, EmulatedEmbeddedChartBuilder, SheetCharts } from './charts';
import type { EmulatedSpreadsheet } from './spreadsheet';
import { emulated, type Conforms } from '../types';

type GSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GRange = GoogleAppsScript.Spreadsheet.Range;

const DEFAULT_ROWS = 1000;
const DEFAULT_COLUMNS = 26;
/** Sheets' default row height in pixels. */
export const DEFAULT_ROW_HEIGHT = 21;

export class EmulatedSheet implements Conforms<GSheet, EmulatedSheet> {
  /** Grid of cells, row-major, 0-based. Rows grow on demand up to maxRows. */
  readonly grid: Cell[][] = [];
  maxRows = DEFAULT_ROWS;
  maxColumns = DEFAULT_COLUMNS;
  frozenRows = 0;
  frozenColumns = 0;
  readonly columnWidths = new Map<number, number>();
  readonly hiddenColumns = new Set<number>();
  /** Heights staff or a script gave rows; `forced` rows never grow to fit what their cells hold. */
  readonly rowHeights = new Map<number, { height: number; forced: boolean }>();
  readonly protections: EmulatedProtection[] = [];
  conditionalRules: EmulatedConditionalFormatRule[] = [];

  constructor(
    readonly spreadsheet: EmulatedSpreadsheet,
    private name: string,
    private readonly id: number,
  ) {}

  cell(row: number, column: number): Cell {
    // A Range taken before staff deleted rows or columns still names its old cells; on Google, using it
    // past the sheet's edge fails rather than growing the sheet, and nothing is written.
    if (row > this.maxRows || column > this.maxColumns)
      throw new Error('Exception: The coordinates of the range are outside the dimensions of the sheet.');
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
      return this.getRange(r.row, r.column, r.numRows, r.numColumns);
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

  /**
   * The values of a block in one call, as getRange(...).getValues() gives them
   * (developers.google.com/apps-script/reference/spreadsheet/sheet#getsheetvaluesstartrow,-startcolumn,-numrows,-numcolumns):
   * "a -1 value given as the row or column position is equivalent to getting the very last row or column
   * that has data in the sheet", read here as a count reaching the last row or column with content. Refused
   * past the grid as getRange refuses.
   */
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): CellValue[][] {
    const rows = numRows === -1 ? this.getLastRow() - startRow + 1 : numRows;
    const columns = numColumns === -1 ? this.getLastColumn() - startColumn + 1 : numColumns;
    return this.getRange(startRow, startColumn, rows, columns).getValues();
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

  /**
   * Inserting, deleting and moving rows or columns. Everything that belongs to a cell (value, formats,
   * note, data validation) travels with it; column widths and hidden columns with their column; the
   * ranges of conditional-format rules and protections are reshaped as Sheets reshapes them
   * (./structure.ts). Inserted lines are blank and unformatted. Sheets itself may give them a neighbour's
   * formatting (the Sheets API's InsertDimensionRequest.inheritFromBefore chooses which neighbour,
   * developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request#insertdimensionrequest), but
   * Sheet.insertRowsAfter documents neither choice
   * (developers.google.com/apps-script/reference/spreadsheet/sheet#insertrowsafterafterposition,-howmany),
   * so the emulator copies nothing: a product must format the rows it adds rather than rely on a neighbour.
   */
  private reshape(axis: 'row' | 'column', op: Reshape): void {
    if (axis === 'row') {
      const rows = reshapeList(this.grid, op, () => [] as Cell[]);
      this.grid.splice(0, this.grid.length, ...rows);
      if (op.kind === 'insert') {
        this.maxRows += op.count;
        if (op.at <= this.frozenRows) this.frozenRows += op.count;
      } else if (op.kind === 'delete') {
        this.maxRows -= op.count;
        this.frozenRows -= Math.max(0, Math.min(this.frozenRows, op.at + op.count - 1) - op.at + 1);
      }
      const heights = [...this.rowHeights];
      this.rowHeights.clear();
      for (const [r, h] of heights) {
        const to = newPosition(op, r);
        if (to !== null) this.rowHeights.set(to, h);
      }
    } else {
      for (let r = 0; r < this.grid.length; r++) this.grid[r] = reshapeList(this.grid[r]!, op, emptyCell);
      if (op.kind === 'insert') {
        this.maxColumns += op.count;
        if (op.at <= this.frozenColumns) this.frozenColumns += op.count;
      } else if (op.kind === 'delete') {
        this.maxColumns -= op.count;
        this.frozenColumns -= Math.max(0, Math.min(this.frozenColumns, op.at + op.count - 1) - op.at + 1);
      }
      const hidden = [...this.hiddenColumns];
      this.hiddenColumns.clear();
      for (const c of hidden) {
        const to = newPosition(op, c);
        if (to !== null) this.hiddenColumns.add(to);
      }
      const widths = [...this.columnWidths];
      this.columnWidths.clear();
      for (const [c, w] of widths) {
        const to = newPosition(op, c);
        if (to !== null) this.columnWidths.set(to, w);
      }
    }
    const moved = (range: EmulatedRange): EmulatedRange[] => {
      const along = axis === 'row' ? range.row : range.column;
      const size = axis === 'row' ? range.numRows : range.numColumns;
      return reshapeSpan({ start: along, end: along + size - 1 }, op).map(({ start, end }) =>
        axis === 'row'
          ? new EmulatedRange(this, start, range.column, end - start + 1, range.numColumns)
          : new EmulatedRange(this, range.row, start, range.numRows, end - start + 1),
      );
    };
    for (const rule of this.conditionalRules) {
      const ranges = rule.ranges.flatMap((r) => (r.sheet === this ? moved(r) : [r]));
      rule.ranges.splice(0, rule.ranges.length, ...ranges);
    }
    this.conditionalRules = this.conditionalRules.filter((rule) => rule.ranges.length > 0);
    for (const protection of [...this.protections]) {
      if (!protection.range) continue;
      const parts = moved(protection.range);
      const [first, last] = [parts[0], parts[parts.length - 1]];
      // A protected range has one rectangle: when a move splits it, it keeps protecting the whole span.
      if (!first || !last) protection.remove();
      else
        protection.range =
          axis === 'row'
            ? new EmulatedRange(
                this,
                first.row,
                first.column,
                last.getLastRow() - first.row + 1,
                first.numColumns,
              )
            : new EmulatedRange(
                this,
                first.row,
                first.column,
                first.numRows,
                last.getLastColumn() - first.column + 1,
              );
    }
  }

  private checkRows(position: number, howMany: number, max = this.maxRows): void {
    if (
      !Number.isInteger(position) ||
      !Number.isInteger(howMany) ||
      position < 1 ||
      howMany < 1 ||
      position > max
    )
      throw new Error('Exception: Those rows are out of bounds.');
  }
  private checkColumns(position: number, howMany: number, max = this.maxColumns): void {
    if (
      !Number.isInteger(position) ||
      !Number.isInteger(howMany) ||
      position < 1 ||
      howMany < 1 ||
      position > max
    )
      throw new Error('Exception: Those columns are out of bounds.');
  }

  insertRowsAfter(afterPosition: number, howMany: number): this {
    this.checkRows(afterPosition, howMany);
    this.reshape('row', { kind: 'insert', at: afterPosition + 1, count: howMany });
    return this;
  }
  insertRowAfter(afterPosition: number): this {
    return this.insertRowsAfter(afterPosition, 1);
  }
  insertRowsBefore(beforePosition: number, howMany: number): this {
    this.checkRows(beforePosition, howMany);
    this.reshape('row', { kind: 'insert', at: beforePosition, count: howMany });
    return this;
  }
  insertRowBefore(beforePosition: number): this {
    return this.insertRowsBefore(beforePosition, 1);
  }
  /** Sheets refuses to delete rows past the grid, or every row that is not frozen. */
  deleteRows(rowPosition: number, howMany: number): void {
    if (rowPosition < 1 || howMany < 1 || rowPosition + howMany - 1 > this.maxRows)
      throw new Error('Exception: Those rows are out of bounds.');
    const frozen = Math.min(this.frozenRows, this.maxRows);
    const deletesUnfrozen = Math.max(0, rowPosition + howMany - 1 - Math.max(frozen, rowPosition - 1));
    if (deletesUnfrozen >= this.maxRows - frozen)
      throw new Error('Exception: Sorry, it is not possible to delete all non-frozen rows.');
    this.reshape('row', { kind: 'delete', at: rowPosition, count: howMany });
  }
  deleteRow(rowPosition: number): this {
    this.deleteRows(rowPosition, 1);
    return this;
  }

  insertColumnsAfter(afterPosition: number, howMany: number): this {
    this.checkColumns(afterPosition, howMany);
    this.reshape('column', { kind: 'insert', at: afterPosition + 1, count: howMany });
    return this;
  }
  insertColumnAfter(afterPosition: number): this {
    return this.insertColumnsAfter(afterPosition, 1);
  }
  insertColumnsBefore(beforePosition: number, howMany: number): this {
    this.checkColumns(beforePosition, howMany);
    this.reshape('column', { kind: 'insert', at: beforePosition, count: howMany });
    return this;
  }
  insertColumnBefore(beforePosition: number): this {
    return this.insertColumnsBefore(beforePosition, 1);
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    if (columnPosition < 1 || howMany < 1 || columnPosition + howMany - 1 > this.maxColumns)
      throw new Error('Exception: Those columns are out of bounds.');
    if (howMany >= this.maxColumns)
      throw new Error('Exception: Sorry, it is not possible to delete all non-frozen columns.');
    this.reshape('column', { kind: 'delete', at: columnPosition, count: howMany });
  }
  deleteColumn(columnPosition: number): this {
    this.deleteColumns(columnPosition, 1);
    return this;
  }

  /**
   * Sheet.moveColumns/moveRows: the lines the spec spans land in front of `destinationIndex`, counted
   * before the move (moving A:B to 5 makes them C:D,
   * developers.google.com/apps-script/reference/spreadsheet/sheet#movecolumnscolumnspec,-destinationindex).
   */
  moveColumns(columnSpec: Pick<GRange, 'getColumn' | 'getNumColumns'>, destinationIndex: number): void {
    this.move(
      'column',
      columnSpec.getColumn(),
      columnSpec.getNumColumns(),
      destinationIndex,
      this.maxColumns,
    );
  }
  moveRows(rowSpec: Pick<GRange, 'getRow' | 'getNumRows'>, destinationIndex: number): void {
    this.move('row', rowSpec.getRow(), rowSpec.getNumRows(), destinationIndex, this.maxRows);
  }
  private move(axis: 'row' | 'column', from: number, count: number, to: number, max: number): void {
    const what = axis === 'row' ? 'rows' : 'columns';
    if (!Number.isInteger(to) || to < 1 || to > max + 1 || (to > from && to < from + count))
      throw new Error(`Exception: Those ${what} are out of bounds.`);
    this.reshape(axis, { kind: 'move', from, count, to });
  }

  /** A frozen block larger than the grid, or negative, names no rows: refused rather than stored. */
  setFrozenRows(rows: number): void {
    if (!Number.isInteger(rows) || rows < 0 || rows > this.maxRows)
      throw new Error('Exception: Those rows are out of bounds.');
    this.frozenRows = rows;
  }
  getFrozenRows(): number {
    return this.frozenRows;
  }
  /**
   * Sheet.setFrozenColumns(columns): freezes the first `columns` columns; zero unfreezes
   * (developers.google.com/apps-script/reference/spreadsheet/sheet#setfrozencolumnscolumns). As for rows, a
   * frozen block wider than the grid, negative or fractional names no columns and is refused. Inserting a
   * column inside the frozen block widens it and deleting one narrows it, as Sheets does.
   */
  setFrozenColumns(columns: number): void {
    if (!Number.isInteger(columns) || columns < 0 || columns > this.maxColumns)
      throw new Error('Exception: Those columns are out of bounds.');
    this.frozenColumns = columns;
  }
  /** developers.google.com/apps-script/reference/spreadsheet/sheet#getfrozencolumns */
  getFrozenColumns(): number {
    return this.frozenColumns;
  }
  /** Widths and hiding apply to columns that exist; a column past the grid is refused, as deleteColumns does. */
  private checkColumnSpan(column: number, count: number): void {
    if (!Number.isInteger(column) || !Number.isInteger(count) || column < 1 || count < 1)
      throw new Error('Exception: Those columns are out of bounds.');
    if (column + count - 1 > this.maxColumns) throw new Error('Exception: Those columns are out of bounds.');
  }
  setColumnWidth(column: number, width: number): this {
    return this.setColumnWidths(column, 1, width);
  }
  setColumnWidths(start: number, count: number, width: number): this {
    this.checkColumnSpan(start, count);
    for (let c = start; c < start + count; c++) this.columnWidths.set(c, width);
    return this;
  }
  /** Heights apply to rows that exist, as for columns; a height must be a positive number of pixels. */
  private setHeights(start: number, count: number, height: number, forced: boolean, member: string): this {
    if (typeof height !== 'number' || !Number.isFinite(height) || typeof start !== 'number')
      throw new Error(
        `Exception: The parameters (${typeof start},${typeof count},${typeof height}) don't match the method signature for SpreadsheetApp.Sheet.${member}.`,
      );
    if (!Number.isInteger(start) || !Number.isInteger(count) || start < 1 || count < 1)
      throw new Error('Exception: Those rows are out of bounds.');
    if (start + count - 1 > this.maxRows) throw new Error('Exception: Those rows are out of bounds.');
    if (height < 1) throw new Error('Exception: The row height must be a positive number.');
    for (let r = start; r < start + count; r++)
      this.rowHeights.set(r, { height: Math.round(height), forced });
    return this;
  }
  /**
   * Sheet.setRowHeight/setRowHeights size rows that Sheets may still grow to fit wrapped text or line
   * breaks; Sheet.setRowHeightsForced fixes the height whatever the cells hold
   * (developers.google.com/apps-script/reference/spreadsheet/sheet#setrowheightsforcedstartrow,-numrows,-height).
   */
  setRowHeight(rowPosition: number, height: number): this {
    return this.setHeights(rowPosition, 1, height, false, 'setRowHeight');
  }
  setRowHeights(startRow: number, numRows: number, height: number): this {
    return this.setHeights(startRow, numRows, height, false, 'setRowHeights');
  }
  setRowHeightsForced(startRow: number, numRows: number, height: number): this {
    return this.setHeights(startRow, numRows, height, true, 'setRowHeightsForced');
  }
  /**
   * A forced height, or Sheets' default of 21 px for a row no cell of which can make taller. Otherwise
   * Sheets fits the row to its content by a font measure the emulator does not have: it throws rather
   * than guess (a sized row that fits to data is as unknown as an unsized one).
   */
  getRowHeight(rowPosition: number): number {
    if (!Number.isInteger(rowPosition) || rowPosition < 1 || rowPosition > this.maxRows)
      throw new Error('Exception: Those rows are out of bounds.');
    const set = this.rowHeights.get(rowPosition);
    if (set?.forced) return set.height;
    if (!this.rowGrows(rowPosition)) return set?.height ?? DEFAULT_ROW_HEIGHT;
    throw new Error('not emulated: the height Sheets fits a row with line breaks or wrapped text to');
  }
  /**
   * Whether Sheets may fit the row to its content: wrapped text, or a line break in any cell. Google does
   * not document whether CLIP stops a line break growing its row, so the emulator takes it that it does
   * not: only a forced height is sure to keep a row short.
   */
  rowGrows(rowPosition: number): boolean {
    return (this.grid[rowPosition - 1] ?? []).some(
      (cell) => cell.wrap === 'WRAP' || String(cell.value).includes('\n'),
    );
  }
  hideColumns(column: number, count = 1): void {
    this.checkColumnSpan(column, count);
    for (let c = column; c < column + count; c++) this.hiddenColumns.add(c);
  }
  showColumns(column: number, count = 1): void {
    this.checkColumnSpan(column, count);
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
    if (type !== 'SHEET' && type !== 'RANGE')
      throw new Error(
        `Exception: The parameters (${typeof type}) don't match the method signature for SpreadsheetApp.Sheet.getProtections.`,
      );
    return this.protections.filter((p) => (type === 'SHEET' ? p.range === null : p.range !== null));
  }

  getConditionalFormatRules(): EmulatedConditionalFormatRule[] {
    return [...this.conditionalRules];
  }
  setConditionalFormatRules(
    rules: (GoogleAppsScript.Spreadsheet.ConditionalFormatRule | EmulatedConditionalFormatRule)[],
  ): void {
    this.conditionalRules = rules.map((r) =>
      emulated(r, EmulatedConditionalFormatRule, 'SpreadsheetApp.Sheet.setConditionalFormatRules'),
    );
  }
  clearConditionalFormatRules(): void {
    this.conditionalRules = [];
  }

  /**
   * Sheet.sort(columnPosition, ascending): sorts every row below the frozen ones by one column, whole
   * rows (formats and notes included) moving together, empty cells last
   * (developers.google.com/apps-script/reference/spreadsheet/sheet#sortcolumnposition,-ascending).
   */
  sort(columnPosition: number, ascending = true): this {
    if (!Number.isInteger(columnPosition) || columnPosition < 1 || columnPosition > this.maxColumns)
      throw new Error('Exception: The specified column must be in the range.');
    if (typeof ascending !== 'boolean')
      throw new Error(
        "Exception: The parameters (number,object) don't match the method signature for SpreadsheetApp.Sheet.sort.",
      );
    const first = this.frozenRows;
    const body = this.grid.slice(first, this.getLastRow());
    body.sort((a, b) => {
      const cmp = compareValues(a[columnPosition - 1]?.value ?? '', b[columnPosition - 1]?.value ?? '');
      return cmp === 2 || cmp === -2 ? cmp / 2 : ascending ? cmp : -cmp;
    });
    this.grid.splice(first, body.length, ...body);
    return this;
  }

  /** Sheet.clear(options) as Range.clear(options), over the whole sheet; without options, everything. */
  clear(options?: Parameters<EmulatedRange['clear']>[0]): this {
    if (options === undefined) {
      this.grid.length = 0;
      return this;
    }
    new EmulatedRange(this, 1, 1, this.maxRows, this.maxColumns).clear(options);
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

  /** Charts on the sheet (charts.ts). Sheet.clear() leaves them: they are not cell content or formatting. */
  readonly charts = new SheetCharts(this);
  newChart(): EmulatedEmbeddedChartBuilder {
    return new EmulatedEmbeddedChartBuilder(this);
  }
  insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart | EmulatedEmbeddedChart): void {
    this.charts.insert(emulated(chart, EmulatedEmbeddedChart, 'SpreadsheetApp.Sheet.insertChart'));
  }
  getCharts(): EmulatedEmbeddedChart[] {
    return this.charts.list();
  }
  removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart | EmulatedEmbeddedChart): void {
    this.charts.remove(emulated(chart, EmulatedEmbeddedChart, 'SpreadsheetApp.Sheet.removeChart'));
  }
  updateChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart | EmulatedEmbeddedChart): void {
    this.charts.update(emulated(chart, EmulatedEmbeddedChart, 'SpreadsheetApp.Sheet.updateChart'));
  }
}

guardUnemulated(EmulatedSheet, SHEET);
