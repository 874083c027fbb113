/**
 * The sender drains the Outbox within MailApp's remaining daily quota and never sends a letter twice.
 *
 * Three phases, so the script lock is held only for sheet work, never while mail goes out (form
 * submissions wait 30 s and staff edits 10 s for that lock; a batch of sends can take minutes):
 *   1. under the lock: read the Outbox once, settle what a dead run left behind, mark this run's batch
 *      `sending` in one keyed write, and take a lease (a script property with an expiry) that keeps
 *      every other sender run out until this one finishes or the lease runs out, written in one call
 *      with the batch's keys;
 *   2. no lock: send, journalling each letter in script properties: one write before MailApp marks it
 *      `attempt` and records the letter before it `sent:<time>` (send-journal.ts), so each letter costs
 *      two calls, the journal write and MailApp;
 *   3. under the lock: write every result in one keyed write, drop the journal, release the lease.
 *
 * At most once. A row in `sending` belongs to a live run while its lease holds; after that, the run is
 * dead and the journal says what happened to each of its rows:
 *   `sent:<time>` → the letter went: the row becomes `sent`;
 *   `attempt`     → the run died inside MailApp, so the letter may or may not have gone: the row becomes
 *                   `failed` with a note for staff to check before resending, and is never resent by us;
 *   no entry      → it was never tried: it goes back to the queue.
 * A thrown error (rather than Google stopping the script) runs phase 3 from a `finally`, so the sheet
 * shows the truth at once. MailApp throwing is taken to mean the letter was not sent; it is retried with
 * exponential backoff (Next attempt) and, after MAX_ATTEMPTS, left `failed` for staff.
 *
 * Judgement letters (outcomes, appeal decisions) wait as `awaiting-approval` until staff set the row to
 * `approved`; this replaces Gmail drafts, so the script needs only `script.send_mail`, never Gmail access.
 *
 * Letters are on the Outbox, notices to staff on Staff mail; both are drained by the same run, under the
 * same lock, lease, journal and quota (Outbox first). Sheet calls per run do not depend on how many
 * letters are queued: per tab read (Staff mail only while its flag or the journal says it may hold work),
 * one read and two keyed writes of its status columns, and (when acknowledgements went) one keyed write to
 * Cases and one Audit append.
 */
import { KIND_INFO } from '../../core/letters/kinds';
import { GUIDANCE_REFUSAL, hasStaffGuidance, textToHtml } from '../../core/letters/render';
import { appendAudit } from '../audit';
import { COL } from '../cases';
import type { Settings } from '../settings';
import { TABS } from '../tabs';
import {
  IncompleteWriteError,
  Table,
  writeByKey,
  type Cell,
  type KeyedUpdate,
  type RowValues,
  type WriteResult,
} from '../table';
import { isLetterKind } from './templates-tab';
import {
  RunLog,
  hasJournal,
  journalEntries,
  legacyEntryProperty,
  newRunJournal,
  runJournals,
  type RunJournal,
} from './send-journal';
import {
  OUTBOX,
  PENDING_PROPERTY,
  STAFF_PENDING_PROPERTY,
  STATUS,
  markOutboxPending,
  TEAM_ROLE,
  noAddressError,
  staffAddress,
  unliteral,
  type OutboxStatus,
} from './outbox';

export const MAX_ATTEMPTS = 5;
/** 15 minutes, then 30, 60, 120: a passing MailApp fault clears, a bad address ends up with staff. */
export const BASE_BACKOFF_MS = 15 * 60_000;
/** Apps Script stops a run at 6 minutes; sending stops well before, leaving time for the final write. */
export const SEND_BUDGET_MS = 4 * 60_000;
/** Longer than any run can live, so a lease outlasting its run proves the run is dead. */
export const LEASE_MS = 7 * 60_000;
export const LEASE_PROPERTY = 'mail-sender:lease';
export { JOURNAL_PREFIX } from './send-journal';
const LOCK_TRY_MS = 2_000;
const LOCK_WAIT_MS = 30_000;

