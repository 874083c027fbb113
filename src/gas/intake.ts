/**
 * A new complaint, from the form or logged by staff: validate, give it a reference, route it, record
 * it and queue its first letters, all under the script lock. A submission that fails validation still
 * becomes a case ("Needs review") listing its problems: nothing is ever dropped.
 *
 * Form responses are known by their identity (timestamp and a fingerprint of the answers, see
 * core/responses.ts), never by row number, so deleting, sorting or renaming the responses tab, or a new
 * form, loses or doubles nothing. The intake ledger in script properties records, per response, the
 * reference it was given before anything is written, and marks it complete once the case row, its audit
 * entry and its first letters are in. A run killed in between leaves an incomplete entry: the next event
 * for that response or the daily recovery finishes it under the same reference, writing only what is
 * missing (letters are queued by key, so none is queued twice).
 *
 * The cost does not grow with the number of cases: the reference counter and the ledger live in script
 * properties, the row is appended after getLastRow, and the Cases tab is never read in full here.
 */
import { londonDate } from '../core/calendar';
import { computeClocks } from '../core/clocks';
import { intake } from '../core/intake';
import { initialState } from '../core/lifecycle';
import { newCaseRecord } from '../core/case-record';
import type { AuditEntry, CaseRecord, IntakeProblem, PolicyProfile } from '../core/model';
import { makeCalendar } from '../core/calendar';
import {
  SINCE_KEY,
  isBlankResponse,
  ledgerEntry,
  ledgerWrite,
  recoveryCutoff,
  responseIdentity,
  staleLedgerKeys,
  type ResponseIdentity,
} from '../core/responses';
import { route } from '../core/routing';
import { BAD_SUBMISSION_ID, isSubmissionId, staffIdentity, staffReceivedAt } from '../core/staff-intake';
import { AUDIT_HEADERS, appendAudit, deferredAuditProperty } from './audit';
import { SUBMIT_HEALTH_PROPERTY } from './health';
import { literal } from './literal';
import { appendUnder, type AppendCheck } from './cached-append';
import { CASE_COLUMNS, COL, DAY_FORMAT, newCaseRow, safeguardingNote } from './cases';
import { officeProfile, withScriptLock, type RunContext } from './context';
import { answersToSubmission } from './form-questions';
import { firstLetterItems, queueFirstLetters, OUTBOX } from './mail';
import { letterRows, pendingFlags } from './mail/outbox';
import { templatesFrom } from './mail/templates-tab';
import { parseSettings, type Settings } from './settings';
import { droppedShape, shapeFrom, type Shape } from './shape-cache';
import { TABS } from './tabs';
import { Table, appendRecords, readHeaders, type Cell, type RowValues } from './table';

const LOCK_TIMEOUT_MS = 30_000;

/** The daily sweep only recovers responses older than this, giving their own trigger time to run. */
const RECOVER_AFTER_MS = 30 * 60_000;
/** Properties of the row-number scheme this replaced, removed when counting (re)starts. */
const LEGACY_KEYS = ['responses:through', 'responses:done-above'];

type Props = Record<string, string>;
type Store = GoogleAppsScript.Properties.Properties;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** `WIL-2026-0042`: numbered per year, never reused even when rows are deleted. */
function nextReference(
  profile: PolicyProfile,
  receivedAt: Date,
  props: Props,
): { reference: string; key: string; value: string } {
  const year = londonDate(receivedAt).slice(0, 4);
  const key = `reference:${profile.referencePrefix}:${year}`;
  const next = Number(props[key] ?? '0') + 1;
  return {
    reference: `${profile.referencePrefix}-${year}-${String(next).padStart(4, '0')}`,
    key,
    value: String(next),
  };
}

export interface NewCase {
  reference: string;
  ok: boolean;
}

/** A form response to make into a case: which one it is, and the reference it already has. */
interface Response {
  identity: ResponseIdentity;
  /** Set when an earlier run started this response and was stopped before it completed. */
  reference?: string;
}

/**
 * Number formats for a new Cases row: typed answers stay text on every row (a phone number's leading
 * zero, text starting "=" or "+"), also below the rows setup formatted; days show as dd/mm/yyyy and
 * Received with its time. Other columns keep their format.
 */
