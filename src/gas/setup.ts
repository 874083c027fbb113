/**
 * One-click setup, safe to run again: creates or repairs the tabs, the public form and the triggers.
 * It never deletes or moves data: missing columns are added at the end, existing ones stay where staff
 * put them, and a trigger is only created when one for that handler is missing.
 */
import { COMPLAINTS_TEAM_ROLE } from '../core/correspondence';
import type { PolicyProfile } from '../core/model';
import { BUILT_IN_PROFILES, getProfile, roleTitle } from '../core/profile';
import { AUDIT_HEADERS, flushDeferredAudit } from './audit';
import { prepareForSubmissions } from './shape-refresh';
import {
  CHANNEL_LABELS,
  CONTACT_LABELS,
  LANGUAGE_LABELS,
  RELATIONSHIP_LABELS,
  SUBJECT_LABELS,
} from '../core/labels';
import { CASES_LEGACY_HEADERS, CASE_COLUMNS, COL, allDecisions, type ColumnSpec } from './cases';
import { renameLegacyHeaders } from './legacy-headers';
import { buildForm } from './form';
import { healthRows } from './health';
import { formatAnswersAsText, startCountingResponses } from './intake';
import { readOutbox, setupMailTabs } from './mail';
import { SETTINGS_HEADERS, SETTING_KEYS, parseSettings, settingRows } from './settings';
import { statusColourFormulas } from './status-colours';
import { adminWarnings, startCountingSweeps, writeDashboard } from './sweep';
import { reportFor, writeReports } from './reports-tab';
import { TABS } from './tabs';
import { ensureTab } from './ensure-tab';
import { ensureTriggers, type TriggerReport } from './trigger-owner';
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
      // The complaints team holds a case waiting for review (no case is without an owner).
      return [...profile.roles.map((r) => r.title), roleTitle(profile, COMPLAINTS_TEAM_ROLE, 'en')];
    case 'relationship':
      return Object.values(RELATIONSHIP_LABELS);
    case 'subject':
      return Object.values(SUBJECT_LABELS);
    case 'channel':
      return Object.values(CHANNEL_LABELS);
    case 'language':
      return Object.values(LANGUAGE_LABELS);
    case 'contact':
      return Object.values(CONTACT_LABELS);
    default:
      return null;
  }
}

/**
 * Answers the complainant gave, corrected by staff: the list offers the labels, but a cell an older
 * version wrote holds the id, which the script still reads (labels.ts). Invalid entries are let through
 * with a warning rather than rejected, because the script's own check refuses nonsense with a reason and
 * puts the old value back (workflow.ts).
 */
const ANSWER_DROPDOWNS: ReadonlySet<ColumnSpec['dropdown']> = new Set([
  'relationship',
  'subject',
  'channel',
  'language',
  'contact',
]);

