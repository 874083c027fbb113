/**
 * What the case sidebar shows of one case, and what each of its buttons changes on the Cases tab.
 *
 * Everything here is JSON-safe (strings, numbers, booleans, null, arrays and plain objects): it crosses
 * google.script.run, which carries nothing else (a Date in a result fails the call). Days are dd/mm/yyyy.
 * Nothing here touches an Apps Script service: sidebar.ts reads the tabs and hands the values in.
 */
import { londonDate } from '../core/calendar';
import { FLAG_LABELS, RELATIONSHIP_LABELS, SUBJECT_LABELS, formatDay } from '../core/labels';
import { availableActions, stateKind } from '../core/lifecycle';
import type { CaseRecord, Clocks, LocalDate, PolicyProfile } from '../core/model';
import { roleTitle } from '../core/profile';
import { arrangementText } from '../core/contact-arrangement';
import { COL, displayStatus, stateLabel } from './cases';
import { unliteral } from './mail/outbox';

export interface PersonView {
  /** The role's title from the policy, e.g. "Head of Business Services". */
  title: string;
  /** The address Settings gives the role ('' when none is set). */
  email: string;
}

export interface TimelineEntry {
  when: string;
  who: string;
  what: string;
  detail: string;
}

export interface LetterView {
  key: string;
  /** The letter kind's id (acknowledgement, outcome...) and the same in words. */
  kind: string;
  title: string;
  /** Who it is for: the complainant, a member of staff's role, or the person complained about. */
  audience: string;
  /** Email, post, phone or a task for staff. */
  sendBy: string;
  /** The address it goes to ('' for post and phone). */
  to: string;
  status: string;
  /** Sent, or else queued, as dd/mm/yyyy; '' when unknown. */
  date: string;
  awaitingApproval: boolean;
  /** Why a letter could not go (its Last error), for staff to put right; '' otherwise. */
  problem: string;
  /** The subject and text, only for a letter awaiting approval: staff read and edit it before it goes. */
  subject: string | null;
  body: string | null;
}

export interface RelatedCase {
  reference: string;
  received: string;
  stage: string;
  arrangement: string;
}

export type ActionInput = 'none' | 'date' | 'choice';

export interface ActionView {
  /** The lifecycle action id (the server checks it again; the page only echoes it back). */
  id: string;
  label: string;
  input: ActionInput;
  /** For a choice: the decisions, outcomes or appeal outcomes the policy offers here. */
  choices: { id: string; label: string }[];
}

export interface CaseView {
  kind: 'case';
  reference: string;
  complainant: string;
  relationship: string;
  about: string;
  personComplainedAbout: string;
  summary: string;
  adjustments: string;
  flags: string[];
  stage: string;
  status: string;
  /** What is due and by when, in words (the Cases tab's "What is due"). */
  due: string;
  deadlines: { label: string; day: string }[];
  handler: PersonView | null;
  decisionMaker: PersonView | null;
  timeline: TimelineEntry[];
  letters: LetterView[];
  actions: ActionView[];
  /** Today in London, dd/mm/yyyy: the default for a date the person is asked for. */
  today: string;
  /** Other cases from the same email or phone, oldest first. */
  /** The person's other cases, each with its contact arrangement in words ('' when none). */
  related: RelatedCase[];
  /** An unreasonable-contact arrangement in words, or '' when there is none. */
  arrangement: string;
}

export interface NoCaseView {
  kind: 'no-case';
  message: string;
}

export const SELECT_A_CASE = 'Select a case row on the Cases tab to see it here.';

/** A summary short enough for a 300 px sidebar: the first sentence or so of what happened. */
export const SUMMARY_LENGTH = 240;

