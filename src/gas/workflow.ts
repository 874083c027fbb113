/**
 * Staff work a case by editing its row on the Cases tab. The installable onEdit trigger maps each edit of
 * a workflow column to a lifecycle action and checks it against the policy:
 *
 *   Stage               → the transition from the old stage to the new one (e.g. Stage 1 → Stage 2)
 *   Decision            → `decide` (a decision of the current stage)
 *   Outcome             → kept with the case; closing (Stage → Closed) requires it
 *   Acknowledged on     → `acknowledge`          Last update sent       → `record-update`
 *   Clock paused        → `pause` / `resume`     Appeal received        → `appeal`
 *   Appeal acknowledged → `acknowledge-appeal`   Appeal outcome         → `decide-appeal` (in an appeal)
 *   Handled by          → `handle-personally` when the Chief Executive takes it on (Wiltshire §4.8)
 *
 * An illegal change is refused: the cell goes back to its old value, the reason is shown to the person and
 * the refusal is written to Audit. A legal one is written to Audit (who, when, what, from → to) and the
 * row's computed columns are recomputed. Other columns (Notes, the email of the person complained about)
 * are the staff's own and are not checked.
 *
 * A paste or fill over several cells is refused as a whole for its workflow columns: Apps Script gives no
 * old values for a multi-cell edit, so each workflow cell it changed is put back to the value the script
 * last accepted for that case (kept in the hidden case-data column), the person is asked to change one
 * cell at a time, and the refusal is audited per case. Non-workflow cells in the paste stay as pasted.
 * If another run holds the script lock for more than 10 seconds, a single changed cell is put back and
 * the person asked to make the change again; the failure is recorded in trigger health.
 * One exception: an acknowledgement date the sender filled in when it emailed the letter is kept, since
 * the script cannot tell it from a pasted one until the case's next checked change.
 *
 * An edit of the Reference or the hidden case data changes which case a row is: case-identity.ts puts it
 * back first. Every write goes through cell-writes.ts: only the cells that change, placed by header and
 * reference at the moment of writing, so a colleague's edit, a sort or a new column in between is kept.
 */
import { isLocalDate, londonDate, londonInstant } from '../core/calendar';
import { fromDayNumber } from '../core/calendar/local-date';
import {
  CHANNEL_LABELS,
  CONTACT_LABELS,
  LANGUAGE_LABELS,
  RELATIONSHIP_LABELS,
  SUBJECT_LABELS,
} from '../core/labels';
import { computeClocks } from '../core/clocks';
import { owedAfter } from '../core/correspondence';
import { contactProblem, intake } from '../core/intake';
import { actionForStateChange, applyAction, initialState, stateKind } from '../core/lifecycle';
import {
  type AuditEntry,
  type CaseAction,
  type CaseRecord,
  type Complaint,
  type PolicyProfile,
} from '../core/model';
import { route } from '../core/routing';
import { appendAudit, flushDeferredAudit } from './audit';
import {
  CASE_COLUMNS,
  COL,
  CONTACT_COLUMNS,
  WORKFLOW_COLUMNS,
  acceptedValue,
  actionValues,
  appealOutcomeIdFromCell,
  clockValues,
  contactMethodFromCell,
  decisionIdFromCell,
  languageFromCell,
  relationshipFromCell,
  routedValues,
  storedComplaint,
  storedReceivedAt,
  subjectFromCell,
  submissionFromCells,
  withComplaint,
  withReceived,
  outcomeIdFromCell,
  recordFromRow,
  roleIdFromCell,
  stateIdFromCell,
  withAccepted,
  channelFromCell,
  summaryValues,
  isTrue,
} from './cases';
import { guardIdentity } from './case-identity';
import { changedValues, sameCell, writeKeyedCells } from './cell-writes';
import { actorFor, type RunContext } from './context';
import { queueEventLetters, queueFirstLetters } from './mail';
import { readdressUnsentLetters } from './mail/outbox';
import { TABS } from './tabs';
import { Table, readHeaders, type Cell } from './table';

export { WORKFLOW_COLUMNS };

/** Dates the mail sender fills in itself when an acknowledgement is emailed (see mail/sender.ts). */
const SENDER_FILLED: readonly string[] = [COL.acknowledged, COL.appealAcknowledged];

export interface StaffEdit {
  range: GoogleAppsScript.Spreadsheet.Range;
  oldValue?: string;
  user?: { getEmail(): string };
}

type Mapping = { action: CaseAction } | { dataOnly: string } | { refuse: string };

