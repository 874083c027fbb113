/**
 * The daily sweep: recompute every case's deadlines and SLA status (deadlines are never frozen: a new
 * closure day moves open cases), flag records past their retention date, queue reminders, refresh the
 * Dashboard. One read of Cases, one keyed write (a few calls per contiguous block of computed columns),
 * whatever the number of cases; rows are matched by reference and columns by header at write time, so a
 * sort or a column inserted by staff meanwhile misplaces nothing.
 */
import { computeClocks } from '../core/clocks';
import { londonDate } from '../core/calendar';
import { COMPLAINTS_TEAM_ROLE } from '../core/correspondence';
import { stateKind } from '../core/lifecycle';
import { roleTitle } from '../core/profile';
import type { CaseRecord, Clocks, LocalDate, PolicyProfile } from '../core/model';
import {
  CLOCK_HEADERS,
  COL,
  clockValues,
  dayFromCell,
  recordFromRow,
  stateLabel,
  statusFromCell,
  statusId,
} from './cases';
import { formatDay } from '../core/labels';
import { withScriptLock, type RunContext } from './context';
import { queueReminders, readOutbox } from './mail';
import { DASHBOARD_LEGEND } from './status-colours';
import { TABS } from './tabs';
import { IncompleteWriteError, Table, writeByKey, type Cell, type KeyedUpdate } from './table';

/** The London day of the last daily sweep that ran to its end (an error included); setup starts it. */
export const SWEEP_DONE = 'sweep:done';

/** Setup: the first sweep is owed the day after; a day with none by mid-morning is caught up (main.ts). */
export function startCountingSweeps(now: Date): void {
  const props = PropertiesService.getScriptProperties();
  if (props.getProperty(SWEEP_DONE) === null) props.setProperty(SWEEP_DONE, londonDate(now));
}

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
    // One read of the Outbox: what each case still owes in letters (so a case is green only when nothing
    // is owed to anyone), the letters that failed, and the keys reminders are queued against.
    const outbox = readOutbox(ss);
    const today = londonDate(now);
    const updates: KeyedUpdate[] = [];
    const cases: { record: CaseRecord; clocks: Clocks; subjectEmail: string; shareWithSubject: boolean }[] =
      [];
    const byStatus: Record<string, number> = {};
    const byStage: Record<string, number> = {};
    const byRoute: Record<string, number> = {};
    const overdue: string[] = [];
    let pastRetention = 0;
    for (const row of table.rows) {
      const record = recordFromRow(profile, table, row);
      if (!record.reference) continue;
      const owed = outbox?.owed.get(record.reference) ?? [];
      const clocks =
        (owed.length ? null : settledClocks(profile, table, row, record)) ??
        computeClocks(profile, record, now, calendar, { owed });
      const values = clockValues(profile, record, clocks, now);
      // A Needs-review case from before cases in review had an owner: it is the complaints team's.
      if (
        profile.lifecycle.states.find((s) => s.id === record.state)?.kind === 'review' &&
        String(table.value(row, COL.handler)).trim() === ''
      )
        values[COL.handler] = roleTitle(profile, COMPLAINTS_TEAM_ROLE, 'en');
      // Counted by id, as the Dashboard legend lists them; the cell shows the words.
      const id = statusId(profile, record, clocks);
      const status = id === 'needs-review' ? 'needs review' : id;
      if (clocks.retainUntil && clocks.retainUntil < today) {
        pastRetention += 1;
        values[COL.slaReason] =
          `Past its retention date (${formatDay(clocks.retainUntil)}): review for deletion`;
      }
      updates.push({ key: record.reference, values });
      const share = table.value(row, COL.subjectCopy);
      cases.push({
        record,
        clocks,
        subjectEmail: String(table.value(row, COL.subjectEmail)).trim(),
        shareWithSubject: share === true || String(share).toUpperCase() === 'TRUE',
      });
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      const stage = String(table.value(row, COL.stage) || 'No stage');
      byStage[stage] = (byStage[stage] ?? 0) + 1;
      const where = routeGroup(record);
      byRoute[where] = (byRoute[where] ?? 0) + 1;
      if (status === 'overdue') overdue.push(record.reference);
    }
    // Columns and rows are found again at write time (staff may have reshaped the tab since the read).
    // A computed column missing from the tab stops nothing else, but is reported once the rest is done.
    let incomplete: IncompleteWriteError | null = null;
    try {
      writeByKey(sheet, COL.reference, [...CLOCK_HEADERS, COL.handler], updates);
    } catch (error) {
      if (!(error instanceof IncompleteWriteError)) throw error;
      incomplete = error;
    }
    queueReminders(ss, settings, profile, cases, now, calendar, outbox);
    writeDashboard(ss, now, {
      total: cases.length,
      byStatus,
      byStage,
      byRoute,
      overdue,
      pastRetention,
      closureProblems: settings.closureProblems,
      failedLetters: outbox?.failed ?? [],
    });
    if (incomplete) throw incomplete;
    return { cases: cases.length, byStatus, pastRetention };
  });
}

