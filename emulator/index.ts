/**
 * An offline emulator of the Apps Script runtime the product runs in (DESIGN §4).
 *
 * Each invocation loads build/Code.js into a fresh `node:vm` context holding only ECMAScript built-ins
 * and the Apps Script globals, as Google does: module state never survives between invocations; only the
 * services' state (the spreadsheet, properties, triggers, mail) does. A virtual clock drives `new Date()`
 * inside the script and fires installed time-driven triggers.
 */
import { dirname, join } from 'node:path';
import { Clock } from './clock';
import { EmulatedFormApp, FormRegistry, type EmulatedForm } from './forms';
import { renderSheet, renderSpreadsheet } from './render';
import {
  EmulatedCache,
  EmulatedHtmlService,
  EmulatedLock,
  EmulatedMailApp,
  EmulatedProperties,
  EmulatedSession,
  EmulatedUrlFetchApp,
  EmulatedUser,
  EmulatedUtilities,
  LockState,
  LogRecorder,
  MailState,
  formatDate,
  type SentMail,
  type UrlFixture,
} from './services';
import { EmulatedSpreadsheetApp } from './spreadsheet/app';
import { EmulatedRange } from './spreadsheet/range';
import { EmulatedSpreadsheet } from './spreadsheet/spreadsheet';
import { Marshal, ScriptRuntime, toHostError } from './runtime';
import { emptyStats, type CallStats } from './stats';
import { EmulatedScriptApp, TriggerRegistry, nextFiring, type TriggerRecord } from './triggers';
import { UiRecorder, type AlertRecord, type ButtonName, type HtmlRecord, type MenuRecord } from './ui';

export type { CallStats, SentMail, TriggerRecord, MenuRecord, AlertRecord, HtmlRecord, EmulatedForm };
export { EmulatedSpreadsheet };

export interface EmulatorOptions {
  now?: Date;
  bundlePath?: string;
  buildDir?: string;
  mailQuota?: number;
  activeUser?: string;
  spreadsheetName?: string;
}

/**
 * Something to do at a chosen point of a later execution: before its `atCall`-th service call (1-based,
 * or the first call the predicate accepts), in the next invocation of handler `fn` (any handler when
 * omitted). `do: 'kill'` ends that execution as Google's time limit does; a function runs in the gap
 * between two service calls and may change the spreadsheet host-side or start whole other executions
 * (`emu.submitForm`, `emu.edit`, `emu.run`), which run to their end before the interrupted one goes on.
 * A hook fires once; one that never matched stays pending (see `pendingInterleaves`).
 */
export interface InterleaveHook {
  fn?: string;
  atCall: number | ((key: string, n: number) => boolean);
  do: 'kill' | ((emu: Emulator) => void);
}

/**
 * What a killed execution reports. Google stops a script that runs past its limit without running its
 * catch or finally blocks (developers.google.com/apps-script/guides/services/quotas#current_limitations,
 * "Script runtime: 6 min / execution"); here the call it was killed at and every later one throw, so
 * nothing a catch or finally block tries reaches the services.
 */
export const KILLED_MESSAGE = 'Exceeded maximum execution time';

interface Execution {
  id: number;
  fn: string;
  calls: number;
  killed: boolean;
}

export interface Invocation {
  fn: string;
  /** True when the execution was ended by a kill (a scheduled one or the time limit). */
  killed: boolean;
  at: Date;
  result: unknown;
  error: Error | null;
  stats: CallStats;
  logs: string[];
  /** Virtual time the execution took: only Utilities.sleep and lock waits move the clock inside one. */
  executionTimeMs: number;
}

/** ISO 8601 week number of a UTC date. */
function isoWeek(date: Date): number {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  d.setUTCDate(d.getUTCDate() + 4 - (d.getUTCDay() || 7));
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  return Math.ceil(((d.getTime() - yearStart) / 86400000 + 1) / 7);
}

const ROOT = new URL('..', import.meta.url).pathname;
const TIME_ZONE = 'Europe/London';

export class Emulator {
  readonly spreadsheet: EmulatedSpreadsheet;
  readonly invocations: Invocation[] = [];
  lastInvocation: Invocation | null = null;

