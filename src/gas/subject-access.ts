/**
 * "Find everything about a person…": the answer to a subject access request. Given an email, a phone
 * number or a name, it finds every case the person made, every case about them (they are the person
 * complained about), every case that mentions them, every letter and audit entry of those cases, every
 * letter to them, and their form responses. Each field says whether it may name someone else, so staff
 * know what to check for third parties before anything is released.
 */
import { parsePersonQuery, isTheirs, mentions, type PersonQuery } from '../core/people';
import { COL, storedComplaint } from './cases';
import { cellText } from './case-view';
import { OUTBOX, MAIL_TABS } from './mail';
import { TABS } from './tabs';
import { Table, type Cell } from './table';
import { responseIdentity } from '../core/responses';
import { responsesSheet } from './intake';
import type { RunContext } from './context';

/** Whether a field may hold someone else's personal data: certainly, possibly (free text), or not. */
export type NamesOthers = 'yes' | 'may' | '';

export interface FoundField {
  field: string;
  value: string;
  namesOthers: NamesOthers;
}

export interface FoundRecord {
  /** Case, Letter, Staff notice, Audit entry, Form response. */
  kind: string;
  reference: string;
  /** How the record is about the person: their complaint, a complaint about them, or a mention. */
  relation: 'complainant' | 'complained about' | 'mentioned' | 'addressed to them';
  fields: FoundField[];
}

export interface PersonSearch {
  ok: boolean;
  /** Why nothing was searched for, in words staff can act on. */
  message: string;
  records: FoundRecord[];
  counts: { cases: number; letters: number; audit: number; responses: number };
}

/** Cases columns never shown: the script's own bookkeeping. */
const HIDDEN = new Set<string>([COL.data, COL.responseId, COL.updated]);

/** Free text a person wrote or staff typed: may name anyone. */
const FREE_TEXT = new Set<string>([
  COL.description,
  COL.summary,
  COL.desiredOutcome,
  COL.adjustments,
  COL.notes,
  COL.lateAppealReason,
  COL.problems,
]);

/** Columns about the complainant, which name someone else when the person is the one complained about. */
const COMPLAINANT_COLUMNS = new Set<string>([COL.name, COL.email, COL.phone, COL.address, COL.related]);
/** Columns about the person complained about, which name someone else when the person is the complainant. */
const SUBJECT_COLUMNS = new Set<string>([COL.subjectName, COL.subjectEmail]);

/** Columns whose time of day matters; every other date is a day (a typed date has no time). */
const TIMED = new Set<string>([COL.received, OUTBOX.sentAt, OUTBOX.queuedAt, 'When', 'Timestamp']);

