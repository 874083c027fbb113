/** The mail side of the shell: the Outbox and Templates tabs, queueing letters, the sender. */
import { makeCalendar, type Calendar } from '../../core/calendar';
import { computeClocks, nextUpdateBy } from '../../core/clocks';
import {
  digest,
  dueLetters,
  eventLetters,
  firstLetters,
  safeguardingAlert,
  subjectLetters,
  type SubjectContact,
  type LetterRequest,
} from '../../core/correspondence';
import { letterValues, longDate, officeContactBlock, signatureFor } from '../../core/letters/values';
import type { CaseRecord, Clocks, PolicyProfile } from '../../core/model';
import { ensureTab } from '../ensure-tab';
import type { Settings } from '../settings';
import { TABS } from '../tabs';
import { contiguousRuns } from '../table';
import {
  OUTBOX,
  OUTBOX_HEADERS,
  OUTBOX_LEGACY_HEADERS,
  STATUS,
  STATUS_VALUES,
  MAIL_TABS,
  keepRowsShort,
  queueLetters,
  type OutboxSnapshot,
  type QueueItem,
} from './outbox';
import { renameLegacyHeaders } from '../legacy-headers';
import { TEMPLATES_HEADERS, TEMPLATES_LEGACY_HEADERS, readTemplates, seedTemplates } from './templates-tab';

export { OUTBOX_HEADERS, TEMPLATES_HEADERS, OUTBOX, STATUS, STATUS_VALUES };
export {
  PENDING_PROPERTY,
  STAFF_PENDING_PROPERTY,
  MAIL_TABS,
  isStaffNotice,
  markOutboxPending,
  readOutbox,
  type OutboxSnapshot,
} from './outbox';
export { sendQueued, type SendReport } from './sender';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Staff correct an address, edit a letter before approving it, and move it along by its Status. */
export const OUTBOX_STAFF_COLUMNS: readonly string[] = [
  OUTBOX.to,
  OUTBOX.subject,
  OUTBOX.body,
  OUTBOX.status,
];
const PROTECTION_NOTE = 'Written by the script: change Status, To, Subject or Body instead';

/** Warning-only, so staff can still fix a row in an emergency; replaced whole on every setup. */
function protectComputedColumns(sheet: GoogleAppsScript.Spreadsheet.Sheet, headers: readonly string[]): void {
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
    if (p.getDescription() === PROTECTION_NOTE) p.remove();
  }
  const computed = headers
    .map((h, i) => (h && !OUTBOX_STAFF_COLUMNS.includes(h) ? i : -1))
    .filter((i) => i >= 0);
  for (const run of contiguousRuns(computed)) {
    sheet
      .getRange(1, run[0]! + 1, sheet.getMaxRows(), run.length)
      .protect()
      .setDescription(PROTECTION_NOTE)
      .setWarningOnly(true);
  }
}

/** What each Status means and who moves it on, shown when staff pick from the dropdown. */
const STATUS_HELP =
  'awaiting-approval → approved sends a judgement letter (once the [bracketed] guidance is replaced); print/phone → printed/phoned when done; to-do → done when you have passed the complaint on; failed → queued tries again; cancelled stops a letter that has not gone.';

/**
 * One mail tab (Outbox or Staff mail), created or repaired: headers, the Status dropdown, protection of
 * the columns the script writes, and rows one line high with the Body clipped, so a long letter does not
 * make its row tall (the whole text is still in the cell, and read and edited in the case sidebar).
 */
function setupMailTab(ss: Spreadsheet, name: string): void {
  renameLegacyHeaders(ss, name, OUTBOX_LEGACY_HEADERS);
  const tab = ensureTab(ss, name, OUTBOX_HEADERS);
  const column = (header: string) => tab.headers.indexOf(header) + 1;
  const rows = Math.max(1, tab.sheet.getMaxRows() - 1);
  // Warning-only: a value typed outside the list is flagged, not refused, so nothing staff type is lost.
  tab.sheet
    .getRange(2, column(OUTBOX.status), rows, 1)
    .setDataValidation(
      SpreadsheetApp.newDataValidation()
        .requireValueInList(STATUS_VALUES, true)
        .setAllowInvalid(true)
        .setHelpText(STATUS_HELP)
        .build(),
    );
  protectComputedColumns(tab.sheet, tab.headers);
  // Narrow enough that Status, after Body, is on the first screen: the whole text is a click away.
  tab.sheet.setColumnWidth(column(OUTBOX.body), 300);
  tab.sheet.setColumnWidth(column(OUTBOX.subject), 220);
  tab.sheet.getRange(2, column(OUTBOX.subject), rows, 1).setWrapStrategy(SpreadsheetApp.WrapStrategy.CLIP);
  tab.sheet.getRange(2, column(OUTBOX.body), rows, 1).setWrapStrategy(SpreadsheetApp.WrapStrategy.CLIP);
  // Rows already there (an office's Outbox before this version) shrink back to one line too.
  const last = tab.sheet.getLastRow();
  keepRowsShort(tab.sheet, 2, last - 1);
}

