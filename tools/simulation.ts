/**
 * Replays a scenario on the built bundle in the emulator, as the office would live it: complaints come in
 * through the form (or staff log them), staff edit the Cases tab, and the real triggers fire as the
 * virtual clock moves. Used by `npm start` (the demo) and `npm run simulate`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { Emulator, type Invocation } from '../emulator/index';
import type { PolicyProfile, Submission } from '../src/core/model';
import { getProfile } from '../src/core/profile';
import { COL } from '../src/gas/cases';

/** The Cases column staff fill to accept an appeal that arrived after its window. */
const LATE_APPEAL_COLUMN = 'Late appeal accepted because';
import { OUTBOX } from '../src/gas/mail';
import { submissionToAnswers } from '../src/gas/form-questions';
import { TABS } from '../src/gas/tabs';
import { a1, applySheetEvent, headersOf, parseSheetEvent, type SheetEvent } from './scenario/sheet-events';

const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO date-time');

const submitEventSchema = z.object({ at: instant, submit: z.record(z.string(), z.unknown()) });
const actionEventSchema = z.object({
  at: instant,
  action: z
    .object({ case: z.number().int().positive(), do: z.string().min(1), as: z.string().optional() })
    .catchall(z.unknown()),
});
const sheetEventSchema = z.object({ at: instant, sheet: z.unknown() });
/** A menu entry point run as staff would run it, e.g. `{"run": "findPersonData", "args": ["Alex Morgan"]}`. */
const runEventSchema = z.object({
  at: instant,
  run: z.string().regex(/^[A-Za-z_$][\w$]*$/, 'must be the name of an entry point, e.g. "applyRetention"'),
  args: z.array(z.unknown()).optional(),
});

export type ScenarioEvent =
  | z.infer<typeof submitEventSchema>
  | z.infer<typeof actionEventSchema>
  | z.infer<typeof runEventSchema>
  | { at: string; sheet: SheetEvent };

export interface Scenario {
  start: string;
  end: string;
  events: ScenarioEvent[];
}

const scenarioSchema = z.object({ start: instant, end: instant, events: z.array(z.unknown()) });

export class ScenarioError extends Error {}

function fail(path: readonly (string | number)[], message: string): never {
  throw new ScenarioError(`scenario ${path.join('.') || '(top level)'}: ${message}`);
}

function check<T>(schema: z.ZodType<T>, value: unknown, path: readonly (string | number)[]): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  return fail([...path, ...issue.path.map(String)], issue.message);
}

const KINDS = ['submit', 'action', 'sheet', 'run'] as const;

/**
 * Each event is checked on its own kind's schema, chosen by its key, so a mistake is reported at its own
 * field (`events.3.sheet.before: ...`) rather than as a union that matched nothing.
 */
function parseEvent(raw: unknown, index: number): ScenarioEvent {
  const path = ['events', index];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    fail(path, 'must be an object with "at" and one of "submit", "action", "sheet" or "run"');
  const kinds = KINDS.filter((k) => k in raw);
  if (kinds.length !== 1)
    fail(
      path,
      kinds.length === 0
        ? 'needs one of "submit", "action", "sheet" or "run"'
        : `has ${kinds.map((k) => `"${k}"`).join(' and ')}; an event does one thing`,
    );
  if (kinds[0] === 'submit') return check(submitEventSchema, raw, path);
  if (kinds[0] === 'action') return check(actionEventSchema, raw, path);
  if (kinds[0] === 'run') return check(runEventSchema, raw, path);
  const { at, sheet } = check(sheetEventSchema, raw, path);
  const parsed = parseSheetEvent(sheet);
  if (!parsed.ok) fail([...path, 'sheet', ...parsed.path], parsed.message);
  return { at, sheet: parsed.event };
}

export function parseScenario(json: unknown): Scenario {
  const { start, end, events } = check(scenarioSchema, json, []);
  return { start, end, events: events.map(parseEvent) };
}

/**
 * Something in the replay did not go as the scenario said: an event the form, Sheets or the product
 * refused, or a trigger that failed between events (`event` is then null). The replay carries on.
 */