const DATE_COLUMNS: readonly string[] = CASE_COLUMNS.filter((c) => c.dropdown === 'date').map(
  (c) => c.header,
);
/** Days from Sheets' day zero (1899-12-30) to 1970-01-01. */
const SHEETS_EPOCH_DAYS = 25_569;

/**
 * e.oldValue is text (what the cell showed, or a date's serial number). A date or a checkbox is put back
 * as a date or a boolean, so a refused change never turns a date into text.
 */
export function oldCellValue(header: string, oldValue: string | undefined): Cell {
  const text = (oldValue ?? '').trim();
  if (text === '') return '';
  if (header === COL.paused || header === COL.subjectCopy) return text.toUpperCase() === 'TRUE';
  if (header === COL.received) {
    // Received shows a date and a time (dd/mm/yyyy hh:mm).
    const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2}))?/.exec(text);
    const day = m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : '';
    if (m && isLocalDate(day)) return londonInstant(day, Number(m[4] ?? 0), Number(m[5] ?? 0));
  }
  if (DATE_COLUMNS.includes(header)) {
    const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
    const day = dmy
      ? `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`
      : /^\d+(\.\d+)?$/.test(text)
        ? fromDayNumber(Math.floor(Number(text)) - SHEETS_EPOCH_DAYS)
        : '';
    if (isLocalDate(day)) return londonInstant(day);
  }
  return text;
}

/** What a change of one workflow cell means for the case. */
export function mapEdit(
  profile: PolicyProfile,
  header: string,
  before: CaseRecord,
  row: (h: string) => Cell,
  value: Cell,
): Mapping {
  switch (header) {
    case COL.stage: {
      const to = stateIdFromCell(profile, value);
      if (!profile.lifecycle.states.some((s) => s.id === to))
        return { refuse: `"${String(value)}" is not a stage of this policy.` };
      const action = actionForStateChange(profile, before.state, to);
      if (!action)
        return {
          refuse: `A case cannot move straight from "${label(profile, before.state)}" to "${label(profile, to)}".`,
        };
      const outcome =
        stateKind(profile, to) === 'final' && stateKind(profile, before.state) === 'appeal'
          ? appealOutcomeIdFromCell(profile, row(COL.appealOutcome))
          : outcomeIdFromCell(profile, row(COL.outcome));
      const decision = decisionIdFromCell(profile, row(COL.decision));
      return { action: { do: action, ...(outcome ? { outcome } : {}), ...(decision ? { decision } : {}) } };
    }
    case COL.decision: {
      const decision = decisionIdFromCell(profile, value);
      return decision ? { action: { do: 'decide', decision } } : { dataOnly: 'decision cleared' };
    }
    case COL.outcome:
      return { dataOnly: 'outcome chosen' };
    case COL.acknowledged:
      return value instanceof Date
        ? { action: { do: 'acknowledge' } }
        : { refuse: 'Enter the date the acknowledgement was sent.' };
    case COL.lastUpdate:
      return value instanceof Date
        ? { action: { do: 'record-update' } }
        : { refuse: 'Enter the date the update was sent.' };
    case COL.paused:
      return { action: { do: isTrue(value) ? 'pause' : 'resume' } };
    case COL.appealReceived:
      return value instanceof Date
        ? { action: { do: 'appeal' } }
        : { refuse: 'Enter the date the appeal was received.' };
    case COL.appealAcknowledged:
      return value instanceof Date
        ? { action: { do: 'acknowledge-appeal' } }
        : { refuse: 'Enter the date the appeal acknowledgement was sent.' };
    case COL.appealOutcome: {
      const outcome = appealOutcomeIdFromCell(profile, value);
      if (
        before.state &&
        profile.lifecycle.states.find((s) => s.id === before.state)?.kind === 'appeal' &&
        outcome
      ) {
        const finalState = profile.lifecycle.transitions.find(
          (t) => t.from.includes(before.state) && t.guards?.includes('appeal-outcome-given'),
        );
        if (finalState) return { action: { do: finalState.action, outcome } };
      }
      return { dataOnly: 'appeal outcome chosen' };
    }
    case COL.subjectCopy:
      return {
        dataOnly: isTrue(value)
          ? 'complaint may be shared with the person complained about'
          : 'sharing with the person complained about withdrawn',
      };
    case COL.handler: {
      const role = roleIdFromCell(profile, value);
      const personal = profile.lifecycle.commonActions.some((c) => c.action === 'handle-personally');
      if (personal && role && profile.appeal.noAppealWhenHandledBy.includes(role))
        return { action: { do: 'handle-personally' } };
      return { dataOnly: 'handler changed' };
    }
  }
  return { dataOnly: '' };
}

