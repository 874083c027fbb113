/**
 * Staff changing a letter's Status on the Outbox tab (or a notice's on Staff mail). Two changes mean more than "look at the Outbox":
 * - `approved` on a letter whose Body still holds guidance for staff (a line wholly in square brackets) is
 *   put back to `awaiting-approval`, with a toast saying why and an Audit entry: such a letter never goes;
 * - `printed` or `phoned` fills the row's "Sent at" where blank, and on an acknowledgement records it on the case ("Acknowledged on" or "Appeal
 *   acknowledged on", only where still blank), as the sender does for one it emails, so the case does not
 *   escalate.
 * Only single-cell edits of the Status column are looked at; every other Outbox edit costs one header read.
 */
import { GUIDANCE_REFUSAL, hasStaffGuidance } from '../../core/letters/render';
import { appendAudit } from '../audit';
import type { RunContext } from '../context';
import { actorFor } from '../context';
import { writeByKey } from '../keyed-write';
import { Table, readHeaders, type Cell } from '../table';
import { MAIL_TABS, OUTBOX, STATUS, unliteral } from './outbox';
import { ACKNOWLEDGES, recordAcknowledgements } from './sender';

export interface OutboxEdit {
  range: GoogleAppsScript.Spreadsheet.Range;
  value?: string;
  oldValue?: string;
  user?: { getEmail(): string };
}

const LOCK_WAIT_MS = 10_000;

/**
 * Whether an edit could matter here: one cell of the Status column, below the header. Three cheap calls,
 * so an edit to a Body or a To, or a paste, costs no Settings read.
 */
export function isOutboxStatusEdit(e: OutboxEdit): boolean {
  const range = e.range;
  if (range.getNumRows() !== 1 || range.getNumColumns() !== 1 || range.getRow() < 2) return false;
  const header = String(range.getSheet().getRange(1, range.getColumn()).getValue()).trim();
  return header === OUTBOX.status;
}

/**
 * Checks a change of a letter's Status; returns why it was refused (the letter kept back), else null.
 * `lockHeld`: the case sidebar wrote the cell under the script lock and checks it in the same hold.
 */
export function handleOutboxEdit(
  ctx: RunContext,
  e: OutboxEdit,
  now: Date,
  options: { lockHeld?: boolean } = {},
): string | null {
  const range = e.range;
  const sheet = range.getSheet();
  const tab = sheet.getName();
  // Staff mail takes the same edits: a failed notice set back to queued, a notice cancelled.
  if (!(MAIL_TABS as readonly string[]).includes(tab)) return null;
  if (range.getNumRows() !== 1 || range.getNumColumns() !== 1) return null;
  const rowNumber = range.getRow();
  if (rowNumber < 2) return null;
  const headers = readHeaders(sheet);
  if (headers[range.getColumn() - 1] !== OUTBOX.status) return null;
  const status = String(e.value ?? range.getValue())
    .trim()
    .toLowerCase();
  if (status !== STATUS.approved && status !== STATUS.printed && status !== STATUS.phoned) return null;

  const lock = options.lockHeld ? null : LockService.getScriptLock();
  if (lock && !lock.tryLock(LOCK_WAIT_MS))
    throw new Error('Lock timeout: a change of Status on the Outbox could not be checked');
  try {
    const values = sheet.getRange(rowNumber, 1, 1, headers.length).getValues()[0] as Cell[];
    const table = Table.fromValues(tab, headers, [values], rowNumber);
    const text = (header: string) => unliteral(table.value(values, header)).trim();
    const key = text(OUTBOX.key);
    const reference = text(OUTBOX.reference);
    const kind = text(OUTBOX.kind);
    if (!key) return null;
    // Read again under the lock: the sender may have moved the row on since the edit.
    const current = text(OUTBOX.status).toLowerCase();
    const actor = actorFor(ctx.settings, e.user?.getEmail() ?? Session.getActiveUser().getEmail());
    const who = actor.email ? `${actor.role} <${actor.email}>` : actor.role;

    if (current === STATUS.approved && hasStaffGuidance(unliteral(table.value(values, OUTBOX.body)))) {
      writeByKey(
        sheet,
        OUTBOX.key,
        [OUTBOX.status, OUTBOX.error],
        [{ key, values: { [OUTBOX.status]: STATUS.awaitingApproval, [OUTBOX.error]: GUIDANCE_REFUSAL } }],
      );
      ctx.ss.toast(GUIDANCE_REFUSAL, `Letter not approved (${reference || kind})`);
      appendAudit(ctx.ss, [
        {
          at: now,
          reference,
          actor: who,
          action: 'refused: approve letter',
          from: e.oldValue ?? '',
          to: STATUS.approved,
          detail: `The ${kind} letter still holds [bracketed] guidance for staff, so it was kept back for approval.`,
        },
      ]);
      return GUIDANCE_REFUSAL;
    }
    // Who let a judgement letter go, and when: the office answers for every letter it sends.
    if (current === STATUS.approved)
      appendAudit(ctx.ss, [
        {
          at: now,
          reference,
          actor: who,
          action: 'approve letter',
          from: e.oldValue ?? '',
          to: STATUS.approved,
          detail: `The ${kind} letter was approved to send.`,
        },
      ]);
    const done = current === STATUS.printed || current === STATUS.phoned;
    // The day it went out by post or phone is the day staff say so: "Sent at", where still blank.
    if (done && table.value(values, OUTBOX.sentAt) === '')
      writeByKey(sheet, OUTBOX.key, [OUTBOX.sentAt], [{ key, values: { [OUTBOX.sentAt]: now } }]);
    if (done && ACKNOWLEDGES[kind] && reference) {
      recordAcknowledgements(ctx.ss, [{ reference, kind }], now, {
        actor: who,
        detail:
          current === STATUS.printed
            ? 'Acknowledgement letter printed for posting (marked printed on the Outbox)'
            : 'Acknowledgement given by phone (marked phoned on the Outbox)',
        onlyIfBlank: true,
      });
    }
    return null;
  } finally {
    lock?.releaseLock();
  }
}