export function rowFormats(headers: readonly string[], current: readonly string[]): string[] {
  const specs = new Map(CASE_COLUMNS.map((c) => [c.header, c]));
  return headers.map((header, i) => {
    const spec = specs.get(header);
    if (spec?.text) return '@';
    if (spec?.dateFormat) return spec.dateFormat;
    if (spec?.dropdown === 'date') return DAY_FORMAT;
    return current[i] ?? 'General';
  });
}

/**
 * Appends one case row, each value under its header, formats first so nothing typed is reinterpreted.
 * appendRecords reads the header row again once written and lays the row out again if staff inserted,
 * moved or deleted a column meanwhile.
 */
function appendCaseRow(sheet: Sheet, values: RowValues): void {
  appendRecords(sheet, [values], (headers) => rowFormats(headers, []));
}

/** The Audit entry of a case made: how it came in and where it went, or why it needs review. */
function creationEntry(
  profile: PolicyProfile,
  record: CaseRecord,
  ok: boolean,
  now: Date,
  problems: number,
): AuditEntry {
  return {
    at: now,
    reference: record.reference,
    actor: 'script',
    action: 'case created',
    from: '',
    to: record.state,
    detail:
      (ok
        ? `Received by ${record.complaint.channel ?? 'form'}; ${record.route?.reason ?? ''}`
        : `Needs review: ${problems} problem(s) with the submission`) +
      safeguardingNote(profile, record.complaint),
  };
}

/** Whether a case row with this reference is on the Cases tab (only asked when finishing a stopped run). */
function hasCaseRow(sheet: Sheet, headers: readonly string[], reference: string): boolean {
  const column = headers.indexOf(COL.reference);
  const last = sheet.getLastRow();
  if (column < 0 || last < 2) return false;
  return sheet
    .getRange(2, column + 1, last - 1, 1)
    .getValues()
    .some((r) => String(r[0]) === reference);
}

/** Whether the Audit tab records this case's creation (only asked when finishing a stopped run). */
function hasCreationAudit(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, reference: string): boolean {
  const sheet = ss.getSheetByName(TABS.audit);
  if (!sheet || sheet.getLastRow() < 2) return false;
  const headers = readHeaders(sheet);
  const refColumn = headers.indexOf(AUDIT_HEADERS[1]);
  const actionColumn = headers.indexOf(AUDIT_HEADERS[3]);
  if (refColumn < 0 || actionColumn < 0) return false;
  const left = Math.min(refColumn, actionColumn);
  const width = Math.abs(refColumn - actionColumn) + 1;
  return sheet
    .getRange(2, left + 1, sheet.getLastRow() - 1, width)
    .getValues()
    .some((r) => String(r[refColumn - left]) === reference && r[actionColumn - left] === 'case created');
}

/**
 * Records one case; the caller holds the lock. For a form response (or a staff submission) the reference and the ledger's
 * "started" entry are saved together, in one call, before anything else is written; the entry is marked
 * complete after the last write. A run stopped in between is finished by the next one (`response.reference`).
 */