/** The member of staff complained about, as the row shows them now. */
function subjectOf(at: (h: string) => Cell): { share: boolean; email: string } {
  return { share: isTrue(at(COL.subjectCopy)), email: String(at(COL.subjectEmail) ?? '').trim() };
}

function label(profile: PolicyProfile, id: string): string {
  return profile.lifecycle.states.find((s) => s.id === id)?.label ?? id;
}

/**
 * How a staff change was made. The case sidebar writes the cell and calls this under the script lock it
 * already holds (`lockHeld`), so the change and its check are one step; it runs as the person at the
 * keyboard, who may not write the Audit tab, so the deferred entries wait for the next trigger run.
 */
export interface EditOptions {
  lockHeld?: boolean;
}

/** Checks a staff change; returns why a single workflow cell's change was refused, else null. */
export function handleStaffEdit(
  ctx: RunContext,
  e: StaffEdit,
  now: Date,
  options: EditOptions = {},
): string | null {
  const { settings } = ctx;
  const range = e.range;
  const sheet = range.getSheet();
  if (sheet.getName() !== TABS.cases) return null;
  const headers = readHeaders(sheet);
  // The edited range's position and size, asked for once: each is a service call.
  const first = range.getColumn() - 1;
  const width = range.getNumColumns();
  const top = range.getRow();
  const height = range.getNumRows();
  const touched = headers.slice(first, first + width);
  const identity = touched.includes(COL.reference) || touched.includes(COL.data);
  if (!identity && !touched.some((h) => WORKFLOW_COLUMNS.includes(h) || DETAIL_COLUMNS.includes(h)))
    return null;
  const lastRow = top + height - 1;
  if (lastRow < 2) return null;
  const actor = actorFor(settings, e.user?.getEmail() ?? Session.getActiveUser().getEmail());
  const who = actor.email ? `${actor.role} <${actor.email}>` : actor.role;

  const single = height === 1 && width === 1;
  const lock = options.lockHeld ? null : LockService.getScriptLock();
  if (lock && !lock.tryLock(10_000)) {
    // An unchecked change must not stand: put a single cell back and ask for it again.
    if (single) range.setValue(oldCellValue(headers[first] ?? '', e.oldValue));
    ctx.ss.toast(
      single
        ? 'The complaints system is busy, so your change was not saved. Please make it again in a minute.'
        : 'The complaints system is busy, so this change could not be checked. Please check the cells you changed.',
      'Not saved',
    );
    throw new Error('Lock timeout: a staff change on the Cases tab could not be checked');
  }
  let refusal: string | null = null;
  try {
    // Staff edits run as the triggers' owner, who may write the Audit tab: catch up what others could not.
    // Only what people without edit rights left: form submissions' entries go with the next sender run.
    if (!options.lockHeld) flushDeferredAudit(ctx.ss, false);
    // A row whose identity was changed is put back first; nothing else in it is then taken as staff's change.
    const handled = identity ? guardIdentity(ctx, sheet, headers, e, who, now) : new Set<number>();
    const workflowCell = WORKFLOW_COLUMNS.includes(headers[first] ?? '');
    const detailCell = DETAIL_COLUMNS.includes(headers[first] ?? '');
    if (single && workflowCell && handled.size === 0)
      refusal = applySingleEdit(ctx, sheet, headers, { row: top, column: first + 1 }, e, who, actor, now);
    else if (single && detailCell && handled.size === 0)
      applyDetailEdit(ctx, sheet, headers, { row: top, column: first + 1 }, e, who, now);
    else if (!single) {
      // The pasted rows, read once for both checks: putting workflow cells back leaves detail cells alone.
      const pasteTop = Math.max(top, 2);
      const rows = sheet
        .getRange(pasteTop, 1, lastRow - pasteTop + 1, headers.length)
        .getValues() as Cell[][];
      const paste: Paste = {
        top: pasteTop,
        rows,
        table: Table.fromValues(TABS.cases, headers, rows, pasteTop),
        columns: (list) =>
          headers
            .map((h, i) => ({ h, i }))
            .filter(({ h, i }) => i >= first && i < first + width && list.includes(h)),
      };
      undoPaste(ctx, sheet, headers, paste, who, now, handled);
      if (touched.some((h) => DETAIL_COLUMNS.includes(h)))
        checkPastedDetails(ctx, sheet, headers, paste, who, now, handled);
    }
  } finally {
    lock?.releaseLock();
  }
  return refusal;
}

