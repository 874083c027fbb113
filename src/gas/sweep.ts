/**
 * The daily sweep: recompute every case's deadlines and SLA status (deadlines are never frozen: a new
 * closure day moves open cases), flag records past their retention date, queue reminders, refresh the
 * Dashboard. Most of a long-running office's cases are concluded with nothing left to do: Cases is read by
 * columns (column-read.ts), six columns of every row, and only the other cases are read whole and
 * recomputed. Only rows whose computed values change are written, in one narrow keyed write. Calls do not
 * grow with the number of cases; rows are matched by reference and columns by header at write time, so a
 * sort or a column inserted by staff meanwhile misplaces nothing.
 */
import { computeClocks } from '../core/clocks';
import { londonDate, londonInstant, londonTime, makeCalendar, type Calendar } from '../core/calendar';
import { COMPLAINTS_TEAM_ROLE } from '../core/correspondence';
import { stateKind } from '../core/lifecycle';
import { roleTitle } from '../core/profile';
import { formatDay } from '../core/labels';
import type { CaseRecord, Clocks, PolicyProfile } from '../core/model';
import { todaySections, type TodayCase, type TodayLetter } from '../core/today';
import { failingLettersWarning, roleEmailWarnings } from './admin-warnings';
import {
  CLOCK_HEADERS,
  COL,
  clockValues,
  dayFromCell,
  recordFromRow,
  stateLabel,
  statusFromCell,
  statusId,
  stateIdFromCell,
  isTrue,
} from './cases';
import { STATUS_LABELS } from '../core/labels';
import { withScriptLock, type RunContext } from './context';
import { queueReminders, readOutbox } from './mail';
import { SETTINGS_HEADERS, SETTING_KEYS, settingRows, type Settings } from './settings';
import { literal } from './literal';
import { DASHBOARD_LEGEND, legendLabel } from './status-colours';
import { TABS } from './tabs';
import { IncompleteWriteError, Table, writeByKey, type Cell, type KeyedUpdate } from './table';
import { readByColumns, type CellOf } from './column-read';
import { relatedCases, relatedText, type Contact } from '../core/people';
import type { CaseFacts } from '../core/reports';
import { REPORT_COLUMNS, caseFacts, reportFor, writeReports } from './reports-tab';
import { isAnonymised } from './anonymise';

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
    // One read of the Outbox: what each case still owes in letters (so a case is green only when nothing
    // is owed to anyone), the letters that failed, and the keys reminders are queued against.
    const outbox = readOutbox(ss);
    const today = londonDate(now);
    // A case with a letter waiting is listed on the Today view with its complainant: it is read whole.
    const lettered = new Set((outbox?.waiting ?? []).map((l) => l.reference));
    const day = new SweepDay(today);
    // The retention period changed since the "Keep record until" days were worked out: every case is
    // read whole and its day worked out again, once.
    const period = profile.clocks.retention?.years ?? null;
    const rework = period !== null && settings.retentionApplied !== period;
    // What each concluded case's computed cells should hold, worked out once while choosing the rows to
    // read whole (undefined: read whole).
    const settledRows: (Settled | undefined)[] = [];
    const view = readByColumns(sheet, SWEEP_COLUMNS, (i, cell) => {
      const reference = String(cell(COL.reference, i));
      if (reference === '') return false;
      // A contact arrangement's review day is a deadline, even on a closed case: recomputed whole.
      if (cell(COL.arrangementReview, i) !== '' || rework) return true;
      const settled = settledValues(profile, cell, i, day);
      if (settled && !lettered.has(reference) && !(outbox?.owed.get(reference)?.length ?? 0)) {
        settledRows[i] = settled;
        return false;
      }
      return true;
    });
    const table = view?.full ?? Table.read(sheet);
    const updates: KeyedUpdate[] = [];
    const cases: { record: CaseRecord; clocks: Clocks; subjectEmail: string; shareWithSubject: boolean }[] =
      [];
    const byStatus: Record<string, number> = {};
    const byStage: Record<string, number> = {};
    const byRoute: Record<string, number> = {};
    const overdue: string[] = [];
    const todayCases: TodayCase[] = [];
    let total = 0;
    let pastRetention = 0;
    // Concluded cases with nothing owed: counted from the few columns read, written only when they change.
    if (view) {
      const [reference, stageOf, routeOf] = [COL.reference, COL.stage, COL.route].map((h) => view.column(h));
      const stored = CHANGED_WHEN_SETTLED.map((h) => ({ header: h, cell: view.column(h) }));
      settledRows.forEach((settled, i) => {
        if (!settled) return;
        if (settled.pastRetention) pastRetention += 1;
        if (stored.some(({ header, cell }) => !sameCell(cell(i), settled.values[header]!)))
          updates.push({ key: String(reference!(i)), values: { ...settled.values, [COL.updated]: now } });
        byStatus['closed'] = (byStatus['closed'] ?? 0) + 1;
        const stage = String(stageOf!(i) || 'No stage');
        byStage[stage] = (byStage[stage] ?? 0) + 1;
        const route = routeOf!(i);
        const where = day.memo('route', route, () => routeGroupFromCell(profile, route));
        byRoute[where] = (byRoute[where] ?? 0) + 1;
        total += 1;
      });
    }
    for (const row of table.rows) {
      const record = recordFromRow(profile, table, row);
      if (!record.reference) continue;
      const owed = outbox?.owed.get(record.reference) ?? [];
      const clocks =
        (owed.length || rework ? null : settledClocks(profile, table, row, record)) ??
        computeClocks(profile, record, now, calendar, { owed });
      const values = clockValues(profile, record, clocks, now);
      // A Needs-review case from before cases in review had an owner: it is the complaints team's.
      if (
        profile.lifecycle.states.find((s) => s.id === record.state)?.kind === 'review' &&
        String(table.value(row, COL.handler)).trim() === ''
      )
        values[COL.handler] = roleTitle(profile, COMPLAINTS_TEAM_ROLE, 'en');
      // Counted by id, as the Dashboard legend lists them; the cell shows the words.
      const status = statusId(profile, record, clocks);
      if (isAnonymised(table.value(row, COL.slaReason)))
        values[COL.slaReason] = table.value(row, COL.slaReason);
      // Only a concluded record is kept "until": an open case past the date still has work to finish.
      else if (clocks.retainUntil && clocks.retainUntil < today && concluded(profile, record.state)) {
        pastRetention += 1;
        values[COL.slaReason] = retentionReason(clocks.retainUntil);
      }
      if (Object.entries(values).some(([h, v]) => h !== COL.updated && !sameCell(table.value(row, h), v)))
        updates.push({ key: record.reference, values });
      total += 1;
      cases.push({
        record,
        clocks,
        subjectEmail: String(table.value(row, COL.subjectEmail)).trim(),
        shareWithSubject: isTrue(table.value(row, COL.subjectCopy)),
      });
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      const stage = String(table.value(row, COL.stage) || 'No stage');
      byStage[stage] = (byStage[stage] ?? 0) + 1;
      const where = routeGroup(record);
      byRoute[where] = (byRoute[where] ?? 0) + 1;
      if (status === 'overdue') overdue.push(record.reference);
      todayCases.push({
        reference: record.reference,
        complainant: String(table.value(row, COL.name)).trim(),
        status: clocks.status,
        nextDeadline: clocks.nextDeadline,
        due: clocks.statusReason,
        owner: ownerText(profile, settings, String(values[COL.handler] ?? table.value(row, COL.handler))),
      });
    }
    // Every row's few columns, whether it was read whole or not: for linking one person's cases and for
    // the Reports tab.
    const height = view ? view.height : table.rows.length;
    const columnOf = (h: string): ((i: number) => Cell) =>
      view ? view.column(h) : table.has(h) ? (i) => table.value(table.rows[i]!, h) : () => '';
    const related = relatedUpdates(height, columnOf, view !== null || table.has(COL.related));
    const merged = mergeUpdates(updates, related);
    const facts = caseFactsOf(profile, height, columnOf, today);
    // Columns and rows are found again at write time (staff may have reshaped the tab since the read).
    // A computed column missing from the tab stops nothing else, but is reported once the rest is done.
    let incomplete: IncompleteWriteError | null = null;
    try {
      writeByKey(sheet, COL.reference, [...CLOCK_HEADERS, COL.handler, COL.related], merged, {
        narrow: view !== null,
      });
    } catch (error) {
      if (!(error instanceof IncompleteWriteError)) throw error;
      incomplete = error;
    }
    queueReminders(ss, settings, profile, cases, now, calendar, outbox);
    writeDashboard(ss, now, {
      today: {
        cases: todayCases,
        letters: outbox?.waiting ?? [],
        calendar,
        teamTitle: roleTitle(profile, COMPLAINTS_TEAM_ROLE, 'en'),
      },
      warnings: adminWarnings(profile, settings, outbox?.waiting ?? []),
      total,
      byStatus,
      byStage,
      byRoute,
      overdue,
      pastRetention,
      closureProblems: settings.closureProblems,
      failedLetters: outbox?.failed ?? [],
    });
    writeReports(ss, reportFor(facts, now), now);
    if (incomplete) throw incomplete;
    if (rework) recordRetentionApplied(ss, ctx.settingsTable, profile, period);
    return { cases: total, byStatus, pastRetention };
  });
}

