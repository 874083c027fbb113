/**
 * The Cases tab: one row per complaint, keyed by reference. Columns are either computed (written only by
 * the script, protected with a warning) or staff-owned (the script writes them only when it creates the
 * row, or as the direct result of a staff action on that same row).
 */
import { isLocalDate, londonDate, londonInstant } from '../core/calendar';
import {
  CHANNEL_LABELS,
  CONTACT_LABELS,
  FLAG_LABELS,
  LANGUAGE_LABELS,
  RELATIONSHIP_LABELS,
  STATUS_LABELS,
  SUBJECT_LABELS,
  formatDay,
  idFromLabel,
} from '../core/labels';
import { oneLineSummary } from '../core/summary';
import {
  RELATIONSHIPS,
  SUBJECTS,
  type CaseRecord,
  type Channel,
  type ClockPause,
  type ContactArrangement,
  type Clocks,
  type Complaint,
  type ContactMethod,
  type IntakeProblem,
  type Language,
  type PolicyProfile,
  type Relationship,
  type Route,
  type Subject,
} from '../core/model';
import { COMPLAINTS_TEAM_ROLE } from '../core/correspondence';
import { hasArrangement } from '../core/contact-arrangement';
import { anonymisedComplaint } from '../core/anonymise';
import { stateKind } from '../core/lifecycle';
import { roleTitle } from '../core/profile';
import { redirectRuleOf } from '../core/routing';
import { MAX_CELL_CHARS, TRUNCATED_NOTE, fitText } from '../core/text';
import { QUESTIONS } from './form-questions';
import { TABS } from './tabs';
import type { Cell, RowValues, Table } from './table';

export type ColumnOwner = 'script' | 'staff';
export type Dropdown =
  | 'stage'
  | 'decision'
  | 'outcome'
  | 'appeal-outcome'
  | 'role'
  | 'checkbox'
  | 'date'
  // The complainant's answers, offered as their labels (core/labels.ts).
  | 'relationship'
  | 'subject'
  | 'channel'
  | 'language'
  | 'contact';

export interface ColumnSpec {
  header: string;
  owner: ColumnOwner;
  width: number;
  dropdown?: Dropdown;
  hidden?: boolean;
  /** Plain text: stops Sheets turning phone numbers or references into numbers. */
  text?: boolean;
  /** A date column: the number format its cells are shown in (dates are real date cells). */
  dateFormat?: typeof DAY_FORMAT | typeof DAY_TIME_FORMAT;
}

/** How the Cases tab shows a day; only Received, where the time matters, shows the time too. */
export const DAY_FORMAT = 'dd/mm/yyyy';
export const DAY_TIME_FORMAT = 'dd/mm/yyyy hh:mm';

export const COL = {
  reference: 'Reference',
  received: 'Received',
  sla: 'Status',
  slaReason: 'What is due',
  nextDeadline: 'Next deadline',
  dueSoonFrom: 'Due soon from',
  stage: 'Stage',
  handler: 'Handled by',
  decision: 'Decision',
  outcome: 'Outcome',
  acknowledged: 'Acknowledged on',
  lastUpdate: 'Last update sent',
  paused: 'Clock paused',
  appealReceived: 'Appeal received',
  appealAcknowledged: 'Appeal acknowledged on',
  appealOutcome: 'Appeal outcome',
  lateAppealReason: 'Late appeal accepted because',
  notes: 'Notes',
  subjectEmail: 'Email of person complained about',
  subjectCopy: 'Copy to person complained about',
  arrangementContact: 'Contact only through',
  arrangementChannel: 'Contact only by',
  arrangementReview: 'Review contact arrangement by',
  related: 'Related cases',
  updatesSent: 'Progress updates sent',
  acknowledgeBy: 'Acknowledge by',
  updateBy: 'Next update by',
  appealBy: 'Appeal by',
  appealAcknowledgeBy: 'Acknowledge appeal by',
  appealDecisionBy: 'Decide appeal by',
  retainUntil: 'Keep record until',
  closed: 'Closed on',
  route: 'Where it goes',
  decisionMaker: 'Decision maker',
  appealBody: 'Appeal heard by',
  flags: 'Flags',
  problems: 'Problems to review',
  channel: 'Received by',
  language: 'Language',
  name: 'Complainant',
  email: 'Email',
  phone: 'Phone',
  address: 'Address',
  preferredContact: 'Preferred contact',
  relationship: 'Complainant is',
  subject: 'Complaint is about',
  subjectName: 'Person complained about',
  description: 'What happened',
  summary: 'Summary',
  desiredOutcome: 'What they want to happen',
  adjustments: 'Adjustments asked for',
  pauses: 'Pause history',
  lastContact: 'Last contact',
  updated: 'Last updated by script',
  data: 'Case data (do not edit)',
  responseId: 'Response ID',
} as const;