  private readonly clock: Clock;
  private readonly runtime: ScriptRuntime;
  private readonly buildDir: string;
  private readonly recorder = new UiRecorder();
  private readonly registry: TriggerRegistry;
  private readonly formRegistry: FormRegistry;
  private readonly mailState: MailState;
  private readonly lockState = new LockState();
  private readonly stores = { script: {}, user: {}, document: {} } as Record<
    'script' | 'user' | 'document',
    Record<string, string>
  >;
  private readonly caches = {
    script: new Map<string, { value: string; expires: number }>(),
    user: new Map<string, { value: string; expires: number }>(),
    document: new Map<string, { value: string; expires: number }>(),
  };
  private readonly urlFixtures = new Map<string, UrlFixture>();
  private activeUser: string;
  private readonly hooks: InterleaveHook[] = [];
  /** Errors thrown by interleaved work (`interleave` functions), in order. */
  readonly interleaveErrors: Error[] = [];
  private executions = 0;

  constructor(options: EmulatorOptions = {}) {
    this.clock = new Clock((options.now ?? new Date('2026-01-05T09:00:00Z')).getTime());
    const bundlePath = options.bundlePath ?? join(ROOT, 'build/Code.js');
    this.buildDir = options.buildDir ?? dirname(bundlePath);
    this.runtime = new ScriptRuntime(bundlePath);
    this.activeUser = options.activeUser ?? 'staff@opcc.example';
    this.mailState = new MailState(options.mailQuota ?? 100);
    this.spreadsheet = new EmulatedSpreadsheet(
      'spreadsheet-1',
      options.spreadsheetName ?? 'Complaints',
      TIME_ZONE,
      this.recorder,
    );
    this.registry = new TriggerRegistry(this.clock, TIME_ZONE);
    this.formRegistry = new FormRegistry((id) => (id === this.spreadsheet.getId() ? this.spreadsheet : null));
  }

  get now(): Date {
    return new Date(this.clock.now());
  }
  setActiveUser(email: string): void {
    this.activeUser = email;
  }

  get forms(): EmulatedForm[] {
    return this.formRegistry.forms;
  }
  get triggers(): TriggerRecord[] {
    return this.registry.triggers;
  }
  get ui(): UiRecorder {
    return this.recorder;
  }
  get mail(): {
    sent: SentMail[];
    quota: number;
    failNext(count: number, message?: string): void;
    setQuota(n: number): void;
    spend(n: number): void;
  } {
    const state = this.mailState;
    const now = () => this.clock.now();
    return {
      sent: state.sent,
      get quota() {
        return state.quota;
      },
      failNext: (count, message) => state.failNext(count, message),
      setQuota: (n) => state.setQuota(n),
      spend: (n) => state.spend(n, now()),
    };
  }
  get lock(): { holdByAnotherProcess(held: boolean): void } {
    return { holdByAnotherProcess: (held) => (this.lockState.heldElsewhere = held) };
  }
  get properties(): Record<'script' | 'user' | 'document', Record<string, string>> {
    return this.stores;
  }
  get fixtures(): { url(url: string, response: UrlFixture): void } {
    return { url: (url, response) => this.urlFixtures.set(url, response) };
  }

  /** Schedules something to happen inside a later execution (see InterleaveHook). */
  interleave(hook: InterleaveHook): void {
    this.hooks.push(hook);
  }
  /** Hooks scheduled with `interleave` that have not fired yet. */
  get pendingInterleaves(): number {
    return this.hooks.length;
  }

  /** Called by the marshal before each service call of an execution: kills and interleavings happen here. */
  private beforeCall(execution: Execution, key: string): void {
    if (execution.killed) throw new Error(`Exception: ${KILLED_MESSAGE}`);
    execution.calls += 1;
    const i = this.hooks.findIndex(
      (h) =>
        (h.fn === undefined || h.fn === execution.fn) &&
        (typeof h.atCall === 'number' ? h.atCall === execution.calls : h.atCall(key, execution.calls)),
    );
    if (i < 0) return;
    const [hook] = this.hooks.splice(i, 1);
    if (hook!.do === 'kill') {
      execution.killed = true;
      throw new Error(`Exception: ${KILLED_MESSAGE}`);
    }
    try {
      hook!.do(this);
    } catch (error) {
      // A failure inside the interleaved work is the test's to inspect, not the interrupted script's.
      this.interleaveErrors.push(toHostError(error));
    }
  }

