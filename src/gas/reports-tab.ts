/**
 * The Reports tab: the figures an office publishes (core/reports.ts), per quarter and per financial year,
 * each with how it is counted, and a chart of complaints received by channel. The daily sweep rewrites it
 * from columns it already reads by column (column-read.ts), so the tab costs no read of whole rows.
 */
import { CHANNEL_LABELS, SUBJECT_LABELS, formatDay } from '../core/labels';
import { buildReport, type CaseFacts, type Report } from '../core/reports';
import { londonDate, londonTime } from '../core/calendar';
import type { PolicyProfile } from '../core/model';
import {
  COL,
  appealOutcomeIdFromCell,
  channelFromCell,
  dayFromCell,
  outcomeIdFromCell,
  subjectFromCell,
  updatesFromCell,
} from './cases';
import { literal } from './literal';
import { TABS } from './tabs';
import type { Cell } from './table';

/** The Cases columns the figures are counted from; none of them holds personal data. */
export const REPORT_COLUMNS = [
  COL.reference,
  COL.received,
  COL.channel,
  COL.subject,
  COL.route,
  COL.acknowledged,
  COL.acknowledgeBy,
  COL.updatesSent,
  COL.updateBy,
  COL.outcome,
  COL.closed,
  COL.appealReceived,
  COL.appealOutcome,
] as const;

/** The route as the report groups it, from the "Where it goes" cell. */
function routeOf(cell: Cell): string {
  const text = String(cell).trim();
  if (text.startsWith('Handled here') || text.startsWith('Decided by staff')) return 'Handled here';
  if (text === 'Not eligible') return 'Not eligible';
  // The body by its name, without how to reach it ("Wiltshire Police: call 101…" is Wiltshire Police).
  if (text.startsWith('Redirected: ')) return `Redirected: ${text.slice(12).split(/[:,(]/)[0]!.trim()}`;
  return 'Needs review';
}

/** A case's facts from its cells (`at(header)`), or null for a row that is not a case. */
export function caseFacts(
  profile: PolicyProfile,
  at: (header: string) => Cell,
  today: string,
): CaseFacts | null {
  if (String(at(COL.reference)).trim() === '') return null;
  const received = dayFromCell(at(COL.received));
  if (!received) return null;
  const channel = channelFromCell(at(COL.channel));
  const subject = subjectFromCell(at(COL.subject));
  const outcomeId = outcomeIdFromCell(profile, at(COL.outcome));
  const outcome = profile.outcomes.find((o) => o.id === outcomeId) ?? null;
  const appealId = appealOutcomeIdFromCell(profile, at(COL.appealOutcome));
  const appeal = profile.appeal.outcomes.find((o) => o.id === appealId) ?? null;
  const closed = dayFromCell(at(COL.closed));
  const updateBy = dayFromCell(at(COL.updateBy));
  return {
    received,
    channel: channel ? CHANNEL_LABELS[channel] : 'Not recorded',
    subject: subject ? SUBJECT_LABELS[subject] : 'Not recorded',
    route: routeOf(at(COL.route)),
    acknowledged: dayFromCell(at(COL.acknowledged)),
    acknowledgeBy: dayFromCell(at(COL.acknowledgeBy)),
    updates: updatesFromCell(at(COL.updatesSent)),
    updateMissedSince: !closed && updateBy && updateBy < today ? updateBy : null,
    outcome: outcome ? { label: outcome.label, upheld: outcome.upheld } : null,
    closed,
    appealReceived: dayFromCell(at(COL.appealReceived)),
    appealUpheld: appeal ? appeal.upheld : null,
  };
}

export function reportFor(facts: readonly CaseFacts[], now: Date): Report {
  return buildReport(facts, londonDate(now));
}

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Rewrites the Reports tab: the table of figures (one column per period), then the chart's data and the
 * chart. One write of values and one of bold, whatever the number of cases; the old chart is replaced.
 */
export function writeReports(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, report: Report, now: Date): void {
  const existing = ss.getSheetByName(TABS.reports);
  const sheet = existing ?? ss.insertSheet(TABS.reports);
  if (!existing) {
    // Once, when the tab is made: the measure and how it is counted are read, the figures glanced at.
    sheet.setColumnWidth(1, 260);
    sheet.setColumnWidth(2, 420);
    sheet.setFrozenColumns(2);
  }
  const chartWidth = Math.max(report.chart.header.length, 2);
  const cols = Math.max(2 + report.periods.length, chartWidth);
  const pad = (cells: readonly Cell[]): Cell[] => [
    ...cells,
    ...new Array<Cell>(cols - cells.length).fill(''),
  ];
  const rows: Cell[][] = [];
  const bold = new Set<number>();
  const heading = (cells: Cell[]) => {
    bold.add(rows.length);
    rows.push(pad(cells));
  };
  heading([
    'Complaints: the figures we publish',
    `Counted on ${formatDay(londonDate(now))} at ${londonTime(now)} from the Cases tab. Quarters and years are financial years (April to March). A dash means nothing was due.`,
  ]);
  rows.push(pad([]));
  heading(['Measure', 'How it is counted', ...report.periods.map((p) => p.label)]);
  rows.push(
    pad([
      'Period',
      'From and to',
      ...report.periods.map((p) => `${formatDay(p.from)} to ${formatDay(p.to)}`),
    ]),
  );
  let section = '';
  for (const line of report.lines) {
    if (line.section !== section) {
      section = line.section;
      heading([section]);
    }
    rows.push(pad([line.measure, line.howCounted, ...line.values]));
  }
  rows.push(pad([]));
  heading(['Complaints received per quarter, by channel']);
  const chartTop = rows.length + 1;
  for (const r of [report.chart.header, ...report.chart.rows]) rows.push(pad(r));
  const chartHeight = 1 + report.chart.rows.length;

  sheet.clear();
  // Labels come from the policy and from what staff typed into Cases: written as the text given.
  const range = sheet.getRange(1, 1, rows.length, cols);
  range.setValues(rows.map((r) => r.map(literal)));
  range.setFontWeights(
    rows.map((_, i) => new Array<'bold' | 'normal'>(cols).fill(bold.has(i) ? 'bold' : 'normal')),
  );
  replaceChart(sheet, chartTop, chartHeight, report.chart.header.length, chartTop + chartHeight + 1);
}

/** One column chart of the received-by-channel block, below it; yesterday's is removed first. */
function replaceChart(sheet: Sheet, top: number, height: number, width: number, anchorRow: number): void {
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  if (height < 2 || width < 2) return;
  const chart = sheet
    .newChart()
    .setChartType(Charts.ChartType.COLUMN)
    .addRange(sheet.getRange(top, 1, height, width))
    .setNumHeaders(1)
    .setOption('title', 'Complaints received per quarter, by channel')
    .setOption('isStacked', true)
    .setPosition(anchorRow, 1, 0, 0)
    .build();
  sheet.insertChart(chart);
}