// The order a complaints officer reads a row in: which case, its status and what is due when, who
// complained and about what, in one line, then who has it and where it stands. Reference is frozen
// (setup.ts) so it stays in view while the rest scrolls.
export const CASE_COLUMNS: readonly ColumnSpec[] = [
  { header: COL.reference, owner: 'script', width: 120, text: true },
  // The status and the three columns after it are what the morning run rewrites for every open case; side
  // by side, they are one run of cells to write. The row's colour is worked out from Next deadline and
  // Due soon from by the sheet itself (setup.ts), so it changes at midnight rather than at the next run.
  { header: COL.sla, owner: 'script', width: 100, text: true },
  { header: COL.slaReason, owner: 'script', width: 260, text: true },
  { header: COL.nextDeadline, owner: 'script', width: 100, dateFormat: DAY_FORMAT },
  { header: COL.dueSoonFrom, owner: 'script', width: 100, dateFormat: DAY_FORMAT },
  { header: COL.name, owner: 'script', width: 160, text: true },
  { header: COL.relationship, owner: 'script', width: 170, text: true, dropdown: 'relationship' },
  { header: COL.subject, owner: 'script', width: 190, text: true, dropdown: 'subject' },
  { header: COL.summary, owner: 'script', width: 320, text: true },
  { header: COL.handler, owner: 'staff', width: 170, dropdown: 'role' },
  { header: COL.stage, owner: 'staff', width: 200, dropdown: 'stage' },
  { header: COL.decision, owner: 'staff', width: 220, dropdown: 'decision' },
  { header: COL.outcome, owner: 'staff', width: 220, dropdown: 'outcome' },
  { header: COL.received, owner: 'script', width: 130, dateFormat: DAY_TIME_FORMAT },
  { header: COL.acknowledged, owner: 'staff', width: 120, dropdown: 'date' },
  { header: COL.lastUpdate, owner: 'staff', width: 120, dropdown: 'date' },
  { header: COL.paused, owner: 'staff', width: 90, dropdown: 'checkbox' },
  { header: COL.appealReceived, owner: 'staff', width: 120, dropdown: 'date' },
  { header: COL.appealAcknowledged, owner: 'staff', width: 120, dropdown: 'date' },
  { header: COL.appealOutcome, owner: 'staff', width: 200, dropdown: 'appeal-outcome' },
  // A reason here lets an "Appeal received" date after the appeal window stand (audited with the appeal).
  { header: COL.lateAppealReason, owner: 'staff', width: 220, text: true },
  { header: COL.notes, owner: 'staff', width: 240, text: true },
  { header: COL.subjectEmail, owner: 'staff', width: 200, text: true },
  // Ticked when staff confirm the complaint may be shared with the person it is about (002 §4.6, 001 ¶12).
  { header: COL.subjectCopy, owner: 'staff', width: 110, dropdown: 'checkbox' },
  // An unreasonable-contact arrangement (000 §11): one point of contact, one channel, a review day that is
  // chased like a deadline. Letters to the complainant go by the channel while it is set.
  { header: COL.arrangementContact, owner: 'staff', width: 170, text: true },
  { header: COL.arrangementChannel, owner: 'staff', width: 110, dropdown: 'contact' },
  { header: COL.arrangementReview, owner: 'staff', width: 120, dropdown: 'date' },
  // Deadlines are real date cells shown as dd/mm/yyyy, so the sheet's own rules compare them with TODAY().
  { header: COL.acknowledgeBy, owner: 'script', width: 110, dateFormat: DAY_FORMAT },
  { header: COL.updateBy, owner: 'script', width: 110, dateFormat: DAY_FORMAT },
  { header: COL.appealBy, owner: 'script', width: 110, dateFormat: DAY_FORMAT },
  { header: COL.appealAcknowledgeBy, owner: 'script', width: 110, dateFormat: DAY_FORMAT },
  { header: COL.appealDecisionBy, owner: 'script', width: 110, dateFormat: DAY_FORMAT },
  { header: COL.retainUntil, owner: 'script', width: 110, dateFormat: DAY_FORMAT },
  { header: COL.closed, owner: 'script', width: 110, dateFormat: DAY_FORMAT },
  { header: COL.route, owner: 'script', width: 200, text: true },
  { header: COL.decisionMaker, owner: 'script', width: 170, text: true },
  { header: COL.appealBody, owner: 'script', width: 170, text: true },
  { header: COL.flags, owner: 'script', width: 160, text: true },
  // Other cases from the same email or phone, kept by the daily sweep (the sidebar lists them at once).
  { header: COL.related, owner: 'script', width: 160, text: true },
  { header: COL.problems, owner: 'script', width: 260, text: true },
  { header: COL.channel, owner: 'script', width: 110, text: true, dropdown: 'channel' },
  { header: COL.language, owner: 'script', width: 80, text: true, dropdown: 'language' },
  { header: COL.email, owner: 'script', width: 180, text: true },
  { header: COL.phone, owner: 'script', width: 120, text: true },
  { header: COL.address, owner: 'script', width: 200, text: true },
  { header: COL.preferredContact, owner: 'script', width: 110, text: true, dropdown: 'contact' },
  { header: COL.subjectName, owner: 'script', width: 150, text: true },
  { header: COL.description, owner: 'script', width: 320, text: true },
  { header: COL.desiredOutcome, owner: 'script', width: 240, text: true },
  { header: COL.adjustments, owner: 'script', width: 200, text: true },
  { header: COL.pauses, owner: 'script', width: 200, text: true },
  // Each update recorded, with the day it was due: what the Reports tab counts updates on time from.
  { header: COL.updatesSent, owner: 'script', width: 220, text: true },
  { header: COL.lastContact, owner: 'script', width: 120, dateFormat: DAY_FORMAT },
  { header: COL.updated, owner: 'script', width: 110, dateFormat: DAY_FORMAT },
  { header: COL.data, owner: 'script', width: 80, hidden: true, text: true },
  // The form response the case was made from (its timestamp and fingerprint), never a row number.
  { header: COL.responseId, owner: 'script', width: 80, hidden: true, text: true },
];

/** Headers an earlier version of the Cases tab used; setup renames them in place (legacy-headers.ts). */
export const CASES_LEGACY_HEADERS: Readonly<Record<string, string>> = { 'SLA status': COL.sla };

