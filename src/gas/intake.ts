/**
 * A new complaint, from the form or logged by staff: validate, give it a reference, route it, record
 * it and queue its first letters, all under the script lock. A submission that fails validation still
 * becomes a case ("Needs review") listing its problems: nothing is ever dropped.
 *
 * The cost does not grow with the number of cases: the reference counter lives in script properties,
 * the row is appended after getLastRow, and the Cases tab is never read in full here.
 */
import { londonDate } from '../core/calendar';
import { computeClocks } from '../core/clocks';
import { intake } from '../core/intake';
import { initialState } from '../core/lifecycle';
import { newCaseRecord } from '../core/case-record';
import type { PolicyProfile } from '../core/model';
import { route } from '../core/routing';
import { appendAudit } from './audit';
import { newCaseRow } from './cases';
import { withScriptLock, type RunContext } from './context';
import { answersToSubmission } from './form-questions';
import { queueFirstLetters } from './mail';
import { TABS } from './tabs';
import { appendRecords } from './table';

const LOCK_TIMEOUT_MS = 30_000;

/** Form response rows up to this one are all cases (or were there before the script started counting). */
export const RESPONSES_THROUGH = 'responses:through';
/** Response rows above RESPONSES_THROUGH already made into cases (a short list: only gaps keep it long). */
const RESPONSES_DONE = 'responses:done-above';
/** The daily sweep only recovers responses older than this, giving their own trigger time to run. */
const RECOVER_AFTER_MS = 30 * 60_000;

type Props = Record<string, string>;

/** `WIL-2026-0042`: numbered per year, never reused even when rows are deleted. */
function nextReference(
  profile: PolicyProfile,
  now: Date,
  props: Props,
): { reference: string; key: string; value: string } {
  const year = londonDate(now).slice(0, 4);
  const key = `reference:${profile.referencePrefix}:${year}`;
  const next = Number(props[key] ?? '0') + 1;
  return {
    reference: `${profile.referencePrefix}-${year}-${String(next).padStart(4, '0')}`,
    key,
    value: String(next),
  };
}

function responseMarks(props: Props): { through: number | null; done: Set<number> } {
  const known = props[RESPONSES_THROUGH];
  return {
    through: known === undefined ? null : Number(known),
    done: new Set<number>(JSON.parse(props[RESPONSES_DONE] ?? '[]') as number[]),
  };
}

/** Whether a form response row is already a case (the sweep recovered it before its own trigger ran). */
function isClaimed(row: number, props: Props): boolean {
  const { through, done } = responseMarks(props);
  return (through !== null && row <= through) || done.has(row);
}

/** The properties that mark a response row as a case, keeping the watermark moving so the list stays short. */
function claim(row: number, props: Props): Props {
  const marks = responseMarks(props);
  let through = marks.through ?? row - 1;
  marks.done.add(row);
  while (marks.done.has(through + 1)) marks.done.delete(++through);
  return {
    [RESPONSES_THROUGH]: String(through),
    [RESPONSES_DONE]: JSON.stringify([...marks.done].sort((a, b) => a - b)),
  };
}

export interface NewCase {
  reference: string;
  ok: boolean;
}

type Store = GoogleAppsScript.Properties.Properties;

/**
 * Records one case; the caller holds the lock. The reference counter is saved before the row is written
 * (a failure later burns the number, never reuses it) and the response is marked as a case straight
 * after the row is in (a failure before that leaves it for the sweep to recover).
 */
