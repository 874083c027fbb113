/**
 * Letters: the Outbox rows against the mail that actually went (`emu.mail.sent`).
 *
 * A sent message is tied to the Outbox rows by what it says (recipient, subject, text), not by anything
 * the sender recorded. Duplicated: a message sent more often than there are distinct letter keys saying
 * it. Lost: a letter still waiting to go after enough sender runs, or a letter the same scenario sends
 * without faults (`expected`, keyed by submission id rather than reference) that never went.
 *
 * A letter whose send was cut off inside MailApp.sendEmail may have gone or not: no script can know, so
 * one such letter per kill there may be held back for staff rather than risk a second copy. The drill
 * says how many of those it caused (`inDoubtAllowed`); any more held back count as lost.
 */
import type { Emulator } from '../../../emulator/index';
import { EMAIL, REFERENCE, describeValue, safeReference } from './check-cases';
import { noFindings, type Findings } from './report';
import { cellOf, columnLetter, isDateValue, readTab, type CellValue, type TabView, safeHeader } from './tabs';

/** Letters are on the Outbox, the digest and notices to staff on Staff mail: a letter is checked on either. */
const MAIL_TABS = ['Outbox', 'Staff mail'] as const;

function mailTabs(emu: Emulator): { name: string; tab: TabView }[] {
  return MAIL_TABS.flatMap((name) => {
    const tab = readTab(emu, name);
    return tab ? [{ name, tab }] : [];
  });
}

const KEY = /^[^|]+\|[^|]+\|[^|]+\|[^|]+$/;
const STATUSES = [
  'queued',
  'awaiting-approval',
  'approved',
  'sending',
  'sent',
  'retry',
  'failed',
  'check-before-resending',
  'print',
  'phone',
  'print-and-post',
  'phone-call',
  'printed',
  'phoned',
  'done',
  'cancelled',
  // A task for staff (passing a complaint on), never sent: staff set it to done.
  'to-do',
];
/** Statuses of a letter the sender still has to send. */
const WAITING = ['queued', 'approved', 'sending', 'retry', ''];

type Shape = (v: CellValue) => boolean;
const OUTBOX_SHAPES: Record<string, Shape> = {
  Key: (v) => KEY.test(String(v)),
  Reference: (v) => v === '' || REFERENCE.test(String(v)),
  Language: (v) => v === 'en' || v === 'cy',
  Audience: (v) => ['complainant', 'staff', 'subject'].includes(String(v)),
  'Send by': (v) => ['email', 'post', 'phone', 'task'].includes(String(v)),
  To: (v) => v === '' || EMAIL.test(String(v)),
  Status: (v) => STATUSES.includes(String(v).trim().toLowerCase()),
  Attempts: (v) => typeof v === 'number',
  'Next attempt': (v) => v === '' || isDateValue(v),
  'Sent at': (v) => v === '' || isDateValue(v),
  'Queued at': (v) => isDateValue(v),
};

/** A key fit for a note: one under "Key" in a misplaced row may hold anything, so only key-shaped values. */
function safeKey(key: string): string {
  const [reference = '', kind = '', variant = '', cycle = ''] = key.split('|');
  const ok = KEY.test(key) && (REFERENCE.test(reference) || reference === 'digest') && /^[a-z-]+$/.test(kind);
  return ok && /^[\w-]*$/.test(variant) && /^[\w-]+$/.test(cycle)
    ? key
    : key === ''
      ? 'no key'
      : 'no valid key';
}

const fingerprint = (to: unknown, subject: unknown, body: unknown) =>
  `${String(to).trim().toLowerCase()}\u0000${String(subject)}\u0000${String(body)}`;

/** A letter key with the case reference replaced by the submission it came from, comparable across runs. */
export function normalisedKey(key: string, idOfReference: ReadonlyMap<string, number>): string {
  const [reference = '', ...rest] = key.split('|');
  const id = idOfReference.get(reference);
  return [id === undefined ? reference : `#${id}`, ...rest].join('|');
}

export interface LetterExpectations {
  /** Normalised keys of the letters the fault-free run of the same scenario sent. */
  expected?: ReadonlySet<string>;
  idOfReference?: ReadonlyMap<string, number>;
  inDoubtAllowed?: number;
}