/** A cell as staff read it: days as dd/mm/yyyy (with the time where it matters), ticks as Yes or No. */
const text = (cell: Cell, header = ''): string => {
  if (cell instanceof Date) return cellText(cell, TIMED.has(header));
  if (typeof cell === 'boolean') return cell ? 'Yes' : 'No';
  return cell === '' ? '' : String(cell).replace(/^'/, '');
};

function caseRelation(table: Table, row: readonly Cell[], q: PersonQuery): FoundRecord['relation'] | null {
  const stored = storedComplaint(table, row) ?? {};
  const at = (h: string) => text(table.value(row, h));
  const own =
    isTheirs('email', at(COL.email), q) ||
    isTheirs('phone', at(COL.phone), q) ||
    isTheirs('name', at(COL.name), q) ||
    isTheirs('email', stored.email ?? '', q) ||
    isTheirs('phone', stored.phone ?? '', q) ||
    isTheirs('name', stored.name ?? '', q);
  if (own) return 'complainant';
  if (isTheirs('name', at(COL.subjectName), q) || isTheirs('email', at(COL.subjectEmail), q))
    return 'complained about';
  const texts = [...FREE_TEXT].map(at);
  if (texts.some((t) => mentions(t, q))) return 'mentioned';
  return null;
}

function caseFields(table: Table, row: readonly Cell[], relation: FoundRecord['relation']): FoundField[] {
  return table.headers
    .map((h, i) => ({ h, value: text(row[i] ?? '', h) }))
    .filter(({ h, value }) => h && !HIDDEN.has(h) && value !== '')
    .map(({ h, value }) => ({
      field: h,
      value,
      namesOthers:
        (relation !== 'complainant' && COMPLAINANT_COLUMNS.has(h)) ||
        (relation !== 'complained about' && SUBJECT_COLUMNS.has(h))
          ? 'yes'
          : FREE_TEXT.has(h)
            ? 'may'
            : '',
    }));
}

export function findPerson(ctx: RunContext, query: string): PersonSearch {
  const empty = { cases: 0, letters: 0, audit: 0, responses: 0 };
  const q = parsePersonQuery(query);
  if (!q)
    return {
      ok: false,
      message:
        'Type an email address, a phone number, or a name of at least three letters, exactly as the person gives it.',
      records: [],
      counts: empty,
    };
  const { ss } = ctx;
  const records: FoundRecord[] = [];
  const about = new Map<string, FoundRecord['relation']>();
  const responseIds = new Set<string>();

  const casesSheet = ss.getSheetByName(TABS.cases);
  if (casesSheet) {
    const cases = Table.read(casesSheet);
    for (const row of cases.rows) {
      const reference = text(cases.value(row, COL.reference));
      const relation = reference ? caseRelation(cases, row, q) : null;
      if (!relation) continue;
      about.set(reference, relation);
      const id = text(cases.value(row, COL.responseId));
      if (id && relation === 'complainant') responseIds.add(id);
      records.push({ kind: 'Case', reference, relation, fields: caseFields(cases, row, relation) });
    }
  }

  let letters = 0;
  for (const tab of MAIL_TABS) {
    const sheet = ss.getSheetByName(tab);
    if (!sheet) continue;
    const mail = Table.read(sheet);
    for (const row of mail.rows) {
      const reference = text(mail.value(row, OUTBOX.reference));
      const to = text(mail.value(row, OUTBOX.to));
      const addressed =
        q.kind === 'email' &&
        to
          .toLowerCase()
          .split(/[,;]\s*/)
          .includes(q.value);
      const relation = about.get(reference) ?? (addressed ? 'addressed to them' : null);
      if (!relation) continue;
      const toThem =
        addressed || (relation === 'complainant' && text(mail.value(row, OUTBOX.audience)) === 'complainant');
      letters += 1;
      records.push({
        kind: tab === TABS.outbox ? 'Letter' : 'Staff notice',
        reference,
        relation,
        fields: [
          OUTBOX.kind,
          OUTBOX.to,
          OUTBOX.sendBy,
          OUTBOX.status,
          OUTBOX.sentAt,
          OUTBOX.subject,
          OUTBOX.body,
        ]
          .filter((h) => mail.has(h) && text(mail.value(row, h)) !== '')
          .map((h) => ({
            field: h,
            value: text(mail.value(row, h), h),
            namesOthers: h === OUTBOX.body ? 'may' : h === OUTBOX.to && !toThem ? 'yes' : '',
          })),
      });
    }
  }

  let audit = 0;
  const auditSheet = ss.getSheetByName(TABS.audit);
  if (auditSheet) {
    const table = Table.read(auditSheet);
    for (const row of table.rows) {
      const reference = text(table.value(row, 'Reference'));
      const relation = about.get(reference);
      if (!relation) continue;
      audit += 1;
      records.push({
        kind: 'Audit entry',
        reference,
        relation,
        fields: ['When', 'Who', 'Action', 'From', 'To', 'Detail']
          .filter((h) => text(table.value(row, h)) !== '')
          .map((h) => ({
            field: h,
            value: text(table.value(row, h), h),
            namesOthers: h === 'Who' ? 'yes' : h === 'Detail' || h === 'From' || h === 'To' ? 'may' : '',
          })),
      });
    }
  }

  let responses = 0;
  const sheet = responsesSheet(ctx);
  if (sheet && sheet.getLastRow() > 1) {
    const values = sheet.getDataRange().getValues();
    const headers = (values[0] ?? []).map((h) => String(h));
    values.slice(1).forEach((row) => {
      const identity = responseIdentity(row[0], row.slice(1));
      const cells = row.map((c, i) => text(c as Cell, headers[i]));
      const theirs = (identity && responseIds.has(identity.id)) || cells.some((c) => mentions(c, q));
      if (!theirs) return;
      responses += 1;
      records.push({
        kind: 'Form response',
        reference: '',
        relation: 'complainant',
        fields: headers
          .map((h, i) => ({
            field: h,
            value: cells[i] ?? '',
            namesOthers: (i > 0 ? 'may' : '') as NamesOthers,
          }))
          .filter((f) => f.value !== ''),
      });
    });
  }

  const caseCount = records.filter((r) => r.kind === 'Case').length;
  return {
    ok: true,
    message:
      records.length === 0
        ? 'Nothing was found. Try their email address or phone number as well as their name.'
        : `Found ${caseCount} case(s), ${letters} letter(s) and notice(s), ${audit} audit entr${audit === 1 ? 'y' : 'ies'} and ${responses} form response(s).`,
    records,
    counts: { cases: caseCount, letters, audit, responses },
  };
}
