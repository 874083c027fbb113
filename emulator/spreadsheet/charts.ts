/**
 * Embedded charts: Sheet.newChart() builds one from ranges of the sheet, insertChart puts it on the
 * sheet, getCharts reads them back (fresh objects each time, known by getChartId, as Google hands out),
 * removeChart and updateChart find it by that id
 * (developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder,
 * developers.google.com/apps-script/reference/spreadsheet/sheet#insertChart(EmbeddedChart)).
 *
 * Where the documentation says nothing, the stricter reading: a chart built from no range, a range of
 * another sheet, a chart inserted into a sheet other than the one that built it, and removing or updating a
 * chart that is not on the sheet all throw, rather than leave a chart no person could see.
 */
import { guardUnemulated } from './not-emulated';
import { CONTAINER_INFO, EMBEDDED_CHART, EMBEDDED_CHART_BUILDER, CHART_OPTIONS } from './google-members';
import type { EmulatedRange } from './range';
import type { EmulatedSheet } from './sheet';

export const CHART_TYPES = [
  'TIMELINE',
  'AREA',
  'BAR',
  'BUBBLE',
  'CANDLESTICK',
  'COLUMN',
  'COMBO',
  'GAUGE',
  'GEO',
  'HISTOGRAM',
  'RADAR',
  'LINE',
  'ORG',
  'PIE',
  'SCATTER',
  'SPARKLINE',
  'STEPPED_AREA',
  'TABLE',
  'TREEMAP',
  'WATERFALL',
] as const;
export type ChartType = (typeof CHART_TYPES)[number];

/** The global `Charts`: only its ChartType enum is emulated. */
export const CHARTS_SERVICE = { ChartType: Object.fromEntries(CHART_TYPES.map((t) => [t, t])) };

/** What a chart on a sheet is, kept by the sheet. */
export interface ChartSpec {
  id: number;
  sheet: EmulatedSheet;
  type: ChartType;
  /** Ranges as (row, column, rows, columns) of the sheet, read when the chart is drawn. */
  ranges: { row: number; column: number; rows: number; columns: number }[];
  options: Record<string, unknown>;
  numHeaders: number;
  transpose: boolean;
  position: { row: number; column: number; offsetX: number; offsetY: number };
}

let nextChartId = 1;

const chartTypeOf = (value: unknown): ChartType => {
  const t = String(value) as ChartType;
  if (!CHART_TYPES.includes(t)) throw new Error(`Exception: Invalid argument: chartType (${String(value)})`);
  return t;
};

export class EmulatedContainerInfo {
  constructor(private readonly spec: ChartSpec) {}
  getAnchorRow(): number {
    return this.spec.position.row;
  }
  getAnchorColumn(): number {
    return this.spec.position.column;
  }
  getOffsetX(): number {
    return this.spec.position.offsetX;
  }
  getOffsetY(): number {
    return this.spec.position.offsetY;
  }
}

export class EmulatedChartOptions {
  constructor(private readonly options: Readonly<Record<string, unknown>>) {}
  get(option: string): unknown {
    return this.options[option] ?? null;
  }
}

export class EmulatedEmbeddedChart {
  constructor(readonly spec: ChartSpec) {}
  getChartId(): number {
    return this.spec.id;
  }
  getRanges(): EmulatedRange[] {
    return this.spec.ranges.map((r) => this.spec.sheet.getRange(r.row, r.column, r.rows, r.columns));
  }
  getOptions(): EmulatedChartOptions {
    return new EmulatedChartOptions({ ...this.spec.options });
  }
  getContainerInfo(): EmulatedContainerInfo {
    return new EmulatedContainerInfo(this.spec);
  }
  getNumHeaders(): number {
    return this.spec.numHeaders;
  }
  getTransposeRowsAndColumns(): boolean {
    return this.spec.transpose;
  }
  modify(): EmulatedEmbeddedChartBuilder {
    return new EmulatedEmbeddedChartBuilder(this.spec.sheet, this.spec);
  }
}