export const CASE_HEADERS = CASE_COLUMNS.map((c) => c.header);

/** Columns the daily sweep rewrites for every open case. */
export const CLOCK_HEADERS = [
  COL.sla,
  COL.slaReason,
  COL.nextDeadline,
  COL.dueSoonFrom,
  COL.acknowledgeBy,
  COL.updateBy,
  COL.appealBy,
  COL.appealAcknowledgeBy,
  COL.appealDecisionBy,
  COL.retainUntil,
  COL.updated,
];

/** Columns staff change to work a case; each change is checked against the policy (workflow.ts). */
export const WORKFLOW_COLUMNS: readonly string[] = [
  COL.stage,
  COL.decision,
  COL.outcome,
  COL.acknowledged,
  COL.lastUpdate,
  COL.paused,
  COL.subjectCopy,
  COL.appealReceived,
  COL.appealAcknowledged,
  COL.appealOutcome,
  COL.handler,
];

/** A workflow cell as last accepted, JSON-safe (dates as ISO strings). */
type Snapshot = string | number | boolean | { date: string };

/** What the script keeps of a case that never changes after intake (the Cases row shows it to staff). */
interface CaseData {
  /**
   * Which case this row is. A paste can overwrite the Reference cell, or a whole row with a copy of
   * another case; this hidden cell is how the script tells which case the row really holds (case-identity.ts).
   * Absent on rows written before it existed.
   */
  reference?: string;
  /** What a row pasted over can be rebuilt from (case-identity.ts); absent on older rows. */
  receivedAt?: string;
  closedAt?: string | null;
  lastContactAt?: string | null;
  /**
   * The workflow cells as the script last accepted them. A multi-cell paste carries no old values
   * (Apps Script gives none), so this is what such a paste is undone to.
   */
  accepted?: Record<string, Snapshot>;
  complaint: Partial<Complaint>;
  route: Route | null;
  problems: IntakeProblem[];
  pauses: { from: string; to: string | null }[];
  handledBy: string | null;
  policyId: string;
  appealDecidedAt?: string | null;
}

const asDate = (cell: Cell): Date | null => (cell instanceof Date ? cell : null);
const asText = (cell: Cell): string => (cell === '' ? '' : String(cell).trim());

function labelToId(list: readonly { id: string; label: string }[], cell: Cell): string | null {
  const t = asText(cell);
  if (!t) return null;
  return list.find((x) => x.label === t || x.id === t)?.id ?? t;
}

export function stateIdFromCell(profile: PolicyProfile, cell: Cell): string {
  return labelToId(profile.lifecycle.states, cell) ?? '';
}

export function stateLabel(profile: PolicyProfile, id: string): string {
  return profile.lifecycle.states.find((s) => s.id === id)?.label ?? id;
}

export function allDecisions(profile: PolicyProfile): { id: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const s of profile.lifecycle.states)
    for (const d of s.decisions) if (!seen.has(d.id)) seen.set(d.id, d.label);
  return [...seen].map(([id, label]) => ({ id, label }));
}

export function decisionIdFromCell(profile: PolicyProfile, cell: Cell): string | null {
  return labelToId(allDecisions(profile), cell);
}
export function outcomeIdFromCell(profile: PolicyProfile, cell: Cell): string | null {
  return labelToId(profile.outcomes, cell);
}
export function appealOutcomeIdFromCell(profile: PolicyProfile, cell: Cell): string | null {
  return labelToId(profile.appeal.outcomes, cell);
}
export function roleIdFromCell(profile: PolicyProfile, cell: Cell): string | null {
  const t = asText(cell);
  if (!t) return null;
  return profile.roles.find((r) => r.title === t || r.id === t)?.id ?? null;
}

function parseData(cell: Cell): CaseData | null {
  const t = asText(cell);
  if (!t) return null;
  try {
    return JSON.parse(t.startsWith("'") ? t.slice(1) : t) as CaseData;
  } catch {
    return null;
  }
}

const toSnapshot = (cell: Cell): Snapshot => (cell instanceof Date ? { date: cell.toISOString() } : cell);
const fromSnapshot = (s: Snapshot): Cell => (typeof s === 'object' ? new Date(s.date) : s);

/** The workflow cells of a row, as they will be recorded as accepted. */
export function acceptedSnapshot(values: RowValues): Record<string, Snapshot> {
  const out: Record<string, Snapshot> = {};
  for (const header of WORKFLOW_COLUMNS) out[header] = toSnapshot(values[header] ?? '');
  return out;
}

/** The last accepted value of a workflow cell, or undefined for rows written before snapshots existed. */
export function acceptedValue(table: Table, row: readonly Cell[], header: string): Cell | undefined {
  const snap = parseData(table.value(row, COL.data))?.accepted?.[header];
  return snap === undefined ? undefined : fromSnapshot(snap);
}

/** The data cell with one accepted workflow value changed (for changes that need no lifecycle action). */
export function withAccepted(table: Table, row: readonly Cell[], header: string, value: Cell): Cell | null {
  const data = parseData(table.value(row, COL.data));
  if (!data) return null;
  return JSON.stringify({ ...data, accepted: { ...data.accepted, [header]: toSnapshot(value) } });
}