/** Creates or repairs the Outbox, Staff mail and Templates tabs; safe to run again at any time. */
export function setupMailTabs(ss: Spreadsheet, profile: PolicyProfile): void {
  for (const name of MAIL_TABS) setupMailTab(ss, name);

  renameLegacyHeaders(ss, TABS.templates, TEMPLATES_LEGACY_HEADERS);
  const templates = ensureTab(ss, TABS.templates, TEMPLATES_HEADERS);
  templates.sheet.setColumnWidth(templates.headers.indexOf('Body') + 1, 480);
  seedTemplates(templates.sheet, profile);
}

function items(
  profile: PolicyProfile,
  settings: Settings,
  requests: readonly LetterRequest[],
  record: CaseRecord,
  clocks: Clocks,
  calendar?: Calendar,
): QueueItem[] {
  return requests.map((request) => {
    const extra: Record<string, string> = {
      caseLink: '',
      signature: signatureFor(profile, record, request.kind, request.language),
      officeContact: officeContactBlock(settings.officeContact, request.language),
    };
    // A progress update promises the next one: the cycle after this one, on a working day.
    const next =
      calendar && request.kind === 'progress-update' ? nextUpdateBy(profile, clocks, calendar) : null;
    if (next) extra.updateBy = longDate(next, request.language);
    return {
      request,
      record,
      values: letterValues(profile, record, clocks, request.language, { ...extra, ...request.extra }),
    };
  });
}

function queue(
  ss: Spreadsheet,
  settings: Settings,
  profile: PolicyProfile,
  list: QueueItem[],
  now: Date,
  known?: ReadonlySet<string>,
): number {
  if (list.length === 0) return 0;
  const link = ss.getUrl();
  for (const item of list) item.values.caseLink = link;
  return queueLetters(ss, settings, readTemplates(ss, profile), profile, list, now, known);
}

/**
 * On arrival, inside the caller's lock: a safeguarding alert where a concern was raised, acknowledgement,
 * redirect or not-eligible letter, and the case to its handler (one append). Callers that have just computed the clocks pass them to save recomputing.
 */
/** A new case's first letters and alerts as queue items, before their link is set (`queue` sets it). */
export function firstLetterItems(
  settings: Settings,
  profile: PolicyProfile,
  record: CaseRecord,
  clocks: Clocks,
): QueueItem[] {
  const letters = [...safeguardingAlert(profile, record), ...firstLetters(profile, record)];
  return items(profile, settings, letters, record, clocks);
}

export function queueFirstLetters(
  ss: Spreadsheet,
  settings: Settings,
  profile: PolicyProfile,
  record: CaseRecord,
  clocks?: Clocks,
  now: Date = new Date(),
): void {
  const c = clocks ?? computeClocks(profile, record, now, makeCalendar(settings.closures));
  const letters = [...safeguardingAlert(profile, record), ...firstLetters(profile, record)];
  queue(ss, settings, profile, items(profile, settings, letters, record, c), now);
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
  subject?: SubjectContact,
): void {
  const list = items(profile, settings, eventLetters(profile, before, after), after, clocks);
  if (subject) {
    const letters = subjectLetters(profile, before, after, subject);
    for (const item of items(profile, settings, letters, after, clocks))
      list.push({ ...item, subjectEmail: subject.email });
  }
  queue(ss, settings, profile, list, now);
}

/**
 * Daily, inside the caller's lock: reminders, escalations and the team digest (only when it has something
 * in it). One read of the Outbox's Key column (none when the caller passes what it read), one append.
 */
export function queueReminders(
  ss: Spreadsheet,
  settings: Settings,
  profile: PolicyProfile,
  cases: readonly { record: CaseRecord; clocks: Clocks; subjectEmail?: string; shareWithSubject?: boolean }[],
  now: Date,
  calendar: Calendar = makeCalendar(settings.closures),
  outbox: OutboxSnapshot | null = null,
): number {
  const list: QueueItem[] = [];
  for (const { record, clocks, subjectEmail, shareWithSubject } of cases) {
    const due = dueLetters(profile, record, clocks, now, calendar);
    // A copy staff agreed to share but could not send yet (no email then) goes once the email is there.
    const open = clocks.status !== 'closed';
    const subject = { share: shareWithSubject === true && open, email: subjectEmail ?? '' };
    for (const item of items(
      profile,
      settings,
      [...due, ...subjectLetters(profile, null, record, subject)],
      record,
      clocks,
      calendar,
    )) {
      list.push(subjectEmail ? { ...item, subjectEmail } : item);
    }
  }
  const daily = digest(profile, cases, now, calendar, outbox?.failed ?? []);
  if (daily) list.push({ request: daily.request, record: null, values: { ...daily.values, caseLink: '' } });
  return queue(ss, settings, profile, list, now, outbox?.keys);
}