/** Says on Settings which period the "Keep record until" days now follow, once they all do. */
function recordRetentionApplied(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Table,
  profile: PolicyProfile,
  years: number,
): void {
  const sheet = ss.getSheetByName(TABS.settings);
  if (!sheet) return;
  const key = SETTING_KEYS.retentionApplied;
  if (settings.rows.some((row) => settings.value(row, 'Key') === key))
    writeByKey(sheet, 'Key', ['Value'], [{ key, values: { Value: years } }]);
  else {
    // A tab from before this row: the row setup writes, in whatever column order staff gave the tab.
    const row = settingRows(profile, { [key]: years }).find((r) => r[0] === key)!;
    const order: readonly string[] = SETTINGS_HEADERS;
    sheet.appendRow(settings.headers.map((h) => row[order.indexOf(h)] ?? ''));
  }
}

/** Other cases from the same email or phone, for rows whose Related cases cell says otherwise. */
function relatedUpdates(
  height: number,
  columnOf: (h: string) => (i: number) => Cell,
  hasColumn: boolean,
): KeyedUpdate[] {
  if (!hasColumn) return [];
  const [reference, email, phone, stored] = [COL.reference, COL.email, COL.phone, COL.related].map(columnOf);
  const contacts: Contact[] = [];
  for (let i = 0; i < height; i++)
    contacts.push({
      reference: String(reference!(i)).trim(),
      email: String(email!(i)),
      phone: String(phone!(i)),
    });
  const links = relatedCases(contacts);
  const out: KeyedUpdate[] = [];
  contacts.forEach((c, i) => {
    if (!c.reference) return;
    const text = relatedText(links.get(c.reference) ?? []);
    if (String(stored!(i)).trim() !== text) out.push({ key: c.reference, values: { [COL.related]: text } });
  });
  return out;
}

