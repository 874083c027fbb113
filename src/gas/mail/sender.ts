/**
 * The sender drains the Outbox under the script lock, within MailApp's remaining daily quota, and never
 * sends a letter twice.
 *
 * At most once: before each send the letter's key is recorded in script properties as "attempt"; after
 * MailApp returns it becomes "sent". Rows are marked "sending" in one write before the batch and get their
 * results in one write after it. A run that dies mid-batch (the six-minute limit, say) leaves rows in
 * "sending"; the next run settles each from its property: "sent" → sent; "attempt" → the send may or may
 * not have happened, so the row goes to staff as "check-before-resending" instead of being sent again;
 * no property → it was never tried and is queued again.
 *
 * Sheet calls per run are constant: one read of the Outbox and two keyed writes, whether 1 or 200 letters.
 */
import { textToHtml } from '../../core/letters/render';
import type { Settings } from '../settings';
import { TABS } from '../tabs';
import { appendAudit } from '../audit';
import { COL } from '../cases';
import { Table, readHeaders, writeByKey, type Cell, type KeyedUpdate } from '../table';
import { OUTBOX, PENDING_PROPERTY, STATUS } from './outbox';

export const MAX_ATTEMPTS = 5;
const BASE_BACKOFF_MS = 15 * 60_000;
const PROPERTY_PREFIX = 'mail:';

export interface SendReport {
  sent: number;
  failed: number;
  retrying: number;
  carried: number;
  settled: number;
  busy: boolean;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
/** Google stops the script: nothing after this runs. */
const isFatal = (error: unknown) => /Exceeded maximum execution time/i.test(message(error));
/** The day's quota ran out after all: stop, and leave the rest for tomorrow. */
const isQuota = (error: unknown) => /Service invoked too many times/i.test(message(error));

function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // MailApp's messages can quote the address; staff see the row's To column anyway.
  return message.replace(/[^\s@<>]+@[^\s@<>]+/g, '<address>').slice(0, 300);
}

