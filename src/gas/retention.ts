/**
 * "Apply retention…": removes the personal data of every case past its retention date, everywhere it
 * lives. A complainant's data sits in the Cases row (visible cells and the hidden case data), the case's
 * letters on the Outbox and Staff mail, the Audit tab's from/to values, the form response's row on the
 * responses tab and the response the Form itself keeps; and their name, email, phone or address may be
 * quoted elsewhere (a digest, the Dashboard, an old response no case was made from). Each place is
 * cleared. What the office's figures are counted from is kept (reference, dates, channel, subject, route,
 * stage, outcome). Another case still within its own retention period that holds their details (their
 * later complaint, someone's complaint about them) is a record of its own: it is left whole, and named.
 *
 * Order matters for a run Google stops part-way: the Cases row is marked last, so a case whose letters
 * or audit were not all cleared is listed again next time, and clearing is safe to repeat.
 */
import { REMOVED, scrubText, type PersonDetails } from '../core/anonymise';
import { londonDate } from '../core/calendar';
import { formatDay } from '../core/labels';
import { RECOVERY_WINDOW_DAYS, responseIdentity } from '../core/responses';
import type { AuditEntry } from '../core/model';
import { appendAudit } from './audit';
import {
  COL,
  dayFromCell,
  recordFromRow,
  stateIdFromCell,
  storedComplaint,
  withoutPersonalData,
} from './cases';
import { retainUntil } from '../core/clocks';
import { concluded } from './sweep';
import { withScriptLock, type RunContext } from './context';
import { anonymisedReason, isAnonymised } from './anonymise';
import { responsesSheet } from './intake';
import { literal } from './literal';
import { MAIL_TABS, OUTBOX, STATUS } from './mail';
import { TABS } from './tabs';
import { Table, writeByKey, type Cell, type KeyedUpdate, type RowValues } from './table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface RetentionCandidate {
  reference: string;
  /** The last day the record was to be kept. */
  retainUntil: string;
}

export interface RetentionReport {
  anonymised: string[];
  letters: number;
  auditEntries: number;
  otherCells: number;
  responseRows: number;
  formResponses: number;
  /** Plain English, without personal data: what could not be done (the Form could not be opened…). */
  problems: string[];
  /**
   * Cases not past their own retention date (the person's later complaint, someone else's complaint about
   * them) that hold their details too: those records are kept whole until their own date comes.
   */
  keptIn: string[];
}

/**
 * Concluded cases past their retention date whose personal data is still held, oldest first. An open
 * case is never listed, whatever its date: its work is not finished.
 */
export function recordsPastRetention(ctx: RunContext, now: Date): RetentionCandidate[] {
  const sheet = ctx.ss.getSheetByName(TABS.cases);
  if (!sheet) throw new Error('There is no Cases tab. Run Complaints › Set up… to repair it.');
  const table = Table.read(sheet);
  const today = londonDate(now);
  const out: RetentionCandidate[] = [];
  for (const row of table.rows) {
    const reference = String(table.value(row, COL.reference)).trim();
    if (!reference || isAnonymised(table.value(row, COL.slaReason))) continue;
    let done: boolean;
    try {
      done = concluded(ctx.profile, stateIdFromCell(ctx.profile, table.value(row, COL.stage)));
    } catch {
      done = false;
    }
    if (!done) continue;
    // Worked out only for the concluded cases still holding data: the rest are never listed.
    const retainUntil = retentionDay(ctx, table, row);
    if (!retainUntil || retainUntil >= today) continue;
    out.push({ reference, retainUntil });
  }
  return out.sort((a, b) => a.retainUntil.localeCompare(b.retainUntil));
}

/**
 * A case's last day under the period in force now, worked out afresh: the "Keep record until" cell is only
 * reworked by the next morning run after the period changes. The cell where the row cannot be read.
 */
function retentionDay(ctx: RunContext, table: Table, row: readonly Cell[]): string | null {
  try {
    return retainUntil(ctx.profile, recordFromRow(ctx.profile, table, row));
  } catch {
    return dayFromCell(table.value(row, COL.retainUntil));
  }
}

/** The most references the retention messages list one by one; the rest are counted. */
export const REFERENCES_SHOWN = 30;