/** The status columns the sender owns; written together as one block. */
const STATUS_COLUMNS = [
  OUTBOX.status,
  OUTBOX.attempts,
  OUTBOX.error,
  OUTBOX.nextAttempt,
  OUTBOX.sentAt,
] as const;

export const DIED_WHILE_SENDING =
  'The sender stopped while sending this letter, so it may or may not have gone. Check with the recipient before setting Status back to queued.';

export interface SendReport {
  sent: number;
  /** Failed for good this run: staff must look at them. */
  failed: number;
  /** Failed this run, to be tried again after Next attempt. */
  retrying: number;
  /** Due but left for a later run (quota or time ran out). */
  carried: number;
  /** Rows a dead run left in `sending`, settled from the journal. */
  settled: number;
  /** Approved post or phone letters turned into tasks for staff. */
  tasks: number;
  /** MailApp's remaining daily quota when the run started. */
  quota: number;
  busy: boolean;
}

/** Errors from Apps Script services may come from another realm, so `instanceof Error` is not enough. */
const messageOf = (error: unknown): string => {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
};
/** Google stopping the script: nothing else can usefully happen in this run. */
const isFatal = (error: unknown) => /Exceeded maximum execution time/i.test(messageOf(error));
/** The day's quota ran out after all: stop, and leave the rest for tomorrow. */
const isQuota = (error: unknown) => /Service invoked too many times/i.test(messageOf(error));

