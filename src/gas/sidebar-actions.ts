/**
 * The case sidebar's buttons. Each one is the cell edit a person would make on the Cases tab (or the
 * Outbox Status), written and then checked by the same code a Sheets edit runs (workflow.ts
 * handleStaffEdit, mail/outbox-edits.ts handleOutboxEdit) with an event built as Sheets builds it
 * (value and oldValue as the cells' text), all under one hold of the script lock. A refused action is put
 * back and audited exactly as a refused edit is, and its reason comes back to the sidebar.
 *
 * A button press carries a request id made by the page. The first result is kept for ten minutes in the
 * script cache, so a repeated call (a double click that got through, or a call retried after a lost
 * answer) changes nothing and answers what the first one did.
 */
import { isLocalDate, londonDate, londonInstant } from '../core/calendar';
import { GUIDANCE_REFUSAL } from '../core/letters/render';
import { COL, recordFromRow } from './cases';
import { cellsForAction, type CaseView, type NoCaseView } from './case-view';
import type { RunContext } from './context';
import { handleOutboxEdit } from './mail/outbox-edits';
import { OUTBOX, STATUS, literal, markOutboxPending, unliteral } from './mail/outbox';
import { caseViewFor } from './sidebar';
import { TABS } from './tabs';
import { Table, type Cell } from './table';
import { handleStaffEdit, type StaffEdit } from './workflow';

/** What the page sends when a button is pressed (plain values only: google.script.run carries no Date). */
export interface ActRequest {
  /** Made by the page once per press; a repeat of it is answered from the first result. */
  requestId: string;
  reference: string;
  /** A lifecycle action id offered in the view's actions, or `approve-letter`. */
  action: string;
  /** dd/mm/yyyy, for an action that asks for a date (an appeal received); today when absent. */
  day?: string;
  /** The decision, outcome or appeal outcome id chosen. */
  choice?: string;
  /** For `approve-letter`: the letter's Outbox key and its text as the person left it. */
  letterKey?: string;
  body?: string;
}

export interface ActResult {
  ok: boolean;
  message: string;
  /** The case as it is after the action (or as it was, when refused). */
  view: CaseView | NoCaseView;
}

export const APPROVE_LETTER = 'approve-letter';
const REQUEST_TTL_SECONDS = 600;
const LOCK_WAIT_MS = 10_000;
/** Sheets refuses a cell over 50,000 characters. */
const CELL_LIMIT = 50_000;
const BUSY = 'The complaints system is busy. Nothing was changed: please try again in a minute.';

function text(value: unknown, max = 200): string {
  return typeof value === 'string' ? value.slice(0, max) : '';
}

/** The request as the server trusts it: only strings of a sensible size, whatever the page sent. */
function readRequest(raw: unknown): ActRequest | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'The request was not understood.';
  const r = raw as Record<string, unknown>;
  const requestId = text(r.requestId, 100);
  if (!/^[\w-]{8,100}$/.test(requestId)) return 'The request was not understood (no request id).';
  const body = typeof r.body === 'string' ? r.body : undefined;
  if (body !== undefined && body.length > CELL_LIMIT) return 'The letter is too long for one cell.';
  return {
    requestId,
    reference: text(r.reference).trim(),
    action: text(r.action).trim(),
    ...(typeof r.day === 'string' ? { day: text(r.day).trim() } : {}),
    ...(typeof r.choice === 'string' ? { choice: text(r.choice).trim() } : {}),
    ...(typeof r.letterKey === 'string' ? { letterKey: text(r.letterKey, 500).trim() } : {}),
    ...(body !== undefined ? { body } : {}),
  };
}

/** A dd/mm/yyyy day as the London midnight a typed date is, or null when it is not a real day. */
function typedDay(day: string | undefined, now: Date): Date | null {
  if (day === undefined || day === '') return londonInstant(londonDate(now));
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(day);
  const iso = m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : '';
  return isLocalDate(iso) ? londonInstant(iso) : null;
}

/**
 * Sets one cell as a person typing it would, then runs the handler a Sheets edit runs with the event
 * Sheets would send: value and oldValue are the cell's text as shown, oldValue absent for an empty cell.
 */
function editCell(
  range: GoogleAppsScript.Spreadsheet.Range,
  value: Cell,
  check: (e: StaffEdit & { value: string }) => string | null,
): string | null {
  const old = range.getValue() as Cell;
  const oldValue = range.getDisplayValue();
  range.setValue(value);
  const e = {
    range,
    value: range.getDisplayValue(),
    ...(old !== '' ? { oldValue } : {}),
    user: Session.getActiveUser(),
  };
  return check(e);
}