export interface Problem {
  /** Position of the event in the scenario's `events` list, counting from 0. */
  event: number | null;
  at: string;
  reason: string;
}

export interface SimulationResult {
  emu: Emulator;
  profile: PolicyProfile;
  cases: Record<string, unknown>[];
  /** Letters on the Outbox. */
  outbox: Record<string, unknown>[];
  /** The digest and notices to staff, on Staff mail. */
  staffMail: Record<string, unknown>[];
  audit: Record<string, unknown>[];
  problems: Problem[];
  /** Every dialog or sidebar a `run` event showed, in order, with the entry point that showed it. */
  dialogs: { entry: string; title: string; html: string }[];
}

type Sheet = NonNullable<ReturnType<Emulator['spreadsheet']['getSheetByName']>>;

/** Rows keyed by header; unnamed columns (one staff inserted and left blank) have nothing to key them by. */
function rows(sheet: Sheet): Record<string, unknown>[] {
  const width = sheet.getLastColumn();
  const height = sheet.getLastRow();
  if (width === 0 || height < 2) return [];
  const headers = headersOf(sheet);
  return sheet
    .getRange(2, 1, height - 1, width)
    .getValues()
    .map((r) => {
      const row: Record<string, unknown> = {};
      headers.forEach((h, i) => {
        if (h && !(h in row)) row[h] = r[i];
      });
      return row;
    });
}

/** The London calendar day of an instant, as a Date at UTC midnight (how a typed date arrives). */
function typedDate(at: Date): Date {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(at);
  return new Date(`${day}T00:00:00Z`);
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The script's tabs, followed as sheets rather than by name, so a tab staff renamed is still read. */
interface Tabs {
  cases: Sheet;
  outbox: Sheet;
  staffMail: Sheet;
  audit: Sheet;
}

/**
 * Trigger runs that failed while the clock moved: one problem per handler and message, since a sender
 * that fails every ten minutes would otherwise bury everything else.
 */
class TriggerFailures {
  private readonly seen = new Map<string, { problem: Problem; count: number }>();
  constructor(private readonly problems: Problem[]) {}
  record(invocations: readonly Invocation[]): void {
    for (const run of invocations) {
      if (!run.error) continue;
      const reason = `the ${run.fn} trigger failed: ${run.error.message}`;
      const at = run.at.toISOString();
      const seen = this.seen.get(reason);
      if (seen) {
        seen.count += 1;
        seen.problem.reason = `${reason} (${seen.count} times, the last at ${at})`;
        continue;
      }
      const problem = { event: null, at, reason };
      this.problems.push(problem);
      this.seen.set(reason, { problem, count: 1 });
    }
  }
}

export function simulate(policyId: string, scenario: Scenario): SimulationResult {
  const profile = getProfile(policyId);
  const emu = new Emulator({ now: new Date(scenario.start) });
  emu.run('setupSpreadsheet', policyId);
  const settings = emu.spreadsheet.getSheetByName('Settings')!;
  emu.sheetValues('Settings').forEach((row, i) => {
    const key = String(row[0]);
    if (key.startsWith('role:')) settings.getRange(i + 1, 3).setValue(`${key.slice(5)}@opcc.example`);
    if (key === 'team-email') settings.getRange(i + 1, 3).setValue('complaints-team@opcc.example');
    if (key === 'reply-to') settings.getRange(i + 1, 3).setValue('complaints@opcc.example');
  });
  const tabs: Tabs = {
    cases: emu.spreadsheet.getSheetByName(TABS.cases)!,
    outbox: emu.spreadsheet.getSheetByName(TABS.outbox)!,
    staffMail: emu.spreadsheet.getSheetByName(TABS.staffMail)!,
    audit: emu.spreadsheet.getSheetByName(TABS.audit)!,
  };

  const references: string[] = [];
  const problems: Problem[] = [];
  const dialogs: SimulationResult['dialogs'] = [];
  const triggerFailures = new TriggerFailures(problems);
  // Events run in time order; ties keep the file's order. The index reported is the file's.
  const events = scenario.events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => Date.parse(a.event.at) - Date.parse(b.event.at) || a.index - b.index);
  for (const { event, index } of events) {
    triggerFailures.record(emu.advanceTo(new Date(event.at)));
    emu.setActiveUser('complaints-team@opcc.example');
    try {
      if ('submit' in event) {
        // Counted before the submission runs, so a refused one still takes its case number.
        const slot = references.push('') - 1;
        references[slot] = submit(emu, profile, tabs, event.submit);
      } else if ('action' in event) {
        const { case: n, do: what, as, ...rest } = event.action;
        const reference = references[n - 1];
        if (reference === undefined)
          throw new Error(`there is no case ${n}: only ${references.length} submitted so far`);
        if (!reference) throw new Error(`case ${n} was never created: its submission was refused`);
        if (as) emu.setActiveUser(`${as}@opcc.example`);
        try {
          applyStaffAction(emu, profile, tabs, reference, what, rest, new Date(event.at));
        } catch (error) {
          throw new Error(`${reference} ${what}: ${message(error)}`, { cause: error });
        }
      } else if ('run' in event) {
        const shown = emu.ui.dialogs.length;
        const sidebars = emu.ui.sidebars.length;
        const run = emu.run(event.run, ...(event.args ?? []));
        for (const d of [...emu.ui.dialogs.slice(shown), ...emu.ui.sidebars.slice(sidebars)])
          dialogs.push({ entry: event.run, title: d.title, html: d.html });
        if (run.error) throw new Error(`${event.run} failed: ${run.error.message}`, { cause: run.error });
      } else {
        applySheetEvent(emu, event.sheet);
      }
    } catch (error) {
      problems.push({ event: index, at: event.at, reason: message(error) });
    }
  }
  triggerFailures.record(emu.advanceTo(new Date(scenario.end)));
  return {
    emu,
    profile,
    cases: rows(tabs.cases),
    outbox: rows(tabs.outbox),
    staffMail: rows(tabs.staffMail),
    audit: rows(tabs.audit),
    problems,
    dialogs,
  };
}