/** The confirmation staff answer before anything is removed. */
export function retentionQuestion(candidates: readonly RetentionCandidate[]): string {
  const shown = candidates.slice(0, REFERENCES_SHOWN);
  const list = shown.map((c) => `${c.reference} (kept until ${formatDay(c.retainUntil)})`).join('\n');
  const more = candidates.length > shown.length ? `\n…and ${candidates.length - shown.length} more.` : '';
  return (
    `${candidates.length} record(s) are past their retention date:\n\n${list}${more}\n\n` +
    'Remove their personal data now? Names, contact details, what happened and the letters are removed from ' +
    'every tab, the responses tab and the Form. The reference, dates, channel, subject, route, stage and ' +
    'outcome are kept, so the published figures do not change. This cannot be undone.'
  );
}

const PERSONAL_CASE_CELLS: Readonly<Record<string, Cell>> = {
  [COL.name]: REMOVED,
  [COL.email]: '',
  [COL.phone]: '',
  [COL.address]: '',
  [COL.subjectName]: '',
  [COL.subjectEmail]: '',
  [COL.description]: REMOVED,
  [COL.summary]: REMOVED,
  [COL.desiredOutcome]: '',
  [COL.adjustments]: '',
  [COL.notes]: '',
  [COL.lateAppealReason]: '',
  [COL.related]: '',
  [COL.arrangementContact]: '',
  [COL.arrangementChannel]: '',
  [COL.arrangementReview]: '',
};

/** Audit actions whose from and to values are what a person typed about the complainant. */
const PERSONAL_AUDIT_HEADERS: readonly string[] = Object.keys(PERSONAL_CASE_CELLS);

/** Which of a letter's statuses still wait for someone to act: cancelled with the data removed. */
const WAITING: readonly string[] = [
  STATUS.queued,
  STATUS.awaitingApproval,
  STATUS.approved,
  STATUS.failed,
  STATUS.print,
  STATUS.phone,
  STATUS.toDo,
];

