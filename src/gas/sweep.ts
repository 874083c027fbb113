/**
 * The daily sweep: recompute every case's deadlines and SLA status (deadlines are never frozen: a new
 * closure day moves open cases), flag records past their retention date, queue reminders, refresh the
 * Dashboard. One read of Cases, one write per contiguous block of computed columns, whatever the number
 * of cases; rows are matched by reference at write time, so a sort by staff meanwhile misplaces nothing.
 */
import { computeClocks } from '../core/clocks';
import { londonDate } from '../core/calendar';
import type { CaseRecord, Clocks } from '../core/model';
import { CLOCK_HEADERS, COL, clockValues, recordFromRow } from './cases';
import { withScriptLock, type RunContext } from './context';
import { queueReminders } from './mail';
import { DASHBOARD_LEGEND } from './status-colours';
import { TABS } from './tabs';
import { Table, writeByKey, type Cell, type KeyedUpdate } from './table';

export interface SweepReport {
  cases: number;
  byStatus: Record<string, number>;
  pastRetention: number;
}

export function runSweep(ctx: RunContext, now: Date): SweepReport {
  const { ss, profile, calendar, settings } = ctx;
  const sheet = ss.getSheetByName(TABS.cases);
  if (!sheet) throw new Error('There is no Cases tab. Run Complaints › Set up… to repair it.');
  return withScriptLock(60_000, () => {
    const table = Table.read(sheet);
    const today = londonDate(now);
    const updates: KeyedUpdate[] = [];
    const cases: { record: CaseRecord; clocks: Clocks; subjectEmail: string }[] = [];
    const byStatus: Record<string, number> = {};
    const byStage: Record<string, number> = {};
    const overdue: string[] = [];
    let pastRetention = 0;
    for (const row of table.rows) {
      const record = recordFromRow(profile, table, row);
      if (!record.reference) continue;
      const clocks = computeClocks(profile, record, now, calendar);
      const values = clockValues(clocks, now);
      if (clocks.retainUntil && clocks.retainUntil < today) {
        pastRetention += 1;
        values[COL.slaReason] = `Past its retention date (${clocks.retainUntil}): review for deletion`;
      }
      updates.push({ key: record.reference, values });
      cases.push({ record, clocks, subjectEmail: String(table.value(row, COL.subjectEmail)).trim() });
      byStatus[clocks.status] = (byStatus[clocks.status] ?? 0) + 1;
      const stage = String(table.value(row, COL.stage) || 'No stage');
      byStage[stage] = (byStage[stage] ?? 0) + 1;
      if (clocks.status === 'overdue') overdue.push(record.reference);
    }
    writeByKey(
      sheet,
      table.headers,
      COL.reference,
      CLOCK_HEADERS.filter((h) => table.has(h)),
      updates,
    );
    queueReminders(ss, settings, profile, cases, now, calendar);
    writeDashboard(
      ss,
      now,
      table.rows.length,
      byStatus,
      byStage,
      overdue,
      pastRetention,
      settings.closureProblems,
    );
    return { cases: cases.length, byStatus, pastRetention };
  });
}

function writeDashboard(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  now: Date,
  total: number,
  byStatus: Record<string, number>,
  byStage: Record<string, number>,
  overdue: string[],
  pastRetention: number,
  closureProblems: string[],
): void {
  const sheet = ss.getSheetByName(TABS.dashboard) ?? ss.insertSheet(TABS.dashboard);
  const rows: Cell[][] = [
    ['Measure', 'Count', 'Colour on the Cases tab'],
    ['Updated', now, ''],
    ['All cases', total, ''],
    ...DASHBOARD_LEGEND.map((l): Cell[] => [`SLA: ${l.status}`, byStatus[l.status] ?? 0, l.meaning]),
    ...Object.entries(byStage)
      .sort()
      .map(([stage, n]): Cell[] => [`Stage: ${stage}`, n, '']),
    ['Past retention date', pastRetention, 'Review these records for deletion'],
    ['Overdue references', overdue.slice(0, 200).join(', '), ''],
    ...closureProblems.map((p): Cell[] => ['Settings problem', p, 'Office closure days']),
  ];
  sheet.clearContents();
  sheet.getRange(1, 1, rows.length, 3).setValues(rows);
  sheet.setConditionalFormatRules([]);
  const colours = rows.map((r) => {
    const legend = DASHBOARD_LEGEND.find((l) => r[0] === `SLA: ${l.status}`);
    return [legend ? legend.colour : null, null, null];
  });
  sheet.getRange(1, 1, rows.length, 3).setBackgrounds(colours);
}