/** Rebuilds the core's view of a case from its row. */
export function recordFromRow(profile: PolicyProfile, table: Table, row: readonly Cell[]): CaseRecord {
  const data = parseData(table.value(row, COL.data));
  const pauses: ClockPause[] = (data?.pauses ?? []).map((p) => ({
    from: new Date(p.from),
    to: p.to ? new Date(p.to) : null,
  }));
  const arrangement = arrangementFromRow(table, row);
  const complaint = visibleComplaint(table, row, data?.complaint ?? {});
  // While an arrangement names a channel, every letter to the person goes by it (000 §11).
  if (arrangement?.channel) complaint.preferredContact = arrangement.channel;
  return {
    reference: asText(table.value(row, COL.reference)),
    policyId: data?.policyId ?? profile.id,
    receivedAt: asDate(table.value(row, COL.received)) ?? new Date(0),
    state: stateIdFromCell(profile, table.value(row, COL.stage)),
    complaint,
    route: data?.route ?? null,
    decision: decisionIdFromCell(profile, table.value(row, COL.decision)),
    outcome: outcomeIdFromCell(profile, table.value(row, COL.outcome)),
    acknowledgedAt: asDate(table.value(row, COL.acknowledged)),
    lastUpdateAt: asDate(table.value(row, COL.lastUpdate)),
    closedAt: asDate(table.value(row, COL.closed)),
    appealedAt: asDate(table.value(row, COL.appealReceived)),
    appealAcknowledgedAt: asDate(table.value(row, COL.appealAcknowledged)),
    appealDecidedAt: data?.appealDecidedAt ? new Date(data.appealDecidedAt) : null,
    appealOutcome: appealOutcomeIdFromCell(profile, table.value(row, COL.appealOutcome)),
    handledBy: data?.handledBy ?? null,
    pauses,
    lastContactAt: asDate(table.value(row, COL.lastContact)),
    arrangement,
  };
}

/**
 * The row's list of progress updates with a newly recorded one added, or null when none was recorded: the
 * day it was sent and the day it was due (the row's Next update by before this change), so the Reports tab
 * can count updates sent on time long after the clock has moved on.
 */
function updatesSentText(table: Table, row: readonly Cell[], next: CaseRecord): string | null {
  if (!next.lastUpdateAt || !table.has(COL.updatesSent)) return null;
  const before = acceptedValue(table, row, COL.lastUpdate);
  if (before instanceof Date && before.getTime() === next.lastUpdateAt.getTime()) return null;
  const sent = londonDate(next.lastUpdateAt);
  const due = dayFromCell(table.value(row, COL.updateBy));
  const entry = due
    ? `${formatDay(sent)} (due ${formatDay(due)}, ${sent <= due ? 'on time' : 'late'})`
    : formatDay(sent);
  const list = asText(table.value(row, COL.updatesSent));
  return list ? `${list}; ${entry}` : entry;
}