/** One workflow cell changed; returns the reason it was refused, or null when it stood. */
function applySingleEdit(
  ctx: RunContext,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  headers: string[],
  cell: { row: number; column: number },
  e: StaffEdit,
  who: string,
  actor: ReturnType<typeof actorFor>,
  now: Date,
): string | null {
  const { ss, profile, calendar, settings } = ctx;
  const first = cell.column - 1;
  const rowNumber = cell.row;
  const rowValues = sheet.getRange(rowNumber, 1, 1, headers.length).getValues()[0] as Cell[];
  const table = Table.fromValues(TABS.cases, headers, [rowValues], rowNumber);
  const header = headers[first]!;
  const value = rowValues[first]!;
  const beforeValues = [...rowValues];
  const oldValue = oldCellValue(header, e.oldValue);
  beforeValues[first] = oldValue;
  const before = recordFromRow(profile, table, beforeValues);
  const reference = before.reference;
  if (!reference) return null;
  const at = (h: string) => table.value(rowValues, h);
  const mapping = mapEdit(profile, header, before, at, value);
  const audit: AuditEntry[] = [];

  let refusal: string | null = null;
  const refuse = (reason: string) => {
    refusal = reason;
    writeKeyedCells(sheet, COL.reference, [{ key: reference, values: { [header]: oldValue } }]);
    ss.toast(reason, `Change refused (${reference})`);
    audit.push({
      at: now,
      reference,
      actor: who,
      action: `refused: ${header}`,
      from: String(e.oldValue ?? ''),
      to: String(value),
      detail: reason,
    });
  };

  if ('refuse' in mapping) {
    refuse(mapping.refuse);
  } else if ('dataOnly' in mapping) {
    // Not a lifecycle action, but still the value a later paste over this cell is undone to.
    const data = withAccepted(table, rowValues, header, value);
    if (data !== null && !sameCell(data, at(COL.data))) {
      writeKeyedCells(sheet, COL.reference, [{ key: reference, values: { [COL.data]: data } }]);
    }
    if (header === COL.subjectCopy)
      queueEventLetters(
        ss,
        settings,
        profile,
        before,
        before,
        computeClocks(profile, before, now, calendar),
        now,
        subjectOf(at),
      );
    if (mapping.dataOnly) {
      audit.push({
        at: now,
        reference,
        actor: who,
        action: mapping.dataOnly,
        from: String(e.oldValue ?? ''),
        to: String(value),
        detail: header,
      });
    }
  } else if (mapping.action.do === ACCEPT && stateKind(profile, before.state) === 'review') {
    acceptFromReview(ctx, sheet, table, rowValues, before, actor, now, refuse, audit);
  } else {
    // A date staff type is when it happened (an appeal received in time but logged late is in time).
    const typed = TYPED_DATE_COLUMNS.includes(header) && value instanceof Date ? value : null;
    const tooLate = typed ? typedDateProblem(typed, now, header, before) : null;
    let appealBy = computeClocks(profile, before, now, calendar).appealBy;
    // A late appeal staff accept for a recorded reason (issue 9): the window is taken to reach its date.
    const lateReason = String(at(COL.lateAppealReason) ?? '').trim();
    const lateAccepted =
      header === COL.appealReceived && typed && appealBy && londonDate(typed) > appealBy && lateReason !== '';
    if (lateAccepted) appealBy = londonDate(typed);
    const result = tooLate
      ? ({ ok: false, reason: tooLate } as const)
      : applyAction(profile, before, mapping.action, actor, typed ?? now, { appealBy });
    if (!result.ok) {
      refuse(result.reason);
    } else {
      if (typed) result.audit.at = now;
      if (lateAccepted) result.audit.detail += `. Late appeal accepted because: ${lateReason}`;
      const next = result.record;
      const clocks = computeClocks(profile, next, now, calendar, { owed: owedAfter(profile, before, next) });
      // Only what the action changed is written: a cell someone else changed since the read is theirs.
      const values = changedValues(
        {
          ...actionValues(profile, table, rowValues, next, header),
          ...clockValues(profile, next, clocks, now),
        },
        at,
      );
      writeKeyedCells(sheet, COL.reference, [{ key: reference, values }]);
      audit.push(result.audit);
      queueEventLetters(ss, settings, profile, before, next, clocks, now, subjectOf(at));
    }
  }
  appendAudit(ss, audit);
  return refusal;
}

/** The lifecycle action that takes a case out of review into the policy's first stage (issue 9). */
export const ACCEPT = 'accept';

