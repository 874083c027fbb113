/**
 * One-click setup, safe to run again: creates or repairs the tabs, the public form and the triggers.
 * It never deletes or moves data: missing columns are added at the end, existing ones stay where staff
 * put them, and a trigger is only created when one for that handler is missing.
 */
import type { PolicyProfile } from '../core/model';
import { BUILT_IN_PROFILES, getProfile } from '../core/profile';
import { AUDIT_HEADERS } from './audit';
import { CASE_COLUMNS, COL, allDecisions, type ColumnSpec } from './cases';
import { buildForm } from './form';
import { healthRows } from './health';
import { startCountingResponses } from './intake';
import { setupMailTabs } from './mail';
import { SETTINGS_HEADERS, SETTING_KEYS, parseSettings, settingRows } from './settings';
import { DASHBOARD_LEGEND } from './status-colours';
import { writeDashboard } from './sweep';
import { TABS } from './tabs';
import { ensureTab } from './ensure-tab';
import { Table, headerIndex, type Cell } from './table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const PROTECTION_NOTE = 'Filled in by the complaints script';

function dropdownValues(profile: PolicyProfile, spec: ColumnSpec): string[] | null {
  switch (spec.dropdown) {
    case 'stage':
      return profile.lifecycle.states.map((s) => s.label);
    case 'decision':
      return allDecisions(profile).map((d) => d.label);
    case 'outcome':
      return profile.outcomes.map((o) => o.label);
    case 'appeal-outcome':
      return profile.appeal.outcomes.map((o) => o.label);
    case 'role':
      return profile.roles.map((r) => r.title);
    default:
      return null;
  }
}

function setupCases(ss: Spreadsheet, profile: PolicyProfile): void {
  const { sheet, headers } = ensureTab(
    ss,
    TABS.cases,
    CASE_COLUMNS.map((c) => c.header),
  );
  const index = headerIndex(headers);
  // Validation and formats are set on whole columns below the header, which needs rows to exist.
  if (sheet.getMaxRows() < 2) sheet.insertRowsAfter(1, 999);
  const rows = sheet.getMaxRows() - 1;
  for (const spec of CASE_COLUMNS) {
    const column = index.get(spec.header)! + 1;
    sheet.setColumnWidth(column, spec.width);
    if (spec.hidden) sheet.hideColumns(column);
    if (spec.text) sheet.getRange(2, column, rows, 1).setNumberFormat('@');
    const range = sheet.getRange(2, column, rows, 1);
    const list = dropdownValues(profile, spec);
    if (list) {
      range.setDataValidation(
        SpreadsheetApp.newDataValidation().requireValueInList(list, true).setAllowInvalid(false).build(),
      );
    } else if (spec.dropdown === 'checkbox') {
      range.setDataValidation(SpreadsheetApp.newDataValidation().requireCheckbox().build());
    } else if (spec.dropdown === 'date') {
      range.setDataValidation(
        SpreadsheetApp.newDataValidation().requireDate().setHelpText('Enter a date, e.g. 14/03/2026').build(),
      );
      range.setNumberFormat('dd/mm/yyyy');
    }
  }
  sheet.getRange(2, index.get(COL.received)! + 1, rows, 1).setNumberFormat('dd/mm/yyyy hh:mm');

  // Computed columns are protected with a warning, one protection per run of adjacent columns.
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
    if (p.getDescription() === PROTECTION_NOTE) p.remove();
  }
  const computed = CASE_COLUMNS.filter((c) => c.owner === 'script')
    .map((c) => index.get(c.header)! + 1)
    .sort((a, b) => a - b);
  let start = computed[0];
  for (let i = 1; i <= computed.length; i++) {
    if (computed[i] !== computed[i - 1]! + 1) {
      sheet
        .getRange(1, start!, sheet.getMaxRows(), computed[i - 1]! - start! + 1)
        .protect()
        .setDescription(PROTECTION_NOTE)
        .setWarningOnly(true);
      start = computed[i];
    }
  }

  // Row colours come from rules on the SLA status column, so they stay right between script runs.
  const statusLetter = columnLetter(index.get(COL.sla)! + 1);
  const whole = sheet.getRange(2, 1, rows, headers.length);
  sheet.setConditionalFormatRules(
    DASHBOARD_LEGEND.map((entry) =>
      SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied(`=$${statusLetter}2="${entry.status}"`)
        .setBackground(entry.colour)
        .setRanges([whole])
        .build(),
    ),
  );
}

function columnLetter(column: number): string {
  let out = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

function setupSettings(ss: Spreadsheet, profile: PolicyProfile, updates: Record<string, Cell>): void {
  const { sheet } = ensureTab(ss, TABS.settings, SETTINGS_HEADERS);
  const table = Table.read(sheet);
  const current: Record<string, Cell> = {};
  for (const row of table.rows) current[String(table.value(row, 'Key'))] = table.value(row, 'Value');
  Object.assign(current, updates);
  const wanted = [...settingRows(profile, current), ...healthRows()];
  const keyRow = new Map(table.rows.map((row, i) => [String(table.value(row, 'Key')), table.rowNumbers[i]!]));
  const valueColumn = table.column('Value') + 1;
  // Existing rows keep their place; only the values setup owns are refreshed; new keys are appended.
  for (const [key, value] of Object.entries(updates)) {
    const row = keyRow.get(key);
    if (row) sheet.getRange(row, valueColumn).setValue(value);
  }
  const missing = wanted.filter((row) => !keyRow.has(String(row[0])));
  if (missing.length > 0) {
    const index = headerIndex(table.headers);
    const width = table.headers.length;
    const rows = missing.map((r) => {
      const out: Cell[] = new Array<Cell>(width).fill('');
      SETTINGS_HEADERS.forEach((h, i) => (out[index.get(h)!] = r[i] ?? ''));
      return out;
    });
    sheet.getRange(sheet.getLastRow() + 1, 1, rows.length, width).setValues(rows);
  }
  sheet.setColumnWidth(1, 150);
  sheet.setColumnWidth(2, 260);
  sheet.setColumnWidth(3, 260);
  sheet.setColumnWidth(4, 420);
}

function setupAudit(ss: Spreadsheet): void {
  const { sheet } = ensureTab(ss, TABS.audit, AUDIT_HEADERS);
  if (sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).length === 0) {
    sheet.protect().setDescription('The audit log is append-only: the script writes it').setWarningOnly(true);
  }
}

