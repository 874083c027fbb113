/**
 * The Outbox tab is the mail queue (DESIGN §3). Handlers never send: they append rows here, each with an
 * idempotency key (case, letter kind, cycle) that is refused if already present, so a letter is queued at
 * most once however often a job runs. The letter is rendered when queued, so staff can read it, and edit
 * judgement letters before approving them.
 */
import type { LetterRequest } from '../../core/correspondence';
import type { LetterTemplate } from '../../core/letters/kinds';
import { pickTemplate, renderLetter } from '../../core/letters/render';
import { arrangementParagraph, withArrangementParagraph } from '../../core/contact-arrangement';
import { owedLetter } from '../../core/clocks';
import { londonDate } from '../../core/calendar';
import type { CaseRecord, Complaint, ContactMethod, LocalDate, PolicyProfile } from '../../core/model';
import { roleTitle } from '../../core/profile';
import type { LetterWait, TodayLetter } from '../../core/today';
import type { Settings } from '../settings';
import { TABS } from '../tabs';
import { Table, appendRecords, readHeaders, writeByKey, type KeyedUpdate, type RowValues } from '../table';

export const OUTBOX = {
  reference: 'Reference',
  kind: 'Kind',
  to: 'To',
  sendBy: 'Send by',
  subject: 'Subject',
  body: 'Body',
  status: 'Status',
  error: 'Last error',
  sentAt: 'Sent at',
  attempts: 'Attempts',
  nextAttempt: 'Next attempt',
  queuedAt: 'Queued at',
  audience: 'Audience',
  role: 'For role',
  language: 'Language',
  variant: 'Variant',
  key: 'Key',
} as const;

/**
 * The order a new tab gets: what staff act on first (which case, which letter, where it goes, Subject and
 * Body clipped to one line, then its Status), then what the sender keeps and the technical columns. Status
 * and the sender's other four columns sit side by side so each of its writes is one setValues: a run
 * stopped between two blocks of one result would leave a row `sent` without its Sent at and Attempts.
 * Staff may still move them (columns are found by header), which only costs a few more calls. Existing
 * tabs keep their order: setup only appends the columns missing.
 */
export const OUTBOX_HEADERS: readonly string[] = Object.values(OUTBOX);

/** A letter row stays one line high: the Body holds the whole letter, read and edited in the case sidebar. */
export const LETTER_ROW_HEIGHT = 21;

/** The tabs a letter may be queued on: the Outbox for letters, Staff mail for notices to staff. */
export const MAIL_TABS = [TABS.outbox, TABS.staffMail] as const;

/**
 * A notice to staff (the digest, reminders, escalations, review notices) goes on Staff mail. A task for
 * staff (passing a complaint on) is work someone acts on, so it stays on the Outbox.
 */
export function isStaffNotice(audience: string, kind: string): boolean {
  return audience === 'staff' && kind !== 'pass-on';
}

/** Sets a row's height so it never grows to fit a letter's lines (Sheets fits rows to line breaks). */
export function keepRowsShort(sheet: GoogleAppsScript.Spreadsheet.Sheet, first: number, count: number): void {
  if (count > 0) sheet.setRowHeightsForced(first, count, LETTER_ROW_HEIGHT);
}

/** Headers an earlier version of the Outbox used; setup renames them in place so no letter is lost. */
export const OUTBOX_LEGACY_HEADERS: Readonly<Record<string, string>> = {
  Letter: OUTBOX.kind,
  For: OUTBOX.audience,
  'Letter text': OUTBOX.body,
};

export const STATUS = {
  queued: 'queued',
  awaitingApproval: 'awaiting-approval',
  approved: 'approved',
  sending: 'sending',
  sent: 'sent',
  failed: 'failed',
  print: 'print',
  phone: 'phone',
  printed: 'printed',
  phoned: 'phoned',
  cancelled: 'cancelled',
  /** A task for staff (passing a complaint on): the sender never touches it; staff set it to done. */
  toDo: 'to-do',
  done: 'done',
} as const;

export type OutboxStatus = (typeof STATUS)[keyof typeof STATUS];
export const STATUS_VALUES: string[] = Object.values(STATUS);

export type SendBy = 'email' | 'post' | 'phone' | 'task';

/**
 * Set while the Outbox or Staff mail may hold something to send. The sender runs every few minutes; when
 * the flag is clear it stops before reading any sheet, so an idle office costs one property read per run.
 */
export const PENDING_PROPERTY = 'outbox:pending';
/**
 * Set with PENDING_PROPERTY while Staff mail may hold something to send: without it the sender does not
 * read that tab, so a run for one letter on the Outbox costs no more than before Staff mail existed.
 */
export const STAFF_PENDING_PROPERTY = 'staff-mail:pending';