/** Date columns whose action takes the typed date as when it happened. */
const TYPED_DATE_COLUMNS: readonly string[] = [
  COL.acknowledged,
  COL.lastUpdate,
  COL.appealReceived,
  COL.appealAcknowledged,
];

/** A typed date that cannot be right: in the future, or an appeal before the case was closed. */
function typedDateProblem(day: Date, now: Date, header: string, before: CaseRecord): string | null {
  if (londonDate(day) > londonDate(now)) return `"${header}" cannot be a date in the future.`;
  if (header === COL.appealReceived && before.closedAt && londonDate(day) < londonDate(before.closedAt))
    return `The appeal cannot have been received before the case was closed (${londonDate(before.closedAt)}).`;
  if (londonDate(day) < londonDate(before.receivedAt))
    return `"${header}" cannot be before the complaint was received (${londonDate(before.receivedAt)}).`;
  return null;
}

/**
 * Stage changed from "Needs review" to the first stage: the case is taken from the cells staff can see and
 * correct, checked as intake checks a submission, and routed. With problems left the change is refused and
 * they are listed; otherwise the case goes where routing sends it (the first stage, or redirected or not
 * eligible), gets its handler, decision maker, appeal body, flags and clocks, and its first letters.
 */
function acceptFromReview(
  ctx: RunContext,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  table: Table,
  rowValues: Cell[],
  before: CaseRecord,
  actor: ReturnType<typeof actorFor>,
  now: Date,
  refuse: (reason: string) => void,
  audit: AuditEntry[],
): void {
  const { ss, profile, calendar, settings } = ctx;
  const checked = intake(submissionFromCells(table, rowValues));
  if (!checked.ok) {
    refuse(
      `This case cannot be accepted until its details are corrected: ${checked.problems.map((p) => p.message).join(' ')}`,
    );
    return;
  }
  const routed = route(profile, checked.complaint);
  const target = initialState(profile, routed, true);
  const action = actionForStateChange(profile, before.state, target);
  if (target === before.state || !action) {
    refuse(`This case cannot be accepted: ${routed.reason}`);
    return;
  }
  const corrected: CaseRecord = { ...before, complaint: checked.complaint, route: routed };
  const appealBy = computeClocks(profile, corrected, now, calendar).appealBy;
  const result = applyAction(profile, corrected, { do: action }, actor, now, { appealBy });
  if (!result.ok) {
    refuse(result.reason);
    return;
  }
  const next = result.record;
  const clocks = computeClocks(profile, next, now, calendar);
  const at = (h: string) => table.value(rowValues, h);
  const acted = actionValues(profile, table, rowValues, next);
  const routedCells = routedValues(profile, next, acted[COL.data] ?? at(COL.data), {
    ...table.record(rowValues),
    ...acted,
  });
  const values = changedValues({ ...acted, ...routedCells, ...clockValues(profile, next, clocks, now) }, at);
  writeKeyedCells(sheet, COL.reference, [{ key: before.reference, values }]);
  audit.push({
    ...result.audit,
    action: ACCEPT,
    detail: `${result.audit.detail}. Accepted from the corrected details: ${routed.reason}`,
  });
  queueFirstLetters(ss, settings, profile, next, clocks, now);
}

/**
 * Columns the script relies on beyond the workflow ones: the date received, the complainant's details
 * and what the complaint is about. A staff change is checked where it can be (a date, an email address,
 * one of the answers the form offers), audited (who, when, from → to) and kept in the case data; a
 * changed contact detail re-addresses the case's unsent letters, a changed date received restarts its clocks.
 */
export const DETAIL_COLUMNS: readonly string[] = [
  COL.received,
  COL.name,
  COL.email,
  COL.phone,
  COL.address,
  COL.preferredContact,
  COL.relationship,
  COL.subject,
  COL.subjectName,
  COL.language,
  COL.channel,
  COL.description,
  COL.desiredOutcome,
  COL.adjustments,
  COL.subjectEmail,
  COL.lateAppealReason,
  COL.arrangementContact,
  COL.arrangementChannel,
  COL.arrangementReview,
];

const ARRANGEMENT_COLUMNS: readonly string[] = [
  COL.arrangementContact,
  COL.arrangementChannel,
  COL.arrangementReview,
];

/** Why a change of an unreasonable-contact arrangement cell cannot stand, or null. */
function arrangementProblem(header: string, value: Cell): string | null {
  const blank = value === '' || String(value).trim() === '';
  if (header === COL.arrangementChannel && !blank && !contactMethodFromCell(value))
    return '"Contact only by" must be Email, Post or Phone.';
  if (header === COL.arrangementReview && !blank && !(value instanceof Date))
    return 'Enter the date the contact arrangement is to be reviewed by.';
  return null;
}

