/**
 * An office for drills: the harness's Office (setup, directory filled) with a planted identity on every
 * submission, a mail quota no drill runs out of, and the moves drills make between and during executions.
 */
import type { Emulator, Invocation } from '../../../emulator/index';
import { nextFiring, type TriggerRecord } from '../../../emulator/triggers';
import { submissionToAnswers } from '../../../src/gas/form-questions';
import { Office } from '../../integration/harness';
import { checkCases, matchCases } from './check-cases';
import { checkCells } from './check-cells';
import { checkLetters, sentLetterKeys, type LetterExpectations } from './check-letters';
import { mergeFindings, type Findings } from './report';
import { addTeamColumn, checkSentinels, plantSentinels, type Sentinel } from './sentinels';
import type { DrillSubmission } from './submissions';
import { cellOf, readTab } from './tabs';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
export const START = new Date('2026-03-02T09:00:00Z');

export class DrillOffice {
  readonly office: Office;
  /** Ids of the submissions the Form accepted: each must end up as exactly one case. */
  readonly submitted = new Set<number>();
  readonly sentinels: Sentinel[] = [];

  constructor(
    readonly policy = 'wiltshire',
    now = START,
  ) {
    this.office = new Office(policy, now, { mailQuota: 1_000_000 });
    addTeamColumn(this.emu);
  }

  get emu(): Emulator {
    return this.office.emu;
  }

  /**
   * A member of the public submits; the triggers' failures are the drill's to observe, not to throw.
   * `duplicateEvent` fires the triggers twice for the one response, as Google now and then does.
   */
  submit(s: DrillSubmission, options: { duplicateEvent?: boolean } = {}): Invocation[] {
    const answers = submissionToAnswers(this.office.profile, s.submission);
    const invocations = this.emu.submitForm(answers, options);
    this.submitted.add(s.id);
    return invocations;
  }

  /** Staff type a value in a staff column of every case (without firing a trigger, as for old rows). */
  plantSentinels(): void {
    plantSentinels(this.emu, this.sentinels);
  }

  /** Staff change one Cases cell, found by reference and header at that moment. */
  edit(reference: string, header: string, value: unknown): Invocation[] {
    return this.emu.edit('Cases', this.office.cell(reference, header), value);
  }

  references(): string[] {
    const tab = readTab(this.emu, 'Cases');
    return (tab?.rows ?? []).map(({ cells }) => String(cellOf(tab!, cells, 'Reference'))).filter(Boolean);
  }

  /**
   * Lets time pass to `instant` with the triggers firing, except the 10-minute sender, whose idle runs
   * (one property read each) would only cost time here; call `drain` first so it has nothing to do.
   */
  advanceQuietly(instant: Date): Invocation[] {
    const sender = this.emu.triggers.filter((t) => t.handler === 'sendQueuedMail');
    for (const t of sender) this.emu.triggers.splice(this.emu.triggers.indexOf(t), 1);
    const out = this.emu.advanceTo(instant);
    restoreTriggers(this.emu, sender);
    return out;
  }

  /** To 07:30 London the next morning: the daily sweep runs (and recovers responses whose trigger failed). */
  nextMorning(): Invocation[] {
    const now = this.emu.now.getTime();
    let target = Math.floor(now / DAY) * DAY + 7.5 * 60 * MINUTE;
    while (target <= now + 31 * MINUTE) target += DAY;
    return this.advanceQuietly(new Date(target));
  }

  /**
   * Lets the 10-minute sender trigger run until nothing is left waiting and no mail has gone for two
   * runs in a row (a dead run's lease lasts 7 minutes; a retry waits 15 minutes or more).
   */
  drain(maxRuns = 60): void {
    let quiet = 0;
    for (let i = 0; i < maxRuns && quiet < 2; i++) {
      const before = this.emu.mail.sent.length;
      this.emu.advanceBy(10 * MINUTE);
      quiet = this.emu.mail.sent.length === before && !this.lettersWaiting() ? quiet + 1 : 0;
    }
  }

  private lettersWaiting(): boolean {
    return ['Outbox', 'Staff mail'].some((name) => {
      const tab = readTab(this.emu, name);
      return (tab?.rows ?? []).some(({ cells }) =>
        ['queued', 'approved', 'sending', 'retry'].includes(String(cellOf(tab!, cells, 'Status')).trim()),
      );
    });
  }

  /** A drill whose fault never happened proves nothing: it stops rather than report a clean run. */
  expectFaultHappened(what: string): void {
    if (this.emu.pendingInterleaves > 0) throw new Error(`The drill's ${what} never happened`);
    const [error] = this.emu.interleaveErrors;
    if (error) throw new Error(`The drill's ${what} failed on the host side: ${error.message}`);
  }

  /** Every checker on this office's spreadsheet. */
  check(letters: LetterExpectations = {}): Findings {
    const { idOfReference } = matchCases(readTab(this.emu, 'Cases'));
    return mergeFindings(
      checkCases(this.emu, this.submitted),
      checkLetters(this.emu, { idOfReference, ...letters }),
      checkCells(this.emu),
      checkSentinels(this.emu, this.sentinels),
    );
  }

  /** The letters that went, keyed by submission: the expectation for a faulty run of the same scenario. */
  sentLetters(): Set<string> {
    return sentLetterKeys(this.emu, matchCases(readTab(this.emu, 'Cases')).idOfReference);
  }
}

/** Puts triggers back in the registry, each firing next as a fresh one would (no catch-up burst). */
export function restoreTriggers(emu: Emulator, triggers: readonly TriggerRecord[]): void {
  const now = emu.now.getTime();
  for (const t of triggers) {
    if (t.schedule) t.next = nextFiring(t.schedule, now, t.timeZone);
    emu.triggers.push(t);
  }
}

/** Service calls that change something: where a kill can leave work half done. */
const STATE_CHANGING =
  /\.(setValues?|setFormulas?|appendRow|setPropert(y|ies)|deletePropert(y|ies)|deleteAllProperties|sendEmail|insert(Rows?|Columns?)(After|Before)|insertSheet|deleteRows?|deleteColumns?|clear(Contents?)?|setBackgrounds?|setNumberFormats?|setDataValidations?|setConditionalFormatRules|setName|create|deleteTrigger)$/;

export function isStateChanging(key: string): boolean {
  return STATE_CHANGING.test(key);
}

/**
 * Which calls of a run to drill: `every` call that passes `keep`, or only the `distinct` ones (the first
 * call in each context of previous call, call, next call: a sender's loop over letters repeats the same
 * few contexts, and drilling one of each finds what drilling all of them finds, in a fraction of the time).
 */
export type PointSelection = 'every' | 'distinct';

export function selectPoints(
  sequence: readonly string[],
  selection: PointSelection,
  keep: (key: string) => boolean = () => true,
): number[] {
  const seen = new Set<string>();
  const points: number[] = [];
  sequence.forEach((key, i) => {
    if (!keep(key)) return;
    const context = `${sequence[i - 1] ?? ''}>${key}>${sequence[i + 1] ?? ''}`;
    if (selection === 'distinct' && seen.has(context)) return;
    seen.add(context);
    points.push(i + 1);
  });
  return points;
}

/**
 * Calls that read or write a sheet's cells: a reshape just before a read leaves the script holding
 * positions that are already stale; just before a write, it tests whether the script looks again.
 */
export function isSheetReadOrWrite(key: string): boolean {
  return /^(Range|Sheet)\.(getValues|setValues?|appendRow|clearContents?|setBackgrounds?)$/.test(key);
}