/** The updates a row lists (updatesSentText), as days. */
export function updatesFromCell(cell: Cell): { sent: string; due: string | null }[] {
  const out: { sent: string; due: string | null }[] = [];
  for (const part of asText(cell).split(';')) {
    const m = /(\d{2}\/\d{2}\/\d{4})(?:\s*\(due (\d{2}\/\d{2}\/\d{4}))?/.exec(part);
    const sent = m ? dayFromCell(m[1]!) : null;
    if (sent) out.push({ sent, due: m?.[2] ? dayFromCell(m[2]) : null });
  }
  return out;
}

/** The unreasonable-contact arrangement on a row, or null when its cells are blank (or the tab lacks them). */
export function arrangementFromRow(table: Table, row: readonly Cell[]): ContactArrangement | null {
  const at = (h: string): Cell => (table.has(h) ? table.value(row, h) : '');
  const arrangement: ContactArrangement = {
    pointOfContact: asText(at(COL.arrangementContact)),
    channel: contactMethodFromCell(at(COL.arrangementChannel)),
    reviewBy: dayFromCell(at(COL.arrangementReview)),
  };
  return hasArrangement(arrangement) ? arrangement : null;
}

/**
 * The contact columns staff keep up to date. The visible cells are the truth: letters go to what they say
 * now; the hidden case data is only a fallback for a tab without the column.
 */
export const CONTACT_COLUMNS: Readonly<
  Record<string, 'name' | 'email' | 'phone' | 'address' | 'preferredContact'>
> = {
  [COL.name]: 'name',
  [COL.email]: 'email',
  [COL.phone]: 'phone',
  [COL.address]: 'address',
  [COL.preferredContact]: 'preferredContact',
};

/** A preferred-contact cell as a contact method: the id, or the words staff would type. */
export function contactMethodFromCell(cell: Cell): ContactMethod | null {
  const t = asText(cell).toLowerCase();
  if (!t) return null;
  const labelled = idFromLabel(CONTACT_LABELS, t);
  if (labelled) return labelled;
  if (t === 'email' || t === 'e-mail') return 'email';
  if (t === 'post' || t === 'letter' || t === 'letter by post' || t === 'print') return 'post';
  if (t === 'phone' || t === 'telephone' || t === 'phone call') return 'phone';
  return null;
}

function visibleComplaint(
  table: Table,
  row: readonly Cell[],
  stored: Partial<Complaint>,
): Partial<Complaint> {
  const out: Partial<Complaint> = { ...stored };
  for (const [header, field] of Object.entries(CONTACT_COLUMNS)) {
    if (!table.has(header)) continue;
    const text = asText(table.value(row, header));
    if (field === 'preferredContact') {
      const method = contactMethodFromCell(text);
      if (method) out.preferredContact = method;
      else if (!text) delete out.preferredContact;
    } else if (text) out[field] = text;
    else delete out[field];
  }
  return out;
}

/** Relationship ("Complainant is") from its id or its form wording. */
export function relationshipFromCell(cell: Cell): Relationship | null {
  return choiceFromCell(cell, RELATIONSHIPS, 'relationship');
}

/** Subject ("Complaint is about") from its id or its form wording. */
export function subjectFromCell(cell: Cell): Subject | null {
  return choiceFromCell(cell, SUBJECTS, 'subject');
}

function choiceFromCell<T extends string>(
  cell: Cell,
  ids: readonly T[],
  key: 'relationship' | 'subject',
): T | null {
  const t = asText(cell);
  if (!t) return null;
  const labelled =
    key === 'relationship' ? idFromLabel(RELATIONSHIP_LABELS, t) : idFromLabel(SUBJECT_LABELS, t);
  if (labelled && ids.includes(labelled as T)) return labelled as T;
  const lower = t.toLowerCase();
  const byId = ids.find((id) => id === lower.replace(/\s+/g, '-'));
  if (byId) return byId;
  const question = QUESTIONS.find((q) => q.key === key);
  const choice = question?.choices?.find((c) => c.en.toLowerCase() === lower || c.cy.toLowerCase() === lower);
  return choice && ids.includes(choice.value as T) ? (choice.value as T) : null;
}

/** The "Received by" cell as a channel id, from its label (Online form) or its id (form). */
export function channelFromCell(cell: Cell): Channel | null {
  return idFromLabel(CHANNEL_LABELS, asText(cell));
}

/** The Language cell as a language id. */
export function languageFromCell(cell: Cell): Language | null {
  const t = asText(cell).toLowerCase();
  const labelled = idFromLabel(LANGUAGE_LABELS, t);
  if (labelled) return labelled;
  if (t === 'english' || t === 'en' || t === 'saesneg') return 'en';
  if (t === 'cymraeg' || t === 'welsh' || t === 'cy') return 'cy';
  return null;
}

/**
 * The submission the visible cells of a row describe now, for accepting a case staff have corrected:
 * the answers staff can see and correct come from their cells; the yes/no answers no column shows
 * (crime, safeguarding, whistleblowing, consent) from the case data.
 */
export function submissionFromCells(table: Table, row: readonly Cell[]): Record<string, unknown> {
  const stored = parseData(table.value(row, COL.data))?.complaint ?? {};
  const cell = (header: string, fallback: unknown): unknown => {
    if (!table.has(header)) return fallback;
    const t = asText(table.value(row, header));
    return t === '' ? undefined : t;
  };
  return {
    ...stored,
    channel: table.has(COL.channel)
      ? (channelFromCell(table.value(row, COL.channel)) ?? cell(COL.channel, undefined))
      : stored.channel,
    language: table.has(COL.language)
      ? (languageFromCell(table.value(row, COL.language)) ?? cell(COL.language, undefined))
      : stored.language,
    name: cell(COL.name, stored.name),
    email: cell(COL.email, stored.email),
    phone: cell(COL.phone, stored.phone),
    address: cell(COL.address, stored.address),
    preferredContact: table.has(COL.preferredContact)
      ? (contactMethodFromCell(table.value(row, COL.preferredContact)) ??
        cell(COL.preferredContact, undefined))
      : stored.preferredContact,
    relationship: table.has(COL.relationship)
      ? (relationshipFromCell(table.value(row, COL.relationship)) ?? cell(COL.relationship, undefined))
      : stored.relationship,
    subject: table.has(COL.subject)
      ? (subjectFromCell(table.value(row, COL.subject)) ?? cell(COL.subject, undefined))
      : stored.subject,
    subjectName: cell(COL.subjectName, stored.subjectName),
    description: cell(COL.description, stored.description),
    desiredOutcome: cell(COL.desiredOutcome, stored.desiredOutcome),
    adjustments: cell(COL.adjustments, stored.adjustments),
  };
}

/** The Summary cell for a changed "What happened", when the tab has the column and it differs. */
export function summaryValues(table: Table, row: readonly Cell[], description: unknown): RowValues {
  if (!table.has(COL.summary)) return {};
  const summary = oneLineSummary(typeof description === 'string' ? description : '');
  return summary === asText(table.value(row, COL.summary)) ? {} : { [COL.summary]: summary };
}

/** The complaint as the case data holds it (what the script last accepted), or null without case data. */
export function storedComplaint(table: Table, row: readonly Cell[]): Partial<Complaint> | null {
  return parseData(table.value(row, COL.data))?.complaint ?? null;
}

/** The data cell with some complaint fields changed (a staff correction of a visible cell). */
export function withComplaint(table: Table, row: readonly Cell[], changes: Partial<Complaint>): Cell | null {
  const data = parseData(table.value(row, COL.data));
  if (!data) return null;
  const complaint: Partial<Complaint> = { ...data.complaint, ...changes };
  for (const [k, v] of Object.entries(changes)) if (v === undefined) delete complaint[k as keyof Complaint];
  return fittedData({ ...data, complaint });
}

/**
 * The data cell with the complaint's personal fields removed (retention), keeping its categories, route,
 * dates and the workflow cells as accepted; null without case data.
 */
export function withoutPersonalData(table: Table, row: readonly Cell[], day: string): Cell | null {
  const data = parseData(table.value(row, COL.data));
  if (!data) return null;
  return JSON.stringify({ ...data, complaint: anonymisedComplaint(data.complaint), anonymisedOn: day });
}

/** The date received as the case data holds it (rows written before it was kept have none). */
export function storedReceivedAt(table: Table, row: readonly Cell[]): Date | null {
  const at = parseData(table.value(row, COL.data))?.receivedAt;
  return at ? new Date(at) : null;
}

/** The data cell with a new date received (a staff correction of Received). */
export function withReceived(table: Table, row: readonly Cell[], receivedAt: Date): Cell | null {
  const data = parseData(table.value(row, COL.data));
  if (!data) return null;
  return JSON.stringify({ ...data, receivedAt: receivedAt.toISOString() });
}

/**
 * The columns a case accepted from review gets from its new route: who handles and decides it, where it
 * goes, its flags, no problems left; the case data records the corrected complaint and the route.
 * Call after actionValues, whose data cell it builds on.
 */
export function routedValues(
  profile: PolicyProfile,
  record: CaseRecord,
  dataCell: Cell,
  accepted: RowValues,
): RowValues {
  const route = record.route;
  const title = (id: string | null | undefined) => (id ? roleTitle(profile, id, 'en') : '');
  const flags = [...(route?.flags ?? [])];
  if (record.complaint.safeguarding && !flags.includes('safeguarding')) flags.push('safeguarding');
  const values: RowValues = {
    [COL.handler]: route?.inScope ? title(route.handler) : '',
    [COL.route]: routeText(profile, route),
    [COL.decisionMaker]: title(route?.decisionMaker),
    [COL.appealBody]: route?.inScope ? title(route.appealBody) || 'No appeal' : '',
    [COL.flags]: flagText(flags),
    [COL.problems]: '',
  };
  const data = parseData(dataCell);
  if (data) {
    values[COL.data] = fittedData({
      ...data,
      complaint: record.complaint,
      route,
      problems: [],
      accepted: acceptedSnapshot({ ...accepted, ...values }),
    });
  }
  return values;
}

export function problemsOf(table: Table, row: readonly Cell[]): IntakeProblem[] {
  return parseData(table.value(row, COL.data))?.problems ?? [];
}

/** A deadline as a real date cell: London midnight of the day, which Sheets shows as that day. */
function dateCell(day: string | null): Cell {
  return day ? londonInstant(day) : '';
}

/** A checkbox cell as ticked, whether it holds true or the text TRUE. */
export function isTrue(cell: Cell): boolean {
  return cell === true || String(cell).toUpperCase() === 'TRUE';
}

/**
 * The London day a deadline cell holds: a date cell, or text as older rows hold it (`yyyy-mm-dd`) or as
 * staff might type it (`dd/mm/yyyy`). Null when blank or unreadable.
 */
export function dayFromCell(cell: Cell): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : londonDate(cell);
  const text = String(cell).trim();
  if (isLocalDate(text)) return text;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (!m) return null;
  const day = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isLocalDate(day) ? day : null;
}