/** The complaint field a detail column keeps, and its value from the cell; or a plain reason to refuse. */
function detailChange(
  header: string,
  value: Cell,
): { field: keyof Complaint; value: unknown } | { refuse: string } | null {
  const text = value === '' ? '' : String(value).trim();
  const free = (field: keyof Complaint) => ({ field, value: text === '' ? undefined : text });
  // One of a fixed list: blank clears it, anything else not on the list is refused with the list.
  const chosen = (field: keyof Complaint, id: string | null | undefined, refusal: string) =>
    text === '' ? { field, value: undefined } : id ? { field, value: id } : { refuse: refusal };
  switch (header) {
    case COL.name:
      return free('name');
    case COL.email: {
      const problem = contactProblem('email', text);
      return problem ? { refuse: problem } : free('email');
    }
    case COL.phone: {
      const problem = contactProblem('phone', text);
      return problem ? { refuse: problem } : free('phone');
    }
    case COL.address:
      return free('address');
    case COL.preferredContact:
      return chosen(
        'preferredContact',
        contactMethodFromCell(text),
        'Preferred contact must be Email, Post or Phone.',
      );
    case COL.relationship:
      return chosen(
        'relationship',
        relationshipFromCell(text),
        `"Complainant is" must be one of: ${Object.values(RELATIONSHIP_LABELS).join('; ')}.`,
      );
    case COL.subject:
      return chosen(
        'subject',
        subjectFromCell(text),
        `"Complaint is about" must be one of: ${Object.values(SUBJECT_LABELS).join('; ')}.`,
      );
    case COL.language:
    case COL.channel: {
      // Never blank: a letter has to be written in a language, and a case came in some way.
      const id = header === COL.language ? languageFromCell(text) : channelFromCell(text);
      const refusal =
        header === COL.language
          ? 'Language must be English or Welsh.'
          : `"Received by" must be one of: ${Object.values(CHANNEL_LABELS).join(', ')}.`;
      return text === ''
        ? { refuse: refusal }
        : chosen(header === COL.language ? 'language' : 'channel', id, refusal);
    }
    case COL.subjectName:
      return free('subjectName');
    case COL.description:
      return free('description');
    case COL.desiredOutcome:
      return free('desiredOutcome');
    case COL.adjustments:
      return free('adjustments');
  }
  return null;
}

