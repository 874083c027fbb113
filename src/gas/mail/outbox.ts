/**
 * The Outbox tab is the mail queue (DESIGN §3). Handlers never send: they append rows here, each with an
 * idempotency key (case, letter kind, cycle) that is refused if already present, so a letter is queued at
 * most once however often a job runs. The letter is rendered when queued, so staff can read it, and edit
 * judgement letters before approving them.
 */
import type { LetterRequest } from '../../core/correspondence';
import type { LetterTemplate } from '../../core/letters/kinds';
import { pickTemplate, renderLetter } from '../../core/letters/render';
import type { CaseRecord } from '../../core/model';
import type { Settings } from '../settings';
import { TABS } from '../tabs';
import { appendRecords, readHeaders, type RowValues } from '../table';

export const OUTBOX = {
  key: 'Key',
  reference: 'Reference',
  kind: 'Letter',
  variant: 'Variant',
  language: 'Language',
  audience: 'For',
  to: 'To',
  subject: 'Subject',
  body: 'Letter text',
  status: 'Status',
  attempts: 'Attempts',
  error: 'Last error',
  nextAttempt: 'Next attempt',
  queuedAt: 'Queued at',
  sentAt: 'Sent at',
} as const;

export const OUTBOX_HEADERS: readonly string[] = Object.values(OUTBOX);

export const STATUS = {
  queued: 'queued',
  awaitingApproval: 'awaiting-approval',
  approved: 'approved',
  sending: 'sending',
  sent: 'sent',
  retry: 'retry',
  failed: 'failed',
  check: 'check-before-resending',
  print: 'print-and-post',
  phone: 'phone-call',
  done: 'done',
  cancelled: 'cancelled',
} as const;

export const STATUS_VALUES: string[] = Object.values(STATUS);

/**
 * Set while the Outbox may hold something to send. The sender runs every 15 minutes; when the flag is
 * clear it stops before reading any sheet, so an idle office costs one property read per run.
 */
export const PENDING_PROPERTY = 'outbox:pending';

export function markOutboxPending(): void {
  PropertiesService.getScriptProperties().setProperty(PENDING_PROPERTY, '1');
}

export interface QueueItem {
  request: LetterRequest;
  /** The case the letter is about; null for the digest. */
  record: CaseRecord | null;
  values: Record<string, string>;
  /** For letters to the member of staff complained about: their address from the Cases tab. */
  subjectEmail?: string;
}

function recipient(
  item: QueueItem,
  settings: Settings,
  roleTitle: (id: string) => string,
): { to: string; status: string; error: string } {
  const { request, record } = item;
  if (request.audience === 'staff' && request.variant === 'subject') {
    return { to: item.subjectEmail ?? '', status: STATUS.queued, error: '' };
  }
  if (request.audience === 'staff') {
    const email = request.toRole ? settings.roleEmails[request.toRole] : settings.teamEmail;
    const fallback = request.kind === 'digest' ? settings.teamEmail : email;
    if (fallback) return { to: fallback, status: STATUS.queued, error: '' };
    const who = request.toRole ? roleTitle(request.toRole) : 'the complaints team';
    return { to: '', status: STATUS.failed, error: `No email address for ${who} in Settings` };
  }
  const c = record?.complaint ?? {};
  const approval = request.needsApproval ? STATUS.awaitingApproval : null;
  if (c.preferredContact === 'post' && c.address)
    return { to: '', status: approval ?? STATUS.print, error: '' };
  if (c.preferredContact === 'phone' && c.phone)
    return { to: '', status: approval ?? STATUS.phone, error: '' };
  if (c.email) return { to: c.email, status: approval ?? STATUS.queued, error: '' };
  if (c.address) return { to: '', status: approval ?? STATUS.print, error: '' };
  if (c.phone) return { to: '', status: approval ?? STATUS.phone, error: '' };
  return { to: '', status: STATUS.failed, error: 'The complainant gave no way to contact them' };
}

/** Reads the Key column once; returns the keys already queued. */
function existingKeys(sheet: GoogleAppsScript.Spreadsheet.Sheet, headers: readonly string[]): Set<string> {
  const column = headers.indexOf(OUTBOX.key);
  const last = sheet.getLastRow();
  if (column < 0 || last < 2) return new Set();
  return new Set(
    sheet
      .getRange(2, column + 1, last - 1, 1)
      .getValues()
      .map((r) => String(r[0])),
  );
}

/** Renders and appends letters, skipping any whose key is already in the Outbox. Call under the lock. */
export function queueLetters(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  templates: readonly LetterTemplate[],
  roleTitle: (id: string) => string,
  items: readonly QueueItem[],
  now: Date,
): number {
  if (items.length === 0) return 0;
  const sheet = ss.getSheetByName(TABS.outbox);
  if (!sheet) throw new Error('There is no Outbox tab. Run Complaints › Set up… to repair it.');
  const headers = readHeaders(sheet);
  const seen = existingKeys(sheet, headers);
  const rows: RowValues[] = [];
  for (const item of items) {
    const { request } = item;
    if (seen.has(request.key)) continue;
    // No address for the person complained about: there is no one to write to, so nothing is queued.
    if (request.variant === 'subject' && !item.subjectEmail) continue;
    seen.add(request.key);
    const template = pickTemplate(templates, request.kind, request.language, request.variant);
    if (!template) continue;
    const letter = renderLetter(template, item.values);
    const to = recipient(item, settings, roleTitle);
    rows.push({
      [OUTBOX.key]: request.key,
      [OUTBOX.reference]: request.reference,
      [OUTBOX.kind]: request.kind,
      [OUTBOX.variant]: request.variant,
      [OUTBOX.language]: request.language,
      [OUTBOX.audience]: request.audience === 'staff' ? `staff: ${request.toRole ?? 'team'}` : 'complainant',
      [OUTBOX.to]: to.to,
      [OUTBOX.subject]: letter.subject,
      // A letter starting with "=" or "+" would become a formula: keep it literal.
      [OUTBOX.body]: /^[=+\-@]/.test(letter.text) ? `'${letter.text}` : letter.text,
      [OUTBOX.status]: to.status,
      [OUTBOX.attempts]: 0,
      [OUTBOX.error]: to.error,
      [OUTBOX.nextAttempt]: '',
      [OUTBOX.queuedAt]: now,
      [OUTBOX.sentAt]: '',
    });
  }
  appendRecords(sheet, headers, rows);
  if (rows.some((r) => r[OUTBOX.status] === STATUS.queued)) markOutboxPending();
  return rows.length;
}