export function markOutboxPending(
  staffMail = false,
  props: GoogleAppsScript.Properties.Properties = PropertiesService.getScriptProperties(),
): void {
  props.setProperties(
    staffMail ? { [PENDING_PROPERTY]: '1', [STAFF_PENDING_PROPERTY]: '1' } : { [PENDING_PROPERTY]: '1' },
  );
}

export interface QueueItem {
  request: LetterRequest;
  /** The case the letter is about; null for the digest. */
  record: CaseRecord | null;
  values: Record<string, string>;
  /** For letters to the member of staff complained about: their address from the Cases tab. */
  subjectEmail?: string;
}

/** The complaints team is not a role in Settings: its address is the team email. */
export const TEAM_ROLE = 'complaints-team';

export function staffAddress(settings: Settings, role: string): string {
  return (role === TEAM_ROLE || role === '' ? settings.teamEmail : settings.roleEmails[role]) ?? '';
}

export function noAddressError(roleTitle: string): string {
  return `No email address for ${roleTitle} in Settings`;
}

export interface Delivery {
  audience: 'complainant' | 'staff' | 'subject';
  role: string;
  sendBy: SendBy;
  to: string;
  status: OutboxStatus;
  error: string;
}

function delivery(item: QueueItem, settings: Settings, profile: PolicyProfile): Delivery {
  const { request, record } = item;
  // Addressed to no one: staff do what it says, then mark it done.
  if (request.kind === 'pass-on')
    return { audience: 'staff', role: '', sendBy: 'task', to: '', status: STATUS.toDo, error: '' };
  if (request.audience === 'subject') {
    const to = item.subjectEmail ?? '';
    return { audience: 'subject', role: '', sendBy: 'email', to, status: STATUS.queued, error: '' };
  }
  if (request.audience === 'staff') {
    const role = request.toRole ?? TEAM_ROLE;
    const to = staffAddress(settings, role);
    if (to) return { audience: 'staff', role, sendBy: 'email', to, status: STATUS.queued, error: '' };
    const error = noAddressError(roleTitle(profile, role, 'en'));
    return { audience: 'staff', role, sendBy: 'email', to: '', status: STATUS.failed, error };
  }
  return complainantDelivery(record?.complaint ?? {}, request.needsApproval, record?.arrangement?.channel);
}

const ARRANGEMENT_MISSING: Readonly<Record<ContactMethod, string>> = {
  email:
    'The contact arrangement says by email only, but the case has no email address: add one or change the arrangement',
  post: 'The contact arrangement says by post only, but the case has no postal address: add one or change the arrangement',
  phone:
    'The contact arrangement says by phone only, but the case has no phone number: add one or change the arrangement',
};

/** How a letter reaches the complainant, from their contact details as the case holds them now. */
export function complainantDelivery(
  c: Partial<Complaint>,
  needsApproval: boolean,
  onlyBy: ContactMethod | null = null,
): Delivery {
  const held = needsApproval ? STATUS.awaitingApproval : null;
  const base = { audience: 'complainant' as const, role: '', error: '' };
  // An unreasonable-contact arrangement (000 §11) names the one way letters go: with no detail for it the
  // letter waits for staff rather than going another way.
  if (onlyBy && !(onlyBy === 'email' ? c.email : onlyBy === 'post' ? c.address : c.phone))
    return { ...base, sendBy: onlyBy, to: '', status: STATUS.failed, error: ARRANGEMENT_MISSING[onlyBy] };
  // Letters go the way the complainant asked (000 §8), falling back to whatever contact they gave.
  if (c.preferredContact === 'post' && c.address)
    return { ...base, sendBy: 'post', to: '', status: held ?? STATUS.print };
  if (c.preferredContact === 'phone' && c.phone)
    return { ...base, sendBy: 'phone', to: '', status: held ?? STATUS.phone };
  if (c.email) return { ...base, sendBy: 'email', to: c.email, status: held ?? STATUS.queued };
  if (c.address) return { ...base, sendBy: 'post', to: '', status: held ?? STATUS.print };
  if (c.phone) return { ...base, sendBy: 'phone', to: '', status: held ?? STATUS.phone };
  return {
    ...base,
    sendBy: 'email',
    to: '',
    status: STATUS.failed,
    error: 'The complainant gave no way to contact them',
  };
}

/** Text that would start a formula ("=", "+", "-", "@") is stored as a literal. */
export function literal(text: string): string {
  return /^[=+\-@]/.test(text) ? `'${text}` : text;
}