/** What an audit line shows for a cell: a date as its London day (and time for Received), else the text. */
function auditText(cell: Cell, withTime = false): string {
  if (!(cell instanceof Date)) return String(cell);
  const day = londonDate(cell);
  if (!withTime) return day;
  const minutes = Math.floor((cell.getTime() - londonInstant(day).getTime()) / 60_000);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${day} ${hh}:${mm}`;
}

/** One staff change of a detail column (see DETAIL_COLUMNS). */
function applyDetailEdit(
  ctx: RunContext,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  headers: string[],
  cell: { row: number; column: number },
  e: StaffEdit,
  who: string,
  now: Date,
): void {
  const { ss, profile, calendar } = ctx;
  const header = headers[cell.column - 1]!;
  const rowValues = sheet.getRange(cell.row, 1, 1, headers.length).getValues()[0] as Cell[];
  const table = Table.fromValues(TABS.cases, headers, [rowValues], cell.row);
  const reference = String(table.value(rowValues, COL.reference)).trim();
  if (!reference) return;
  const value = rowValues[cell.column - 1]!;
  // The date received as the case data holds it is exact; the cell's old text has no seconds.
  const oldValue =
    header === COL.received
      ? (storedReceivedAt(table, rowValues) ?? oldCellValue(header, e.oldValue))
      : oldCellValue(header, e.oldValue);
  const audit: AuditEntry[] = [];
  const entry = (action: string, detail: string): AuditEntry => ({
    at: now,
    reference,
    actor: who,
    action,
    from: auditText(oldValue, header === COL.received),
    to: auditText(value, header === COL.received),
    detail,
  });
  const refuse = (reason: string) => {
    writeKeyedCells(sheet, COL.reference, [{ key: reference, values: { [header]: oldValue } }]);
    ss.toast(reason, `Change refused (${reference})`);
    audit.push(entry(`refused: ${header}`, reason));
    appendAudit(ss, audit);
  };
  const values: Record<string, Cell> = {};
  if (header === COL.received) {
    if (!(value instanceof Date)) return refuse('Enter the date the complaint was received.');
    if (londonDate(value) > londonDate(now)) return refuse('The date received cannot be in the future.');
    const record = recordFromRow(profile, table, rowValues);
    const clocks = computeClocks(profile, record, now, calendar);
    Object.assign(
      values,
      changedValues(clockValues(profile, record, clocks, now), (h) => table.value(rowValues, h)),
    );
    const data = withReceived(table, rowValues, value);
    if (data !== null) values[COL.data] = data;
    audit.push(entry('changed: Received', 'The clocks start again from the new date received.'));
  } else if (ARRANGEMENT_COLUMNS.includes(header)) {
    const problem = arrangementProblem(header, value);
    if (problem) return refuse(problem);
    // The review day is a deadline and the channel decides how letters go: both move the case's clocks.
    const record = recordFromRow(profile, table, rowValues);
    const clocks = computeClocks(profile, record, now, calendar);
    Object.assign(
      values,
      changedValues(clockValues(profile, record, clocks, now), (h) => table.value(rowValues, h)),
    );
    audit.push(entry(`contact arrangement: ${header}`, 'Unreasonable-contact arrangement changed'));
  } else {
    const change = detailChange(header, value);
    if (change && 'refuse' in change) return refuse(change.refuse);
    if (change) {
      const data = withComplaint(table, rowValues, { [change.field]: change.value });
      if (data !== null && !sameCell(data, table.value(rowValues, COL.data))) values[COL.data] = data;
      if (change.field === 'description')
        Object.assign(values, summaryValues(table, rowValues, change.value));
    }
    audit.push(entry(`changed: ${header}`, header));
  }
  if (Object.keys(values).length > 0) writeKeyedCells(sheet, COL.reference, [{ key: reference, values }]);
  if (header in CONTACT_COLUMNS || header === COL.arrangementChannel) {
    const record = recordFromRow(profile, table, rowValues);
    const moved = readdressUnsentLetters(ss, reference, record);
    if (moved > 0) audit[audit.length - 1]!.detail += `; ${moved} unsent letter(s) re-addressed`;
  }
  appendAudit(ss, audit);
}

/**
 * A paste or fill over detail columns: Apps Script gives no old values, so each pasted cell is compared
 * with what the case data holds. A change is audited (from the case data's value) and kept; a value that
 * would be refused one cell at a time is put back; Received is changed one cell at a time only. A changed
 * contact detail re-addresses the case's unsent letters. Columns the case data does not keep (the email
 * of the person complained about, a late appeal reason) stay as pasted.
 */
function checkPastedDetails(
  ctx: RunContext,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  headers: string[],
  paste: Paste,
  who: string,
  now: Date,
  handled: ReadonlySet<number>,
): void {
  const { ss, profile } = ctx;
  const { top, rows, table } = paste;
  const columns = paste.columns(DETAIL_COLUMNS);
  const audit: AuditEntry[] = [];
  const updates: { key: string; values: Record<string, Cell> }[] = [];
  const readdress: string[] = [];
  let refused = 0;
  rows.forEach((row, i) => {
    const reference = String(table.value(row, COL.reference)).trim();
    const stored = storedComplaint(table, row);
    if (!reference || !stored || handled.has(top + i)) return;
    const values: Record<string, Cell> = {};
    const changes: Partial<Record<keyof Complaint, unknown>> = {};
    const entry = (action: string, from: string, to: string, detail: string) =>
      audit.push({ at: now, reference, actor: who, action, from, to, detail });
    for (const { h, i: c } of columns) {
      const value = row[c]!;
      if (h === COL.received) {
        const was = storedReceivedAt(table, row);
        if (was && !sameCell(was, value)) {
          values[h] = was;
          refused += 1;
          entry(
            `refused: ${h}`,
            auditText(was, true),
            auditText(value, true),
            'Change Received one cell at a time.',
          );
        }
        continue;
      }
      const change = DETAIL_FIELD[h] ? detailChange(h, value) : null;
      if (!change) continue;
      const before = stored[DETAIL_FIELD[h]!];
      const shown = before === undefined ? '' : detailLabel(h, String(before));
      if ('refuse' in change) {
        values[h] = shown;
        refused += 1;
        entry(`refused: ${h}`, shown, auditText(value), change.refuse);
        continue;
      }
      if ((change.value ?? '') === (before ?? '')) continue;
      changes[change.field] = change.value;
      entry(`changed: ${h}`, shown, auditText(value), `${h} (pasted)`);
      if (h in CONTACT_COLUMNS && !readdress.includes(reference)) readdress.push(reference);
    }
    if (Object.keys(changes).length > 0) {
      const data = withComplaint(table, row, changes as Partial<Complaint>);
      if (data !== null) values[COL.data] = data;
    }
    if ('description' in changes) Object.assign(values, summaryValues(table, row, changes.description));
    if (Object.keys(values).length > 0) updates.push({ key: reference, values });
  });
  writeKeyedCells(sheet, COL.reference, updates);
  for (const reference of readdress) {
    const row = rows.find((r) => String(table.value(r, COL.reference)).trim() === reference)!;
    readdressUnsentLetters(ss, reference, recordFromRow(profile, table, row));
  }
  if (refused > 0)
    ss.toast(
      'Some pasted cells were put back: a value that is not valid there, or Received, which is changed one cell at a time. The Audit tab says which.',
      'Paste checked',
    );
  appendAudit(ss, audit);
}

/** How a detail column shows a stored answer: the label for a fixed choice, else the text itself. */
function detailLabel(header: string, stored: string): string {
  const labels: Readonly<Record<string, Readonly<Record<string, string>>>> = {
    [COL.language]: LANGUAGE_LABELS,
    [COL.channel]: CHANNEL_LABELS,
    [COL.preferredContact]: CONTACT_LABELS,
    [COL.relationship]: RELATIONSHIP_LABELS,
    [COL.subject]: SUBJECT_LABELS,
  };
  return labels[header]?.[stored] ?? stored;
}

/** The complaint field each detail column shows (Received and staff-only columns have none). */
const DETAIL_FIELD: Readonly<Record<string, keyof Complaint>> = {
  [COL.name]: 'name',
  [COL.email]: 'email',
  [COL.phone]: 'phone',
  [COL.address]: 'address',
  [COL.preferredContact]: 'preferredContact',
  [COL.relationship]: 'relationship',
  [COL.subject]: 'subject',
  [COL.subjectName]: 'subjectName',
  [COL.language]: 'language',
  [COL.channel]: 'channel',
  [COL.description]: 'description',
  [COL.desiredOutcome]: 'desiredOutcome',
  [COL.adjustments]: 'adjustments',
};

/** The rows a paste or fill covered (from row 2), as read once after the identity check. */
interface Paste {
  top: number;
  rows: Cell[][];
  table: Table;
  /** The pasted columns whose header is in `list`, with their 0-based index. */
  columns(list: readonly string[]): { h: string; i: number }[];
}

/** A multi-cell edit over workflow columns: put each changed workflow cell back (see the note above). */
function undoPaste(
  ctx: RunContext,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  headers: string[],
  paste: Paste,
  who: string,
  now: Date,
  handled: ReadonlySet<number>,
): void {
  const { ss } = ctx;
  const { top, rows, table } = paste;
  const columns = paste.columns(WORKFLOW_COLUMNS).map(({ i }) => i);
  const audit: AuditEntry[] = [];
  const updates: { key: string; values: Record<string, Cell> }[] = [];
  let unknown = 0;
  rows.forEach((row, i) => {
    const reference = String(table.value(row, COL.reference)).trim();
    if (!reference || handled.has(top + i)) return;
    const restored: string[] = [];
    const values: Record<string, Cell> = {};
    for (const c of columns) {
      const header = headers[c]!;
      const accepted = acceptedValue(table, row, header);
      if (accepted === undefined) {
        unknown += 1;
        continue;
      }
      const current = row[c]!;
      if (sameCell(current, accepted)) continue;
      if (SENDER_FILLED.includes(header) && accepted === '' && current instanceof Date) continue;
      values[header] = accepted;
      restored.push(header);
    }
    if (restored.length > 0) {
      updates.push({ key: reference, values });
      audit.push({
        at: now,
        reference,
        actor: who,
        action: 'refused: paste',
        from: '',
        to: '',
        detail: `Several cells were changed at once; put back: ${restored.join(', ')}`,
      });
    }
  });
  // Each put-back cell alone, its row found by reference now: the rest of the paste stays as pasted.
  writeKeyedCells(sheet, COL.reference, updates);
  if (audit.length > 0 || unknown > 0) {
    ss.toast(
      unknown > 0
        ? 'Change workflow columns one cell at a time so each change can be checked. Some cells could not be checked: review them.'
        : 'Change workflow columns one cell at a time so each change can be checked against the policy. The pasted workflow cells were put back.',
      'Paste refused',
    );
  }
  appendAudit(ss, audit);
}