function recordLocked(
  ctx: RunContext,
  raw: unknown,
  now: Date,
  store: Store,
  props: Props,
  response?: Response,
  receivedOn?: Date,
): NewCase {
  const { ss, profile, calendar, settings } = ctx;
  const checked = intake(raw);
  const complaint = checked.ok ? checked.complaint : checked.partial;
  const routed = checked.ok ? route(profile, checked.complaint) : null;
  // The response's own timestamp: a case recovered later keeps the day it was really received.
  // A staff-logged complaint: the day staff say it arrived.
  const receivedAt = receivedOn ?? response?.identity.at ?? now;
  const resuming = response?.reference !== undefined;
  let reference: string;
  if (response?.reference !== undefined) {
    reference = response.reference;
  } else {
    const next = nextReference(profile, receivedAt, props);
    reference = next.reference;
    const updates: Props = { [next.key]: next.value };
    if (response) {
      // One call: a reference is never saved without the response it belongs to, nor the other way round.
      const started = ledgerWrite(props, response.identity, { reference, complete: false });
      updates[started.key] = started.value;
      store.setProperties(updates);
    } else {
      store.setProperty(next.key, next.value);
    }
    Object.assign(props, updates);
  }
  const record = newCaseRecord({
    reference,
    policyId: profile.id,
    receivedAt,
    state: initialState(profile, routed, checked.ok),
    complaint,
    route: routed,
  });
  const problems = checked.ok ? [] : checked.problems;
  const clocks = computeClocks(profile, record, now, calendar);
  const sheet = ss.getSheetByName(TABS.cases);
  if (!sheet) throw new Error('There is no Cases tab. Run Complaints › Set up… to repair it.');
  const headers = readHeaders(sheet);
  if (!resuming || !hasCaseRow(sheet, headers, reference)) {
    const row = newCaseRow(profile, record, problems, clocks, now, response?.identity.id ?? '');
    appendCaseRow(sheet, row);
  }
  if (!resuming || !hasCreationAudit(ss, reference)) {
    appendAudit(ss, [creationEntry(profile, record, checked.ok, now, problems.length)]);
  }
  queueFirstLetters(ss, settings, profile, record, clocks, now);
  if (response) {
    const done = ledgerWrite(props, response.identity, { reference, complete: true });
    store.setProperty(done.key, done.value);
    props[done.key] = done.value;
  }
  return { reference, ok: checked.ok };
}

/**
 * What the dialog is told: the reference, and when the case needs review, each problem with the field it
 * concerns, so staff see it beside that field. The messages never repeat what was typed.
 */
export interface StaffCase extends NewCase {
  problems: IntakeProblem[];
}

/**
 * A complaint logged by staff, known by the id its dialog gave it (core/staff-intake.ts): the first call
 * makes the case, a call for a case already complete returns its reference, and a call after one
 * stopped part-way finishes it, all through the same ledger as form responses.
 */
export function recordStaffCase(ctx: RunContext, submissionId: string, raw: unknown, now: Date): StaffCase {
  if (!isSubmissionId(submissionId)) throw new Error(BAD_SUBMISSION_ID);
  const received = staffReceivedAt((raw as { receivedOn?: unknown } | null)?.receivedOn, now);
  if (!received.ok) throw new Error(received.message);
  // Intake is pure: checked once here, it gives the problems the case row records, made now or before.
  const checked = intake(raw);
  const made = withScriptLock(LOCK_TIMEOUT_MS, (): NewCase => {
    const store = PropertiesService.getScriptProperties();
    const props = store.getProperties();
    const identity = staffIdentity(submissionId, now, props);
    const entry = ledgerEntry(props, identity);
    if (entry?.complete) return { reference: entry.reference, ok: checked.ok };
    return recordLocked(ctx, raw, now, store, props, { identity, reference: entry?.reference }, received.at);
  });
  return { ...made, problems: checked.ok ? [] : checked.problems };
}

/** A form response under the lock: made into a case, finished if a run was stopped, or null if already one. */
function recordResponseLocked(
  ctx: RunContext,
  identity: ResponseIdentity,
  raw: unknown,
  now: Date,
  store: Store,
  props: Props,
): NewCase | null {
  const entry = ledgerEntry(props, identity);
  if (entry?.complete) return null;
  return recordLocked(ctx, raw, now, store, props, { identity, reference: entry?.reference });
}

/** What a form-submit event led to; `note` is for trigger health and never carries personal data. */
export interface SubmitResult {
  created: NewCase | null;
  note: string | null;
}

/** The answers of e.namedValues, leaving out the timestamp Forms adds. */
function namedAnswers(named: Record<string, string[] | string | undefined>): string[] {
  return Object.entries(named)
    .filter(([title]) => title !== 'Timestamp')
    .map(([, value]) => (Array.isArray(value) ? value.join(', ') : String(value ?? '')));
}

/**
 * The installable form-submit trigger. The event's answers say what was submitted; the response row
 * (e.range) gives its identity and timestamp. Blank events (Forms sends some), events without their row
 * and repeats of an event already made into a case change nothing; the first two leave a health note.
 * A row that no longer holds the event's answers (moved before it was read) is left to the recovery.
 */
