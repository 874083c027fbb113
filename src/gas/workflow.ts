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
import { isLocalDate, londonInstant } from '../core/calendar';
import { fromDayNumber } from '../core/calendar/local-date';
import { computeClocks } from '../core/clocks';
import { owedAfter } from '../core/correspondence';
import { actionForStateChange, applyAction, stateKind } from '../core/lifecycle';
import type { AuditEntry, CaseAction, CaseRecord, PolicyProfile } from '../core/model';
import { appendAudit, flushDeferredAudit } from './audit';
import {
  CASE_COLUMNS,
  COL,
  WORKFLOW_COLUMNS,
  acceptedValue,
  actionValues,
  appealOutcomeIdFromCell,
  clockValues,
  decisionIdFromCell,
  outcomeIdFromCell,
  recordFromRow,
  roleIdFromCell,
  stateIdFromCell,
  withAccepted,
} from './cases';
import { guardIdentity } from './case-identity';
import { changedValues, sameCell, writeKeyedCells } from './cell-writes';
import { actorFor, type RunContext } from './context';
import { queueEventLetters } from './mail';
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

function isTrue(cell: Cell): boolean {
  return cell === true || String(cell).toUpperCase() === 'TRUE';
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

export function handleStaffEdit(ctx: RunContext, e: StaffEdit, now: Date): void {
  const { settings } = ctx;
  const range = e.range;
  const sheet = range.getSheet();
  if (sheet.getName() !== TABS.cases) return;
  const headers = readHeaders(sheet);
  // The edited range's position and size, asked for once: each is a service call.
  const first = range.getColumn() - 1;
  const width = range.getNumColumns();
  const top = range.getRow();
  const height = range.getNumRows();
  const touched = headers.slice(first, first + width);
  const identity = touched.includes(COL.reference) || touched.includes(COL.data);
  if (!identity && !touched.some((h) => WORKFLOW_COLUMNS.includes(h))) return;
  const lastRow = top + height - 1;
  if (lastRow < 2) return;
  const actor = actorFor(settings, e.user?.getEmail() ?? Session.getActiveUser().getEmail());
  const who = actor.email ? `${actor.role} <${actor.email}>` : actor.role;

  const single = height === 1 && width === 1;
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(10_000)) {
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
  try {
    // Staff edits run as the triggers' owner, who may write the Audit tab: catch up what others could not.
    flushDeferredAudit(ctx.ss);
    // A row whose identity was changed is put back first; nothing else in it is then taken as staff's change.
    const handled = identity ? guardIdentity(ctx, sheet, headers, e, who, now) : new Set<number>();
    const workflowCell = WORKFLOW_COLUMNS.includes(headers[first] ?? '');
    if (single && workflowCell && handled.size === 0)
      applySingleEdit(ctx, sheet, headers, { row: top, column: first + 1 }, e, who, actor, now);
    else if (!single) undoPaste(ctx, sheet, headers, range, who, now, handled);
  } finally {
    lock.releaseLock();
  }
}

function applySingleEdit(
  ctx: RunContext,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  headers: string[],
  cell: { row: number; column: number },
  e: StaffEdit,
  who: string,
  actor: ReturnType<typeof actorFor>,
  now: Date,
): void {
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
  if (!reference) return;
  const at = (h: string) => table.value(rowValues, h);
  const mapping = mapEdit(profile, header, before, at, value);
  const audit: AuditEntry[] = [];

  const refuse = (reason: string) => {
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
  } else {
    const appealBy = computeClocks(profile, before, now, calendar).appealBy;
    const result = applyAction(profile, before, mapping.action, actor, now, { appealBy });
    if (!result.ok) {
      refuse(result.reason);
    } else {
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
}

/** A multi-cell edit over workflow columns: put each changed workflow cell back (see the note above). */
function undoPaste(
  ctx: RunContext,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  headers: string[],
  range: GoogleAppsScript.Spreadsheet.Range,
  who: string,
  now: Date,
  handled: ReadonlySet<number>,
): void {
  const { ss } = ctx;
  const top = Math.max(range.getRow(), 2);
  const height = range.getRow() + range.getNumRows() - top;
  const first = range.getColumn() - 1;
  const columns = headers
    .map((h, i) => ({ h, i }))
    .filter(({ h, i }) => i >= first && i < first + range.getNumColumns() && WORKFLOW_COLUMNS.includes(h))
    .map(({ i }) => i);
  const rows = sheet.getRange(top, 1, height, headers.length).getValues() as Cell[][];
  const table = Table.fromValues(TABS.cases, headers, rows, top);
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