/** Complaints logged by staff so far in each simulated office: their dialog ids, the same in every run. */
const loggedByStaff = new WeakMap<Emulator, number>();

/** A complaint arrives: through the form, or logged by staff from an email, letter or call. */
function submit(emu: Emulator, profile: PolicyProfile, tabs: Tabs, submission: Partial<Submission>): string {
  const before = new Set(rows(tabs.cases).map((c) => c[COL.reference]));
  const receivedOn: unknown = (submission as { receivedOn?: unknown }).receivedOn;
  if (receivedOn !== undefined) {
    if ((submission.channel ?? 'form') === 'form')
      throw new Error(
        '"receivedOn" is for complaints staff log (a channel other than "form"): the form stamps its own time',
      );
    dayTyped(receivedOn);
  }
  if ((submission.channel ?? 'form') === 'form') {
    let runs: Invocation[];
    try {
      runs = emu.submitForm(submissionToAnswers(profile, submission));
    } catch (error) {
      throw new Error(`the form refused the submission: ${message(error)}`, { cause: error });
    }
    const failed = runs.find((i) => i.error);
    if (failed) throw new Error(`submission failed: ${failed.error!.message}`);
  } else {
    try {
      // As the dialog does: one id per complaint (each submission here is a different complaint).
      const n = (loggedByStaff.get(emu) ?? 0) + 1;
      loggedByStaff.set(emu, n);
      emu.run('logComplaint', submission, `simulated-${String(n).padStart(8, '0')}`);
    } catch (error) {
      throw new Error(`logging the complaint failed: ${message(error)}`, { cause: error });
    }
  }
  const added = rows(tabs.cases)
    .map((c) => String(c[COL.reference]))
    .find((r) => !before.has(r));
  if (!added) throw new Error('the submission made no new case');
  return added;
}

/**
 * Staff typing into one cell. An edit the product puts back (it tells the person with a toast titled
 * "Change refused", or "Not saved" when it was too busy to check) is an event the product refused.
 */