export function recordFormResponse(
  ctx: RunContext,
  e: Partial<GoogleAppsScript.Events.SheetsOnFormSubmit> | undefined,
  now: Date,
): SubmitResult {
  const named = e?.namedValues ?? {};
  if (isBlankResponse(namedAnswers(named)))
    return { created: null, note: 'Ignored a form event with no answers: there was nothing to record.' };
  if (!e?.range)
    return {
      created: null,
      note: 'A form event came without its response row; the morning check makes the case from the responses tab.',
    };
  const cells = (e.range.getValues()[0] ?? []) as unknown[];
  const identity = responseIdentity(cells[0], cells.slice(1));
  const moved = Array.isArray(e.values) && cells.some((cell, i) => i > 0 && !sameAnswer(cell, e.values![i]));
  if (!identity || moved)
    return {
      created: null,
      note: 'A form response row changed before it was read; the morning check makes the case from the responses tab.',
    };
  const raw = submissionFromNamedValues(ctx.profile, named);
  const created = withScriptLock(LOCK_TIMEOUT_MS, () => {
    const store = PropertiesService.getScriptProperties();
    return recordResponseLocked(ctx, identity, raw, now, store, store.getProperties());
  });
  return { created, note: null };
}

/**
 * Whether a response cell still holds the answer the event carries. Sheets stores an answer as it would
 * a typed entry: digits become a number, a date a date, text starting with = + - or @ may become a formula
 * or its result. Only plain text is compared; those others cannot tell a moved row from the same one.
 */
function sameAnswer(cell: unknown, submitted: string | undefined): boolean {
  const text = submitted ?? '';
  if (typeof cell !== 'string' || /^[=+\-@]/.test(text)) return true;
  return cell === text;
}

/**
 * A response row's answers as the person typed them, as near as the tab still holds them: a cell Sheets
 * turned into a formula gives its formula text, a date or number the text Sheets shows for it.
 */
function typedAnswers(
  values: readonly unknown[],
  shown: readonly string[],
  formulas: readonly string[],
): string[] {
  return values.map((value, c) => {
    if (formulas[c]) return formulas[c]!;
    if (typeof value === 'string') return value;
    return shown[c] ?? String(value);
  });
}

/** Setup: responses already on the tab are taken as handled; every later one is made into a case. */
export function startCountingResponses(now: Date): void {
  const store = PropertiesService.getScriptProperties();
  if (store.getProperty(SINCE_KEY) !== null) return;
  store.setProperty(SINCE_KEY, now.toISOString());
  for (const key of LEGACY_KEYS) store.deleteProperty(key);
}

/** Formatted rows kept below the last response, so Forms writes every answer into a plain-text cell. */
const ANSWER_ROWS_AHEAD = 200;
/** Rows added at a time when they run low: one insert and one format every few hundred responses. */
const ANSWER_ROWS_ADDED = 1_000;

/**
 * Forms stores each answer as Sheets stores a typed entry: a phone number loses its leading zero, a date
 * becomes a date, and text starting with = + - or @ may become a live formula. A cell formatted as plain
 * text keeps what was typed. Formats the answer columns (all but Timestamp, which must stay a date) of
 * rows `from` to the end of the grid; rows Forms adds itself when the grid is full come unformatted, so
 * the daily recovery keeps formatted rows ahead of the responses (keepAnswerRowsAhead).
 */
export function formatAnswersAsText(sheet: Sheet, from = 2): void {
  const rows = sheet.getMaxRows() - from + 1;
  const columns = sheet.getMaxColumns() - 1;
  if (rows > 0 && columns > 0) sheet.getRange(from, 2, rows, columns).setNumberFormat('@');
}

/** Adds formatted rows below the grid when the responses come near its end (one call on most days). */
function keepAnswerRowsAhead(sheet: Sheet, last: number): void {
  const max = sheet.getMaxRows();
  if (max - last >= ANSWER_ROWS_AHEAD) return;
  sheet.insertRowsAfter(max, ANSWER_ROWS_ADDED);
  const columns = sheet.getMaxColumns() - 1;
  if (columns > 0) sheet.getRange(max + 1, 2, ANSWER_ROWS_ADDED, columns).setNumberFormat('@');
}