/** The normalised keys of every letter that went, for use as the expectation of a faulty run. */
export function sentLetterKeys(emu: Emulator, idOfReference: ReadonlyMap<string, number>): Set<string> {
  const went = new Set(emu.mail.sent.map((m) => fingerprint(m.to, m.subject, m.body)));
  const out = new Set<string>();
  for (const { tab } of mailTabs(emu))
    for (const { cells } of tab.rows) {
      const fp = fingerprint(
        cellOf(tab, cells, 'To'),
        cellOf(tab, cells, 'Subject'),
        cellOf(tab, cells, 'Body'),
      );
      if (went.has(fp)) out.add(normalisedKey(String(cellOf(tab, cells, 'Key')), idOfReference));
    }
  return out;
}

export function checkLetters(emu: Emulator, expect: LetterExpectations = {}): Findings {
  const findings = noFindings();
  const tabs = mailTabs(emu);
  if (!tabs.some((t) => t.name === 'Outbox')) {
    findings.notes.push('no Outbox tab');
    return findings;
  }
  const sends = new Map<string, number>();
  for (const m of emu.mail.sent) {
    const fp = fingerprint(m.to, m.subject, m.body);
    sends.set(fp, (sends.get(fp) ?? 0) + 1);
  }
  const keysOf = new Map<string, Set<string>>();
  const firstRowOfKey = new Map<string, { tab: TabView; cells: CellValue[] }>();
  const idOfReference = expect.idOfReference ?? new Map<string, number>();
  const present = new Set<string>();

  for (const { name, tab } of tabs)
    for (const { row, cells } of tab.rows) {
      const key = String(cellOf(tab, cells, 'Key'));
      const shownKey = safeKey(key);
      present.add(normalisedKey(key, idOfReference));
      if (key && !firstRowOfKey.has(key)) firstRowOfKey.set(key, { tab, cells });
      const fp = fingerprint(
        cellOf(tab, cells, 'To'),
        cellOf(tab, cells, 'Subject'),
        cellOf(tab, cells, 'Body'),
      );
      keysOf.set(fp, new Set([...(keysOf.get(fp) ?? []), key]));
      cells.forEach((value, i) => {
        const header = tab.headers[i] ?? '';
        const where = `${name}!${columnLetter(i)}${row} (${shownKey})`;
        if (header === '' && value !== '') {
          findings.misplaced += 1;
          findings.notes.push(`${where}: a value under a blank header`);
          return;
        }
        const shape = OUTBOX_SHAPES[header];
        if (shape && !shape(value)) {
          findings.misplaced += 1;
          findings.notes.push(`${where}: ${safeHeader(header)} holds ${describeValue(value)}`);
        }
      });
      const reference = String(cellOf(tab, cells, 'Reference'));
      if (KEY.test(key) && REFERENCE.test(key.split('|')[0]!) && reference !== key.split('|')[0]) {
        findings.misplaced += 1;
        findings.notes.push(`${name} row ${row}: key ${shownKey} sits beside ${safeReference(reference)}`);
      }
    }

  for (const [fp, count] of sends) {
    const keys = keysOf.get(fp);
    if (!keys) {
      findings.misplaced += 1;
      findings.notes.push(`a letter went that no Outbox or Staff mail row shows (${count} time(s))`);
    } else if (count > keys.size) {
      findings.duplicated += count - keys.size;
      findings.notes.push(`letter ${[...keys].map(safeKey).join(' / ')} went ${count} times`);
    }
  }

  let inDoubt = 0;
  for (const [key, { tab, cells }] of firstRowOfKey) {
    const fp = fingerprint(
      cellOf(tab, cells, 'To'),
      cellOf(tab, cells, 'Subject'),
      cellOf(tab, cells, 'Body'),
    );
    if (sends.has(fp)) continue;
    const status = String(cellOf(tab, cells, 'Status'))
      .trim()
      .toLowerCase();
    const error = String(cellOf(tab, cells, 'Last error'));
    if (WAITING.includes(status)) {
      findings.lost += 1;
      findings.notes.push(
        `letter ${safeKey(key)} never went (Status ${STATUSES.includes(status) ? status : 'not a status'})`,
      );
    } else if (/stopped while sending|check/i.test(error) || status === 'check-before-resending') {
      inDoubt += 1;
      if (inDoubt <= (expect.inDoubtAllowed ?? 0)) {
        findings.notes.push(`letter ${safeKey(key)} held for staff to check: its send was cut off`);
      } else {
        findings.lost += 1;
        findings.notes.push(
          `letter ${safeKey(key)} held back for staff to check though no send of it was cut off`,
        );
      }
    }
  }

  for (const key of expect.expected ?? []) {
    if (!present.has(key)) {
      findings.lost += 1;
      findings.notes.push(`letter ${key} is sent without faults but was never queued here`);
    } else {
      // Present but its content may differ (a later day's dates): went-or-not is judged by the row above.
    }
  }
  return findings;
}