export class EmulatedEmbeddedChartBuilder {
  private readonly draft: ChartSpec;
  constructor(
    private readonly sheet: EmulatedSheet,
    from?: ChartSpec,
  ) {
    this.draft = from
      ? {
          ...from,
          ranges: [...from.ranges],
          options: { ...from.options },
          position: { ...from.position },
        }
      : {
          id: 0,
          sheet,
          type: 'COLUMN',
          ranges: [],
          options: {},
          numHeaders: -1,
          transpose: false,
          position: { row: 1, column: 1, offsetX: 0, offsetY: 0 },
        };
  }
  addRange(range: EmulatedRange): this {
    if (range.getSheet() !== this.sheet)
      throw new Error('Exception: The range must be on the sheet the chart is built for.');
    this.draft.ranges.push({
      row: range.getRow(),
      column: range.getColumn(),
      rows: range.getNumRows(),
      columns: range.getNumColumns(),
    });
    return this;
  }
  removeRange(range: EmulatedRange): this {
    const i = this.draft.ranges.findIndex(
      (r) =>
        r.row === range.getRow() &&
        r.column === range.getColumn() &&
        r.rows === range.getNumRows() &&
        r.columns === range.getNumColumns(),
    );
    if (i >= 0) this.draft.ranges.splice(i, 1);
    return this;
  }
  clearRanges(): this {
    this.draft.ranges = [];
    return this;
  }
  getRanges(): EmulatedRange[] {
    return this.draft.ranges.map((r) => this.sheet.getRange(r.row, r.column, r.rows, r.columns));
  }
  setChartType(type: unknown): this {
    this.draft.type = chartTypeOf(type);
    return this;
  }
  getChartType(): ChartType {
    return this.draft.type;
  }
  setOption(option: string, value: unknown): this {
    this.draft.options[option] = value;
    return this;
  }
  setNumHeaders(headers: number): this {
    this.draft.numHeaders = headers;
    return this;
  }
  setTransposeRowsAndColumns(transpose: boolean): this {
    this.draft.transpose = transpose;
    return this;
  }
  /** setPosition(anchorRowPos, anchorColPos, offsetX, offsetY): 1-based anchor cell, offsets in pixels. */
  setPosition(row: number, column: number, offsetX: number, offsetY: number): this {
    if (![row, column].every((n) => Number.isInteger(n) && n >= 1))
      throw new Error('Exception: The anchor row and column must be whole numbers from 1.');
    this.draft.position = { row, column, offsetX, offsetY };
    return this;
  }
  getContainer(): EmulatedContainerInfo {
    return new EmulatedContainerInfo(this.draft);
  }
  asColumnChart(): this {
    return this.setChartType('COLUMN');
  }
  asBarChart(): this {
    return this.setChartType('BAR');
  }
  asLineChart(): this {
    return this.setChartType('LINE');
  }
  asPieChart(): this {
    return this.setChartType('PIE');
  }
  build(): EmulatedEmbeddedChart {
    if (this.draft.ranges.length === 0)
      throw new Error('Exception: The chart has no data. Add a range first.');
    return new EmulatedEmbeddedChart({
      ...this.draft,
      id: this.draft.id || nextChartId++,
      ranges: [...this.draft.ranges],
      options: { ...this.draft.options },
      position: { ...this.draft.position },
    });
  }
}

/** The charts of one sheet, behind Sheet.insertChart, getCharts, removeChart and updateChart. */
export class SheetCharts {
  readonly specs: ChartSpec[] = [];
  constructor(private readonly sheet: EmulatedSheet) {}
  insert(chart: EmulatedEmbeddedChart): void {
    if (chart.spec.sheet !== this.sheet)
      throw new Error(
        'Exception: The chart was built for another sheet; build it with this sheet’s newChart().',
      );
    if (this.specs.some((s) => s.id === chart.spec.id))
      throw new Error('Exception: This chart is already on the sheet; use updateChart to change it.');
    this.specs.push({ ...chart.spec });
  }
  list(): EmulatedEmbeddedChart[] {
    return this.specs.map((s) => new EmulatedEmbeddedChart({ ...s }));
  }
  remove(chart: EmulatedEmbeddedChart): void {
    const i = this.specs.findIndex((s) => s.id === chart.spec.id);
    if (i < 0) throw new Error('Exception: The chart is not on this sheet.');
    this.specs.splice(i, 1);
  }
  update(chart: EmulatedEmbeddedChart): void {
    const i = this.specs.findIndex((s) => s.id === chart.spec.id);
    if (i < 0) throw new Error('Exception: The chart is not on this sheet; insert it with insertChart.');
    this.specs[i] = { ...chart.spec };
  }
}

guardUnemulated(EmulatedEmbeddedChart, EMBEDDED_CHART);
guardUnemulated(EmulatedEmbeddedChartBuilder, EMBEDDED_CHART_BUILDER);
guardUnemulated(EmulatedContainerInfo, CONTAINER_INFO);
guardUnemulated(EmulatedChartOptions, CHART_OPTIONS);