/**
 * The tab the form writes its responses to: the one Settings names if it is still linked to our form
 * (a rename keeps the link), else whichever tab is linked to it (found by its form URL).
 */
export function responsesSheet(ctx: RunContext): Sheet | null {
  const { ss, settings } = ctx;
  const ours = (sheet: Sheet): boolean => {
    const url = sheet.getFormUrl();
    return Boolean(url) && (!settings.formId || String(url).includes(settings.formId));
  };
  const named = settings.responsesTab ? ss.getSheetByName(settings.responsesTab) : null;
  if (named && ours(named)) return named;
  return ss.getSheets().find(ours) ?? null;
}

export interface RecoveryReport {
  /** References of the cases made (or finished) from responses whose own trigger had not. */
  made: string[];
  /** Plain-English problems for staff, without personal data; each is retried the next morning. */
  problems: string[];
}

/**
 * Nothing is dropped: a form response whose trigger failed (a lock timeout, a quota, an outage, a run
 * stopped half-way) is still on the responses tab. The daily sweep makes a case of every response of the
 * last RECOVERY_WINDOW_DAYS that the ledger does not record as complete and is over 30 minutes old. One
 * response that fails is reported and retried next time; it never stops the others.
 */
export function recoverMissedResponses(ctx: RunContext, now: Date): RecoveryReport {
  const report: RecoveryReport = { made: [], problems: [] };
  const sheet = responsesSheet(ctx);
  if (!sheet) return report;
  return withScriptLock(LOCK_TIMEOUT_MS, () => {
    const store = PropertiesService.getScriptProperties();
    const props = store.getProperties();
    const since = props[SINCE_KEY];
    if (since === undefined) {
      // Counting starts now: earlier responses were handled before this safeguard existed.
      startCountingResponses(now);
      return report;
    }
    for (const key of staleLedgerKeys(props, now)) {
      store.deleteProperty(key);
      delete props[key];
    }
    const last = sheet.getLastRow();
    try {
      keepAnswerRowsAhead(sheet, last);
    } catch (error) {
      // Formatting is protection for later answers; it must never stop recovering the ones already in.
      const reason = error instanceof Error ? error.message : String(error);
      report.problems.push(`Rows for later form responses could not be prepared: ${reason}`);
    }
    if (last < 2) return report;
    const cutoff = recoveryCutoff(new Date(since), now).getTime();
    const stamps = sheet.getRange(2, 1, last - 1, 1).getValues();
    const rows: number[] = [];
    let undated = 0;
    stamps.forEach(([stamp], i) => {
      if (stamp instanceof Date) {
        const t = stamp.getTime();
        // Whole seconds, as identities are: a response in the second counting started is counted.
        if (t >= cutoff - 999 && now.getTime() - t >= RECOVER_AFTER_MS) rows.push(i + 2);
      } else if (stamp !== '') undated += 1;
    });
    if (undated > 0)
      report.problems.push(
        `${undated} row(s) on the form responses tab have no timestamp, so they cannot be checked; please restore the Timestamp column.`,
      );
    if (rows.length === 0) return report;
    const width = sheet.getLastColumn();
    const header = sheet.getRange(1, 1, 1, width).getValues()[0] ?? [];
    const top = rows[0]!;
    const range = sheet.getRange(top, 1, rows[rows.length - 1]! - top + 1, width);
    const block = range.getValues();
    const shown = range.getDisplayValues();
    const formulas = range.getFormulas();
    let failed = 0;
    for (const row of rows) {
      const cells = block[row - top] ?? [];
      const identity = responseIdentity(cells[0], cells.slice(1));
      if (!identity || isBlankResponse(cells.slice(1)) || ledgerEntry(props, identity)?.complete) continue;
      try {
        const typed = typedAnswers(cells, shown[row - top] ?? [], formulas[row - top] ?? []);
        const named: Record<string, string> = {};
        header.forEach((title, c) => {
          const answer = typed[c];
          if (c > 0 && title !== '' && answer !== '' && answer !== undefined) named[String(title)] = answer;
        });
        const raw = submissionFromNamedValues(ctx.profile, named);
        const made = recordResponseLocked(ctx, identity, raw, now, store, props);
        if (made) report.made.push(made.reference);
      } catch (error) {
        failed += 1;
        // Service and script errors are worded without personal data; the response is named by its time.
        const reason = error instanceof Error ? error.message : String(error);
        report.problems.push(
          `The form response of ${identity.id.slice(0, 20)} could not be made into a case: ${reason}`,
        );
      }
    }
    // Counts only: the responses hold personal data.
    if (report.made.length > 0) console.log(`recovered ${report.made.length} form response(s)`);
    if (failed > 0) console.log(`${failed} form response(s) could not be recovered; retrying tomorrow`);
    return report;
  });
}

