/**
 * The Cases tab against what was submitted: every submission has exactly one case (matched by the token
 * planted in its description), and every value sits under a header whose meaning it fits.
 */
import type { Emulator } from '../../../emulator/index';
import {
  CHANNEL_LABELS,
  CONTACT_LABELS,
  LANGUAGE_LABELS,
  RELATIONSHIP_LABELS,
  STATUS_LABELS,
} from '../../../src/core/labels';
import { noFindings, type Findings } from './report';
import { tokensIn } from './submissions';
import { cellOf, columnLetter, isDateValue, readTab, type CellValue, type TabView, safeHeader } from './tabs';

export const REFERENCE = /^[A-Z]+-\d{4}-\d{4}$/;
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SLA: string[] = Object.values(STATUS_LABELS);

type Shape = (v: CellValue) => boolean;
const blank = (v: CellValue) => v === '';
const date: Shape = (v) => isDateValue(v);
const dateOrBlank: Shape = (v) => blank(v) || isDateValue(v);
/** Deadlines are date cells; rows written by an older version hold the day as text (`2026-03-09`). */
const dayOrBlank: Shape = (v) => blank(v) || isDateValue(v) || (typeof v === 'string' && DAY.test(v));
const oneOf =
  (...values: string[]): Shape =>
  (v) =>
    values.includes(String(v));

/** What each documented Cases header may hold (README, "Tabs and columns"). */
export const CASE_SHAPES: Record<string, Shape> = {
  Reference: (v) => REFERENCE.test(String(v)),
  Received: date,
  Status: (v) => blank(v) || SLA.includes(String(v)),
  'Acknowledged on': dateOrBlank,
  'Last update sent': dateOrBlank,
  'Appeal received': dateOrBlank,
  'Appeal acknowledged on': dateOrBlank,
  'Clock paused': (v) => blank(v) || typeof v === 'boolean',
  'Acknowledge by': dayOrBlank,
  'Next update by': dayOrBlank,
  'Appeal by': dayOrBlank,
  'Acknowledge appeal by': dayOrBlank,
  'Decide appeal by': dayOrBlank,
  'Keep record until': dayOrBlank,
  'Closed on': dayOrBlank,
  'Received by': oneOf(...Object.values(CHANNEL_LABELS)),
  Language: oneOf(...Object.values(LANGUAGE_LABELS)),
  Email: (v) => blank(v) || EMAIL.test(String(v)),
  'Preferred contact': oneOf('', ...Object.values(CONTACT_LABELS)),
  'Complainant is': oneOf('', ...Object.values(RELATIONSHIP_LABELS)),
  'Last contact': dateOrBlank,
  'Last updated by script': date,
  'Case data (do not edit)': (v) => typeof v === 'string' && v.startsWith('{'),
};

/** Where a planted token may appear on the Cases tab: the free text it was typed in, and the case's data. */
const TOKEN_HOMES = {
  description: ['What happened', 'Summary', 'Case data (do not edit)'],
  name: ['Complainant', 'Case data (do not edit)'],
};

export interface CaseMatch {
  /** Submission id → references of the rows made from it. */
  byId: Map<number, string[]>;
  /** Reference → submission id. */
  idOfReference: Map<string, number>;
}

/** Which submission each Cases row came from, by the description token anywhere in the row. */
export function matchCases(tab: TabView | null): CaseMatch {
  const byId = new Map<number, string[]>();
  const idOfReference = new Map<string, number>();
  for (const { cells } of tab?.rows ?? []) {
    const ids = new Set(cells.flatMap((c) => (typeof c === 'string' ? tokensIn(c).description : [])));
    const reference = String(cellOf(tab!, cells, 'Reference'));
    for (const id of ids) {
      byId.set(id, [...(byId.get(id) ?? []), reference]);
      idOfReference.set(reference, id);
    }
  }
  return { byId, idOfReference };
}

/**
 * Lost: a submission the Form accepted with no case. Duplicated: two cases for one submission, or one
 * reference on two rows. Misplaced: a value that does not fit its header, a token outside its home
 * column, a row carrying two submissions, a value under a blank header.
 */
export function checkCases(emu: Emulator, submitted: Iterable<number>): Findings {
  const findings = noFindings();
  const tab = readTab(emu, 'Cases');
  if (!tab) {
    findings.notes.push('no Cases tab');
    for (const _ of submitted) findings.lost += 1;
    return findings;
  }
  const { byId } = matchCases(tab);
  for (const id of submitted) {
    const refs = byId.get(id) ?? [];
    if (refs.length === 0) {
      findings.lost += 1;
      findings.notes.push(`submission #${id} has no case`);
    } else if (refs.length > 1) {
      findings.duplicated += refs.length - 1;
      findings.notes.push(`submission #${id} has ${refs.length} cases: ${refs.join(', ')}`);
    }
  }
  const rowsOfReference = new Map<string, number[]>();
  for (const { row, cells } of tab.rows) {
    const reference = String(cellOf(tab, cells, 'Reference'));
    if (reference) rowsOfReference.set(reference, [...(rowsOfReference.get(reference) ?? []), row]);
    const where = (i: number) => `Cases!${columnLetter(i)}${row} (${safeReference(reference)})`;
    const rowIds = new Set<number>();
    cells.forEach((value, i) => {
      const header = tab.headers[i] ?? '';
      if (header === '' && value !== '') {
        findings.misplaced += 1;
        findings.notes.push(`${where(i)}: a value under a blank header`);
        return;
      }
      const shape = CASE_SHAPES[header];
      if (shape && !shape(value)) {
        findings.misplaced += 1;
        findings.notes.push(`${where(i)}: ${safeHeader(header)} holds ${describeValue(value)}`);
      }
      if (typeof value !== 'string') return;
      const tokens = tokensIn(value);
      for (const kind of ['description', 'name'] as const) {
        if (tokens[kind].length > 0 && !TOKEN_HOMES[kind].includes(header)) {
          findings.misplaced += 1;
          findings.notes.push(`${where(i)}: the submission's ${kind} is under ${safeHeader(header)}`);
        }
        for (const id of tokens[kind]) rowIds.add(id);
      }
    });
    if (rowIds.size > 1) {
      findings.misplaced += 1;
      findings.notes.push(
        `Cases row ${row} (${safeReference(reference)}) mixes submissions #${[...rowIds].join(', #')}`,
      );
    }
    if (rowIds.size === 0) {
      findings.misplaced += 1;
      findings.notes.push(`Cases row ${row} (${safeReference(reference)}) carries no submission`);
    }
  }
  for (const [reference, rows] of rowsOfReference) {
    if (rows.length > 1 && REFERENCE.test(reference)) {
      findings.duplicated += rows.length - 1;
      findings.notes.push(`${reference} is on rows ${rows.join(', ')}`);
    }
  }
  return findings;
}

/**
 * A reference fit for a note: a cell under "Reference" in a misplaced row may hold anything, including
 * what the complainant wrote, so only a value shaped like a reference is quoted.
 */
export function safeReference(value: string): string {
  return REFERENCE.test(value) ? value : value === '' ? 'no reference' : 'no valid reference';
}

/** The kind of value, never the value: cells hold personal data. */
export function describeValue(value: CellValue): string {
  if (isDateValue(value)) return 'a date';
  if (typeof value === 'string') {
    if (value === '') return 'nothing';
    if (REFERENCE.test(value)) return 'a reference';
    if (EMAIL.test(value)) return 'an email address';
    if (DAY.test(value)) return 'a day';
    return `text of ${value.length} characters`;
  }
  return `a ${typeof value}`;
}
