/**
 * Entry points Apps Script calls. Every export here becomes a top-level function in build/Code.js;
 * each one only wires the shell (src/gas) to the core (src/core).
 */
import { BUILT_IN_PROFILES } from './core/profile';
import { checkTemplates as checkAll } from './core/letters/render';
import { openContext, type RunContext } from './gas/context';
import { recordHealth } from './gas/health';
import { recordNewCase, submissionFromNamedValues } from './gas/intake';
import { readTemplates } from './gas/mail/templates-tab';
import { PENDING_PROPERTY, markOutboxPending } from './gas/mail/outbox';
import { sendQueued } from './gas/mail/sender';
import { lettersToPrintHtml } from './gas/print';
import { setupSpreadsheet as setup } from './gas/setup';
import { runSweep } from './gas/sweep';
import { handleStaffEdit, type StaffEdit } from './gas/workflow';

/** Runs a handler and records its last success or error on the Settings tab (no personal data). */
function tracked<T>(handler: string, fn: (ctx: RunContext, now: Date) => T): T {
  const ctx = openContext();
  const now = new Date();
  try {
    const result = fn(ctx, now);
    recordHealth(ctx.ss, ctx.settingsTable, handler, now, null);
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

/** Setup from the menu: asks which policy when none is chosen yet. */
export function setupFromMenu(): void {
  const ui = SpreadsheetApp.getUi();
  const ids = BUILT_IN_PROFILES.map((p) => p.id).join(', ');
  let policy: string | undefined;
  try {
    openContext();
  } catch {
    const answer = ui.prompt(
      'Set up complaints',
      `Which policy does this office follow? (${ids})`,
      ui.ButtonSet.OK_CANCEL,
    );
    if (answer.getSelectedButton() !== ui.Button.OK) return;
    policy = answer.getResponseText().trim();
  }
  const report = setup(SpreadsheetApp.getActiveSpreadsheet(), policy);
  ui.alert(
    'Set up complete',
    `Policy: ${report.policy}. Triggers added: ${report.triggersCreated}.`,
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

export function onComplaintSubmitted(e: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  tracked('onComplaintSubmitted', (ctx, now) =>
    recordNewCase(ctx, submissionFromNamedValues(ctx.profile, e.namedValues), now),
  );
}

export function onStaffEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const tab = e.range.getSheet().getName();
  // Staff approving or re-queueing a letter: let the next sender run look at the Outbox.
  if (tab === 'Outbox') markOutboxPending();
  if (tab !== 'Cases') return;
  tracked('onStaffEdit', (ctx, now) => handleStaffEdit(ctx, e as unknown as StaffEdit, now));
}

export function runDailySweep(): { cases: number; byStatus: Record<string, number> } {
  return tracked('runDailySweep', (ctx, now) => runSweep(ctx, now));
}

export function sendQueuedMail(): { sent: number; carried: number; busy: boolean } {
  if (PropertiesService.getScriptProperties().getProperty(PENDING_PROPERTY) !== '1') {
    return { sent: 0, carried: 0, busy: false };
  }
  const report = tracked('sendQueuedMail', (ctx, now) => sendQueued(ctx.ss, ctx.settings, now));
  console.log(
    `sender: ${report.sent} sent, ${report.retrying} to retry, ${report.failed} failed, ${report.carried} carried over`,
  );
  return report;
}

export function checkTemplates(): string {
  const ctx = openContext();
  const problems = checkAll(readTemplates(ctx.ss, ctx.profile));
  const text =
    problems.length === 0
      ? 'All letter templates are fine.'
      : problems
          .map(
            (p) => `${p.kind} (${p.language}${p.variant ? `, ${p.variant}` : ''}): ${p.problems.join(' ')}`,
          )
          .join('\n');
  SpreadsheetApp.getUi().alert('Letter templates', text, SpreadsheetApp.getUi().ButtonSet.OK);
  return text;
}

export function showLettersToPrint(): void {
  const ctx = openContext();
  const html = HtmlService.createHtmlOutput(lettersToPrintHtml(ctx.ss)).setWidth(800).setHeight(600);
  SpreadsheetApp.getUi().showModalDialog(html, 'Letters to print and calls to make');
}

export function showLogComplaintDialog(): void {
  const html = HtmlService.createHtmlOutputFromFile('log-complaint').setWidth(640).setHeight(720);
  SpreadsheetApp.getUi().showModalDialog(html, 'Log a complaint');
}

/** Called by the Log a complaint dialog: the same intake as the form, with the channel staff chose. */
export function logComplaint(submission: Record<string, unknown>): { reference: string; ok: boolean } {
  return tracked('onComplaintSubmitted', (ctx, now) => recordNewCase(ctx, submission, now));
}

export function showAbout(): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(
    'Complaints system',
    'Complaints handling for the Office of the Police and Crime Commissioner: the Cases tab holds one row per complaint; the Outbox holds every letter.',
    ui.ButtonSet.OK,
  );
}