/** Form answers as Google delivers them (e.namedValues: title → [answer]). */
export function submissionFromNamedValues(
  profile: PolicyProfile,
  namedValues: Record<string, string[] | string | undefined>,
): Record<string, unknown> {
  const answers: Record<string, string> = {};
  for (const [title, value] of Object.entries(namedValues)) {
    answers[title] = Array.isArray(value) ? value.join(', ') : String(value ?? '');
  }
  return answersToSubmission(profile, answers);
}

/** Settings read in one call: the tab's first rows and columns, enough for any office's directory. */
const SETTINGS_BLOCK = `'${TABS.settings}'!A1:Z200`;

/** Who a case's and a letter's row is, whatever column it landed in (cached-append.ts). */
const CASE_ROW: AppendCheck = { identify: (r) => [String(r[COL.reference] ?? '')] };
const MAIL_ROW: AppendCheck = { identify: (r) => [String(r[OUTBOX.key] ?? '')] };

/** The tabs the quick path appends to; its Audit entry waits in a script property (audit.ts). */
const QUICK_TABS = [TABS.cases, TABS.outbox, TABS.staffMail] as const;
type QuickTab = (typeof QUICK_TABS)[number];

/**
 * A form response made into a case at the floor of service calls (20 for a case with one letter and one
 * notice to staff):
 *   e.range's values (its identity), Settings in one read, the lock, every script property in one read
 *   (the ledger, the reference counter and the shape cache), one write of the reference with the
 *   ledger's "started" entry and the sender's flags, one appendRow per row on Cases, Audit, the Outbox and
 *   Staff mail, one check of the header row of each tab staff may reshape (the Audit tab is protected
 *   from them), and one write marking the response complete, with the run's health and the prepared
 *   rows used.
 * The lock is not released by a call: Apps Script releases it when the run ends, which is at once.
 * Null when the quick path cannot be taken (no cache, a tab short of prepared rows, a response being
 * finished after a stopped run, anything unusual): the caller takes the long way, which handles them all.
 */
export function recordFormResponseQuickly(
  e: Partial<GoogleAppsScript.Events.SheetsOnFormSubmit> | undefined,
  now: Date,
  retire: (settings: Settings, triggerUid: string | undefined) => boolean,
): SubmitResult | null {
  const named = e?.namedValues ?? {};
  if (!e?.range || isBlankResponse(namedAnswers(named))) return null;
  const cells = (e.range.getValues()[0] ?? []) as unknown[];
  const identity = responseIdentity(cells[0], cells.slice(1));
  if (
    !identity ||
    (Array.isArray(e.values) && cells.some((cell, i) => i > 0 && !sameAnswer(cell, e.values![i])))
  )
    return null;
  // Not e.source: Google documents none for a spreadsheet's form-submit event.
  const ctx = quickContext(SpreadsheetApp.getActiveSpreadsheet());
  if (!ctx) return null;
  if (retire(ctx.settings, e.triggerUid)) return { created: null, note: null };
  const raw = submissionFromNamedValues(ctx.profile, named);
  return withScriptLock(LOCK_TIMEOUT_MS, () => {
    const store = PropertiesService.getScriptProperties();
    const props = store.getProperties();
    const entry = ledgerEntry(props, identity);
    if (entry?.complete) return { created: null, note: null };
    const shape = shapeFrom(props);
    if (entry || !shape) return null;
    return quickRecord(ctx, shape, raw, identity, now, store, props);
  });
}