  /** Runs a top-level function of the bundle in a fresh context; rethrows what the script throws. */
  run(fn: string, ...args: unknown[]): Invocation {
    const invocation = this.invoke(fn, (marshal) => args.map((a) => marshal.toScript(a)))!;
    if (invocation.error) {
      Object.assign(invocation.error, { invocation, stats: invocation.stats });
      throw invocation.error;
    }
    return invocation;
  }

  /**
   * One execution: a fresh context, the bundle loaded into it, then the named top-level function called.
   * A handler that is not a top-level function fails as Google reports it (`Script function not found`);
   * with `optional` (simple triggers, which only run when defined) nothing is recorded instead.
   */
  private invoke(
    fn: string,
    makeArgs: (marshal: Marshal) => unknown[],
    options: { optional?: boolean } = {},
  ): Invocation | null {
    const stats = emptyStats();
    const logs = new LogRecorder();
    const execution: Execution = { id: ++this.executions, fn, calls: 0, killed: false };
    const { context, realm } = this.runtime.newContext(() => this.clock.now());
    const marshal = new Marshal(stats, realm, (key) => this.beforeCall(execution, key));
    this.installGlobals(context, marshal, logs, execution);
    const invocation: Invocation = {
      fn,
      killed: false,
      at: this.now,
      result: undefined,
      error: null,
      stats,
      logs: logs.lines,
      executionTimeMs: 0,
    };
    const started = this.clock.now();
    try {
      this.runtime.load(context);
      const target = context[fn];
      if (typeof target !== 'function') {
        if (options.optional) return null;
        throw new Error(`Script function not found: ${fn}`);
      }
      const result = (target as (...a: unknown[]) => unknown)(...makeArgs(marshal));
      invocation.result = marshal.toHost(result);
    } catch (error) {
      invocation.error = toHostError(error);
    }
    this.lockState.releaseAll(execution.id);
    if (execution.killed) {
      // Whatever the script did after the kill (a catch that returned normally included), Google reports
      // the time-out.
      invocation.killed = true;
      invocation.result = undefined;
      invocation.error = Object.assign(new Error(KILLED_MESSAGE), { name: 'Exception' });
    }
    invocation.logs = logs.lines;
    invocation.executionTimeMs = this.clock.now() - started;
    this.invocations.push(invocation);
    this.lastInvocation = invocation;
    return invocation;
  }

  private installGlobals(
    context: Record<string, unknown>,
    marshal: Marshal,
    logs: LogRecorder,
    execution: Execution,
  ): void {
    const lock = (name: string) => () => new EmulatedLock(this.lockState, this.clock, name, execution.id);
    const services: Record<string, unknown> = {
      SpreadsheetApp: new EmulatedSpreadsheetApp([this.spreadsheet], this.recorder),
      FormApp: new EmulatedFormApp(this.formRegistry),
      ScriptApp: new EmulatedScriptApp(this.registry),
      PropertiesService: {
        getScriptProperties: () => new EmulatedProperties(this.stores.script),
        getUserProperties: () => new EmulatedProperties(this.stores.user),
        getDocumentProperties: () => new EmulatedProperties(this.stores.document),
      },
      LockService: {
        getScriptLock: lock('script'),
        getDocumentLock: lock(`document:${this.spreadsheet.getId()}`),
        getUserLock: lock(`user:${this.activeUser}`),
      },
      CacheService: {
        getScriptCache: () => new EmulatedCache(this.caches.script, this.clock),
        getUserCache: () => new EmulatedCache(this.caches.user, this.clock),
        getDocumentCache: () => new EmulatedCache(this.caches.document, this.clock),
      },
      MailApp: new EmulatedMailApp(this.mailState, this.clock),
      Utilities: new EmulatedUtilities(this.clock),
      Session: new EmulatedSession(() => this.activeUser, TIME_ZONE),
      HtmlService: new EmulatedHtmlService(this.buildDir),
      UrlFetchApp: new EmulatedUrlFetchApp(this.urlFixtures),
    };
    for (const [name, service] of Object.entries(services)) {
      context[name] = marshal.service(name, service as object);
    }
    context.Logger = logs.logger();
    context.console = logs.console();
  }

  /** Installable triggers of one event type whose source is the bound spreadsheet, oldest first. */
  private spreadsheetTriggers(eventType: TriggerRecord['eventType']): TriggerRecord[] {
    return this.registry.triggers.filter(
      (t) => t.eventType === eventType && t.sourceId === this.spreadsheet.getId(),
    );
  }

