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
import { appendRecords, readHeaders } from './table';

const LOCK_TIMEOUT_MS = 30_000;

/** `WIL-2026-0042`: numbered per year, never reused even when rows are deleted. Call under the lock. */
export function nextReference(profile: PolicyProfile, now: Date): string {
  const year = londonDate(now).slice(0, 4);
  const key = `reference:${profile.referencePrefix}:${year}`;
  const props = PropertiesService.getScriptProperties();
  const next = Number(props.getProperty(key) ?? '0') + 1;
  props.setProperty(key, String(next));
  return `${profile.referencePrefix}-${year}-${String(next).padStart(4, '0')}`;
}

export function recordNewCase(ctx: RunContext, raw: unknown, now: Date): { reference: string; ok: boolean } {
  const { ss, profile, calendar, settings } = ctx;
  return withScriptLock(LOCK_TIMEOUT_MS, () => {
    const checked = intake(raw);
    const complaint = checked.ok ? checked.complaint : checked.partial;
    const routed = checked.ok ? route(profile, checked.complaint) : null;
    const reference = nextReference(profile, now);
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
    appendRecords(sheet, readHeaders(sheet), [newCaseRow(profile, record, problems, clocks, now)]);
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