export function sendQueued(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  now: Date,
): SendReport {
  const report: SendReport = { sent: 0, failed: 0, retrying: 0, carried: 0, settled: 0, busy: false };
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(5_000)) return { ...report, busy: true };
  try {
    const sheet = ss.getSheetByName(TABS.outbox);
    if (!sheet) throw new Error('There is no Outbox tab. Run Complaints › Set up… to repair it.');
    const table = Table.read(sheet);
    const props = PropertiesService.getScriptProperties();
    const status = (row: Cell[]) => String(table.value(row, OUTBOX.status));
    const key = (row: Cell[]) => String(table.value(row, OUTBOX.key));

    // Settle what a run that died left behind.
    const settle: KeyedUpdate[] = [];
    for (const row of table.rows.filter((r) => status(r) === STATUS.sending)) {
      const mark = props.getProperty(PROPERTY_PREFIX + key(row));
      if (mark === 'sent')
        settle.push({ key: key(row), values: { [OUTBOX.status]: STATUS.sent, [OUTBOX.sentAt]: now } });
      else if (mark === 'attempt')
        settle.push({
          key: key(row),
          values: {
            [OUTBOX.status]: STATUS.check,
            [OUTBOX.error]:
              'The sender stopped while sending this letter: check whether it arrived before resending',
          },
        });
      else settle.push({ key: key(row), values: { [OUTBOX.status]: STATUS.queued } });
    }
    const settledKeys = new Set(
      settle.filter((s) => s.values[OUTBOX.status] === STATUS.queued).map((s) => s.key),
    );

    const due = table.rows.filter((row) => {
      const s = status(row);
      if (s === STATUS.queued || s === STATUS.approved || settledKeys.has(key(row)))
        return String(table.value(row, OUTBOX.to)) !== '';
      if (s === STATUS.retry) {
        const next = table.value(row, OUTBOX.nextAttempt);
        return !(next instanceof Date) || next.getTime() <= now.getTime();
      }
      return false;
    });
    const quota = MailApp.getRemainingDailyQuota();
    const batch = due.slice(0, Math.max(0, quota));
    report.carried = due.length - batch.length;

    if (batch.length > 0 || settle.length > 0) {
      writeByKey(
        sheet,
        table.headers,
        OUTBOX.key,
        [OUTBOX.status, OUTBOX.sentAt, OUTBOX.error],
        [...settle, ...batch.map((row) => ({ key: key(row), values: { [OUTBOX.status]: STATUS.sending } }))],
      );
      report.settled = settle.length;
    }

    const results: KeyedUpdate[] = [];
    for (const row of batch) {
      const k = key(row);
      const attempts = Number(table.value(row, OUTBOX.attempts) || 0) + 1;
      props.setProperty(PROPERTY_PREFIX + k, 'attempt');
      try {
        const body = String(table.value(row, OUTBOX.body)).replace(/^'/, '');
        MailApp.sendEmail({
          to: String(table.value(row, OUTBOX.to)),
          subject: String(table.value(row, OUTBOX.subject)),
          body,
          htmlBody: textToHtml(body),
          name: settings.senderName || undefined,
          replyTo: settings.replyTo || undefined,
        } as GoogleAppsScript.Mail.MailAdvancedParameters);
        props.setProperty(PROPERTY_PREFIX + k, 'sent');
        results.push({
          key: k,
          values: {
            [OUTBOX.status]: STATUS.sent,
            [OUTBOX.sentAt]: now,
            [OUTBOX.attempts]: attempts,
            [OUTBOX.error]: '',
          },
        });
        report.sent += 1;
      } catch (error) {
        // MailApp threw, so this letter did not go: clear its mark so the next run may send it.
        props.deleteProperty(PROPERTY_PREFIX + k);
        if (isFatal(error)) throw error;
        if (isQuota(error)) {
          results.push({ key: k, values: { [OUTBOX.status]: STATUS.queued } });
          report.carried += batch.length - batch.indexOf(row);
          for (const rest of batch.slice(batch.indexOf(row) + 1)) {
            results.push({ key: key(rest), values: { [OUTBOX.status]: STATUS.queued } });
          }
          break;
        }
        const final = attempts >= MAX_ATTEMPTS;
        results.push({
          key: k,
          values: {
            [OUTBOX.status]: final ? STATUS.failed : STATUS.retry,
            [OUTBOX.attempts]: attempts,
            [OUTBOX.error]: errorText(error),
            [OUTBOX.nextAttempt]: final
              ? ''
              : new Date(now.getTime() + BASE_BACKOFF_MS * 2 ** (attempts - 1)),
          },
        });
        if (final) report.failed += 1;
        else report.retrying += 1;
      }
    }
    if (results.length > 0) {
      writeByKey(
        sheet,
        table.headers,
        OUTBOX.key,
        [OUTBOX.status, OUTBOX.sentAt, OUTBOX.attempts, OUTBOX.error, OUTBOX.nextAttempt],
        results,
      );
      // The sheet now holds the outcome, so the per-letter marks are no longer needed.
      for (const r of results) props.deleteProperty(PROPERTY_PREFIX + r.key);
    }
    for (const s of settle) props.deleteProperty(PROPERTY_PREFIX + s.key);
    // Letters waiting for tomorrow's quota or a retry keep the flag up; otherwise the Outbox is drained.
    if (report.carried > 0 || report.retrying > 0 || table.rows.some((r) => status(r) === STATUS.retry)) {
      props.setProperty(PENDING_PROPERTY, '1');
    } else {
      props.deleteProperty(PENDING_PROPERTY);
    }
    const sentRows = new Set(
      results.filter((r) => r.values[OUTBOX.status] === STATUS.sent).map((r) => r.key),
    );
    recordAcknowledgements(
      ss,
      batch
        .filter((row) => sentRows.has(key(row)))
        .map((row) => ({
          reference: String(table.value(row, OUTBOX.reference)),
          kind: String(table.value(row, OUTBOX.kind)),
        })),
      now,
    );
    return report;
  } finally {
    lock.releaseLock();
  }
}

const ACKNOWLEDGES: Record<string, string> = {
  acknowledgement: COL.acknowledged,
  'appeal-acknowledgement': COL.appealAcknowledged,
};

/**
 * Sending an acknowledgement is the acknowledgement: the case's "Acknowledged on" (or "Appeal acknowledged
 * on") is filled in with the day it went, so staff need not type it. Letters sent by post or phone are
 * recorded by staff, as only they know when they went.
 */
function recordAcknowledgements(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sent: { reference: string; kind: string }[],
  now: Date,
): void {
  const acks = sent.filter((s) => ACKNOWLEDGES[s.kind] && s.reference);
  if (acks.length === 0) return;
  const cases = ss.getSheetByName(TABS.cases);
  if (!cases) return;
  const headers = readHeaders(cases);
  for (const header of [COL.acknowledged, COL.appealAcknowledged]) {
    const updates = acks
      .filter((a) => ACKNOWLEDGES[a.kind] === header)
      .map((a) => ({ key: a.reference, values: { [header]: now } }));
    if (updates.length > 0 && headers.includes(header))
      writeByKey(cases, headers, COL.reference, [header], updates);
  }
  appendAudit(
    ss,
    acks.map((a) => ({
      at: now,
      reference: a.reference,
      actor: 'script',
      action: a.kind === 'acknowledgement' ? 'acknowledge' : 'acknowledge-appeal',
      from: '',
      to: '',
      detail: 'Acknowledgement emailed',
    })),
  );
}