  /**
   * Fires the simple onOpen (authMode LIMITED) and the installable onOpen triggers (authMode FULL), as
   * opening the spreadsheet does (developers.google.com/apps-script/guides/triggers/events#open).
   */
  fireOpen(): Invocation[] {
    const event = (authMode: string, triggerUid?: string) => (marshal: Marshal) => [
      marshal.toScript({
        source: this.spreadsheet,
        authMode,
        user: new EmulatedUser(this.activeUser),
        ...(triggerUid ? { triggerUid } : {}),
      }),
    ];
    const out: Invocation[] = [];
    const simple = this.invoke('onOpen', event('LIMITED'), { optional: true });
    if (simple) out.push(simple);
    for (const t of this.spreadsheetTriggers('ON_OPEN'))
      out.push(this.invoke(t.handler, event('FULL', t.id))!);
    return out;
  }

  /**
   * A staff member edits one cell: the value is set as typing it would set it, then the simple onEdit
   * (authMode LIMITED) and installable onEdit triggers (FULL) fire with e.range, e.value, e.oldValue,
   * e.source, e.user (developers.google.com/apps-script/guides/triggers/events#edit). e.value and
   * e.oldValue are the cell's text as shown; e.oldValue is absent when the cell was empty, as on Google.
   */
  edit(sheetName: string, a1: string, value: unknown): Invocation[] {
    const sheet = this.spreadsheet.getSheetByName(sheetName);
    if (!sheet) throw new Error(`No tab named ${sheetName}`);
    const range = sheet.getRange(a1);
    const old = range.getValue();
    const oldDisplay = range.getDisplayValue();
    range.setValue(value);
    const single = range.getNumRows() === 1 && range.getNumColumns() === 1;
    const event = (authMode: string, triggerUid?: string) => (marshal: Marshal) => [
      marshal.toScript({
        range,
        source: this.spreadsheet,
        ...(single ? { value: range.getDisplayValue() } : {}),
        ...(single && old !== '' ? { oldValue: oldDisplay } : {}),
        user: new EmulatedUser(this.activeUser),
        authMode,
        ...(triggerUid ? { triggerUid } : {}),
      }),
    ];
    const out: Invocation[] = [];
    const simple = this.invoke('onEdit', event('LIMITED'), { optional: true });
    if (simple) out.push(simple);
    for (const t of this.spreadsheetTriggers('ON_EDIT'))
      out.push(this.invoke(t.handler, event('FULL', t.id))!);
    return out;
  }