function staffEdit(emu: Emulator, sheet: Sheet, cell: string, value: unknown): void {
  const toasts = emu.ui.toasts.length;
  const failed = emu.edit(sheet.getName(), cell, value).find((i) => i.error);
  if (failed) throw failed.error!;
  const refusal = emu.ui.toasts
    .slice(toasts)
    .find((t) => /^(Change refused|Paste refused|Not saved)\b/.test(t));
  // A toast reads "<title>: <reason>"; the title only repeats the case reference.
  if (refusal) throw new Error(`the product refused the change: ${refusal.slice(refusal.indexOf(': ') + 2)}`);
}

/** A staff action done the way staff do it: by editing the case's cell on the Cases tab. */
function applyStaffAction(
  emu: Emulator,
  profile: PolicyProfile,
  tabs: Tabs,
  reference: string,
  what: string,
  options: Record<string, unknown>,
  at: Date,
): void {
  const sheet = tabs.cases;
  const headers = headersOf(sheet);
  const column = (header: string) => {
    const index = headers.indexOf(header);
    if (index < 0) throw new Error(`the "${sheet.getName()}" tab has no "${header}" column`);
    return index + 1;
  };
  const values = rows(sheet);
  const index = values.findIndex((r) => r[COL.reference] === reference);
  if (index < 0) throw new Error(`the case is no longer on the "${sheet.getName()}" tab`);
  const row = index + 2;
  const current = String(values[index]![COL.stage]);
  const label = (list: readonly { id: string; label: string }[], id: unknown) =>
    list.find((x) => x.id === id || x.label === id)?.label ?? String(id);
  const edit = (header: string, value: unknown) => staffEdit(emu, sheet, a1(column(header), row), value);
  switch (what) {
    case 'acknowledge':
      return edit(COL.acknowledged, typedDate(at));
    case 'record-update':
      return edit(COL.lastUpdate, typedDate(at));
    case 'pause':
      return edit(COL.paused, true);
    case 'resume':
      return edit(COL.paused, false);
    case 'decide':
      return edit(
        COL.decision,
        label(
          profile.lifecycle.states.flatMap((s) => s.decisions),
          options.decision,
        ),
      );
    case 'outcome':
      return edit(COL.outcome, label(profile.outcomes, options.outcome));
    case 'appeal': {
      if (options.lateReason !== undefined) {
        if (typeof options.lateReason !== 'string' || !options.lateReason.trim())
          throw new Error('"lateReason" must be the reason staff give for accepting a late appeal');
        edit(LATE_APPEAL_COLUMN, options.lateReason);
      }
      return edit(
        COL.appealReceived,
        options.received === undefined ? typedDate(at) : dayTyped(options.received),
      );
    }
    case 'appeal-decision':
      return edit(COL.appealOutcome, label(profile.appeal.outcomes, options.outcome));
    case 'close': {
      if (options.outcome) edit(COL.outcome, label(profile.outcomes, options.outcome));
      const from = profile.lifecycle.states.find((s) => s.label === current)?.id ?? '';
      const close = profile.lifecycle.transitions.find((t) => t.action === 'close' && t.from.includes(from));
      if (!close) throw new Error(`a case at "${current}" cannot be closed`);
      return edit(COL.stage, label(profile.lifecycle.states, close.to));
    }
    case 'approve':
      return approveLetters(emu, tabs.outbox, reference, options.explanation, options.letter);
    case 'mark-printed':
    case 'mark-phoned':
    case 'mark-done':
      return markTasks(emu, tabs.outbox, reference, TASKS[what]);
    case 'edit': {
      if (typeof options.column !== 'string' || !options.column)
        throw new Error('"edit" needs "column": the header of the Cases cell to change');
      if (!('value' in options)) throw new Error('"edit" needs "value": what staff type into the cell');
      return edit(options.column, options.value);
    }
    case 'accept': {
      const inScope = profile.lifecycle.initial.inScope;
      return edit(COL.stage, label(profile.lifecycle.states, inScope));
    }
    case 'stage':
      return edit(COL.stage, label(profile.lifecycle.states, options.to));
    default: {
      // A lifecycle action id (e.g. start-stage-2): move the Stage to where that action leads from here.
      const from = profile.lifecycle.states.find((s) => s.label === current)?.id;
      const transition = profile.lifecycle.transitions.find(
        (t) => t.action === what && from && t.from.includes(from),
      );
      if (!transition) throw new Error(`"${what}" is not an action open to this case at "${current}"`);
      return edit(COL.stage, label(profile.lifecycle.states, transition.to));
    }
  }
}