function act(ctx: RunContext, request: ActRequest, now: Date): { ok: boolean; message: string } {
  if (request.action === APPROVE_LETTER) return approveLetter(ctx, request, now);
  const sheet = ctx.ss.getSheetByName(TABS.cases);
  if (!sheet) return { ok: false, message: 'There is no Cases tab. Run Complaints › Set up… to repair it.' };
  const table = Table.read(sheet);
  const index = table.rows.findIndex(
    (r) => String(table.value(r, COL.reference)).trim() === request.reference,
  );
  if (index < 0) return { ok: false, message: `There is no case ${request.reference} on the Cases tab.` };
  const row = table.rows[index]!;
  const day = typedDay(request.day, now);
  if (!day) return { ok: false, message: 'Enter the date as dd/mm/yyyy, for example 05/03/2026.' };
  const record = recordFromRow(ctx.profile, table, row);
  const cells = cellsForAction(ctx.profile, record, request.action, { day, choice: request.choice ?? null });
  if (!cells)
    return {
      ok: false,
      message: 'The sidebar does not offer that action: change the case on the Cases tab.',
    };
  const rowNumber = table.rowNumbers[index]!;
  for (const { header, value } of cells) {
    if (!table.has(header))
      return {
        ok: false,
        message: `The Cases tab has no "${header}" column. Run Complaints › Set up… to repair it.`,
      };
    const range = sheet.getRange(rowNumber, table.column(header) + 1);
    const refusal = editCell(range, value, (e) => handleStaffEdit(ctx, e, now, { lockHeld: true }));
    if (refusal) return { ok: false, message: refusal };
  }
  return { ok: true, message: 'Done: the case is updated and the change is on the Audit tab.' };
}

/**
 * Approving a letter: the text the person read and edited goes into Body, then Status becomes approved
 * through the Outbox's own check (a line wholly in [square brackets] is guidance for staff: refused).
 */
function approveLetter(ctx: RunContext, request: ActRequest, now: Date): { ok: boolean; message: string } {
  const sheet = ctx.ss.getSheetByName(TABS.outbox);
  if (!sheet) return { ok: false, message: 'There is no Outbox tab. Run Complaints › Set up… to repair it.' };
  const table = Table.read(sheet);
  const index = table.rows.findIndex(
    (r) =>
      unliteral(table.value(r, OUTBOX.key)).trim() === request.letterKey &&
      unliteral(table.value(r, OUTBOX.reference)).trim() === request.reference,
  );
  if (!request.letterKey || index < 0)
    return { ok: false, message: 'That letter is no longer on the Outbox.' };
  const row = table.rows[index]!;
  const status = unliteral(table.value(row, OUTBOX.status)).trim().toLowerCase();
  if (status !== STATUS.awaitingApproval)
    return { ok: false, message: `That letter is no longer awaiting approval: it is ${status || 'blank'}.` };
  const body = (request.body ?? '').replace(/\r\n?/g, '\n');
  if (body.trim() === '') return { ok: false, message: 'The letter is empty: write it before approving it.' };
  const rowNumber = table.rowNumbers[index]!;
  if (body !== unliteral(table.value(row, OUTBOX.body)))
    sheet.getRange(rowNumber, table.column(OUTBOX.body) + 1).setValue(literal(body));
  const range = sheet.getRange(rowNumber, table.column(OUTBOX.status) + 1);
  const refusal = editCell(range, STATUS.approved, (e) => handleOutboxEdit(ctx, e, now, { lockHeld: true }));
  // As an Outbox edit does: the next sender run looks at the Outbox.
  markOutboxPending();
  if (refusal === GUIDANCE_REFUSAL)
    return {
      ok: false,
      message:
        'Not approved: the letter still has guidance for staff in square brackets. Replace each [bracketed] line with what you want to say, then approve it. Your text is kept.',
    };
  if (refusal) return { ok: false, message: refusal };
  return { ok: true, message: 'Approved: the letter goes with the next sending run.' };
}

/** One button press from the case sidebar (see the note at the top). */
export function caseSidebarAction(ctx: RunContext, raw: unknown, now: Date): ActResult {
  const request = readRequest(raw);
  if (typeof request === 'string')
    return { ok: false, message: request, view: { kind: 'no-case', message: request } };
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(LOCK_WAIT_MS))
    return { ok: false, message: BUSY, view: caseViewFor(ctx, request.reference, now) };
  let outcome: { ok: boolean; message: string };
  try {
    const cache = CacheService.getScriptCache();
    const key = `sidebar-request:${request.requestId}`;
    const first = cache.get(key);
    if (first) {
      outcome = JSON.parse(first) as { ok: boolean; message: string };
    } else {
      outcome = act(ctx, request, now);
      cache.put(key, JSON.stringify(outcome), REQUEST_TTL_SECONDS);
    }
  } finally {
    lock.releaseLock();
  }
  return { ...outcome, view: caseViewFor(ctx, request.reference, now) };
}
