/**
 * The mail entry points. src/main.ts re-exports them, which makes each a top-level function of the
 * bundle (for the 10-minute trigger and the Complaints menu).
 */
import { checkTemplates as checkAll, defaultTemplates } from '../../core/letters/render';
import { roleTitle } from '../../core/profile';
import { flushDeferredAudit, hasDeferredAudit } from '../audit';
import { openContext } from '../context';
import { SUBMIT_HEALTH_PROPERTY, recordHealth } from '../health';
import { TABS } from '../tabs';
import { Table } from '../table';
import { PENDING_PROPERTY } from './outbox';
import { lettersToPrintHtml } from './print';
import { sendQueued, type SendReport } from './sender';
import { templateKey, templateRows } from './templates-tab';

/**
 * The Audit entries form submissions left in script properties, appended when the lock is free at once.
 * Never in the way of sending: on a failure (a missing Audit tab, the lock busy) they wait, safe, for the
 * next run.
 */
function appendWaitingAudit(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(2_000)) return;
  try {
    flushDeferredAudit(ss);
  } catch (error) {
    console.log(
      `sender: the waiting Audit entries could not be appended (${error instanceof Error ? error.message : 'error'}); next run`,
    );
  } finally {
    lock.releaseLock();
  }
}

const IDLE: SendReport = {
  sent: 0,
  failed: 0,
  retrying: 0,
  carried: 0,
  settled: 0,
  tasks: 0,
  quota: 0,
  busy: false,
};

/**
 * Time-driven, every 10 minutes, and "Send queued letters now" on the menu (src/main.ts wraps it).
 * `owed` says from the script properties whether other work is due (a daily sweep stopped or missed);
 * `beforeSending` does it. An idle run costs one property read and no sheet call.
 */
export function sendQueuedMailAfter(
  owed: (props: Readonly<Record<string, string>>) => boolean,
  beforeSending: () => void,
): SendReport {
  const store = PropertiesService.getScriptProperties();
  const props = store.getProperties();
  const due = owed(props);
  // Audit entries form submissions left are appended within one run of them, even with nothing to send.
  const audit = hasDeferredAudit(props);
  if (!props[PENDING_PROPERTY] && !due) {
    if (audit) appendWaitingAudit(SpreadsheetApp.getActiveSpreadsheet());
    return IDLE;
  }
  if (due) beforeSending();
  const ctx = openContext();
  const now = new Date();
  let report: SendReport;
  try {
    report = sendQueued(ctx.ss, ctx.settings, now, (id) => roleTitle(ctx.profile, id, 'en'));
    if (audit) appendWaitingAudit(ctx.ss);
  } catch (error) {
    recordHealth(ctx.ss, ctx.settingsTable, 'sendQueuedMail', now, error);
    throw error;
  }
  // Form submissions keep their last run in a property (intake.ts): copied to Settings here.
  const submitted = props[SUBMIT_HEALTH_PROPERTY];
  const others: Record<string, Date> = submitted ? { onComplaintSubmitted: new Date(submitted) } : {};
  recordHealth(ctx.ss, ctx.settingsTable, 'sendQueuedMail', now, null, '', others);
  if (submitted) store.deleteProperty(SUBMIT_HEALTH_PROPERTY);
  // Counts only: addresses, names and letters never reach the logs.
  console.log(
    report.busy
      ? 'sender: another run is sending; nothing done'
      : `sender: ${report.sent} sent, ${report.retrying} to retry, ${report.failed} failed, ${report.carried} carried over, ${report.settled} settled from a stopped run, ${report.tasks} print/phone tasks, quota ${report.quota}`,
  );
  return report;
}

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', cy: 'Welsh' };

/** Menu: every problem with the Templates tab, in plain English, before any letter is sent. */
export function checkTemplates(): string {
  const ctx = openContext();
  const sheet = ctx.ss.getSheetByName(TABS.templates);
  const rows = sheet ? templateRows(Table.read(sheet)) : [];
  const lines: string[] = [];
  for (const problem of checkAll(rows)) {
    const row = rows.find(
      (r) => r.kind === problem.kind && r.language === problem.language && r.variant === problem.variant,
    );
    lines.push(
      `${problem.kind} (${problem.language}${problem.variant ? `, ${problem.variant}` : ''}): ${problem.problems.join(' ')}${row ? ` [row ${row.row}]` : ''}`,
    );
  }
  const have = new Set(rows.map(templateKey));
  const missing = defaultTemplates(ctx.profile).filter((t) => !have.has(templateKey(t)));
  for (const t of missing) {
    lines.push(
      `${t.kind} (${t.language}${t.variant ? `, ${t.variant}` : ''}): there is no row for this letter in ${LANGUAGE_NAMES[t.language] ?? t.language}, so the built-in wording is used. Run Complaints › Set up… to add it for editing.`,
    );
  }
  if (!sheet) lines.unshift('There is no Templates tab, so the built-in wording is used for every letter.');
  const text = lines.length === 0 ? 'All letter templates are fine.' : lines.join('\n');
  const ui = SpreadsheetApp.getUi();
  ui.alert('Letter templates', text, ui.ButtonSet.OK);
  return text;
}

/** Menu: the letters to print and the calls to make, in a dialog. */
export function showLettersToPrint(): void {
  const ctx = openContext();
  const html = HtmlService.createHtmlOutput(lettersToPrintHtml(ctx.ss, ctx.settings, new Date(), ctx.profile))
    .setWidth(800)
    .setHeight(600);
  SpreadsheetApp.getUi().showModalDialog(html, 'Letters to print and calls to make');
}
