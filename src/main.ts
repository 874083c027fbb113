/**
 * Entry points Apps Script calls. Every export here becomes a top-level function in build/Code.js;
 * each one only wires the shell (src/gas) to the core (src/core).
 */
import { londonDate, londonInstant } from './core/calendar';
import { BUILT_IN_PROFILES } from './core/profile';
import { openContext, withScriptLock, type RunContext } from './gas/context';
import { appendAudit } from './gas/audit';
import { findPerson, type PersonSearch } from './gas/subject-access';
import { personDialogHtml } from './gas/person-dialog';
import { relatedText } from './core/people';
import {
  REFERENCES_SHOWN,
  applyRetentionTo,
  recordsPastRetention,
  retentionQuestion,
  type RetentionReport,
} from './gas/retention';
import { withProfileQuestions } from './gas/form-questions';
import { RECOVERY_HEALTH, SUBMIT_HEALTH_PROPERTY, noteOnDashboard, recordHealth } from './gas/health';
import { dropShape } from './gas/shape-cache';
import { ensureShape, refreshForSubmissions } from './gas/shape-refresh';
import {
  recordFormResponse,
  recordFormResponseQuickly,
  recordStaffCase,
  type StaffCase,
  recoverMissedResponses,
  type RecoveryReport,
} from './gas/intake';
import { currentPolicyId, setupSpreadsheet as setup, type SetupReport } from './gas/setup';
import { readSettings } from './gas/settings';
import {
  canRecordTriggerOwner,
  recordTriggerOwner,
  setupMessage,
  takeOverMessage,
} from './gas/setup-messages';
import { removeOldTriggers, retireIfLeftover, takeOverTriggers } from './gas/trigger-owner';
import { SWEEP_DONE, runSweep } from './gas/sweep';
import { PENDING_PROPERTY, markOutboxPending } from './gas/mail';
import { sendQueuedMailAfter } from './gas/mail/entry-points';
import { handleOutboxEdit, isOutboxStatusEdit } from './gas/mail/outbox-edits';
import { TABS } from './gas/tabs';
import type { SendReport } from './gas/mail/sender';
import { handleStaffEdit, type StaffEdit } from './gas/workflow';
import type { CaseView, NoCaseView } from './gas/case-view';
import { caseViewFor, myCases, selectedCaseView, selectedReference, type MyCasesView } from './gas/sidebar';
import { caseSidebarAction, type ActResult } from './gas/sidebar-actions';

export { checkTemplates, showLettersToPrint } from './gas/mail/entry-points';

/**
 * Set when a daily sweep starts and removed when it ends: one still set after Google's 6-minute limit
 * means the run was stopped part-way (its reminders and the team's digest perhaps never queued).
 */
const SWEEP_STARTED = 'sweep:started';
const EXECUTION_LIMIT_MS = 7 * 60_000;
/**
 * The daily trigger fires between 07:00 and 08:00 (an `atHour(7)` trigger runs within that hour); a day
 * with no finished sweep by 08:15 missed it (a run stopped before it could mark itself, or no firing).
 */
const SWEEP_MISSED_AFTER = { hour: 8, minute: 15 };

/**
 * Runs a handler and records its last success or error on the Settings tab (no personal data). A handler
 * may leave a note for staff (something it ignored or could not do) through `note`.
 */
function tracked<T>(handler: string, fn: (ctx: RunContext, now: Date, note: (text: string) => void) => T): T {
  const ctx = openContext();
  const now = new Date();
  const notes: string[] = [];
  try {
    const result = fn(ctx, now, (text) => notes.push(text));
    recordHealth(ctx.ss, ctx.settingsTable, handler, now, null, notes.join(' '));
    return result;
  } catch (error) {
    recordHealth(ctx.ss, ctx.settingsTable, handler, now, error);
    throw error;
  }
}