/**
 * The status staff see. A case waiting for a person to review its submission shows "needs review"
 * rather than the acknowledgement clock's status, unless that clock is already overdue.
 */
export function displayStatus(profile: PolicyProfile, record: CaseRecord, clocks: Clocks): string {
  return STATUS_LABELS[statusId(profile, record, clocks)];
}

/** The status as an id (the Dashboard counts by it; STATUS_LABELS gives the words the cell shows). */
export function statusId(
  profile: PolicyProfile,
  record: CaseRecord,
  clocks: Clocks,
): keyof typeof STATUS_LABELS {
  if (clocks.status !== 'overdue' && stateKind(profile, record.state) === 'review') return 'needs-review';
  return clocks.status;
}

/** A status cell as its id, whether it holds the words (Overdue) or the id older rows hold (overdue). */
export function statusFromCell(cell: Cell): keyof typeof STATUS_LABELS | null {
  const text = asText(cell);
  return idFromLabel(STATUS_LABELS, text === 'needs review' ? 'needs-review' : text);
}

/** The computed clock columns for one case. */
export function clockValues(
  profile: PolicyProfile,
  record: CaseRecord,
  clocks: Clocks,
  now: Date,
): RowValues {
  return {
    [COL.sla]: displayStatus(profile, record, clocks),
    [COL.slaReason]: clocks.statusReason,
    [COL.nextDeadline]: dateCell(clocks.nextDeadline),
    [COL.dueSoonFrom]: dateCell(clocks.dueSoonFrom),
    [COL.acknowledgeBy]: dateCell(clocks.acknowledgeBy),
    [COL.updateBy]: dateCell(clocks.updateBy),
    [COL.appealBy]: dateCell(clocks.appealBy),
    [COL.appealAcknowledgeBy]: dateCell(clocks.appealAcknowledgeBy),
    [COL.appealDecisionBy]: dateCell(clocks.appealDecisionBy),
    [COL.retainUntil]: dateCell(clocks.retainUntil),
    [COL.updated]: now,
  };
}

function routeText(profile: PolicyProfile, route: Route | null): string {
  if (!route) return 'Needs review';
  if (route.inScope)
    return `Handled here: ${route.handler ? roleTitle(profile, route.handler, 'en') : 'to be assigned'}`;
  if (route.redirectTo === 'not-eligible') return 'Not eligible';
  const rule = redirectRuleOf(profile, route);
  return route.redirectTo ? `Redirected: ${rule?.contact ?? route.redirectTo}` : 'Needs review';
}

function pauseText(pauses: readonly ClockPause[]): string {
  return pauses
    .map((p) => `${formatDay(londonDate(p.from))} to ${p.to ? formatDay(londonDate(p.to)) : 'now'}`)
    .join('; ');
}

