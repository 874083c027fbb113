/** The mail side of the shell: the Outbox and Templates tabs, queueing letters, the sender. */
import type { Calendar } from '../../core/calendar';
import {
  digest,
  dueLetters,
  eventLetters,
  firstLetters,
  type LetterRequest,
} from '../../core/correspondence';
import { letterValues } from '../../core/letters/values';
import type { CaseRecord, Clocks, PolicyProfile } from '../../core/model';
import { roleTitle } from '../../core/profile';
import { makeCalendar } from '../../core/calendar';
import { ensureTab } from '../ensure-tab';
import type { Settings } from '../settings';
import { TABS } from '../tabs';
import { OUTBOX, OUTBOX_HEADERS, STATUS_VALUES, queueLetters, type QueueItem } from './outbox';
import { TEMPLATES_HEADERS, readTemplates, seedTemplates } from './templates-tab';

export { OUTBOX_HEADERS, TEMPLATES_HEADERS, OUTBOX };

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function setupMailTabs(ss: Spreadsheet, profile: PolicyProfile): void {
  const outbox = ensureTab(ss, TABS.outbox, OUTBOX_HEADERS);
  const statusColumn = outbox.headers.indexOf(OUTBOX.status) + 1;
  outbox.sheet
    .getRange(2, statusColumn, outbox.sheet.getMaxRows() - 1, 1)
    .setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(STATUS_VALUES, true).build());
  outbox.sheet.setColumnWidth(outbox.headers.indexOf(OUTBOX.body) + 1, 360);
  outbox.sheet.setColumnWidth(outbox.headers.indexOf(OUTBOX.subject) + 1, 260);
  const templates = ensureTab(ss, TABS.templates, TEMPLATES_HEADERS);
  templates.sheet.setColumnWidth(templates.headers.indexOf('Body') + 1, 480);
  seedTemplates(templates.sheet, templates.headers, profile);
}

function items(
  profile: PolicyProfile,
  requests: readonly LetterRequest[],
  record: CaseRecord,
  clocks: Clocks,
): QueueItem[] {
  return requests.map((request) => ({
    request,
    record,
    values: letterValues(profile, record, clocks, request.language, {
      caseLink: '',
      ...request.extra,
    }),
  }));
}

function queue(
  ss: Spreadsheet,
  settings: Settings,
  profile: PolicyProfile,
  list: QueueItem[],
  now: Date,
): number {
  if (list.length === 0) return 0;
  const link = ss.getUrl();
  for (const item of list) item.values.caseLink = link;
  return queueLetters(
    ss,
    settings,
    readTemplates(ss, profile),
    (id) => roleTitle(profile, id, 'en'),
    list,
    now,
  );
}

/** On arrival (inside the intake lock): acknowledgement, redirect or not-eligible letter, and case-assigned. */
export function queueFirstLetters(
  ss: Spreadsheet,
  settings: Settings,
  profile: PolicyProfile,
  record: CaseRecord,
  clocks: Clocks,
  now: Date,
): void {
  queue(ss, settings, profile, items(profile, firstLetters(profile, record), record, clocks), now);
}

/** After an accepted staff action: outcome, appeal acknowledgement, appeal outcome. */
export function queueEventLetters(
  ss: Spreadsheet,
  settings: Settings,
  profile: PolicyProfile,
  before: CaseRecord,
  after: CaseRecord,
  clocks: Clocks,
  now: Date,
): void {
  queue(ss, settings, profile, items(profile, eventLetters(profile, before, after), after, clocks), now);
}

/** Daily: reminders, escalations and the team digest (only when it has something in it). */
export function queueReminders(
  ss: Spreadsheet,
  settings: Settings,
  profile: PolicyProfile,
  cases: readonly { record: CaseRecord; clocks: Clocks; subjectEmail?: string }[],
  now: Date,
  calendar: Calendar = makeCalendar(settings.closures),
): number {
  const list: QueueItem[] = [];
  for (const { record, clocks, subjectEmail } of cases) {
    for (const item of items(profile, dueLetters(profile, record, clocks, now, calendar), record, clocks)) {
      list.push(subjectEmail ? { ...item, subjectEmail } : item);
    }
  }
  const daily = digest(cases, now, calendar, 'complaints-team');
  if (daily) list.push({ request: daily.request, record: null, values: { ...daily.values, caseLink: '' } });
  return queue(ss, settings, profile, list, now);
}