export function onOpen(): void {
  SpreadsheetApp.getUi()
    .createMenu('Complaints')
    .addItem('Log a complaint received by email, post, phone or social media…', 'showLogComplaintDialog')
    .addItem('Case details…', 'showCaseSidebar')
    .addItem('Recalculate deadlines now', 'runDailySweep')
    .addItem('Send queued letters now', 'sendQueuedMail')
    .addItem('Letters to print and calls to make', 'showLettersToPrint')
    .addItem('Check letter templates', 'checkTemplates')
    .addSeparator()
    .addItem('Find everything about a person…', 'findPersonData')
    .addItem('Apply retention…', 'applyRetention')
    .addSeparator()
    .addItem('Set up…', 'setupFromMenu')
    .addItem('Take over the triggers…', 'takeOverTriggersFromMenu')
    .addItem('Remove my old triggers', 'removeMyOldTriggers')
    .addItem('About this system', 'showAbout')
    .addToUi();
}

/** Setup from the menu: asks which policy, offering the one already in Settings as the default. */
export function setupFromMenu(): void {
  const ui = SpreadsheetApp.getUi();
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const ids = BUILT_IN_PROFILES.map((p) => p.id);
  const current = currentPolicyId(ss);
  const answer = ui.prompt(
    'Set up complaints',
    `Which complaints policy does this office follow? Type one of: ${ids.join(', ')}.` +
      (current ? `\n\nLeave blank to keep ${current}.` : ''),
    ui.ButtonSet.OK_CANCEL,
  );
  if (answer.getSelectedButton() !== ui.Button.OK) return;
  const policy = answer.getResponseText().trim().toLowerCase() || current;
  if (!ids.includes(policy)) {
    ui.alert('Set up complaints', `Choose one of: ${ids.join(', ')}.`, ui.ButtonSet.OK);
    return;
  }
  const report = setup(ss, policy);
  ui.alert('Set up complete', setupMessage(report), ui.ButtonSet.OK);
}

/**
 * Makes the person running this the owner of the triggers: installs their set and records it. The
 * previous owner's triggers retire as they next fire, or all at once with "Remove my old triggers".
 */
export function takeOverTriggersFromMenu(): void {
  const ui = SpreadsheetApp.getUi();
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const settings = readSettings(ss);
  // Triggers installed but not recorded would run beside the recorded set: record first or not at all.
  if (!canRecordTriggerOwner(ss)) {
    ui.alert('Take over the triggers', 'Run Complaints › Set up… first.', ui.ButtonSet.OK);
    return;
  }
  const answer = ui.alert(
    'Take over the triggers',
    (settings.triggersOwner
      ? `The triggers now run as ${settings.triggersOwner}. `
      : 'Nobody is recorded as running the triggers. ') +
      'Take them over so they run as you? Do this when that person is leaving or can no longer run them.',
    ui.ButtonSet.OK_CANCEL,
  );
  if (answer !== ui.Button.OK) return;
  const previous = settings.triggersOwner;
  const report = takeOverTriggers(ss, settings, new Date());
  const auditEditors = recordTriggerOwner(ss, report);
  ui.alert('Triggers taken over', takeOverMessage(report, previous, auditEditors), ui.ButtonSet.OK);
}

/** For a previous owner of the triggers: deletes their triggers that are no longer the ones recorded. */
export function removeMyOldTriggers(): void {
  const ui = SpreadsheetApp.getUi();
  const settings = readSettings(SpreadsheetApp.getActiveSpreadsheet());
  const removed = removeOldTriggers(settings);
  ui.alert(
    'Remove my old triggers',
    removed > 0
      ? `Removed ${removed} of your triggers that no longer run the system.`
      : 'You have no old triggers to remove.',
    ui.ButtonSet.OK,
  );
}

/** Set up without the menu (the demo, the tests, an Apps Script editor run): the policy id is optional once chosen. */
export function setupSpreadsheet(policyId?: string): SetupReport {
  return setup(SpreadsheetApp.getActiveSpreadsheet(), policyId);
}