/** Undoes `literal` for sheets that hand the apostrophe back. */
export function unliteral(value: unknown): string {
  return String(value ?? '').replace(/^'(?=[=+\-@])/, '');
}

/** What the daily sweep needs of the Outbox, from one read of it. */
export interface OutboxSnapshot {
  /** Every key already queued: the sweep queues against these instead of reading the Key column again. */
  keys: Set<string>;
  /** Per case reference, what the office still owes in letters (e.g. "Outcome letter waiting for approval"). */
  owed: Map<string, string[]>;
  /** References (or letter kinds, for letters about no case) of rows that could not be sent. */
  failed: string[];
  /** Rows waiting on a person (to approve, put right, print or phone), for the Dashboard's Today view. */
  waiting: TodayLetter[];
}

/** Outbox statuses that wait on a person, by the Today section they are listed in. */
const WAITS: Readonly<Record<string, LetterWait>> = {
  [STATUS.awaitingApproval]: 'approve',
  [STATUS.failed]: 'failed',
  [STATUS.print]: 'print',
  [STATUS.phone]: 'phone',
};

const dayOf = (cell: unknown): LocalDate | null => (cell instanceof Date ? londonDate(cell) : null);

/**
 * One read of each mail tab: keys, letters still owed per case, failed rows (a failed notice to staff
 * is on Staff mail, and still needs someone to look at it) and rows waiting on a person. Null with no
 * Outbox.
 */
export function readOutbox(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): OutboxSnapshot | null {
  const sheets = MAIL_TABS.map((name) => ss.getSheetByName(name));
  if (!sheets[0]) return null;
  const snapshot: OutboxSnapshot = { keys: new Set(), owed: new Map(), failed: [], waiting: [] };
  for (const sheet of sheets) {
    if (!sheet) continue;
    const table = Table.read(sheet);
    for (const row of table.rows) {
      const key = String(table.value(row, OUTBOX.key));
      if (key) snapshot.keys.add(key);
      const reference = String(table.value(row, OUTBOX.reference)).trim();
      const status = String(table.value(row, OUTBOX.status)).trim();
      const owed = owedLetter(String(table.value(row, OUTBOX.kind)).trim(), status);
      if (owed && reference) snapshot.owed.set(reference, [...(snapshot.owed.get(reference) ?? []), owed]);
      if (status === STATUS.failed)
        snapshot.failed.push(reference || String(table.value(row, OUTBOX.kind)).trim());
      if (Object.hasOwn(WAITS, status))
        snapshot.waiting.push({
          wait: WAITS[status]!,
          reference,
          kind: String(table.value(row, OUTBOX.kind)).trim(),
          queuedOn: dayOf(table.value(row, OUTBOX.queuedAt)),
        });
    }
  }
  return snapshot;
}

/** Reads the Key column once; returns the keys already queued. */
function existingKeys(sheet: GoogleAppsScript.Spreadsheet.Sheet): Set<string> {
  const column = readHeaders(sheet).indexOf(OUTBOX.key);
  const last = sheet.getLastRow();
  if (column < 0 || last < 2) return new Set();
  return new Set(
    sheet
      .getRange(2, column + 1, last - 1, 1)
      .getValues()
      .map((r) => String(r[0])),
  );
}

/**
 * Renders and appends letters, skipping any whose key is already queued. Call under the lock.
 * Letters go on the Outbox, notices to staff on Staff mail (setup creates it; a spreadsheet not set up
 * again since keeps them on the Outbox). A notice queued on the Outbox before Staff mail existed keeps
 * its key there, so the Outbox's keys are always read and Staff mail's only for a batch with notices.
 */
export function queueLetters(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  templates: readonly LetterTemplate[],
  profile: PolicyProfile,
  items: readonly QueueItem[],
  now: Date,
  /** Keys already read in this run (the sweep's one read of both tabs), so they are not read again. */
  known?: ReadonlySet<string>,
): number {
  if (items.length === 0) return 0;
  const outbox = ss.getSheetByName(TABS.outbox);
  if (!outbox) throw new Error('There is no Outbox tab. Run Complaints › Set up… to repair it.');
  const notices = items.some((i) => isStaffNotice(i.request.audience, i.request.kind));
  const staffTab = notices ? ss.getSheetByName(TABS.staffMail) : null;
  const seen = known ? new Set(known) : existingKeys(outbox);
  if (!known && staffTab) for (const key of existingKeys(staffTab)) seen.add(key);
  const { letters, staff } = letterRows(settings, templates, profile, items, now, seen, staffTab !== null);
  // The flag first: a run stopped between the two then leaves the sender one look at a tab with
  // nothing new, never a queued letter the sender is told is not there.
  const flags = pendingFlags(letters, staff);
  if (flags) PropertiesService.getScriptProperties().setProperties(flags);
  for (const [sheet, rows] of [
    [outbox, letters],
    [staffTab, staff],
  ] as const) {
    if (!sheet || rows.length === 0) continue;
    keepRowsShort(sheet, appendRecords(sheet, rows), rows.length);
  }
  return letters.length + staff.length;
}

/**
 * The rows to append for `items`: letters for the Outbox, notices for Staff mail (when it exists), each
 * rendered once, skipping keys in `seen` (which gains the keys of the rows made).
 */
export function letterRows(
  settings: Settings,
  templates: readonly LetterTemplate[],
  profile: PolicyProfile,
  items: readonly QueueItem[],
  now: Date,
  seen: Set<string>,
  staffTab: boolean,
): { letters: RowValues[]; staff: RowValues[] } {
  const letters: RowValues[] = [];
  const staff: RowValues[] = [];
  for (const item of items) {
    const { request } = item;
    if (seen.has(request.key)) continue;
    // No address for the person complained about: there is no one to write to, so nothing is queued.
    if (request.audience === 'subject' && !item.subjectEmail) continue;
    const template = pickTemplate(templates, request.kind, request.language, request.variant);
    if (!template) continue;
    seen.add(request.key);
    const rendered = renderLetter(template, item.values);
    // While an unreasonable-contact arrangement stands, every letter to the person says how to reach us.
    const arrangement = request.audience === 'complainant' ? item.record?.arrangement : null;
    const letter = arrangement
      ? {
          ...rendered,
          text: withArrangementParagraph(
            rendered.text,
            arrangementParagraph(arrangement, profile.roles, request.language),
          ),
        }
      : rendered;
    const to = delivery(item, settings, profile);
    const row: RowValues = {
      [OUTBOX.key]: request.key,
      [OUTBOX.reference]: request.reference,
      [OUTBOX.kind]: request.kind,
      [OUTBOX.variant]: request.variant,
      [OUTBOX.language]: request.language,
      [OUTBOX.audience]: to.audience,
      [OUTBOX.role]: to.role,
      [OUTBOX.sendBy]: to.sendBy,
      [OUTBOX.to]: literal(to.to),
      [OUTBOX.subject]: literal(letter.subject),
      [OUTBOX.body]: literal(letter.text),
      [OUTBOX.status]: to.status,
      [OUTBOX.attempts]: 0,
      [OUTBOX.error]: to.error,
      [OUTBOX.nextAttempt]: '',
      [OUTBOX.sentAt]: '',
      [OUTBOX.queuedAt]: now,
    };
    (staffTab && isStaffNotice(to.audience, request.kind) ? staff : letters).push(row);
  }
  return { letters, staff };
}

/** The sender's flags for rows about to be appended, or null when none of them is queued to send. */
export function pendingFlags(
  letters: readonly RowValues[],
  staff: readonly RowValues[],
): Record<string, string> | null {
  const queued = (rows: readonly RowValues[]) => rows.some((r) => r[OUTBOX.status] === STATUS.queued);
  if (!queued(letters) && !queued(staff)) return null;
  return queued(staff)
    ? { [PENDING_PROPERTY]: '1', [STAFF_PENDING_PROPERTY]: '1' }
    : { [PENDING_PROPERTY]: '1' };
}

/** Letters not yet gone out: re-addressing one of these changes where it goes. */
const UNSENT: readonly string[] = [
  STATUS.queued,
  STATUS.awaitingApproval,
  STATUS.print,
  STATUS.phone,
  STATUS.failed,
];

/**
 * After staff correct a contact detail on the Cases tab: the case's unsent letters to the complainant go
 * where the case's cells say now (To, Send by, Status), in one keyed write. Returns how many changed.
 * Call under the script lock.
 */
export function readdressUnsentLetters(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  reference: string,
  record: CaseRecord,
): number {
  const sheet = ss.getSheetByName(TABS.outbox);
  if (!sheet || sheet.getLastRow() < 2) return 0;
  const table = Table.read(sheet);
  const columns = [OUTBOX.to, OUTBOX.sendBy, OUTBOX.status, OUTBOX.error];
  const updates: KeyedUpdate[] = [];
  for (const row of table.rows) {
    if (String(table.value(row, OUTBOX.reference)).trim() !== reference) continue;
    if (String(table.value(row, OUTBOX.audience)) !== 'complainant') continue;
    const status = String(table.value(row, OUTBOX.status)).trim();
    if (!UNSENT.includes(status)) continue;
    const to = complainantDelivery(
      record.complaint,
      status === STATUS.awaitingApproval,
      record.arrangement?.channel,
    );
    const values = {
      [OUTBOX.to]: literal(to.to),
      [OUTBOX.sendBy]: to.sendBy,
      [OUTBOX.status]: to.status,
      [OUTBOX.error]: to.error,
    };
    if (columns.every((h) => unliteral(table.value(row, h)) === unliteral(values[h]))) continue;
    updates.push({ key: String(table.value(row, OUTBOX.key)), values });
  }
  if (updates.length === 0) return 0;
  if (updates.some((u) => u.values[OUTBOX.status] === STATUS.queued)) markOutboxPending();
  writeByKey(sheet, OUTBOX.key, columns, updates);
  return updates.length;
}