/** One update per case: the related-cases cell joins whatever else the sweep writes to the row. */
function mergeUpdates(updates: readonly KeyedUpdate[], more: readonly KeyedUpdate[]): KeyedUpdate[] {
  const byKey = new Map<string, KeyedUpdate>();
  for (const u of [...updates, ...more]) {
    const seen = byKey.get(u.key);
    byKey.set(
      u.key,
      seen ? { key: u.key, values: { ...seen.values, ...u.values } } : { ...u, values: { ...u.values } },
    );
  }
  return [...byKey.values()];
}

function caseFactsOf(
  profile: PolicyProfile,
  height: number,
  columnOf: (h: string) => (i: number) => Cell,
  today: string,
): CaseFacts[] {
  const columns = new Map(REPORT_COLUMNS.map((h) => [h as string, columnOf(h)]));
  const out: CaseFacts[] = [];
  for (let i = 0; i < height; i++) {
    const facts = caseFacts(profile, (h) => columns.get(h)!(i), today);
    if (facts) out.push(facts);
  }
  return out;
}

/** What the sweep reads of every case: enough to tell a concluded case with nothing to do from the rest. */
const SETTLED_COLUMNS = [COL.reference, COL.sla, COL.slaReason, COL.stage, COL.retainUntil, COL.route];