export function onComplaintSubmitted(e?: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  // The usual response at the floor of service calls (intake.ts); anything unusual, or a failure part-way
  // (the ledger then finishes it under the same reference), takes the long way below.
  try {
    if (recordFormResponseQuickly(e, new Date(), retireIfLeftover)) return;
  } catch (error) {
    console.log(
      `intake: the quick path stopped (${error instanceof Error ? error.name : 'error'}); taking the long way`,
    );
  }
  tracked('onComplaintSubmitted', (ctx, now, note) => {
    // A previous owner's trigger after a take-over: the new owner's handles this response.
    if (retireIfLeftover(ctx.settings, e?.triggerUid)) return;
    const result = recordFormResponse(ctx, e, now);
    if (result.note) note(result.note);
    ensureShape(ctx.ss);
  });
}

export function onStaffEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const tab = e.range.getSheet().getName();
  if (tab === TABS.outbox || tab === TABS.staffMail) {
    // Staff approving or re-queueing a letter or notice: let the next sender run look at its tab.
    markOutboxPending(tab === TABS.staffMail);
    if (!isOutboxStatusEdit(e)) return;
    tracked('onStaffEdit', (ctx, now) => {
      if (retireIfLeftover(ctx.settings, e.triggerUid)) return;
      handleOutboxEdit(ctx, e, now);
    });
    return;
  }
  // Letter templates are copied for form submissions (shape-cache.ts): an edit drops the copy.
  if (tab === TABS.templates) dropShape(PropertiesService.getScriptProperties());
  if (tab !== 'Cases') return;
  tracked('onStaffEdit', (ctx, now) => {
    // A previous owner's trigger after a take-over: the new owner's handles this edit.
    if (retireIfLeftover(ctx.settings, e.triggerUid)) return;
    handleStaffEdit(ctx, e as unknown as StaffEdit, now);
  });
}

type SweepResult = { cases: number; byStatus: Record<string, number> } | null;

export function runDailySweep(e?: { triggerUid?: string }): SweepResult {
  return tracked('runDailySweep', (ctx, now) => {
    if (retireIfLeftover(ctx.settings, e?.triggerUid)) return null;
    return dailySweep(ctx, now);
  });
}

/**
 * The recovery of missed responses, then the sweep. Marked as started before any work, with the Outbox
 * flag set in the same call, so the next sender run (10 minutes on) wakes up and finishes a run Google
 * stopped part-way rather than the office waiting a day, without the day's digest, for the next one.
 */
function dailySweep(ctx: RunContext, now: Date): SweepResult {
  const props = PropertiesService.getScriptProperties();
  props.setProperties({ [SWEEP_STARTED]: now.toISOString(), [PENDING_PROPERTY]: '1' });
  try {
    return sweepProper(ctx, now);
  } finally {
    // An error is recorded in trigger health and is not retried every 10 minutes; only a run Google
    // stopped (which runs no finally) leaves the mark behind, or leaves the day without a sweep.
    props.setProperty(SWEEP_DONE, londonDate(now));
    props.deleteProperty(SWEEP_STARTED);
  }
}

/** Time-driven, every 10 minutes, and "Send queued letters now" on the menu. */
export function sendQueuedMail(): SendReport {
  return sendQueuedMailAfter(sweepOwed, finishOwedSweep);
}

/**
 * Whether a daily sweep is owed: one started over the execution limit ago and never ended (Google
 * stopped it), or none finished today by 08:15 though one finished on an earlier day (the trigger did
 * not fire, or its run was stopped before it could mark itself).
 */
function sweepOwed(props: Readonly<Record<string, string>>): boolean {
  const now = new Date();
  const started = props[SWEEP_STARTED];
  if (started) return now.getTime() - new Date(started).getTime() > EXECUTION_LIMIT_MS;
  const done = props[SWEEP_DONE];
  const today = londonDate(now);
  if (!done || done >= today) return false;
  return now.getTime() >= londonInstant(today, SWEEP_MISSED_AFTER.hour, SWEEP_MISSED_AFTER.minute).getTime();
}

/** Runs an owed daily sweep; its own failure is recorded in its health row and it is tried again next run. */
function finishOwedSweep(): void {
  try {
    tracked('runDailySweep', (ctx, now) => dailySweep(ctx, now));
  } catch {
    console.log('sender: the owed daily sweep could not be finished; it is retried next run');
  }
}