/** MailApp's messages can quote the address; staff see the row's To column anyway. */
export function errorText(error: unknown): string {
  return messageOf(error)
    .replace(/[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+/g, '<address>')
    .slice(0, 300);
}

interface Letter {
  /** The tab the letter's row is on: the Outbox or Staff mail. */
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  key: string;
  reference: string;
  kind: string;
  audience: string;
  role: string;
  sendBy: string;
  to: string;
  subject: string;
  body: string;
  /** `queued` or `approved`: where the row goes back to if this run does not get to it. */
  status: OutboxStatus;
  attempts: number;
  /** The address was looked up in Settings by this run (staff added it after the letter was queued). */
  resolvedTo?: boolean;
}

interface Plan {
  batch: Letter[];
  /** This run's journal, written with its lease. */
  run: RunJournal | null;
  /** Staff mail, when this run read it. */
  staffTab: GoogleAppsScript.Spreadsheet.Sheet | null;
  /** Settled `sent` rows, for recording acknowledgements with this run's. */
  settledSent: Letter[];
}

/** A keyed update and the tab its row is on. */
interface TabUpdate extends KeyedUpdate {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
}

/**
 * One keyed write per tab that has updates (the Outbox, Staff mail); the keys that landed, from all of
 * them. A tab whose write fails outright is reported after the other tab is written.
 */
function writeTabs(
  updates: readonly TabUpdate[],
  columns: readonly string[],
  problems: unknown[],
): Set<string> {
  const landed = new Set<string>();
  const sheets = [...new Set(updates.map((u) => u.sheet))];
  let failure: unknown = null;
  for (const sheet of sheets) {
    const mine = updates.filter((u) => u.sheet === sheet).map(({ key, values }) => ({ key, values }));
    try {
      for (const key of writeOutbox(sheet, columns, mine, problems).landed) landed.add(key);
    } catch (error) {
      failure ??= error;
    }
  }
  if (failure) throw failure;
  return landed;
}

/**
 * One keyed write to a mail tab. Without a Status column at write time no outcome is in the sheet, so the
 * write fails (the caller keeps every journal entry). Another missing column loses only that detail: the
 * run goes on and reports it at the end (`problems`), so trigger health shows it.
 */
function writeOutbox(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  columns: readonly string[],
  updates: readonly KeyedUpdate[],
  problems: unknown[],
): WriteResult {
  try {
    return writeByKey(sheet, OUTBOX.key, columns, updates);
  } catch (error) {
    if (!(error instanceof IncompleteWriteError)) throw error;
    if (error.result.missingColumns.includes(OUTBOX.status)) throw error;
    problems.push(error);
    return error.result;
  }
}

function letterOf(sheet: GoogleAppsScript.Spreadsheet.Sheet, table: Table, row: Cell[]): Letter {
  const text = (header: string) => unliteral(table.value(row, header)).trim();
  const status = text(OUTBOX.status).toLowerCase();
  return {
    sheet,
    key: text(OUTBOX.key),
    reference: text(OUTBOX.reference),
    kind: text(OUTBOX.kind),
    audience: text(OUTBOX.audience),
    role: text(OUTBOX.role),
    sendBy: text(OUTBOX.sendBy) || 'email',
    to: text(OUTBOX.to),
    subject: unliteral(table.value(row, OUTBOX.subject)),
    body: unliteral(table.value(row, OUTBOX.body)),
    status: status === STATUS.approved ? STATUS.approved : STATUS.queued,
    attempts: Number(table.value(row, OUTBOX.attempts)) || 0,
  };
}

/** One mail tab as read at the start of a run. */
interface Source {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  table: Table;
}

/**
 * The tabs to look at: the Outbox always; Staff mail when its flag says it may hold work, or when the
 * journal holds entries (a run that stopped may have left a notice there in `sending`).
 */
function sources(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  journal: Record<string, string>,
): { tabs: Source[]; staff: GoogleAppsScript.Spreadsheet.Sheet | null } {
  const outbox = ss.getSheetByName(TABS.outbox);
  if (!outbox) throw new Error('There is no Outbox tab. Run Complaints › Set up… to repair it.');
  const tabs = [{ sheet: outbox, table: Table.read(outbox) }];
  const staff =
    journal[STAFF_PENDING_PROPERTY] || hasJournal(journal) ? ss.getSheetByName(TABS.staffMail) : null;
  if (staff) tabs.push({ sheet: staff, table: Table.read(staff) });
  return { tabs, staff };
}

/** Phase 1, under the lock. Returns null when there is nothing to send. */
function prepare(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  roleTitle: (id: string) => string,
  props: GoogleAppsScript.Properties.Properties,
  now: Date,
  quota: number,
  report: SendReport,
  problems: unknown[],
  /** Every script property, read once under the lock: the lease, the flags and the journal. */
  journal: Record<string, string>,
): Plan | null {
  const { tabs, staff: staffTab } = sources(ss, journal);
  const marks = journalEntries(journal);

  const updates: TabUpdate[] = [];
  const due: Letter[] = [];
  const settledSent: Letter[] = [];
  /** Tabs with letters waiting for a later run (retry time not reached). */
  const waiting = new Set<GoogleAppsScript.Spreadsheet.Sheet>();
  const untried = new Set<string>();
  const stuckKeys: string[] = [];

  for (const { sheet, table } of tabs) {
    const status = (row: Cell[]) => String(table.value(row, OUTBOX.status)).trim().toLowerCase();
    const firstRowOf = new Map<string, Cell[]>();
    for (const row of table.rows) {
      const key = String(table.value(row, OUTBOX.key));
      if (key && !firstRowOf.has(key)) firstRowOf.set(key, row);
    }
    const marked = (row: Cell[]) => marks.has(String(table.value(row, OUTBOX.key)).trim());
    // A dead run's rows: still `sending`, or blank where a run's final write lost its Status column (setup
    // has since added it back empty) and the journal still knows what happened.
    const stuck = table.rows.filter(
      (row) =>
        firstRowOf.get(String(table.value(row, OUTBOX.key))) === row &&
        (status(row) === STATUS.sending || (status(row) === '' && marked(row))),
    );
    // Entries (of the earlier one-per-letter format) whose outcome reached the sheet before their run
    // died are no longer needed; a run's own journal goes whole once none of its rows is left to settle.
    for (const row of table.rows) {
      const s = status(row);
      const entry = legacyEntryProperty(journal, String(table.value(row, OUTBOX.key)).trim());
      if (s !== STATUS.sending && s !== '' && entry) props.deleteProperty(entry);
    }
    for (const row of stuck) {
      const letter = letterOf(sheet, table, row);
      const entry = marks.get(letter.key) ?? '';
      stuckKeys.push(letter.key);
      report.settled += 1;
      if (entry.startsWith('sent')) {
        const at = Number(entry.slice(5));
        updates.push({
          sheet,
          key: letter.key,
          values: {
            [OUTBOX.status]: STATUS.sent,
            [OUTBOX.attempts]: letter.attempts + 1,
            [OUTBOX.sentAt]: at ? new Date(at) : now,
            [OUTBOX.error]: '',
            [OUTBOX.nextAttempt]: '',
          },
        });
        settledSent.push(letter);
      } else if (entry === 'attempt') {
        updates.push({
          sheet,
          key: letter.key,
          values: {
            [OUTBOX.status]: STATUS.failed,
            [OUTBOX.attempts]: letter.attempts + 1,
            [OUTBOX.error]: DIED_WHILE_SENDING,
          },
        });
      } else {
        // Never tried: it joins this run's batch, keeping whether staff had approved it.
        letter.status =
          isLetterKind(letter.kind) && KIND_INFO[letter.kind].needsApproval ? STATUS.approved : STATUS.queued;
        due.push(letter);
        untried.add(letter.key);
      }
    }

    for (const row of table.rows) {
      const s = status(row);
      if (s !== STATUS.queued && s !== STATUS.approved) continue;
      const next = table.value(row, OUTBOX.nextAttempt);
      if (next instanceof Date && next.getTime() > now.getTime()) {
        waiting.add(sheet);
        continue;
      }
      const letter = letterOf(sheet, table, row);
      // A row copied by staff shares its key: only the first, the one writes go to, is ever sent.
      if (!letter.key || firstRowOf.get(letter.key) !== row) continue;
      // A task for staff (passing a complaint on) is never sent, whatever its Status says.
      if (letter.kind === 'pass-on') continue;
      // Guidance for staff never goes out: the letter waits for them to replace it and approve it again.
      if (hasStaffGuidance(letter.body)) {
        updates.push({
          sheet,
          key: letter.key,
          values: { [OUTBOX.status]: STATUS.awaitingApproval, [OUTBOX.error]: GUIDANCE_REFUSAL },
        });
        continue;
      }
      if (letter.audience === 'complainant' && letter.sendBy !== 'email') {
        // An approved letter for someone who asked for post or a call becomes a task for staff.
        updates.push({
          sheet,
          key: letter.key,
          values: { [OUTBOX.status]: letter.sendBy === 'phone' ? STATUS.phone : STATUS.print },
        });
        report.tasks += 1;
        continue;
      }
      due.push(letter);
    }
  }

  const batch = due.slice(0, Math.max(0, quota));
  report.carried = due.length - batch.length;
  const carried = due.slice(batch.length);
  for (const letter of carried) {
    if (untried.has(letter.key))
      updates.push({ sheet: letter.sheet, key: letter.key, values: { [OUTBOX.status]: letter.status } });
  }
  const failedNow: Letter[] = [];
  for (const letter of batch) {
    if (!letter.to && (letter.audience === 'staff' || letter.audience === '')) {
      letter.to = staffAddress(settings, letter.role || TEAM_ROLE);
      letter.resolvedTo = letter.to !== '';
    }
    if (!letter.to) failedNow.push(letter);
  }
  for (const letter of failedNow) {
    const who =
      letter.audience === 'staff'
        ? noAddressError(roleTitle(letter.role || TEAM_ROLE))
        : 'There is no email address to send this letter to';
    updates.push({
      sheet: letter.sheet,
      key: letter.key,
      values: { [OUTBOX.status]: STATUS.failed, [OUTBOX.error]: who },
    });
    report.failed += 1;
  }
  const toSend = batch.filter((l) => !failedNow.includes(l));
  for (const letter of toSend) {
    updates.push({ sheet: letter.sheet, key: letter.key, values: { [OUTBOX.status]: STATUS.sending } });
  }
  // Nothing is sent unless its `sending` mark is in the sheet: a run that dies later must leave a row the
  // next run settles from the journal, never one that still looks queued.
  const landed = updates.length > 0 ? writeTabs(updates, STATUS_COLUMNS, problems) : new Set<string>();
  // Settled outcomes now in the sheet no longer need their journal entries.
  const unsettled = new Set(stuckKeys.filter((key) => !landed.has(key)));
  for (const key of stuckKeys) {
    const entry = legacyEntryProperty(journal, key);
    if (entry && !unsettled.has(key)) props.deleteProperty(entry);
  }
  for (const dead of runJournals(journal)) {
    if (!dead.keys.some((key) => unsettled.has(key)))
      for (const name of dead.properties) props.deleteProperty(name);
  }

  const sendable = toSend.filter((l) => landed.has(l.key));

  // The snapshot above holds everything queued before now (queueing happens under this lock), so the
  // flags can be cleared here; letters queued from now on set them again. They are never cleared later.
  const work = (sheet: GoogleAppsScript.Spreadsheet.Sheet | null) =>
    sheet !== null &&
    (waiting.has(sheet) || sendable.some((l) => l.sheet === sheet) || carried.some((l) => l.sheet === sheet));
  // Flags raised here go out in one call, with the lease when there is one.
  const raise: Record<string, string> = {};
  if (sendable.length > 0 || report.carried > 0 || waiting.size > 0) raise[PENDING_PROPERTY] = '1';
  else props.deleteProperty(PENDING_PROPERTY);
  // Staff mail's own flag changes only when this run read that tab and found it changed state.
  if (staffTab && !work(staffTab) && journal[STAFF_PENDING_PROPERTY])
    props.deleteProperty(STAFF_PENDING_PROPERTY);
  if (work(staffTab) && !journal[STAFF_PENDING_PROPERTY]) raise[STAFF_PENDING_PROPERTY] = '1';

  let run: RunJournal | null = null;
  if (sendable.length > 0) {
    // The lease and the batch's keys in one call: the log written before each send then names letters by
    // their place in the batch.
    const started = newRunJournal(
      now.getTime(),
      sendable.map((l) => l.key),
    );
    run = started.run;
    Object.assign(raise, { [LEASE_PROPERTY]: String(now.getTime() + LEASE_MS) }, started.props);
  }
  if (Object.keys(raise).length > 0) props.setProperties(raise);
  if (sendable.length === 0 && settledSent.length === 0) return null;
  return { batch: sendable, run, settledSent, staffTab };
}

/**
 * Drains the Outbox. Returns quietly (busy) when another sender run holds the lock or the lease.
 * `clock` reads the time as sending goes on (the run's `now` stays the run's start).
 */
export function sendQueued(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  now: Date,
  roleTitle: (id: string) => string = (id) => id,
  clock: () => number = () => new Date().getTime(),
): SendReport {
  const report: SendReport = {
    sent: 0,
    failed: 0,
    retrying: 0,
    carried: 0,
    settled: 0,
    tasks: 0,
    quota: 0,
    busy: false,
  };
  // Checked before anything else: with none left today, the queue waits for tomorrow untouched.
  const quota = MailApp.getRemainingDailyQuota();
  report.quota = quota;
  if (quota <= 0) return report;
  const props = PropertiesService.getScriptProperties();
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(LOCK_TRY_MS)) return { ...report, busy: true };
  let plan: Plan | null;
  const problems: unknown[] = [];
  try {
    // One call for the lease and the whole journal.
    const stored = props.getProperties();
    const lease = Number(stored[LEASE_PROPERTY] || 0);
    if (lease > now.getTime()) return { ...report, busy: true };
    plan = prepare(ss, settings, roleTitle, props, now, quota, report, problems, stored);
  } finally {
    lock.releaseLock();
  }
  if (!plan) {
    if (problems.length > 0) throw problems[0];
    return report;
  }

  const { batch } = plan;
  const log = plan.run ? new RunLog(plan.run) : null;
  const results: TabUpdate[] = [];
  const sent: Letter[] = [...plan.settledSent];
  let next = 0;
  const started = clock();
  try {
    for (; next < batch.length; next++) {
      if (clock() - started > SEND_BUDGET_MS) break;
      const letter = batch[next]!;
      const attempts = letter.attempts + 1;
      // One write: this letter is in MailApp from now on, and the letter before it went (or did not).
      log?.attempt(next);
      log?.save(props);
      try {
        MailApp.sendEmail({
          to: letter.to,
          subject: letter.subject,
          body: letter.body,
          htmlBody: textToHtml(letter.body),
          name: settings.senderName || undefined,
          replyTo: settings.replyTo || undefined,
        } as GoogleAppsScript.Mail.MailAdvancedParameters);
      } catch (error) {
        // MailApp threw, so the letter did not go; the next write records it (until then it reads as
        // "may have gone", which sends nothing twice).
        log?.refused(next);
        if (isFatal(error) || isQuota(error)) {
          // Not the letter's fault: it goes back untouched, with the rest of the batch (below).
          if (isFatal(error)) throw error;
          break;
        }
        const final = attempts >= MAX_ATTEMPTS;
        results.push({
          sheet: letter.sheet,
          key: letter.key,
          values: {
            [OUTBOX.status]: final ? STATUS.failed : letter.status,
            [OUTBOX.attempts]: attempts,
            [OUTBOX.error]: errorText(error),
            [OUTBOX.nextAttempt]: final
              ? ''
              : new Date(now.getTime() + BASE_BACKOFF_MS * 2 ** (attempts - 1)),
          },
        });
        if (final) report.failed += 1;
        else report.retrying += 1;
        continue;
      }
      // Recorded in memory first: should the journal write fail, the `finally` still writes `sent`.
      const at = clock();
      results.push({
        sheet: letter.sheet,
        key: letter.key,
        values: {
          [OUTBOX.status]: STATUS.sent,
          [OUTBOX.attempts]: attempts,
          [OUTBOX.error]: '',
          [OUTBOX.nextAttempt]: '',
          [OUTBOX.sentAt]: new Date(at),
          ...(letter.resolvedTo ? { [OUTBOX.to]: letter.to } : {}),
        },
      });
      sent.push(letter);
      report.sent += 1;
      log?.sent(next, at);
    }
  } finally {
    // The last letter's outcome, so a run that dies before its final write is settled exactly.
    try {
      log?.save(props);
    } catch {
      // The final write below records the outcomes anyway; the journal only matters if it fails too.
    }
    // Whatever this run did not get to goes back as it was; `next` is the letter MailApp refused or
    // the first one not tried.
    const done = new Set(results.map((r) => r.key));
    const rest = batch.slice(next).filter((l) => !done.has(l.key));
    for (const letter of rest)
      results.push({ sheet: letter.sheet, key: letter.key, values: { [OUTBOX.status]: letter.status } });
    report.carried += rest.length;
    finish(ss, plan, results, sent, props, now, report, problems);
  }
  if (problems.length > 0) throw problems[0];
  return report;
}