/**
 * Every column the sweep reads of every row: the settled test, a contact arrangement's review day, the
 * contact details one person's cases are linked by, and what the Reports tab counts.
 */
const SWEEP_COLUMNS = [
  ...new Set<string>([
    ...SETTLED_COLUMNS,
    COL.arrangementReview,
    COL.email,
    COL.phone,
    COL.related,
    ...REPORT_COLUMNS,
  ]),
];

/**
 * The columns of a concluded case that move. Its other clock columns are its own stored days, and Next
 * deadline and Due soon from were emptied by the same write that made its Status "Closed".
 */
const CHANGED_WHEN_SETTLED = [COL.sla, COL.slaReason];

/** Whether a cell read holds a value computed for it: a day by its instant, anything else as text. */
function sameCell(stored: Cell, computed: Cell): boolean {
  if (stored === computed) return true;
  if (computed instanceof Date || stored instanceof Date)
    return stored instanceof Date && computed instanceof Date && stored.getTime() === computed.getTime();
  return String(stored) === String(computed);
}

/**
 * A concluded case's computed columns from its few read columns (what settledClocks and clockValues give
 * it), or null when it is not settled and must be read whole and recomputed. Called for every case, so
 * the cells' words are looked up once per run (`memo`) and a day cell is compared by its instant with the
 * start of today in London rather than turned into a London day.
 */
function settledValues(profile: PolicyProfile, cell: CellOf, i: number, today: SweepDay): Settled | null {
  const stageCell = cell(COL.stage, i);
  // A stage the policy does not know: read whole, where recordFromRow says what is wrong.
  const state = today.memo('stage', stageCell, () => {
    try {
      return stateIdFromCell(profile, stageCell);
    } catch {
      return null;
    }
  });
  if (state === null || stateKind(profile, state) !== 'final') return null;
  const statusCell = cell(COL.sla, i);
  if (today.memo('status', statusCell, () => statusFromCell(statusCell)) !== 'closed') return null;
  // Its personal data already removed under the retention policy: nothing more is due, ever.
  const reason = cell(COL.slaReason, i);
  if (isAnonymised(reason))
    return { pastRetention: false, values: { ...CLOSED_VALUES, [COL.slaReason]: reason } };
  const retain = cell(COL.retainUntil, i);
  let pastRetention = false;
  if (retain instanceof Date && !Number.isNaN(retain.getTime()))
    pastRetention = retain.getTime() < today.start;
  else if (retain !== '') {
    const day = dayFromCell(retain);
    if (!day) return null;
    pastRetention = day < today.day;
  }
  if (pastRetention)
    return {
      pastRetention,
      values: { ...CLOSED_VALUES, [COL.slaReason]: retentionReason(dayFromCell(retain)!) },
    };
  // Shared between the cases in one state: read, never changed.
  const values = today.memo('closed', state, () => ({
    ...CLOSED_VALUES,
    [COL.slaReason]: `Closed (${stateLabel(profile, state)}); nothing more to do`,
  }));
  return { pastRetention, values };
}

const CLOSED_VALUES: Readonly<Record<string, Cell>> = {
  [COL.sla]: STATUS_LABELS.closed,
  [COL.nextDeadline]: '',
  [COL.dueSoonFrom]: '',
};

interface Settled {
  /** Shared between cases: read, never changed. */
  values: Readonly<Record<string, Cell>>;
  pastRetention: boolean;
}