function setupCases(ss: Spreadsheet, profile: PolicyProfile): void {
  renameLegacyHeaders(ss, TABS.cases, CASES_LEGACY_HEADERS);
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
    // Real date cells (older rows held deadlines as text, which this replaces as they are rewritten).
    if (spec.dateFormat) sheet.getRange(2, column, rows, 1).setNumberFormat(spec.dateFormat);
    const range = sheet.getRange(2, column, rows, 1);
    const list = dropdownValues(profile, spec);
    if (list) {
      range.setDataValidation(
        SpreadsheetApp.newDataValidation()
          .requireValueInList(list, true)
          .setAllowInvalid(ANSWER_DROPDOWNS.has(spec.dropdown))
          .build(),
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
  // The Reference stays in view while staff scroll across the row (the header row is frozen by ensureTab).
  // Only when it is the first column: freezing more would pin whatever staff moved in front of it.
  if (index.get(COL.reference) === 0) sheet.setFrozenColumns(1);

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

  // Row colours come from the sheet's own rules, so they stay right between script runs: the status text
  // the last run wrote, and the next deadline compared with TODAY() in the sheet's time zone, so a row
  // turns red at midnight rather than at the next morning's run.
  const letter = (header: string) => columnLetter(index.get(header)! + 1);
  const whole = sheet.getRange(2, 1, rows, headers.length);
  sheet.setConditionalFormatRules(
    statusColourFormulas(letter(COL.sla), letter(COL.nextDeadline), letter(COL.dueSoonFrom)).map((rule) =>
      SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied(rule.formula)
        .setBackground(rule.colour)
        .setRanges([whole])
        .build(),
    ),
  );
}

/**
 * The Dashboard is the first tab, on a new spreadsheet and an existing one: it is where the day starts.
 * Moved last in setup, after the form's responses tab (which Forms inserts first) exists. A Dashboard the
 * sweep has not filled yet shows the Today view's empty sections, the legend and these warnings at once;
 * a filled one keeps its lists until the next sweep, with setup's warnings given in setup's own report.
 */
function setupDashboard(ss: Spreadsheet, warnings: readonly string[]): void {
  const sheet = ss.getSheetByName(TABS.dashboard) ?? ss.insertSheet(TABS.dashboard, 0);
  if (sheet.getLastRow() <= 1) {
    writeDashboard(ss, new Date(), {
      warnings,
      total: 0,
      byStatus: {},
      byStage: {},
      byRoute: {},
      overdue: [],
      pastRetention: 0,
      closureProblems: [],
    });
  }
  // Reference, complainant, what is due (the longest), who owns it.
  [130, 200, 460, 240].forEach((width, i) => sheet.setColumnWidth(i + 1, width));
  if (ss.getSheets()[0]?.getName() !== TABS.dashboard) {
    ss.setActiveSheet(sheet);
    ss.moveActiveSheet(1);
  }
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

const AUDIT_PROTECTION = 'The audit log is append-only: only the script writes it';

/**
 * The Audit tab is protected so that only the people the script runs as can change it: whoever runs
 * setup (menu actions run as the person using them) and the owner of the triggers (every handler runs as
 * them). Everyone else, the rest of the team included, can read it but not edit it. Returns who can edit.
 */
export function protectAudit(ss: Spreadsheet, triggersOwner: string): string[] {
  const sheet = ss.getSheetByName(TABS.audit)!;
  const protection =
    sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0] ??
    sheet.protect().setDescription(AUDIT_PROTECTION);
  // Only an editor of a protection may change it; anyone else leaves it as it is and is told who can.
  if (protection.canEdit()) {
    const me = Session.getEffectiveUser();
    // Added before the others are removed, so the script never locks itself out.
    protection.addEditor(me);
    const keep = new Set([me.getEmail(), triggersOwner].filter(Boolean).map((e) => e.toLowerCase()));
    if (triggersOwner) protection.addEditor(triggersOwner);
    protection.removeEditors(protection.getEditors().filter((u) => !keep.has(u.getEmail().toLowerCase())));
    protection.setDescription(AUDIT_PROTECTION).setWarningOnly(false);
    // Domain-wide editing exists only on Workspace spreadsheets; elsewhere there is nothing to turn off.
    try {
      if (protection.canDomainEdit()) protection.setDomainEdit(false);
    } catch {
      // Not a Workspace spreadsheet: no domain to take edit rights from.
    }
  }
  return protection.getEditors().map((u) => u.getEmail());
}

/** What setup says when the form in Settings cannot be opened; a second form would split the responses. */
export const FORM_UNAVAILABLE =
  'The complaint form recorded on the Settings tab ("form-id") could not be opened: it belongs to someone who has not shared it with you, or it was deleted. ' +
  'No new form was made, so the public link keeps working. If it is someone else’s, ask them to share it with you (or to run Set up). ' +
  'If it was deleted, clear the "form-id" value on the Settings tab and run Set up again to make a new form.';

/** What setup says when it replaced a form that no tab receives responses from any more. */
export const FORM_REPLACED =
  'The complaint form recorded on the Settings tab ("form-id") could not be opened and no tab of this spreadsheet receives its responses any more, so a new form was made. ' +
  'Publish the new form’s link wherever the old one was given out; responses already on the old form’s tab are left as they are.';

interface EnsuredForm {
  formId: string;
  responsesTab: string | null;
  /** The link the public answers the form at; '' when the form could not be opened. */
  publicUrl: string;
  problem?: string;
}

/**
 * The public must be able to answer without an account: a Workspace administrator can make "respondents
 * must sign in" the default for new forms, which would turn every member of the public away.
 */
function openToThePublic(form: GoogleAppsScript.Forms.Form): string {
  if (form.requiresLogin()) form.setRequireLogin(false);
  return form.getPublishedUrl();
}

function ensureForm(ss: Spreadsheet, profile: PolicyProfile, formId: string): EnsuredForm {
  if (formId) {
    try {
      const form = FormApp.openById(formId);
      return { formId, responsesTab: null, publicUrl: openToThePublic(form) };
    } catch {
      // Apps Script gives the same error for a deleted form and for one this person may not open. A form
      // that still sends its responses here must be kept (a second one would split them); one that no tab
      // is linked to any more sends nothing here, so only a new form lets complaints arrive again.
      if (ss.getFormUrl()) return { formId, responsesTab: null, publicUrl: '', problem: FORM_UNAVAILABLE };
      return { ...createForm(ss, profile), problem: FORM_REPLACED };
    }
  }
  // Settings lost its form id (the tab was deleted): keep the form the public already has the link to.
  const linked = ss.getFormUrl();
  if (linked) {
    try {
      const form = FormApp.openByUrl(linked);
      const id = form.getId();
      const tab = ss.getSheets().find((s) => String(s.getFormUrl() ?? '').includes(id));
      return { formId: id, responsesTab: tab ? tab.getName() : null, publicUrl: openToThePublic(form) };
    } catch {
      // The public still has this form's link: a second form would split the complaints between two.
      return { formId: '', responsesTab: null, publicUrl: '', problem: FORM_UNAVAILABLE };
    }
  }
  return createForm(ss, profile);
}

/** A new public form whose responses go to a new tab of this spreadsheet. */
function createForm(ss: Spreadsheet, profile: PolicyProfile): EnsuredForm {
  const before = new Set(ss.getSheets().map((s) => s.getName()));
  const form = FormApp.create(
    profile.languages.includes('cy') ? `Make a complaint / Gwneud cwyn` : 'Make a complaint',
  );
  buildForm(form, profile);
  form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
  const added = ss.getSheets().find((s) => !before.has(s.getName()));
  return {
    formId: form.getId(),
    responsesTab: added ? added.getName() : null,
    publicUrl: openToThePublic(form),
  };
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
  /** The link to give the public; '' when the form could not be opened (see problems). */
  formUrl: string;
  triggersCreated: number;
  /** Who the triggers run as. */
  triggersOwner: string;
  /** The triggers belong to someone else and were left alone. */
  triggersLeftAlone: boolean;
  /** Who can edit the Audit tab. */
  auditEditors: string[];
  /** Something setup could not do, in words for the person running it. */
  problems: string[];
}

export function setupSpreadsheet(ss: Spreadsheet, policyId?: string): SetupReport {
  const profile = choosePolicy(ss, policyId);
  const settingsSheet = ss.getSheetByName(TABS.settings);
  const formIdNow = settingsSheet ? parseSettings(Table.read(settingsSheet)).formId : '';
  setupSettings(ss, profile, { [SETTING_KEYS.policy]: profile.id });
  setupCases(ss, profile);
  ensureTab(ss, TABS.audit, AUDIT_HEADERS);
  setupMailTabs(ss, profile);
  const form = ensureForm(ss, profile, formIdNow);
  const responses = ss
    .getSheets()
    .find((s) => form.formId && String(s.getFormUrl() ?? '').includes(form.formId));
  // Answers kept as typed (see formatAnswersAsText); a tab staff formatted otherwise is put right.
  if (responses) formatAnswersAsText(responses);
  const triggers: TriggerReport = ensureTriggers(
    ss,
    parseSettings(Table.read(ss.getSheetByName(TABS.settings)!)),
    new Date(),
  );
  const updates: Record<string, Cell> = { [SETTING_KEYS.formId]: form.formId, ...triggers.settings };
  if (form.responsesTab) updates[SETTING_KEYS.responsesTab] = form.responsesTab;
  setupSettings(ss, profile, updates);
  const auditEditors = protectAudit(ss, triggers.owner);
  if (auditEditors.includes(Session.getEffectiveUser().getEmail())) flushDeferredAudit(ss);
  // Responses already on the tab when setup first runs are taken as handled (intake.ts).
  startCountingResponses(new Date());
  startCountingSweeps(new Date());
  const blank = ss.getSheetByName('Sheet1');
  if (blank && blank.getLastRow() === 0 && ss.getSheets().length > 1) ss.deleteSheet(blank);
  const settings = parseSettings(Table.read(ss.getSheetByName(TABS.settings)!));
  const warnings = adminWarnings(profile, settings, readOutbox(ss)?.waiting ?? []);
  setupDashboard(ss, warnings);
  // The figures appear the first morning; until then the tab says what it will hold, not nothing.
  if (!ss.getSheetByName(TABS.reports)) writeReports(ss, reportFor([], new Date()), new Date());
  // Last, once every tab has its final headers: what form submissions copy (shape-cache.ts).
  prepareForSubmissions(ss, true);
  return {
    policy: profile.id,
    formId: form.formId,
    formUrl: form.publicUrl,
    triggersCreated: triggers.created,
    triggersOwner: triggers.owner,
    triggersLeftAlone: triggers.leftAlone,
    auditEditors,
    problems: [...(form.problem ? [form.problem] : []), ...warnings],
  };
}