function recordLocked(
  ctx: RunContext,
  raw: unknown,
  now: Date,
  store: Store,
  props: Props,
  responseRow: number | undefined,
): NewCase {
  const { ss, profile, calendar, settings } = ctx;
  const checked = intake(raw);
  const complaint = checked.ok ? checked.complaint : checked.partial;
  const routed = checked.ok ? route(profile, checked.complaint) : null;
  const { reference, key, value } = nextReference(profile, now, props);
  store.setProperty(key, value);
  props[key] = value;
  const record = newCaseRecord({
    reference,
    policyId: profile.id,
    receivedAt: now,
    state: initialState(profile, routed, checked.ok),
    complaint,
    route: routed,
  });
  const problems = checked.ok ? [] : checked.problems;
  const clocks = computeClocks(profile, record, now, calendar);
  const sheet = ss.getSheetByName(TABS.cases);
  if (!sheet) throw new Error('There is no Cases tab. Run Complaints › Set up… to repair it.');
  appendRecords(sheet, [newCaseRow(profile, record, problems, clocks, now)]);
  if (responseRow !== undefined) {
    const marks = claim(responseRow, props);
    store.setProperties(marks);
    Object.assign(props, marks);
  }
  appendAudit(ss, [
    {
      at: now,
      reference,
      actor: 'script',
      action: 'case created',
      from: '',
      to: record.state,
      detail: checked.ok
        ? `Received by ${complaint.channel ?? 'form'}; ${routed?.reason ?? ''}`
        : `Needs review: ${problems.length} problem(s) with the submission`,
    },
  ]);
  queueFirstLetters(ss, settings, profile, record, clocks, now);
  return { reference, ok: checked.ok };
}

/**
 * A new complaint under the script lock. `responseRow` is the form response's row on the responses tab;
 * a response already made into a case is not recorded twice (returns null).
 */
export function recordNewCase(
  ctx: RunContext,
  raw: unknown,
  now: Date,
  responseRow?: number,
): NewCase | null {
  return withScriptLock(LOCK_TIMEOUT_MS, () => {
    const store = PropertiesService.getScriptProperties();
    const props = store.getProperties();
    if (responseRow !== undefined && isClaimed(responseRow, props)) return null;
    return recordLocked(ctx, raw, now, store, props, responseRow);
  });
}

/**
 * Nothing is dropped: a form response whose trigger failed (a lock timeout, a quota, an outage) is still
 * on the responses tab. The daily sweep makes a case of every response above the watermark that is not
 * yet one and is over 30 minutes old. Normally there is none, and this costs a few calls and no read.
 */
export function recoverMissedResponses(ctx: RunContext, now: Date): string[] {
  const sheet = ctx.settings.responsesTab ? ctx.ss.getSheetByName(ctx.settings.responsesTab) : null;
  if (!sheet) return [];
  return withScriptLock(LOCK_TIMEOUT_MS, () => {
    const store = PropertiesService.getScriptProperties();
    const props = store.getProperties();
    const last = sheet.getLastRow();
    const { through } = responseMarks(props);
    if (through === null) {
      // Counting starts now: earlier responses were handled before this safeguard existed.
      store.setProperty(RESPONSES_THROUGH, String(last));
      return [];
    }
    if (last <= through) return [];
    const width = sheet.getLastColumn();
    const header = sheet.getRange(1, 1, 1, width).getValues()[0] ?? [];
    const block = sheet.getRange(through + 1, 1, last - through, width).getValues();
    const made: string[] = [];
    block.forEach((cells, i) => {
      const row = through + 1 + i;
      const stamp = cells[0];
      if (stamp instanceof Date && now.getTime() - stamp.getTime() < RECOVER_AFTER_MS) return;
      if (isClaimed(row, props)) return;
      const named: Record<string, string> = {};
      header.forEach((title, c) => {
        const cell: unknown = cells[c];
        if (c > 0 && title !== '' && cell !== '' && cell !== undefined) named[String(title)] = String(cell);
      });
      const raw = submissionFromNamedValues(ctx.profile, named);
      made.push(recordLocked(ctx, raw, now, store, props, row).reference);
    });
    // Counts only: the responses hold personal data.
    if (made.length > 0) console.log(`recovered ${made.length} form response(s) whose trigger had failed`);
    return made;
  });
}

/** Form answers as Google delivers them (e.namedValues: title → [answer]). */
export function submissionFromNamedValues(
  profile: PolicyProfile,
  namedValues: Record<string, string[] | string | undefined>,
): Record<string, unknown> {
  const answers: Record<string, string> = {};
  for (const [title, value] of Object.entries(namedValues)) {
    answers[title] = Array.isArray(value) ? value.join(', ') : String(value ?? '');
  }
  return answersToSubmission(profile, answers);
}