/** Today as the sweep compares days with it, and the words it has already looked up this run. */
class SweepDay {
  readonly start: number;
  private readonly caches = new Map<string, Map<unknown, unknown>>();
  constructor(readonly day: string) {
    this.start = londonInstant(day).getTime();
  }
  /** `make(cell)`, worked out once per distinct cell value of a kind. */
  memo<T>(kind: string, cell: unknown, make: () => T): T {
    let cache = this.caches.get(kind);
    if (!cache) this.caches.set(kind, (cache = new Map()));
    if (!cache.has(cell)) cache.set(cell, make());
    return cache.get(cell) as T;
  }
}

/** Closed or final: the complaint has been answered, whatever may still follow (an appeal window). */
export function concluded(profile: PolicyProfile, state: string): boolean {
  const kind = stateKind(profile, state);
  return kind === 'closed' || kind === 'final';
}

function retentionReason(retainUntil: string): string {
  return `Past its retention date (${formatDay(retainUntil)}): remove its personal data with Complaints › Apply retention…`;
}

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
  const retainUntil = dayFromCell(retain);
  if (retain !== '' && !retainUntil) return null;
  return {
    acknowledgeBy: dayFromCell(table.value(row, COL.acknowledgeBy)),
    updateBy: dayFromCell(table.value(row, COL.updateBy)),
    appealBy: dayFromCell(table.value(row, COL.appealBy)),
    appealAcknowledgeBy: dayFromCell(table.value(row, COL.appealAcknowledgeBy)),
    appealDecisionBy: dayFromCell(table.value(row, COL.appealDecisionBy)),
    reviewBy: null,
    retainUntil,
    status: 'closed',
    statusReason: `Closed (${stateLabel(profile, record.state)}); nothing more to do`,
    nextDeadline: null,
    dueSoonFrom: null,
  };
}

/**
 * routeGroup from the "Where it goes" cell (cases.ts routeText), for cases not read whole: "Redirected:"
 * names the body's contact, mapped back to the redirect it came from.
 */
function routeGroupFromCell(profile: PolicyProfile, cell: Cell): string {
  const text = String(cell).trim();
  if (text.startsWith('Handled here')) return 'handled here';
  if (text === 'Not eligible') return 'redirected: not-eligible';
  const redirected = /^Redirected: (.*)$/.exec(text);
  if (!redirected) return 'not yet routed (needs review)';
  const named = redirected[1]!;
  const rule = profile.redirects.find((r) => r.contact === named || r.id === named || r.target === named);
  return `redirected: ${rule?.target ?? named}`;
}

/** Where a case went, grouped for counting: in scope, redirected to which body, or not yet known. */
function routeGroup(record: CaseRecord): string {
  const route = record.route;
  if (!route) return 'not yet routed (needs review)';
  if (route.inScope) return 'handled here';
  return route.redirectTo ? `redirected: ${route.redirectTo}` : 'not yet routed (needs review)';
}

/** Who owns a case, as staff know them: the Handled by role's title, with the person's name from Settings. */
function ownerText(profile: PolicyProfile, settings: Settings, handledBy: string): string {
  const title = handledBy.trim();
  const role = profile.roles.find((r) => r.title === title || r.id === title);
  const name = role ? settings.roleNames[role.id] : undefined;
  return name ? `${title} (${name})` : title;
}

/** What an administrator must put right, shown at the top of the Dashboard (admin-warnings.ts). */
export function adminWarnings(
  profile: PolicyProfile,
  settings: Settings,
  waiting: readonly TodayLetter[],
): string[] {
  const failing = failingLettersWarning(waiting);
  return [
    ...roleEmailWarnings(profile, settings),
    ...(settings.retentionProblem ? [settings.retentionProblem] : []),
    ...(failing ? [failing] : []),
  ];
}