  /**
   * A member of the public submits the form: the response row is appended to the form's destination tab
   * (Timestamp as a date, answers as text, checkbox answers joined with ", "), and the spreadsheet's
   * onFormSubmit triggers fire with e.values, e.namedValues, e.range, e.source, e.triggerUid and
   * e.authMode (developers.google.com/apps-script/guides/triggers/events#form-submit). Questions added
   * after the link get new columns at the right of the tab, as Forms adds them.
   */
  submitForm(answers: Record<string, string | string[]>, formId?: string): Invocation[] {
    const form = formId
      ? this.formRegistry.byId(formId)
      : this.formRegistry.forms.find((f) => f.destinationSheet?.spreadsheet === this.spreadsheet);
    if (!form?.destinationSheet) throw new Error('No form is linked to this spreadsheet');
    const titles = form.questionTitles();
    const unknown = Object.keys(answers).filter((k) => !titles.includes(k));
    if (unknown.length > 0) throw new Error(`The form has no question titled: ${unknown.join(', ')}`);
    const missing = form.items
      .filter((i) => i.isRequired() && i.isAnswerable())
      .map((i) => i.getTitle())
      .filter((t) => {
        const a = answers[t];
        return a === undefined || (Array.isArray(a) ? a.length === 0 : a.trim() === '');
      });
    if (missing.length > 0) throw new Error(`Required questions left unanswered: ${missing.join(', ')}`);
    const sheet = form.destinationSheet;
    const header = this.responseHeader(sheet, titles);
    const timestamp = this.now;
    const text = (t: string) => {
      const a = answers[t];
      return Array.isArray(a) ? a.join(', ') : (a ?? '');
    };
    const row = sheet.getLastRow() + 1;
    if (row > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), row - sheet.getMaxRows());
    const range = sheet.getRange(row, 1, 1, header.length);
    // Responses land as typed text: Forms does not parse answers the way a cell entry is parsed.
    range.setNumberFormat('@');
    range.setValues([header.map((h, i) => (i === 0 ? timestamp : titles.includes(h) ? text(h) : ''))]);
    const stamp = formatDate(timestamp, TIME_ZONE, 'd/M/yyyy H:mm:ss');
    const values = header.map((h, i) => (i === 0 ? stamp : titles.includes(h) ? text(h) : ''));
    const namedValues: Record<string, string[]> = {};
    header.forEach((h, i) => (namedValues[h] = [values[i]!]));
    const out: Invocation[] = [];
    for (const t of this.spreadsheetTriggers('ON_FORM_SUBMIT')) {
      out.push(
        this.invoke(t.handler, (marshal) => [
          marshal.toScript({
            values,
            namedValues,
            range,
            source: this.spreadsheet,
            triggerUid: t.id,
            authMode: 'FULL',
          }),
        ])!,
      );
    }
    return out;
  }

  /** The response tab's header, with a column added at the right for each question it lacks. */
  private responseHeader(sheet: EmulatedSpreadsheet['sheets'][number], titles: string[]): string[] {
    const width = Math.max(1, sheet.getLastColumn());
    const header = new EmulatedRange(sheet, 1, 1, 1, width).getValues()[0]!.map(String);
    const added = titles.filter((t) => !header.includes(t));
    if (added.length > 0) {
      if (header.length + added.length > sheet.getMaxColumns())
        sheet.insertColumnsAfter(sheet.getMaxColumns(), header.length + added.length - sheet.getMaxColumns());
      new EmulatedRange(sheet, 1, header.length + 1, 1, added.length).setValues([added]);
      header.push(...added);
    }
    return header;
  }

  /**
   * Moves the virtual clock to `instant`, firing every time-driven trigger that falls due on the way, in
   * time order (installation order for the same instant), with the clock set to each firing time. The
   * event object carries the fields Google documents for time-driven triggers, in UTC
   * (developers.google.com/apps-script/guides/triggers/events#time-driven-events).
   */
  advanceTo(instant: Date): Invocation[] {
    const end = instant.getTime();
    const out: Invocation[] = [];
    for (;;) {
      const due = this.registry.triggers
        .filter((t) => t.eventType === 'CLOCK' && t.next !== null && t.next <= end)
        .sort((a, b) => a.next! - b.next! || Number(a.id) - Number(b.id))[0];
      if (!due) break;
      const firedAt = due.next!;
      this.clock.set(Math.max(this.clock.now(), firedAt));
      due.next = due.schedule ? nextFiring(due.schedule, firedAt, due.timeZone) : null;
      if (due.schedule?.kind === 'once') this.registry.remove(due.id);
      const at = new Date(firedAt);
      const dayOfWeek = at.getUTCDay() === 0 ? 7 : at.getUTCDay();
      out.push(
        this.invoke(due.handler, (marshal) => [
          marshal.toScript({
            authMode: 'FULL',
            triggerUid: due.id,
            year: at.getUTCFullYear(),
            month: at.getUTCMonth() + 1,
            'day-of-month': at.getUTCDate(),
            'day-of-week': dayOfWeek,
            'week-of-year': isoWeek(at),
            hour: at.getUTCHours(),
            minute: at.getUTCMinutes(),
            second: at.getUTCSeconds(),
            timezone: 'UTC',
          }),
        ])!,
      );
    }
    if (end > this.clock.now()) this.clock.set(end);
    return out;
  }

  advanceBy(ms: number): Invocation[] {
    return this.advanceTo(new Date(this.clock.now() + ms));
  }

  renderSheet(name: string): string {
    const sheet = this.spreadsheet.getSheetByName(name);
    if (!sheet) throw new Error(`No tab named ${name}`);
    return renderSheet(sheet);
  }
  renderSpreadsheet(): string {
    return renderSpreadsheet(this.spreadsheet);
  }
  /** The tab's values including the header row, read without counting service calls. */
  sheetValues(name: string): unknown[][] {
    const sheet = this.spreadsheet.getSheetByName(name);
    if (!sheet) throw new Error(`No tab named ${name}`);
    const rows = sheet.getLastRow();
    const cols = sheet.getLastColumn();
    if (rows === 0 || cols === 0) return [];
    return new EmulatedRange(sheet, 1, 1, rows, cols).getValues();
  }
  respondWith(button: ButtonName, text?: string): void {
    this.recorder.respondWith(button, text);
  }
}