function sweepProper(ctx: RunContext, now: Date): SweepResult {
  // Recovery never stops the sweep: every case gets its deadlines even when a response cannot be read.
  let recovery: RecoveryReport;
  try {
    recovery = recoverMissedResponses(ctx, now);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    recovery = { made: [], problems: [`The check for missed form responses failed: ${reason}`] };
  }
  const summary =
    recovery.problems.length > 0
      ? recovery.problems.join(' ')
      : recovery.made.length > 0
        ? `Made ${recovery.made.length} case(s) from form responses whose own trigger had not.`
        : 'No form response needed recovering.';
  // Form submissions keep their last run in a property (intake.ts): copied to Settings with this row.
  const store = PropertiesService.getScriptProperties();
  const submitted = store.getProperty(SUBMIT_HEALTH_PROPERTY);
  const others: Record<string, Date> = submitted ? { onComplaintSubmitted: new Date(submitted) } : {};
  recordHealth(ctx.ss, ctx.settingsTable, RECOVERY_HEALTH, now, null, summary, others);
  if (submitted) store.deleteProperty(SUBMIT_HEALTH_PROPERTY);
  const report = runSweep(ctx, now);
  noteOnDashboard(ctx.ss, recovery.problems);
  refreshForSubmissions(ctx.ss);
  return report;
}

export function showLogComplaintDialog(): void {
  const { profile } = openContext();
  const file = HtmlService.createHtmlOutputFromFile('log-complaint').getContent();
  const html = HtmlService.createHtmlOutput(withProfileQuestions(file, profile)).setWidth(640).setHeight(720);
  SpreadsheetApp.getUi().showModalDialog(html, 'Log a complaint');
}

/**
 * Called by the Log a complaint dialog: the same intake as the form, with the channel staff chose. The
 * dialog sends the same submission id with every attempt to save one filled-in form, so a repeated or
 * retried call returns the case the first one made, and a call after one stopped part-way finishes it.
 */
export function logComplaint(submission: Record<string, unknown>, submissionId: string): StaffCase {
  return tracked('onComplaintSubmitted', (ctx, now) => recordStaffCase(ctx, submissionId, submission, now));
}

/**
 * The case sidebar, from the menu. It follows the selection while open (sidebar.html asks every two
 * seconds); it cannot open itself when a row is selected, since only a simple trigger (onSelectionChange)
 * sees that, and simple triggers cannot open UI (developers.google.com/apps-script/guides/triggers#restrictions).
 */
export function showCaseSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile('sidebar').setTitle('Case details');
  SpreadsheetApp.getUi().showSidebar(html);
}

/** The sidebar's poll: which case the selected row holds (the header row and one cell are read). */
export function caseSidebarSelection(): { reference: string | null; message: string } {
  return selectedReference();
}

/** The case on the selected row of Cases, or a "select a case row" state. */
export function caseSidebarSelected(): CaseView | NoCaseView {
  return selectedCaseView(openContext(), new Date());
}

/** One case by its reference (the sidebar's "my cases" list opens cases with it). */
export function caseSidebarCase(reference: string): CaseView | NoCaseView {
  return caseViewFor(openContext(), String(reference ?? ''), new Date());
}

/** Open cases handled by the person looking, or every open case by owner when Google withholds who. */
export function caseSidebarMyCases(): MyCasesView {
  return myCases(openContext(), Session.getActiveUser().getEmail());
}

/** A sidebar button: the same checks and Audit as the cell edit it stands for (gas/sidebar-actions.ts). */
export function caseSidebarAct(request: unknown): ActResult {
  return caseSidebarAction(openContext(), request, new Date());
}

/**
 * A subject access request: finds everything about a person (subject-access.ts) and shows it in a dialog
 * that builds the download in the browser. Asks for the email, phone or name when not given one (the menu).
 * The search is audited (who searched, how many records); what was searched for is not.
 */