/** A day given in a scenario as YYYY-MM-DD, as it arrives when typed into a date cell. */
function dayTyped(value: unknown): Date {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
    throw new Error(`"${String(value)}" is not a date in the form YYYY-MM-DD`);
  return new Date(`${value}T00:00:00Z`);
}

/** A line of a letter that is wholly staff guidance in square brackets, as the draft templates have. */
const GUIDANCE_LINE = /^[ \t]*\[[^\]\n]*\][ \t]*$/gm;

/**
 * Approving a case's letters as staff do on the Outbox tab: with an explanation, the guidance line(s) of
 * each waiting letter are replaced by it (an edit of the Body cell) before its Status is set to approved.
 * Without one the Status is set as it stands, which the product must refuse for a letter still holding
 * guidance.
 */
function approveLetters(
  emu: Emulator,
  outbox: Sheet,
  reference: string,
  explanation: unknown,
  letter: unknown,
): void {
  if (letter !== undefined && (typeof letter !== 'string' || !letter))
    throw new Error('"letter" must be the kind of letter to approve, e.g. "outcome"');
  if (explanation !== undefined && (typeof explanation !== 'string' || !explanation.trim()))
    throw new Error('"explanation" must be the text that replaces the guidance in the letter');
  const headers = headersOf(outbox);
  const column = (header: string) => {
    const index = headers.indexOf(header);
    if (index < 0) throw new Error(`the "${outbox.getName()}" tab has no "${header}" column`);
    return index + 1;
  };
  const waiting = rows(outbox)
    .map((r, i) => ({ r, row: i + 2 }))
    .filter(({ r }) => r[OUTBOX.reference] === reference && r[OUTBOX.status] === 'awaiting-approval')
    .filter(({ r }) => letter === undefined || r[OUTBOX.kind] === letter);
  if (waiting.length === 0)
    throw new Error(
      `the case has no ${letter === undefined ? '' : `${String(letter)} `}letter waiting for approval`,
    );
  for (const { r, row } of waiting) {
    if (typeof explanation === 'string') {
      const body = String(r[OUTBOX.body]).replace(/^'/, '');
      const edited = body.replace(GUIDANCE_LINE, explanation.trim());
      if (edited !== body) staffEdit(emu, outbox, a1(column(OUTBOX.body), row), edited);
    }
    staffEdit(emu, outbox, a1(column(OUTBOX.status), row), 'approved');
    const now = rows(outbox)[row - 2];
    if (now?.[OUTBOX.status] !== 'approved' && now?.[OUTBOX.status] !== 'sent')
      throw new Error(
        `the product did not approve the ${String(r[OUTBOX.kind])} letter: it is ${String(now?.[OUTBOX.status])}`,
      );
  }
}

/** The Outbox status each marking action looks for, and what staff set it to. */
const TASKS = {
  'mark-printed': { from: 'print', to: 'printed' },
  'mark-phoned': { from: 'phone', to: 'phoned' },
  'mark-done': { from: 'to-do', to: 'done' },
} as const;

/** Staff marking the case's print, phone or pass-on tasks done on the Outbox tab. */
function markTasks(
  emu: Emulator,
  outbox: Sheet,
  reference: string,
  task: (typeof TASKS)[keyof typeof TASKS],
): void {
  const status = headersOf(outbox).indexOf(OUTBOX.status) + 1;
  if (status === 0) throw new Error(`the "${outbox.getName()}" tab has no "${OUTBOX.status}" column`);
  const todo = rows(outbox)
    .map((r, i) => ({ r, row: i + 2 }))
    .filter(({ r }) => r[OUTBOX.reference] === reference && r[OUTBOX.status] === task.from);
  if (todo.length === 0) throw new Error(`the case has no Outbox row in status ${task.from}`);
  for (const { row } of todo) staffEdit(emu, outbox, a1(status, row), task.to);
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export function writeResults(result: SimulationResult, outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  const { emu } = result;
  writeFileSync(join(outDir, 'cases.json'), json(result.cases.map(({ [COL.data]: _data, ...rest }) => rest)));
  const mailRows = (list: Record<string, unknown>[]) =>
    json(
      list.map((r) => ({
        to: r[OUTBOX.to] || null,
        subject: r[OUTBOX.subject],
        body: String(r[OUTBOX.body]).replace(/^'/, ''),
        kind: r[OUTBOX.kind],
        ref: r[OUTBOX.reference] || null,
        status: r[OUTBOX.status],
        queuedAt: r[OUTBOX.queuedAt],
        sentAt: r[OUTBOX.sentAt] instanceof Date ? r[OUTBOX.sentAt] : null,
      })),
    );
  writeFileSync(join(outDir, 'outbox.json'), mailRows(result.outbox));
  writeFileSync(join(outDir, 'staff-mail.json'), mailRows(result.staffMail));
  writeFileSync(join(outDir, 'audit.json'), json(result.audit));
  writeFileSync(join(outDir, 'mail-sent.json'), json(emu.mail.sent));
  // Written even when empty, so a reader can tell "no problems" from "not written".
  writeFileSync(join(outDir, 'problems.json'), json(result.problems));
  writeFileSync(join(outDir, 'spreadsheet.html'), emu.renderSpreadsheet());
  if (result.dialogs.length > 0) {
    mkdirSync(join(outDir, 'dialogs'), { recursive: true });
    result.dialogs.forEach((d, i) =>
      writeFileSync(join(outDir, 'dialogs', `${String(i + 1).padStart(2, '0')}-${d.entry}.html`), d.html),
    );
  }
  for (const sheet of emu.spreadsheet.getSheets()) {
    writeFileSync(
      join(
        outDir,
        `${sheet
          .getName()
          .replace(/[^A-Za-z0-9]+/g, '-')
          .toLowerCase()}.html`,
      ),
      emu.renderSheet(sheet.getName()),
    );
  }
}

export function summary(result: SimulationResult, outDir: string): string {
  const byStatus: Record<string, number> = {};
  for (const c of result.cases) byStatus[String(c[COL.sla])] = (byStatus[String(c[COL.sla])] ?? 0) + 1;
  const byKind: Record<string, number> = {};
  for (const l of result.outbox) byKind[String(l[OUTBOX.kind])] = (byKind[String(l[OUTBOX.kind])] ?? 0) + 1;
  const noticesByKind: Record<string, number> = {};
  for (const l of result.staffMail)
    noticesByKind[String(l[OUTBOX.kind])] = (noticesByKind[String(l[OUTBOX.kind])] ?? 0) + 1;
  const list = (o: Record<string, number>) =>
    Object.entries(o)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  return [
    `${result.profile.name} (${result.profile.id})`,
    `Cases: ${result.cases.length} (${list(byStatus)})`,
    `Letters queued: ${result.outbox.length} (${list(byKind)}); emails sent: ${result.emu.mail.sent.length}`,
    `Staff notices queued: ${result.staffMail.length} (${list(noticesByKind)})`,
    `Audit entries: ${result.audit.length}; trigger runs: ${result.emu.invocations.length}`,
    `Problems: ${result.problems.length}`,
    ...result.problems.map(
      (p) => `Problem: ${p.event === null ? p.at : `event ${p.event} (${p.at})`}: ${p.reason}`,
    ),
    `Written to ${outDir}/: spreadsheet.html (every tab), cases.json, outbox.json, staff-mail.json, audit.json, mail-sent.json, problems.json` +
      (result.dialogs.length ? `, dialogs/ (${result.dialogs.length})` : ''),
  ].join('\n');
}