function ensureForm(
  ss: Spreadsheet,
  profile: PolicyProfile,
  formId: string,
): { formId: string; responsesTab: string | null } {
  if (formId) {
    try {
      FormApp.openById(formId);
      return { formId, responsesTab: null };
    } catch {
      // The form was deleted: make a new one below.
    }
  }
  // Settings lost its form id (the tab was deleted): keep the form the public already has the link to.
  const linked = formId ? null : ss.getFormUrl();
  if (linked) {
    try {
      const id = FormApp.openByUrl(linked).getId();
      const tab = ss.getSheets().find((s) => String(s.getFormUrl() ?? '').includes(id));
      return { formId: id, responsesTab: tab ? tab.getName() : null };
    } catch {
      // Not ours to open: make a new one below.
    }
  }
  const before = new Set(ss.getSheets().map((s) => s.getName()));
  const form = FormApp.create(
    profile.languages.includes('cy') ? `Make a complaint / Gwneud cwyn` : 'Make a complaint',
  );
  buildForm(form, profile);
  form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
  const added = ss.getSheets().find((s) => !before.has(s.getName()));
  return { formId: form.getId(), responsesTab: added ? added.getName() : null };
}

const TRIGGERS = ['onComplaintSubmitted', 'onStaffEdit', 'runDailySweep', 'sendQueuedMail'] as const;

function ensureTriggers(ss: Spreadsheet): number {
  const existing = new Set(ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction()));
  let created = 0;
  for (const handler of TRIGGERS) {
    if (existing.has(handler)) continue;
    created += 1;
    switch (handler) {
      case 'onComplaintSubmitted':
        ScriptApp.newTrigger('onComplaintSubmitted').forSpreadsheet(ss).onFormSubmit().create();
        break;
      case 'onStaffEdit':
        ScriptApp.newTrigger('onStaffEdit').forSpreadsheet(ss).onEdit().create();
        break;
      case 'runDailySweep':
        ScriptApp.newTrigger('runDailySweep').timeBased().atHour(7).everyDays(1).create();
        break;
      case 'sendQueuedMail':
        ScriptApp.newTrigger('sendQueuedMail').timeBased().everyMinutes(10).create();
        break;
    }
  }
  return created;
}

/** The policy id already chosen in Settings, or '' on a fresh spreadsheet. */
export function currentPolicyId(ss: Spreadsheet): string {
  const settings = ss.getSheetByName(TABS.settings);
  return settings ? parseSettings(Table.read(settings)).policyId : '';
}

/** Chooses the policy: the argument, else the one already in Settings, else an error listing them. */
function choosePolicy(ss: Spreadsheet, policyId: string | undefined): PolicyProfile {
  if (policyId) return getProfile(policyId);
  const current = currentPolicyId(ss);
  if (current) return getProfile(current);
  throw new Error(`Choose a policy: ${BUILT_IN_PROFILES.map((p) => p.id).join(', ')}`);
}

export interface SetupReport {
  policy: string;
  formId: string;
  triggersCreated: number;
}

export function setupSpreadsheet(ss: Spreadsheet, policyId?: string): SetupReport {
  const profile = choosePolicy(ss, policyId);
  const settingsSheet = ss.getSheetByName(TABS.settings);
  const formIdNow = settingsSheet ? parseSettings(Table.read(settingsSheet)).formId : '';
  setupSettings(ss, profile, { [SETTING_KEYS.policy]: profile.id });
  setupCases(ss, profile);
  setupAudit(ss);
  setupMailTabs(ss, profile);
  const dashboard = ensureTab(ss, TABS.dashboard, ['Measure', 'Count']);
  // A fresh Dashboard shows the colour legend at once; the first sweep fills in the counts.
  if (dashboard.sheet.getLastRow() <= 1) {
    writeDashboard(ss, new Date(), {
      total: 0,
      byStatus: {},
      byStage: {},
      byRoute: {},
      overdue: [],
      pastRetention: 0,
      closureProblems: [],
    });
  }
  const form = ensureForm(ss, profile, formIdNow);
  const updates: Record<string, Cell> = { [SETTING_KEYS.formId]: form.formId };
  if (form.responsesTab) updates[SETTING_KEYS.responsesTab] = form.responsesTab;
  setupSettings(ss, profile, updates);
  // Responses already on the tab when setup first runs are taken as handled (intake.ts).
  startCountingResponses(new Date());
  const triggersCreated = ensureTriggers(ss);
  const blank = ss.getSheetByName('Sheet1');
  if (blank && blank.getLastRow() === 0 && ss.getSheets().length > 1) ss.deleteSheet(blank);
  return { policy: profile.id, formId: form.formId, triggersCreated };
}