const text = (cell: Cell) => (cell === '' ? '' : String(cell).replace(/^'/, ''));

/**
 * Removes the personal data of the given cases (those still past retention and not yet anonymised).
 * Under the script lock: the sweep, the sender and intake write the same tabs.
 */
export function applyRetentionTo(
  ctx: RunContext,
  references: readonly string[],
  actor: string,
  now: Date,
): RetentionReport {
  const report: RetentionReport = {
    anonymised: [],
    letters: 0,
    auditEntries: 0,
    otherCells: 0,
    responseRows: 0,
    formResponses: 0,
    problems: [],
    keptIn: [],
  };
  return withScriptLock(60_000, () => {
    const { ss } = ctx;
    const wanted = new Set(recordsPastRetention(ctx, now).map((c) => c.reference));
    const casesSheet = ss.getSheetByName(TABS.cases)!;
    const cases = Table.read(casesSheet);
    const chosen = cases.rows.filter((row) => {
      const reference = String(cases.value(row, COL.reference)).trim();
      return references.includes(reference) && wanted.has(reference);
    });
    if (chosen.length === 0) return report;
    const people: PersonDetails[] = chosen.flatMap((row) => personDetails(cases, row));
    const refs = new Set(chosen.map((row) => String(cases.value(row, COL.reference)).trim()));
    const scrub = (value: string) => people.reduce((t, p) => scrubText(t, p), value);
    // Every other case still holding its data is a record of its own, kept until its own date: the
    // person's later complaint, or someone else's complaint about them. Nothing of it is touched.
    const kept = keptCases(cases, refs);
    report.keptIn = [...kept.keys()].filter((reference) => mentions(kept.get(reference)!, scrub));
    const perCase = new Map<string, { letters: number; audit: number; response: boolean }>(
      [...refs].map((r) => [r, { letters: 0, audit: 0, response: false }]),
    );

    // The Audit tab first: only its editors may change it, so a person who may not stops here with
    // nothing removed rather than part-way.
    clearAudit(ss, refs, kept, scrub, report, perCase);
    for (const tab of MAIL_TABS) clearMail(ss, tab, refs, kept, scrub, report, perCase);
    clearResponses(ctx, chosen, cases, kept, scrub, report, perCase, now);
    report.otherCells += scrubOtherRows(casesSheet, cases, refs, kept, scrub);
    scrubDashboard(ss, scrub);

    const day = londonDate(now);
    const updates: KeyedUpdate[] = chosen.map((row) => {
      const values: RowValues = { ...PERSONAL_CASE_CELLS, [COL.slaReason]: anonymisedReason(day) };
      const data = withoutPersonalData(cases, row, day);
      if (data !== null) values[COL.data] = data;
      return { key: String(cases.value(row, COL.reference)).trim(), values };
    });
    const headers = [...Object.keys(PERSONAL_CASE_CELLS), COL.slaReason, COL.data].filter((h) =>
      cases.has(h),
    );
    writeByKey(
      casesSheet,
      COL.reference,
      headers,
      updates.map((u) => ({ key: u.key, values: Object.fromEntries(headers.map((h) => [h, u.values[h]!])) })),
    );
    report.anonymised = updates.map((u) => u.key);
    const entries: AuditEntry[] = report.anonymised.map((reference) => {
      const done = perCase.get(reference)!;
      return {
        at: now,
        reference,
        actor,
        action: 'retention applied',
        from: '',
        to: '',
        detail:
          `Personal data removed under the retention policy from the case, ${done.letters} letter(s) and ` +
          `${done.audit} audit entr${done.audit === 1 ? 'y' : 'ies'}` +
          (done.response ? ', and its form response' : ''),
      };
    });
    appendAudit(ss, entries);
    return report;
  });
}

/** Cases other than `refs` whose personal data is still held, by reference. */
function keptCases(cases: Table, refs: ReadonlySet<string>): Map<string, readonly Cell[]> {
  const out = new Map<string, readonly Cell[]>();
  for (const row of cases.rows) {
    const reference = text(cases.value(row, COL.reference)).trim();
    if (reference && !refs.has(reference) && !isAnonymised(cases.value(row, COL.slaReason)))
      out.set(reference, row);
  }
  return out;
}

/** Whether a case's row holds any of the details `scrub` takes out. */
function mentions(row: readonly Cell[], scrub: (t: string) => string): boolean {
  return row.some((cell) => typeof cell === 'string' && cell !== '' && scrub(cell) !== cell);
}

/** The person a case is about as its visible cells and its hidden case data hold them (they may differ). */
function personDetails(table: Table, row: readonly Cell[]): PersonDetails[] {
  const visible: PersonDetails = {
    name: text(table.value(row, COL.name)),
    email: text(table.value(row, COL.email)),
    phone: text(table.value(row, COL.phone)),
    address: text(table.value(row, COL.address)),
  };
  const stored = storedComplaint(table, row) ?? {};
  const hidden: PersonDetails = {
    name: stored.name ?? '',
    email: stored.email ?? '',
    phone: stored.phone ?? '',
    address: stored.address ?? '',
  };
  const same = (['name', 'email', 'phone', 'address'] as const).every((k) => visible[k] === hidden[k]);
  return same ? [visible] : [visible, hidden];
}

function clearAudit(
  ss: Spreadsheet,
  refs: ReadonlySet<string>,
  kept: ReadonlyMap<string, unknown>,
  scrub: (t: string) => string,
  report: RetentionReport,
  perCase: Map<string, { audit: number }>,
): void {
  const sheet = ss.getSheetByName(TABS.audit);
  if (!sheet) return;
  const table = Table.read(sheet);
  const [from, to, detail] = ['From', 'To', 'Detail'].map((h) => table.column(h));
  const changed = new Map<number, Cell[]>();
  table.rows.forEach((row, i) => {
    const reference = text(table.value(row, 'Reference'));
    if (kept.has(reference)) return;
    const action = text(table.value(row, 'Action'));
    const personal = refs.has(reference) && PERSONAL_AUDIT_HEADERS.some((h) => action.endsWith(`: ${h}`));
    const next = [...row];
    for (const c of [from!, to!, detail!]) {
      const before = text(row[c] ?? '');
      const after = personal && c !== detail && before !== '' ? REMOVED : scrub(before);
      if (after !== before) next[c] = literal(after);
    }
    if (next.some((v, c) => v !== row[c])) {
      changed.set(i, next);
      if (refs.has(reference)) perCase.get(reference)!.audit += 1;
      report.auditEntries += 1;
    }
  });
  if (changed.size === 0) return;
  // Append-only under the lock this run holds: rows have not moved since the read. From, To and Detail
  // sit side by side in the tab setup makes; written as one block per changed row otherwise.
  const adjacent = to === from! + 1 && detail === from! + 2;
  for (const [i, row] of changed) {
    const at = table.rowNumbers[i]!;
    if (adjacent) sheet.getRange(at, from! + 1, 1, 3).setValues([[row[from!]!, row[to!]!, row[detail!]!]]);
    else for (const c of [from!, to!, detail!]) sheet.getRange(at, c + 1).setValue(row[c]!);
  }
}

function clearMail(
  ss: Spreadsheet,
  tab: string,
  refs: ReadonlySet<string>,
  kept: ReadonlyMap<string, unknown>,
  scrub: (t: string) => string,
  report: RetentionReport,
  perCase: Map<string, { letters: number }>,
): void {
  const sheet = ss.getSheetByName(tab);
  if (!sheet) return;
  const table = Table.read(sheet);
  if (!table.has(OUTBOX.key)) return;
  const columns = [OUTBOX.to, OUTBOX.subject, OUTBOX.body, OUTBOX.error].filter((h) => table.has(h));
  const updates: KeyedUpdate[] = [];
  for (const row of table.rows) {
    const key = text(table.value(row, OUTBOX.key));
    if (!key) continue;
    const reference = text(table.value(row, OUTBOX.reference));
    if (kept.has(reference)) continue;
    const values: RowValues = {};
    if (refs.has(reference)) {
      const toPerson = text(table.value(row, OUTBOX.audience)) !== 'staff';
      values[OUTBOX.to] = toPerson ? REMOVED : scrub(text(table.value(row, OUTBOX.to)));
      values[OUTBOX.subject] = scrub(text(table.value(row, OUTBOX.subject)));
      values[OUTBOX.body] = REMOVED;
      if (table.has(OUTBOX.error)) values[OUTBOX.error] = scrub(text(table.value(row, OUTBOX.error)));
      if (WAITING.includes(text(table.value(row, OUTBOX.status)))) values[OUTBOX.status] = STATUS.cancelled;
      perCase.get(reference)!.letters += 1;
      report.letters += 1;
    } else {
      for (const h of columns) {
        const before = text(table.value(row, h));
        const after = scrub(before);
        if (after !== before) values[h] = after;
      }
      if (Object.keys(values).length === 0) continue;
      report.otherCells += Object.keys(values).length;
    }
    for (const h of Object.keys(values)) if (typeof values[h] === 'string') values[h] = literal(values[h]);
    updates.push({ key, values });
  }
  writeByKey(sheet, OUTBOX.key, [...columns, OUTBOX.status], updates);
}

/** A response's time to the second: the responses tab and the Form keep it to different precisions. */
const toSecond = (ms: number): number => Math.round(ms / 1000);

/**
 * The case's form response: its row on the responses tab is deleted (intake knows responses by what they
 * are, never by row, so deleting one disturbs nothing), and the Form's own copy is deleted with FormApp.
 */
function clearResponses(
  ctx: RunContext,
  chosen: readonly (readonly Cell[])[],
  cases: Table,
  kept: ReadonlyMap<string, readonly Cell[]>,
  scrub: (t: string) => string,
  report: RetentionReport,
  perCase: Map<string, { response: boolean }>,
  now: Date,
): void {
  const ids = new Map<string, string>();
  for (const row of chosen) {
    const id = text(cases.value(row, COL.responseId));
    if (id) ids.set(id, text(cases.value(row, COL.reference)));
  }
  if (ids.size === 0) return;
  // The responses the kept cases were made from: left whole, on the tab and in the Form.
  const keptIds = new Set<string>();
  for (const row of kept.values()) {
    const id = text(cases.value(row, COL.responseId));
    if (id) keptIds.add(id);
  }
  const keptSeconds = new Set<number>();
  const sheet = responsesSheet(ctx);
  const instants: { at: number; reference: string }[] = [];
  // Intake recovers responses of the last RECOVERY_WINDOW_DAYS by what they are (their fingerprint): a
  // recent response of someone else that mentions the person is left as it is, or recovery would take
  // the changed row for a new response. It is reported instead.
  const settled = now.getTime() - (RECOVERY_WINDOW_DAYS + 1) * 86_400_000;
  if (sheet) {
    const values = sheet.getDataRange().getValues();
    const doomed: number[] = [];
    let recent = 0;
    values.forEach((row, i) => {
      if (i === 0) return;
      const identity = responseIdentity(row[0], row.slice(1));
      const reference = identity ? ids.get(identity.id) : undefined;
      if (identity && reference !== undefined) {
        doomed.push(i + 1);
        instants.push({ at: toSecond(identity.at.getTime()), reference });
        return;
      }
      if (identity && keptIds.has(identity.id)) {
        keptSeconds.add(toSecond(identity.at.getTime()));
        return;
      }
      const cells = row.map((c) => (typeof c === 'string' ? c : null));
      const scrubbed = cells.map((c) => (c === null ? null : scrub(c)));
      const changed = scrubbed.some((c, j) => c !== cells[j]);
      if (!changed) return;
      if (!identity || identity.at.getTime() > settled) {
        recent += 1;
        return;
      }
      const next = row.map((c, j) => (scrubbed[j] ?? c) as Cell);
      sheet.getRange(i + 1, 1, 1, next.length).setValues([next]);
      report.otherCells += scrubbed.filter((c, j) => c !== cells[j]).length;
    });
    // From the bottom, so each row number still points at its row.
    for (const row of doomed.sort((a, b) => b - a)) sheet.deleteRow(row);
    report.responseRows += doomed.length;
    for (const { reference } of instants) perCase.get(reference)!.response = true;
    if (recent > 0)
      report.problems.push(
        `${recent} form response(s) from the last ${RECOVERY_WINDOW_DAYS} days mention them and were left as they are; run Apply retention again after that.`,
      );
  }
  if (!ctx.settings.formId) return;
  let form: GoogleAppsScript.Forms.Form;
  try {
    form = FormApp.openById(ctx.settings.formId);
  } catch {
    report.problems.push(
      'The complaint form could not be opened, so its own copy of the responses was not deleted. Delete them in the form’s Responses tab.',
    );
    return;
  }
  // The Form keeps its own copy of every response, which nothing here reads after intake. Their own
  // response goes; so does the copy of an older response of someone else that mentions them (a response
  // cannot be edited, and its row on the responses tab is kept, with the mention removed).
  const seconds = new Set(instants.map((x) => x.at));
  for (const response of form.getResponses()) {
    const at = response.getTimestamp().getTime();
    const answers = response
      .getItemResponses()
      .map((r) => {
        const v = r.getResponse() as string | string[];
        return Array.isArray(v) ? v.join(', ') : String(v);
      })
      .join('\n');
    if (scrub(answers) === answers) continue;
    if (keptSeconds.has(toSecond(at))) continue;
    if (!seconds.has(toSecond(at)) && at > settled) continue;
    form.deleteResponse(response.getId());
    report.formResponses += 1;
  }
}

/**
 * Mentions of the people in rows of cases already anonymised (a note written since), taken out; cases
 * still holding their data (`kept`) are left whole.
 */
function scrubOtherRows(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  table: Table,
  refs: ReadonlySet<string>,
  kept: ReadonlyMap<string, unknown>,
  scrub: (t: string) => string,
): number {
  const updates: KeyedUpdate[] = [];
  const headers = new Set<string>();
  for (const row of table.rows) {
    const reference = text(table.value(row, COL.reference));
    if (!reference || refs.has(reference) || kept.has(reference)) continue;
    const values: RowValues = {};
    table.headers.forEach((h, c) => {
      const cell = row[c];
      if (!h || typeof cell !== 'string' || cell === '') return;
      const after = scrub(cell);
      if (after !== cell) {
        values[h] = after;
        headers.add(h);
      }
    });
    if (Object.keys(values).length > 0) updates.push({ key: reference, values });
  }
  if (updates.length > 0) writeByKey(sheet, COL.reference, [...headers], updates);
  return updates.reduce((n, u) => n + Object.keys(u.values).length, 0);
}

/** The Dashboard's Today view may name the person: their name is taken out until the next sweep redraws it. */
function scrubDashboard(ss: Spreadsheet, scrub: (t: string) => string): void {
  const sheet = ss.getSheetByName(TABS.dashboard);
  if (!sheet || sheet.getLastRow() === 0) return;
  const range = sheet.getDataRange();
  const values = range.getValues() as Cell[][];
  let changed = false;
  const next = values.map((row) =>
    row.map((cell) => {
      if (typeof cell !== 'string') return cell;
      const after = scrub(cell);
      if (after !== cell) changed = true;
      return after;
    }),
  );
  if (changed) range.setValues(next);
}