/** The route's flags as staff read them ("Criminal allegation, Safeguarding"). */
function flagText(flags: readonly string[]): string {
  return flags.map((f) => (FLAG_LABELS as Record<string, string>)[f] ?? f).join(', ');
}

/** A whole new Cases row for a case that has just arrived. */
/** The note a case carries when it raised a safeguarding concern: who was alerted, and how. */
export function safeguardingNote(profile: PolicyProfile, complaint: Partial<Complaint>): string {
  if (complaint.safeguarding !== true || !profile.safeguarding) return '';
  const who = roleTitle(profile, profile.safeguarding.alertRole, 'en');
  return ` Safeguarding concern raised: the ${who} was alerted by email on arrival (see the ${TABS.staffMail} tab).`;
}

export function newCaseRow(
  profile: PolicyProfile,
  record: CaseRecord,
  problems: IntakeProblem[],
  clocks: Clocks,
  now: Date,
  responseId = '',
): RowValues {
  const c = record.complaint;
  const route = record.route;
  const title = (id: string | null | undefined) => (id ? roleTitle(profile, id, 'en') : '');
  const flags = [...(route?.flags ?? [])];
  if (c.safeguarding && !flags.includes('safeguarding')) flags.push('safeguarding');
  const data: CaseData = {
    reference: record.reference,
    receivedAt: record.receivedAt.toISOString(),
    closedAt: record.closedAt ? record.closedAt.toISOString() : null,
    lastContactAt: record.receivedAt.toISOString(),
    complaint: c,
    route,
    problems,
    pauses: [],
    handledBy: record.handledBy,
    policyId: profile.id,
  };
  const values: RowValues = {
    [COL.reference]: record.reference,
    [COL.received]: record.receivedAt,
    [COL.stage]: stateLabel(profile, record.state),
    // Nobody else has a case waiting for review: it belongs to the complaints team until accepted.
    [COL.handler]:
      title(route?.inScope ? route.handler : null) ||
      (stateKind(profile, record.state) === 'review' ? roleTitle(profile, COMPLAINTS_TEAM_ROLE, 'en') : ''),
    [COL.acknowledged]: record.acknowledgedAt ?? '',
    [COL.closed]: record.closedAt ?? '',
    ...clockValues(profile, record, clocks, now),
    [COL.route]: routeText(profile, route),
    [COL.decisionMaker]: title(route?.decisionMaker),
    [COL.appealBody]: route?.inScope ? title(route.appealBody) || 'No appeal' : '',
    [COL.flags]: flagText(flags),
    ...(c.safeguarding === true && profile.safeguarding
      ? { [COL.notes]: safeguardingNote(profile, c).trim() }
      : {}),
    [COL.problems]: problems.map((p) => p.message).join('\n'),
    [COL.channel]: c.channel ? CHANNEL_LABELS[c.channel] : '',
    [COL.language]: LANGUAGE_LABELS[c.language === 'cy' ? 'cy' : 'en'],
    [COL.name]: c.name ?? '',
    [COL.email]: c.email ?? '',
    [COL.phone]: c.phone ?? '',
    [COL.address]: c.address ?? '',
    [COL.preferredContact]: c.preferredContact ? CONTACT_LABELS[c.preferredContact] : '',
    [COL.relationship]: c.relationship ? RELATIONSHIP_LABELS[c.relationship] : '',
    [COL.subject]: c.subject ? SUBJECT_LABELS[c.subject] : '',
    [COL.subjectName]: c.subjectName ?? '',
    [COL.description]: c.description ?? '',
    [COL.summary]: oneLineSummary(c.description ?? ''),
    [COL.desiredOutcome]: c.desiredOutcome ?? '',
    [COL.adjustments]: c.adjustments ?? '',
    [COL.lastContact]: record.receivedAt,
    [COL.responseId]: responseId,
  };
  values[COL.data] = fittedData({ ...data, accepted: acceptedSnapshot(values) });
  for (const [header, value] of Object.entries(values)) {
    if (typeof value === 'string') values[header] = fitText(value);
  }
  return values;
}

/** Staff actions add pauses and snapshots to the data cell later: leave them room below the cell limit. */
const DATA_BUDGET = MAX_CELL_CHARS - 5_000;
const LONG_FIELDS = ['description', 'desiredOutcome', 'adjustments', 'address'] as const;

/**
 * The data cell as JSON no longer than DATA_BUDGET. JSON escaping can double a text's length (a
 * description of quotes), so the longest free-text answers are cut in the data cell only, with a note;
 * the visible columns and the form response keep the full text, and letters never use these fields.
 */
function fittedData(data: CaseData): string {
  let json = JSON.stringify(data);
  const complaint: Partial<Complaint> = { ...data.complaint };
  for (let i = 0; i < 8 && json.length > DATA_BUDGET; i++) {
    const field = [...LONG_FIELDS].sort(
      (a, b) => (complaint[b]?.length ?? 0) - (complaint[a]?.length ?? 0),
    )[0]!;
    const text = complaint[field] ?? '';
    if (text.length <= TRUNCATED_NOTE.length) break;
    const keep = Math.max(TRUNCATED_NOTE.length, text.length - (json.length - DATA_BUDGET));
    complaint[field] = fitText(text, keep);
    json = JSON.stringify({ ...data, complaint });
  }
  if (json.length <= DATA_BUDGET) return json;
  for (const field of LONG_FIELDS) complaint[field] = TRUNCATED_NOTE.trim();
  return JSON.stringify({ ...data, complaint });
}

/**
 * The columns an accepted staff action changes, from the record the lifecycle returned. `row` holds the
 * cell staff just changed; the data cell records the resulting workflow cells as accepted.
 */