/**
 * Phase 3, under the lock: one keyed write of the results. A letter's journal entry is dropped only once its
 * outcome is in the sheet under the right header (writeByKey checks where its write landed); otherwise the
 * row stays `sending` with its entry, and the next run settles it from the journal without resending.
 */
function finish(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  plan: Plan,
  results: TabUpdate[],
  sent: Letter[],
  props: GoogleAppsScript.Properties.Properties,
  now: Date,
  report: SendReport,
  problems: unknown[],
): void {
  const lock = LockService.getScriptLock();
  lock.waitLock(LOCK_WAIT_MS);
  try {
    const columns = results.some((r) => OUTBOX.to in r.values)
      ? [...STATUS_COLUMNS, OUTBOX.to]
      : STATUS_COLUMNS;
    let landed = new Set<string>();
    let failure: unknown = null;
    try {
      if (results.length > 0) landed = writeTabs(results, columns, problems);
    } catch (error) {
      failure = error;
    }
    // The journal goes once every outcome is in the sheet; otherwise the next run settles from it.
    if (plan.run && results.every((r) => landed.has(r.key)))
      for (const name of plan.run.properties) props.deleteProperty(name);
    if (report.carried > 0 || report.retrying > 0 || landed.size < results.length) {
      // Staff mail's flag too when any of its notices is left for a later run.
      const staff = results.some((r) => r.sheet === plan.staffTab && r.values[OUTBOX.status] !== STATUS.sent);
      markOutboxPending(staff, props);
    }
    // This run is over either way: the next one may settle what it left in `sending`.
    if (plan.batch.length > 0) props.deleteProperty(LEASE_PROPERTY);
    if (failure) throw failure;
    // Last: the Outbox is already settled should the Cases or Audit tab be broken.
    recordAcknowledgements(ss, sent, now);
  } finally {
    lock.releaseLock();
  }
}