export interface DashboardFigures {
  /** What the Today view lists; without it (a fresh setup) every section says "Nothing". */
  today?: {
    cases: readonly TodayCase[];
    letters: readonly TodayLetter[];
    calendar: Calendar;
    /** Owner of a letter about no case. */
    teamTitle: string;
  };
  /** Problems an administrator must fix, in words (never a setting's value). */
  warnings?: readonly string[];
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

/** The Dashboard's width: the Today view's four columns (reference, complainant, what is due, owner). */
const WIDTH = 4;

/**
 * The Dashboard is the script's own tab, rewritten whole: the Today view first (what to do this morning),
 * then the counts and compliance. One write of values, one of colours (the SLA legend), one of bold
 * (headings), whatever the number of cases.
 */
export function writeDashboard(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  now: Date,
  f: DashboardFigures,
): void {
  // A missing Dashboard comes back as the first tab, where setup puts it.
  const sheet = ss.getSheetByName(TABS.dashboard) ?? ss.insertSheet(TABS.dashboard, 0);
  const line = (...cells: Cell[]): Cell[] => [...cells, ...new Array<Cell>(WIDTH - cells.length).fill('')];
  const headings = new Set<number>();
  const rows: Cell[][] = [];
  const heading = (...cells: Cell[]) => {
    headings.add(rows.length);
    rows.push(line(...cells));
  };

  const today = londonDate(now);
  heading('Today', `As of ${formatDay(today)} ${londonTime(now)}`);
  for (const warning of f.warnings ?? []) rows.push(line('Warning', warning));
  heading('Reference', 'Complainant', 'What is due', 'Who owns it');
  const sections = todaySections(
    f.today?.cases ?? [],
    f.today?.letters ?? [],
    today,
    f.today?.calendar ?? makeCalendar(),
    { owner: f.today?.teamTitle ?? '' },
  );
  for (const section of sections) {
    if (section.lines.length === 0) {
      rows.push(line(section.title, 'Nothing'));
      continue;
    }
    heading(`${section.title}: ${section.lines.length}`);
    for (const l of section.lines) rows.push(line(l.reference, l.complainant, l.due, l.owner));
  }
  rows.push(line());

  const counts = (prefix: string, o: Record<string, number>): Cell[][] =>
    Object.entries(o)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, n]): Cell[] => line(`${prefix}: ${name}`, n));
  const { byStatus, overdue, pastRetention, closureProblems } = f;
  const legendRow = new Map<number, string>();
  heading('Measure', 'Count', 'Colour on the Cases tab');
  rows.push(line('All cases', f.total));
  for (const l of DASHBOARD_LEGEND) {
    legendRow.set(rows.length, l.colour);
    rows.push(line(`Status: ${legendLabel(l.status)}`, byStatus[l.status] ?? 0, l.meaning));
  }
  rows.push(
    ...counts('Stage', f.byStage),
    ...counts('Route', f.byRoute),
    line('Past retention date', pastRetention, 'Complaints › Apply retention… removes their personal data'),
    line('Overdue references', overdue.slice(0, 200).join(', ')),
    line(
      'Letters that could not be sent',
      (f.failedLetters ?? []).length,
      (f.failedLetters ?? []).length
        ? `See the Outbox "Last error" column: ${[...new Set(f.failedLetters)].slice(0, 50).join(', ')}`
        : '',
    ),
    ...closureProblems.map((p): Cell[] => line('Settings problem', p, 'Office closure days')),
  );
  // clear(), not clearContents(): the rows move with the length of the Today view, so yesterday's
  // colours and bold must not stay behind on rows that now say something else.
  sheet.clear();
  // Names and reasons come from people (a complainant named "=SUM(...)"): written as the text given.
  sheet.getRange(1, 1, rows.length, WIDTH).setValues(rows.map((r) => r.map(literal)));
  sheet.setConditionalFormatRules([]);
  const range = sheet.getRange(1, 1, rows.length, WIDTH);
  range.setBackgrounds(rows.map((_, i) => [legendRow.get(i) ?? null, null, null, null]));
  range.setFontWeights(
    rows.map((_, i) => new Array<'bold' | 'normal'>(WIDTH).fill(headings.has(i) ? 'bold' : 'normal')),
  );
}