const storedDay = (cell: Cell): LocalDate | null => dayFromCell(cell);

/**
 * A case in a final state, already recorded as closed, has no clock left to move: its stored deadlines
 * stand and only its retention date is compared with today. Skipping the recomputation for these, most
 * of a long-running office's records, keeps the sweep's CPU time down. Null means "recompute".
 */
function settledClocks(
  profile: PolicyProfile,
  table: Table,
  row: readonly Cell[],
  record: CaseRecord,
): Clocks | null {
  if (stateKind(profile, record.state) !== 'final' || statusFromCell(table.value(row, COL.sla)) !== 'closed')
    return null;
  const retain = table.value(row, COL.retainUntil);
  const retainUntil = storedDay(retain);
  if (retain !== '' && !retainUntil) return null;
  return {
    acknowledgeBy: storedDay(table.value(row, COL.acknowledgeBy)),
    updateBy: storedDay(table.value(row, COL.updateBy)),
    appealBy: storedDay(table.value(row, COL.appealBy)),
    appealAcknowledgeBy: storedDay(table.value(row, COL.appealAcknowledgeBy)),
    appealDecisionBy: storedDay(table.value(row, COL.appealDecisionBy)),
    reviewBy: null,
    retainUntil,
    status: 'closed',
    statusReason: `Closed (${stateLabel(profile, record.state)}); nothing more to do`,
    nextDeadline: null,
    dueSoonFrom: null,
  };
}

/** Where a case went, grouped for counting: in scope, redirected to which body, or not yet known. */
function routeGroup(record: CaseRecord): string {
  const route = record.route;
  if (!route) return 'not yet routed (needs review)';
  if (route.inScope) return 'handled here';
  return route.redirectTo ? `redirected: ${route.redirectTo}` : 'not yet routed (needs review)';
}

export interface DashboardFigures {
  total: number;
  byStatus: Record<string, number>;
  byStage: Record<string, number>;
  byRoute: Record<string, number>;
  overdue: string[];
  pastRetention: number;
  closureProblems: string[];
  /** References of Outbox rows that could not be sent. */
  failedLetters?: readonly string[];
}

/** The Dashboard is the script's own tab: rewritten whole, in one write plus its colours. */
export function writeDashboard(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  now: Date,
  f: DashboardFigures,
): void {
  const sheet = ss.getSheetByName(TABS.dashboard) ?? ss.insertSheet(TABS.dashboard);
  const counts = (prefix: string, o: Record<string, number>): Cell[][] =>
    Object.entries(o)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, n]): Cell[] => [`${prefix}: ${name}`, n, '']);
  const { byStatus, overdue, pastRetention, closureProblems } = f;
  const rows: Cell[][] = [
    ['Measure', 'Count', 'Colour on the Cases tab'],
    ['Updated', now, ''],
    ['All cases', f.total, ''],
    ...DASHBOARD_LEGEND.map((l): Cell[] => [`SLA: ${l.status}`, byStatus[l.status] ?? 0, l.meaning]),
    ...counts('Stage', f.byStage),
    ...counts('Route', f.byRoute),
    ['Past retention date', pastRetention, 'Review these records for deletion'],
    ['Overdue references', overdue.slice(0, 200).join(', '), ''],
    [
      'Letters that could not be sent',
      (f.failedLetters ?? []).length,
      (f.failedLetters ?? []).length
        ? `See the Outbox "Last error" column: ${[...new Set(f.failedLetters)].slice(0, 50).join(', ')}`
        : '',
    ],
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