export function shortSummary(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= SUMMARY_LENGTH) return flat;
  const cut = flat.slice(0, SUMMARY_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `${(space > SUMMARY_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A cell as the sidebar shows it: a date as its London day, everything else as text. */
export function cellText(cell: unknown, withTime = false): string {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return '';
    const day = formatDay(londonDate(cell));
    if (!withTime) return day;
    const time = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(cell);
    return `${day} ${time}`;
  }
  return String(cell ?? '').trim();
}

function person(
  profile: PolicyProfile,
  emailOf: (role: string) => string,
  role: string | null,
): PersonView | null {
  if (!role) return null;
  return { title: roleTitle(profile, role, 'en'), email: emailOf(role) };
}

/** Labels staff understand for the actions the shared vocabulary names; a transition keeps its own. */
const ACTION_LABELS: Readonly<Record<string, string>> = {
  acknowledge: 'Acknowledgement sent today',
  'record-update': 'Update sent today',
  pause: 'Pause the clock (waiting on the complainant)',
  resume: 'Restart the clock',
  decide: 'Record the decision',
  appeal: 'Log an appeal',
  'acknowledge-appeal': 'Appeal acknowledgement sent today',
};

/**
 * The cells a sidebar action changes, in order, each as staff would type it: the same columns and values
 * a person edits on the Cases tab, so the same checks (workflow.ts) judge it. Null: not a sidebar action
 * (a note, or taking on the handling personally, stay on the Cases tab).
 */
export function cellsForAction(
  profile: PolicyProfile,
  record: CaseRecord,
  actionId: string,
  input: { day: Date; choice: string | null },
): { header: string; value: string | boolean | Date }[] | null {
  const choiceLabel = (list: readonly { id: string; label: string }[]) =>
    list.find((x) => x.id === input.choice)?.label ?? input.choice ?? '';
  switch (actionId) {
    case 'acknowledge':
      return [{ header: COL.acknowledged, value: input.day }];
    case 'record-update':
      return [{ header: COL.lastUpdate, value: input.day }];
    case 'pause':
      return [{ header: COL.paused, value: true }];
    case 'resume':
      return [{ header: COL.paused, value: false }];
    case 'acknowledge-appeal':
      return [{ header: COL.appealAcknowledged, value: input.day }];
    case 'appeal':
      return [{ header: COL.appealReceived, value: input.day }];
    case 'decide': {
      const state = profile.lifecycle.states.find((s) => s.id === record.state);
      return [{ header: COL.decision, value: choiceLabel(state?.decisions ?? []) }];
    }
    case 'add-note':
    case 'handle-personally':
      return null;
  }
  const step =
    profile.lifecycle.transitions.find((t) => t.action === actionId && t.from.includes(record.state)) ??
    profile.lifecycle.commonActions.find((c) => c.action === actionId && c.to !== undefined);
  if (!step?.to) return null;
  // An appeal decided is the Appeal outcome cell: choosing it moves the stage (workflow.ts mapEdit).
  if (step.guards?.includes('appeal-outcome-given'))
    return [{ header: COL.appealOutcome, value: choiceLabel(profile.appeal.outcomes) }];
  const stage = stateLabel(profile, step.to);
  if (step.guards?.includes('outcome-given'))
    return [
      { header: COL.outcome, value: choiceLabel(profile.outcomes) },
      { header: COL.stage, value: stage },
    ];
  return [{ header: COL.stage, value: stage }];
}

/** Everyday actions first; moves that take a case away (redirect, not eligible, withdrawn) last. */
const ACTION_ORDER: readonly string[] = [
  'accept',
  'acknowledge',
  'record-update',
  'acknowledge-appeal',
  'decide',
  'resume',
  'pause',
];
const LAST: readonly string[] = ['redirect', 'mark-not-eligible', 'withdraw'];

function rank(action: string): number {
  const i = ACTION_ORDER.indexOf(action);
  if (i >= 0) return i;
  return LAST.includes(action) ? 100 + LAST.indexOf(action) : 50;
}

/** An id such as `case-assigned` as words: "Case assigned". */
export function words(id: string): string {
  const text = id.replace(/[-_]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The actions the policy allows next from this case's stage, as buttons (everyday ones first). */
export function actionViews(profile: PolicyProfile, record: CaseRecord): ActionView[] {
  const state = profile.lifecycle.states.find((s) => s.id === record.state);
  const views: (ActionView & { rank: number })[] = [];
  for (const { action, label } of availableActions(profile, record)) {
    const step = profile.lifecycle.transitions.find(
      (t) => t.action === action && t.from.includes(record.state),
    );
    const probe = cellsForAction(profile, record, action, { day: new Date(0), choice: null });
    if (!probe) continue;
    let choices: { id: string; label: string }[] = [];
    if (action === 'decide') choices = (state?.decisions ?? []).map(({ id, label }) => ({ id, label }));
    else if (step?.guards?.includes('appeal-outcome-given'))
      choices = profile.appeal.outcomes.map(({ id, label }) => ({ id, label }));
    else if (step?.guards?.includes('outcome-given'))
      choices = profile.outcomes.map(({ id, label }) => ({ id, label }));
    views.push({
      id: action,
      rank: rank(action),
      label: ACTION_LABELS[action] ?? label,
      input: choices.length > 0 ? 'choice' : action === 'appeal' ? 'date' : 'none',
      choices,
    });
  }
  return views.sort((a, b) => a.rank - b.rank).map(({ rank: _rank, ...view }) => view);
}

const DEADLINES: readonly [keyof Clocks, string][] = [
  ['acknowledgeBy', 'Acknowledge by'],
  ['updateBy', 'Next update by'],
  ['reviewBy', 'Check in by'],
  ['appealBy', 'Appeal by'],
  ['appealAcknowledgeBy', 'Acknowledge appeal by'],
  ['appealDecisionBy', 'Decide appeal by'],
];

export interface CaseViewInput {
  profile: PolicyProfile;
  /** The address Settings gives a role ('' when none). */
  emailOf: (role: string) => string;
  /** Who handles the case now: the Handled by cell, else the case data. */
  handlerRole: string | null;
  record: CaseRecord;
  clocks: Clocks;
  /** The row's cells by header, as read. */
  cell: (header: string) => unknown;
  timeline: TimelineEntry[];
  letters: LetterView[];
  now: Date;
  related?: RelatedCase[];
}

export function caseView(input: CaseViewInput): CaseView {
  const { profile, record, clocks, cell } = input;
  const c = record.complaint;
  const text = (h: string) => cellText(cell(h));
  const open = ['review', 'open', 'appeal'].includes(stateKind(profile, record.state));
  return {
    kind: 'case',
    reference: record.reference,
    complainant: unliteral(c.name ?? text(COL.name)),
    relationship: c.relationship ? RELATIONSHIP_LABELS[c.relationship] : '',
    about: c.subject ? SUBJECT_LABELS[c.subject] : '',
    personComplainedAbout: unliteral(c.subjectName ?? ''),
    summary: shortSummary(unliteral(c.description ?? '')),
    adjustments: unliteral(c.adjustments ?? ''),
    flags: text(COL.flags)
      .split(/[,;]\s*/)
      .map((f) => f.trim())
      .filter(Boolean)
      .map((f) => (FLAG_LABELS as Readonly<Record<string, string>>)[f] ?? f),
    stage: stateLabel(profile, record.state),
    status: displayStatus(profile, record, clocks),
    due: clocks.statusReason,
    deadlines: open
      ? DEADLINES.flatMap(([key, label]) => {
          const day = clocks[key] as LocalDate | null;
          // A deadline already met is not due.
          const met =
            (key === 'acknowledgeBy' && record.acknowledgedAt) ||
            (key === 'appealAcknowledgeBy' && record.appealAcknowledgedAt);
          return day && !met ? [{ label, day: formatDay(day) }] : [];
        })
      : [],
    handler: person(profile, input.emailOf, input.handlerRole),
    decisionMaker: person(profile, input.emailOf, record.route?.decisionMaker ?? null),
    timeline: input.timeline,
    letters: input.letters,
    actions: actionViews(profile, record),
    today: formatDay(londonDate(input.now)),
    related: input.related ?? [],
    arrangement: arrangementText(record.arrangement),
  };
}