export function actionValues(
  profile: PolicyProfile,
  table: Table,
  row: readonly Cell[],
  next: CaseRecord,
  edited?: string,
): RowValues {
  const data = parseData(table.value(row, COL.data));
  const label = (list: readonly { id: string; label: string }[], id: string | null) =>
    id ? (list.find((x) => x.id === id)?.label ?? id) : '';
  const values: RowValues = {
    [COL.stage]: stateLabel(profile, next.state),
    [COL.decision]: label(allDecisions(profile), next.decision),
    [COL.outcome]: label(profile.outcomes, next.outcome),
    [COL.closed]: next.closedAt ?? '',
    [COL.acknowledged]: next.acknowledgedAt ?? '',
    [COL.lastUpdate]: next.lastUpdateAt ?? '',
    [COL.appealReceived]: next.appealedAt ?? '',
    [COL.appealAcknowledged]: next.appealAcknowledgedAt ?? '',
    [COL.appealOutcome]: label(profile.appeal.outcomes, next.appealOutcome),
    [COL.paused]: next.pauses.some((p) => p.to === null),
    [COL.pauses]: pauseText(next.pauses),
    [COL.lastContact]: next.lastContactAt ?? table.value(row, COL.lastContact),
  };
  // A submission that failed intake has no route; once staff move it on, say so rather than "Needs review".
  if (!next.route) {
    values[COL.route] =
      stateKind(profile, next.state) === 'review'
        ? 'Needs review'
        : `Decided by staff: ${stateLabel(profile, next.state)}`;
  }
  const updates = updatesSentText(table, row, next);
  if (updates !== null) values[COL.updatesSent] = updates;
  // The edited cell keeps what staff typed (e.g. the date the letter went, not the time they said so).
  if (edited) delete values[edited];
  if (data) {
    const updated: CaseData = {
      ...data,
      handledBy: next.handledBy,
      appealDecidedAt: next.appealDecidedAt ? next.appealDecidedAt.toISOString() : null,
      pauses: next.pauses.map((p) => ({ from: p.from.toISOString(), to: p.to ? p.to.toISOString() : null })),
      closedAt: next.closedAt ? next.closedAt.toISOString() : null,
      lastContactAt: isoOrNull(values[COL.lastContact]!),
      accepted: acceptedSnapshot({ ...table.record(row), ...values }),
    };
    values[COL.data] = JSON.stringify(updated);
  }
  return values;
}

function isoOrNull(cell: Cell): string | null {
  return cell instanceof Date ? cell.toISOString() : null;
}

/** The reference the case-data cell says this row holds, or null (no data, or a row older than that). */
export function caseIdentity(table: Table, row: readonly Cell[]): string | null {
  return parseData(table.value(row, COL.data))?.reference ?? null;
}

/** The case data of a row is present and parses: the row was written by the script. */
export function hasCaseData(table: Table, row: readonly Cell[]): boolean {
  return parseData(table.value(row, COL.data)) !== null;
}

/** Columns a row pasted over is rebuilt into from its case data (everything the script can know). */
export const RESTORABLE_COLUMNS: readonly string[] = CASE_COLUMNS.filter(
  // Hidden columns are the script's bookkeeping, which only the row itself held.
  (c) => !c.hidden && c.header !== COL.notes && c.header !== COL.subjectEmail,
).map((c) => c.header);

/**
 * A Cases row rebuilt from its hidden case data, for a row a paste overwrote with another case: the
 * reference, the complaint as given, the workflow cells as last accepted and the deadlines worked out
 * again. Null when the row has no case data to rebuild from. Notes and the email of the person complained
 * about are staff's free text, kept nowhere else, so they cannot be rebuilt.
 */
export function restoredCaseValues(
  profile: PolicyProfile,
  table: Table,
  row: readonly Cell[],
  clocksFor: (record: CaseRecord) => Clocks,
  now: Date,
): RowValues | null {
  const data = parseData(table.value(row, COL.data));
  if (!data?.reference) return null;
  const fixed = [...row];
  const set = (header: string, value: Cell) => {
    if (table.has(header)) fixed[table.column(header)] = value;
  };
  set(COL.reference, data.reference);
  for (const header of WORKFLOW_COLUMNS) {
    const snap = data.accepted?.[header];
    if (snap !== undefined) set(header, fromSnapshot(snap));
  }
  if (data.receivedAt) set(COL.received, new Date(data.receivedAt));
  if (data.closedAt !== undefined) set(COL.closed, data.closedAt ? new Date(data.closedAt) : '');
  if (data.lastContactAt) set(COL.lastContact, new Date(data.lastContactAt));
  // The visible cells were pasted over: the complaint is the one the case data holds.
  const record = { ...recordFromRow(profile, table, fixed), complaint: data.complaint };
  const rebuilt = newCaseRow(profile, record, data.problems, clocksFor(record), now);
  const out: RowValues = {};
  for (const header of RESTORABLE_COLUMNS) {
    if (!table.has(header)) continue;
    out[header] =
      WORKFLOW_COLUMNS.includes(header) || header === COL.closed || header === COL.lastContact
        ? table.value(fixed, header)
        : (rebuilt[header] ?? '');
  }
  out[COL.pauses] = pauseText(record.pauses);
  if (!record.route && table.has(COL.route))
    out[COL.route] =
      stateKind(profile, record.state) === 'review'
        ? 'Needs review'
        : `Decided by staff: ${stateLabel(profile, record.state)}`;
  return out;
}
