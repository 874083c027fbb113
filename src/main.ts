/**
 * Entry points Apps Script calls. Every export here becomes a top-level function in build/Code.js;
 * each one only wires the shell (src/gas) to the core (src/core).
 */
import { BUILT_IN_PROFILES } from './core/profile';
import { openContext, type RunContext } from './gas/context';
import { RECOVERY_HEALTH, noteOnDashboard, recordHealth } from './gas/health';
import {
  recordFormResponse,
  recordStaffCase,
  recoverMissedResponses,
  type RecoveryReport,
} from './gas/intake';
import { currentPolicyId, setupSpreadsheet as setup } from './gas/setup';
import { runSweep } from './gas/sweep';
import { markOutboxPending } from './gas/mail';
import { handleStaffEdit, type StaffEdit } from './gas/workflow';

export { sendQueuedMail, checkTemplates, showLettersToPrint } from './gas/mail/entry-points';

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
    .addItem('Recalculate deadlines now', 'runDailySweep')
    .addItem('Send queued letters now', 'sendQueuedMail')
    .addItem('Letters to print and calls to make', 'showLettersToPrint')
    .addItem('Check letter templates', 'checkTemplates')
    .addSeparator()
    .addItem('Set up…', 'setupFromMenu')
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
  ui.alert(
    'Set up complete',
    `Policy: ${report.policy}. Triggers added: ${report.triggersCreated}. Now fill in the email addresses on the Settings tab.`,
    ui.ButtonSet.OK,
  );
}

/** For `clasp run setupSpreadsheet` and scripted setups: the policy id is optional once chosen. */
export function setupSpreadsheet(policyId?: string): {
  policy: string;
  formId: string;
  triggersCreated: number;
} {
  return setup(SpreadsheetApp.getActiveSpreadsheet(), policyId);
}

export function onComplaintSubmitted(e?: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  tracked('onComplaintSubmitted', (ctx, now, note) => {
    const result = recordFormResponse(ctx, e, now);
    if (result.note) note(result.note);
  });
}

export function onStaffEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const tab = e.range.getSheet().getName();
  // Staff approving or re-queueing a letter: let the next sender run look at the Outbox.
  if (tab === 'Outbox') markOutboxPending();
  if (tab !== 'Cases') return;
  tracked('onStaffEdit', (ctx, now) => handleStaffEdit(ctx, e as unknown as StaffEdit, now));
}

export function runDailySweep(): { cases: number; byStatus: Record<string, number> } {
  return tracked('runDailySweep', (ctx, now) => {
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
    recordHealth(ctx.ss, ctx.settingsTable, RECOVERY_HEALTH, now, null, summary);
    const report = runSweep(ctx, now);
    noteOnDashboard(ctx.ss, recovery.problems);
    return report;
  });
}

export function showLogComplaintDialog(): void {
  const html = HtmlService.createHtmlOutputFromFile('log-complaint').setWidth(640).setHeight(720);
  SpreadsheetApp.getUi().showModalDialog(html, 'Log a complaint');
}

/**
 * Called by the Log a complaint dialog: the same intake as the form, with the channel staff chose. The
 * dialog sends the same submission id with every attempt to save one filled-in form, so a repeated or
 * retried call returns the case the first one made, and a call after one stopped part-way finishes it.
 */
export function logComplaint(
  submission: Record<string, unknown>,
  submissionId: string,
): { reference: string; ok: boolean } {
  return tracked('onComplaintSubmitted', (ctx, now) => recordStaffCase(ctx, submissionId, submission, now));
}

export function showAbout(): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(
    'Complaints system',
    'Complaints handling for the Office of the Police and Crime Commissioner: the Cases tab holds one row per complaint; the Outbox holds every letter.',
    ui.ButtonSet.OK,
  );
}