export const ACKNOWLEDGES: Record<string, string> = {
  acknowledgement: COL.acknowledged,
  'appeal-acknowledgement': COL.appealAcknowledged,
};

/** How an acknowledgement went out, for the Audit tab. */
export interface AcknowledgementNote {
  /** Who did it: `script` for the sender, the staff member for a letter they printed or phoned. */
  actor: string;
  detail: string;
  /** Fill the case's date only where it is still blank (staff may have typed their own). */
  onlyIfBlank: boolean;
}

/**
 * Sending an acknowledgement is the acknowledgement: the case's "Acknowledged on" (or "Appeal acknowledged
 * on") is filled in with the day it went, so staff need not type it. A letter sent by post or phone is
 * recorded when staff mark its Outbox row printed or phoned (outbox-edits.ts).
 */
export function recordAcknowledgements(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sent: readonly Pick<Letter, 'reference' | 'kind'>[],
  now: Date,
  note: AcknowledgementNote = { actor: 'script', detail: 'Acknowledgement emailed', onlyIfBlank: false },
): void {
  let acks = sent.filter((s) => s.reference && isLetterKind(s.kind) && ACKNOWLEDGES[s.kind]);
  if (acks.length === 0) return;
  const cases = ss.getSheetByName(TABS.cases);
  let incomplete: IncompleteWriteError | null = null;
  if (cases && note.onlyIfBlank) {
    const table = Table.read(cases);
    const rows = table.has(COL.reference) ? table.byKey(COL.reference) : new Map<string, Cell[]>();
    acks = acks.filter((a) => {
      const row = rows.get(a.reference);
      return row !== undefined && table.value(row, ACKNOWLEDGES[a.kind]!) === '';
    });
    if (acks.length === 0) return;
  }
  if (cases) {
    // Only the columns this run fills, so a run of first acknowledgements touches one block.
    const targets = [...new Set(acks.map((a) => ACKNOWLEDGES[a.kind]!))];
    const updates = acks.map((a) => ({
      key: a.reference,
      values: { [ACKNOWLEDGES[a.kind]!]: now } as RowValues,
    }));
    try {
      writeByKey(cases, COL.reference, targets, updates);
    } catch (error) {
      // A missing "Acknowledged on" column is reported once the Audit tab has the acknowledgements.
      if (!(error instanceof IncompleteWriteError)) throw error;
      incomplete = error;
    }
  }
  appendAudit(
    ss,
    acks.map((a) => ({
      at: now,
      reference: a.reference,
      actor: note.actor,
      action: a.kind === 'acknowledgement' ? 'acknowledge' : 'acknowledge-appeal',
      from: '',
      to: '',
      detail: note.detail,
    })),
  );
  if (incomplete) throw incomplete;
}