/** The Cases tab's text columns written literally (literal.ts), whatever format the row has. */
function literalTextColumns(values: RowValues): RowValues {
  const out: RowValues = { ...values };
  for (const spec of CASE_COLUMNS) {
    const value = out[spec.header];
    if (spec.text && typeof value === 'string') out[spec.header] = literal(value);
  }
  return out;
}

function quickContext(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): RunContext | null {
  try {
    const values = ss.getRange(SETTINGS_BLOCK).getValues() as Cell[][];
    // A Settings tab longer than the block is read whole by the long way.
    if ((values[values.length - 1] ?? []).some((c) => c !== '')) return null;
    const [header = [], ...rows] = values;
    const settingsTable = Table.fromValues(
      TABS.settings,
      header,
      rows.filter((r) => r.some((c) => c !== '')),
    );
    const settings = parseSettings(settingsTable);
    if (!settings.policyId) return null;
    const profile = officeProfile(settings);
    return { ss, settingsTable, settings, profile, calendar: makeCalendar(settings.closures) };
  } catch {
    return null;
  }
}

function quickRecord(
  ctx: RunContext,
  shape: Shape,
  raw: unknown,
  identity: ResponseIdentity,
  now: Date,
  store: Store,
  props: Props,
): SubmitResult | null {
  const { ss, profile, calendar, settings } = ctx;
  const checked = intake(raw);
  const complaint = checked.ok ? checked.complaint : checked.partial;
  const routed = checked.ok ? route(profile, checked.complaint) : null;
  const next = nextReference(profile, identity.at, props);
  const reference = next.reference;
  const record = newCaseRecord({
    reference,
    policyId: profile.id,
    receivedAt: identity.at,
    state: initialState(profile, routed, checked.ok),
    complaint,
    route: routed,
  });
  const problems = checked.ok ? [] : checked.problems;
  const clocks = computeClocks(profile, record, now, calendar);
  // Written literally: a row past the prepared ones has no plain-text format to keep "0163…" as text.
  const caseRow = literalTextColumns(newCaseRow(profile, record, problems, clocks, now, identity.id));
  // Recorded with the response's completion and appended to the Audit tab by the next sender run.
  const audit = deferredAuditProperty(
    props,
    creationEntry(profile, record, checked.ok, now, problems.length),
  );
  const items = firstLetterItems(settings, profile, record, clocks);
  for (const item of items) item.values.caseLink = shape.url;
  const [header = [], ...templateValues] = shape.templates ?? [];
  const templates = templatesFrom(
    shape.templates ? Table.fromValues(TABS.templates, header, templateValues) : null,
    profile,
  );
  const { letters, staff } = letterRows(settings, templates, profile, items, now, new Set(), true);
  const rows: Record<QuickTab, RowValues[]> = {
    [TABS.cases]: [caseRow],
    [TABS.outbox]: letters,
    [TABS.staffMail]: staff,
  };
  const started = ledgerWrite(props, identity, { reference, complete: false });
  // One call: a reference is never saved without the response it belongs to, nor the other way round;
  // the sender's flags before the rows it will look for.
  store.setProperties({
    [next.key]: next.value,
    [started.key]: started.value,
    ...(pendingFlags(letters, staff) ?? {}),
  });
  Object.assign(props, { [next.key]: next.value, [started.key]: started.value });
  let stale = false;
  for (const tab of QUICK_TABS) {
    if (rows[tab].length === 0) continue;
    const sheet = ss.getSheetByName(tab);
    if (!sheet) throw new Error(`There is no ${tab} tab. Run Complaints › Set up… to repair it.`);
    const check = tab === TABS.cases ? CASE_ROW : MAIL_ROW;
    if (appendUnder(sheet, shape.headers[tab], rows[tab], check) !== null) stale = true;
  }
  const done = ledgerWrite(props, identity, { reference, complete: true });
  store.setProperties({
    [done.key]: done.value,
    [SUBMIT_HEALTH_PROPERTY]: now.toISOString(),
    ...audit,
    // A tab reshaped under the run: its headers are read afresh next time.
    ...(stale ? droppedShape() : {}),
  });
  props[done.key] = done.value;
  return { created: { reference, ok: checked.ok }, note: null };
}