export function findPersonData(query?: string): PersonSearch | null {
  const ui = SpreadsheetApp.getUi();
  let wanted = typeof query === 'string' ? query : '';
  if (!wanted.trim()) {
    const answer = ui.prompt(
      'Find everything about a person',
      'Type their email address, phone number or full name.',
      ui.ButtonSet.OK_CANCEL,
    );
    if (answer.getSelectedButton() !== ui.Button.OK) return null;
    wanted = answer.getResponseText();
  }
  const ctx = openContext();
  const now = new Date();
  const result = findPerson(ctx, wanted);
  if (!result.ok) {
    ui.alert('Find everything about a person', result.message, ui.ButtonSet.OK);
    return result;
  }
  withScriptLock(30_000, () =>
    appendAudit(ctx.ss, [
      {
        at: now,
        reference: '',
        actor: Session.getActiveUser().getEmail() || 'complaints team',
        action: 'subject access search',
        from: '',
        to: '',
        detail: `${result.counts.cases} case(s), ${result.counts.letters} letter(s), ${result.counts.audit} audit entries, ${result.counts.responses} form response(s) found`,
      },
    ]),
  );
  const html = HtmlService.createHtmlOutput(personDialogHtml(wanted.trim(), result, londonDate(now)))
    .setWidth(900)
    .setHeight(700);
  ui.showModalDialog(html, 'Everything we hold about a person');
  return result;
}

/**
 * "Apply retention…": lists the records past their retention date, asks, then removes their personal
 * data everywhere it lives (retention.ts). Only someone who may edit the Audit tab can run it, since the
 * letters' and changes' records there are cleared too.
 */
export function applyRetention(): RetentionReport | null {
  const ui = SpreadsheetApp.getUi();
  const ctx = openContext();
  const now = new Date();
  const candidates = recordsPastRetention(ctx, now);
  if (candidates.length === 0) {
    ui.alert('Apply retention', 'No record is past its retention date.', ui.ButtonSet.OK);
    return null;
  }
  if (ui.alert('Apply retention', retentionQuestion(candidates), ui.ButtonSet.YES_NO) !== ui.Button.YES)
    return null;
  let report: RetentionReport;
  try {
    report = applyRetentionTo(
      ctx,
      candidates.map((c) => c.reference),
      Session.getActiveUser().getEmail() || 'complaints team',
      now,
    );
  } catch (error) {
    if (/protected/i.test(error instanceof Error ? error.message : String(error))) {
      ui.alert(
        'Apply retention',
        'Nothing was removed: you cannot edit the Audit tab, whose entries must be cleared too. ' +
          `Ask ${ctx.settings.triggersOwner || 'the person who set the system up'} to run it.`,
        ui.ButtonSet.OK,
      );
      return null;
    }
    throw error;
  }
  ui.alert(
    'Retention applied',
    `Personal data removed from ${report.anonymised.length} case(s): ${report.letters} letter(s) and notice(s), ` +
      `${report.auditEntries} audit entr${report.auditEntries === 1 ? 'y' : 'ies'}, ${report.responseRows} row(s) of the form responses tab, ` +
      `${report.formResponses} response(s) in the form and ${report.otherCells} mention(s) elsewhere. ` +
      'Each case keeps its reference, dates, route, stage and outcome.' +
      (report.letters > 0
        ? '\n\nLetters already sent are also kept in the Sent folder of the account that sent them, which ' +
          `this system cannot open. Search that folder for ${relatedText(report.anonymised, REFERENCES_SHOWN)} and delete what it finds.`
        : '') +
      (report.keptIn.length
        ? `\n\nTheir details also appear in ${relatedText(report.keptIn, REFERENCES_SHOWN)}, not yet past ${report.keptIn.length === 1 ? 'its' : 'their'} own retention date: ` +
          'those records are kept whole until then.'
        : '') +
      (report.problems.length ? `\n\n${report.problems.join('\n')}` : ''),
    ui.ButtonSet.OK,
  );
  return report;
}

export function showAbout(): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(
    'Complaints system',
    'Complaints handling for the Office of the Police and Crime Commissioner: the Cases tab holds one row per complaint; the Outbox holds every letter.',
    ui.ButtonSet.OK,
  );
}
