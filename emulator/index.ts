/**
 * An offline emulator of the Apps Script runtime the product runs in (DESIGN §4).
 *
 * Each invocation loads build/Code.js into a fresh `node:vm` context holding only ECMAScript built-ins
 * and the Apps Script globals, as Google does: module state never survives between invocations; only the
 * services' state (the spreadsheet, properties, triggers, mail) does. A virtual clock drives `new Date()`
 * inside the script and fires installed time-driven triggers; it moves with the work an execution does, by
 * the cost model in cost.ts, and an execution that runs past Google's 6-minute limit is killed.
 *
 * Several users can be simulated (`addUser`, `setActiveUser`): installable triggers belong to their
 * creator and run as them, with the creator's mail quota, user properties and user lock.
 *
 * What is atomic. Other executions (interleaved work, see InterleaveHook) only ever run in the gap between
 * two service calls of a script, so each single service call is atomic, as a Sheets call is on Google:
 * `Sheet.appendRow` (one call) cannot be split, nor can one `Range.setValues`. Host-side events are atomic
 * too: a form response is written to its tab in one step before any trigger runs (Forms appends the row
 * itself, not through a script), and a staff edit sets its cell before its triggers fire. Anything a
 * script does in two calls (a read then a write) can be interleaved.
 */
import { dirname, join } from 'node:path';
import { Clock } from './clock';
import { EXECUTION_LIMIT_MS, costModel, type CostModel } from './cost';
import { EmulatedFormApp, FormRegistry, type EmulatedForm } from './forms';
import { CHARTS_SERVICE } from './spreadsheet/charts';
import { effectiveBackground, renderSheet, renderSpreadsheet } from './render';
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
  EFFECTIVE_USER,
  LockState,
  LogRecorder,
  MailOutbox,
  MailState,
  type SessionUsers,
  formatDate,
  type SentMail,
  type UrlFixture,
} from './services';
import { EmulatedSpreadsheetApp } from './spreadsheet/app';
import { EmulatedRange } from './spreadsheet/range';
import { EmulatedSpreadsheet } from './spreadsheet/spreadsheet';
import type { EmulatedSheet } from './spreadsheet/sheet';
import { Marshal, ScriptRuntime, toHostError } from './runtime';
import { emptyStats, type CallStats } from './stats';
import { planDrill, type DrillOptions } from './schedule';
import { EmulatedScriptApp, TriggerRegistry, nextFiring, type TriggerRecord } from './triggers';
import { UiRecorder, type AlertRecord, type ButtonName, type HtmlRecord, type MenuRecord } from './ui';

export type {
  CallStats,
  SentMail,
  TriggerRecord,
  MenuRecord,
  AlertRecord,
  HtmlRecord,
  EmulatedForm,
  CostModel,
};
export { EmulatedSpreadsheet };
export {
  drill,
  planDrill,
  seededRandom,
  type DrillAction,
  type DrillOptions,
  type DrillStep,
} from './schedule';

export interface EmulatorOptions {
  now?: Date;
  bundlePath?: string;
  buildDir?: string;
  /** Every user's daily email recipients unless `addUser` says otherwise: 100 (consumer) by default. */
  mailQuota?: number;
  activeUser?: string;
  /** The script's owner, who made the spreadsheet (the developer in Google's rules on user email). */
  owner?: string;
  spreadsheetName?: string;
  /**
   * How long service calls take ('apps-script', the default: the estimates in cost.ts). 'none' freezes
   * the clock between calls, for a test that must show a product defect the stricter model exposes.
   */
  costModel?: CostModel | 'apps-script' | 'none';
}

/** A simulated Google account. */
export interface UserOptions {
  /**
   * Google withholds this user's address from scripts run under someone else's authority: a consumer
   * account, or an editor outside the owner's domain (developers.google.com/apps-script/reference/base/user).
   */
  hidesEmail?: boolean;
  /** Email recipients a day: 100 for a consumer account, 1,500 for Google Workspace. */
  mailQuota?: number;
}

interface UserState {
  email: string;
  hidesEmail: boolean;
  mail: MailState;
  properties: Record<string, string>;
  cache: Map<string, { value: string; expires: number }>;
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
  /** False: only an execution started from the host (not one started inside another) matches. */
  nested?: boolean;
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
  /** How deep in other executions this one started (0: from the host). */
  depth: number;
  /** A simple trigger (onOpen, onEdit): it runs without the user's authorisation. */
  simple: boolean;
  /** Apps Script time this execution has used: its calls' costs, sleeps and lock waits. */
  estimatedMs: number;
  /** Clock reading when the current service call began (after any interleaved work). */
  callStartedAt: number;
  users: SessionUsers;
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
  /** Virtual time from the start of the execution to its end, other executions run inside it included. */
  executionTimeMs: number;
  /**
   * The model's estimate of the Apps Script time this execution itself used (cost.ts): its service calls,
   * sleeps and lock waits, without the executions interleaved into it. Google kills it past 6 minutes.
   */
  estimatedMs: number;
  /** The account it ran as (a trigger's creator) and the active user's address as the script saw it. */
  effectiveUser: string;
  activeUser: string;
}

/** ISO 8601 week number of a UTC date. */
function isoWeek(date: Date): number {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  d.setUTCDate(d.getUTCDate() + 4 - (d.getUTCDay() || 7));
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  return Math.ceil(((d.getTime() - yearStart) / 86400000 + 1) / 7);
}

/** What a test sees of mail: every message sent, and one user's quota. */
export interface MailView {
  sent: SentMail[];
  quota: number;
  remaining(): number;
  failNext(count: number, message?: string): void;
  setQuota(n: number): void;
  spend(n: number): void;
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
  private readonly outbox = new MailOutbox();
  private readonly defaultMailQuota: number;
  private readonly users = new Map<string, UserState>();
  private readonly lockState = new LockState();
  private readonly stores = { script: {}, document: {} } as Record<
    'script' | 'document',
    Record<string, string>
  >;
  private readonly caches = {
    script: new Map<string, { value: string; expires: number }>(),
    document: new Map<string, { value: string; expires: number }>(),
  };
  private readonly urlFixtures = new Map<string, UrlFixture>();
  private activeUser: string;
  readonly owner: string;
  private costs: CostModel;
  private readonly hooks: InterleaveHook[] = [];
  /** Errors thrown by interleaved work (`interleave` functions), in order. */
  readonly interleaveErrors: Error[] = [];
  private executions = 0;
  private depth = 0;
  /** The executions under way, innermost last (interleaved work runs inside another execution). */
  private readonly running: Execution[] = [];

  constructor(options: EmulatorOptions = {}) {
    this.clock = new Clock((options.now ?? new Date('2026-01-05T09:00:00Z')).getTime());
    const bundlePath = options.bundlePath ?? join(ROOT, 'build/Code.js');
    this.buildDir = options.buildDir ?? dirname(bundlePath);
    this.runtime = new ScriptRuntime(bundlePath);
    this.defaultMailQuota = options.mailQuota ?? 100;
    this.owner = options.owner ?? EFFECTIVE_USER;
    this.costs = costModel(options.costModel);
    this.activeUser = options.activeUser ?? 'staff@opcc.example';
    this.user(this.owner);
    this.user(this.activeUser);
    this.spreadsheet = new EmulatedSpreadsheet(
      'spreadsheet-1',
      options.spreadsheetName ?? 'Complaints',
      TIME_ZONE,
      this.recorder,
    );
    // Protections check the account the current execution runs as; between executions, the test's user.
    this.spreadsheet.access = {
      owner: this.owner,
      currentUser: () => this.running.at(-1)?.users.effective ?? this.activeUser,
    };
    this.registry = new TriggerRegistry(this.clock, TIME_ZONE);
    this.formRegistry = new FormRegistry((id) => (id === this.spreadsheet.getId() ? this.spreadsheet : null));
  }

  get now(): Date {
    return new Date(this.clock.now());
  }
  /** The user at the keyboard for what follows (runs, edits, opening the spreadsheet); added if new. */
  setActiveUser(email: string): void {
    this.user(email);
    this.activeUser = email;
  }
  get activeUserEmail(): string {
    return this.activeUser;
  }

  /** How long service calls take from now on (a slow day at Google, or 'none' to freeze time). */
  setCostModel(model: CostModel | 'apps-script' | 'none'): void {
    this.costs = costModel(model);
  }
  get costModel(): CostModel {
    return this.costs;
  }

  /** Simulates a Google account (or changes one already known). */
  addUser(email: string, options: UserOptions = {}): void {
    const user = this.user(email);
    if (options.hidesEmail !== undefined) user.hidesEmail = options.hidesEmail;
    if (options.mailQuota !== undefined) user.mail.setQuota(options.mailQuota);
  }

  private user(email: string): UserState {
    let user = this.users.get(email);
    if (!user) {
      user = {
        email,
        hidesEmail: false,
        mail: new MailState(this.defaultMailQuota),
        properties: {},
        cache: new Map(),
      };
      this.users.set(email, user);
    }
    return user;
  }

  /**
   * Whether a script running as `viewer` may read `email`: "the user's email address is not available in
   * any context that allows a script to run without that user's authorization ... However, these
   * restrictions generally do not apply if the developer runs the script themselves or belongs to the same
   * Google Workspace domain as the user" (developers.google.com/apps-script/reference/base/user#getEmail()).
   */
  private visibleTo(email: string, viewer: string): string {
    if (email === viewer) return email;
    const domain = (e: string) => e.slice(e.lastIndexOf('@') + 1).toLowerCase();
    return !this.user(email).hidesEmail && domain(email) === domain(viewer) ? email : '';
  }

  get forms(): EmulatedForm[] {
    return this.formRegistry.forms;
  }
  /** Models a Workspace domain whose administrator makes new forms require sign-in by default. */
  set formsRequireSignInByDefault(on: boolean) {
    this.formRegistry.requireLoginByDefault = on;
  }
  /** Every user's installable triggers (what Google's admin would see; a script sees only its user's). */
  get triggers(): TriggerRecord[] {
    return this.registry.triggers;
  }
  triggersOf(email: string): TriggerRecord[] {
    return this.registry.ownedBy(email);
  }
  get ui(): UiRecorder {
    return this.recorder;
  }
  /** The bundle this emulator runs (its top-level functions are what google.script.run can call). */
  get bundlePath(): string {
    return this.runtime.bundlePath;
  }
  /** Mail sent by anyone; the quota is the active user's (see `mailOf` for another user's). */
  get mail(): MailView {
    return this.mailOf(this.activeUser);
  }
  mailOf(email: string): MailView {
    const state = this.user(email).mail;
    const outbox = this.outbox;
    const now = () => this.clock.now();
    return {
      sent: outbox.sent,
      get quota() {
        return state.quota;
      },
      remaining: () => state.remaining(now()),
      failNext: (count, message) => outbox.failNext(count, message),
      setQuota: (n) => state.setQuota(n),
      spend: (n) => state.spend(n, now()),
    };
  }
  get lock(): { holdByAnotherProcess(held: boolean): void } {
    return { holdByAnotherProcess: (held) => (this.lockState.heldElsewhere = held) };
  }
  /** The property stores; `user` is the active user's (each user has their own). */
  get properties(): Record<'script' | 'user' | 'document', Record<string, string>> {
    return { ...this.stores, user: this.user(this.activeUser).properties };
  }
  userProperties(email: string): Record<string, string> {
    return this.user(email).properties;
  }
  get fixtures(): { url(url: string, response: UrlFixture): void } {
    return { url: (url, response) => this.urlFixtures.set(url, response) };
  }

  /** Schedules something to happen inside a later execution (see InterleaveHook). */
  interleave(hook: InterleaveHook): void {
    this.hooks.push(hook);
  }
  /**
   * A seeded drill (schedule.ts): picks gaps of the next execution of `options.fn` started from the host and
   * an action for each, and schedules them. Returns the schedule, so a failing seed can be reported and
   * replayed. Steps past the execution's last call stay pending (`clearInterleaves` drops them).
   */
  interleaveRandomly(seed: number, options: DrillOptions): { atCall: number; action: string }[] {
    const plan = planDrill(seed, options);
    for (const step of plan) {
      this.interleave({
        ...(options.fn !== undefined ? { fn: options.fn } : {}),
        nested: false,
        atCall: step.atCall,
        do: step.action.do,
      });
    }
    return plan.map((step) => ({ atCall: step.atCall, action: step.action.name }));
  }
  clearInterleaves(): void {
    this.hooks.length = 0;
  }
  /** Hooks scheduled with `interleave` that have not fired yet. */
  get pendingInterleaves(): number {
    return this.hooks.length;
  }

  /** Called by the marshal before each service call of an execution: kills and interleavings happen here. */
  private beforeCall(execution: Execution, key: string): void {
    if (execution.killed) throw new Error(`Exception: ${KILLED_MESSAGE}`);
    if (execution.estimatedMs > EXECUTION_LIMIT_MS) {
      // Google stops the script at its limit wherever it is; here that is the first call past the limit.
      execution.killed = true;
      throw new Error(`Exception: ${KILLED_MESSAGE}`);
    }
    execution.calls += 1;
    const i = this.hooks.findIndex(
      (h) =>
        (h.fn === undefined || h.fn === execution.fn) &&
        (h.nested !== false || execution.depth === 0) &&
        (typeof h.atCall === 'number' ? h.atCall === execution.calls : h.atCall(key, execution.calls)),
    );
    if (i >= 0) {
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
    execution.callStartedAt = this.clock.now();
  }

  /** Called after each service call: the call's cost moves the clock and counts against the limit. */
  private afterCall(execution: Execution, key: string, cells: number): void {
    const ms = this.costs.callMs(key, cells);
    this.clock.advanceWithin(ms);
    // Sleeps and lock waits inside the call moved the clock already; they count as the execution's time.
    execution.estimatedMs += this.clock.now() - execution.callStartedAt;
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
    options: { optional?: boolean; users?: SessionUsers } = {},
  ): Invocation | null {
    const stats = emptyStats();
    const logs = new LogRecorder();
    const users = options.users ?? { active: this.activeUser, effective: this.activeUser };
    const execution: Execution = {
      id: ++this.executions,
      fn,
      calls: 0,
      killed: false,
      depth: this.depth,
      simple: options.optional === true,
      estimatedMs: 0,
      callStartedAt: this.clock.now(),
      users,
    };
    const { context, realm } = this.runtime.newContext(() => this.clock.now());
    const marshal = new Marshal(
      stats,
      realm,
      (key) => this.beforeCall(execution, key),
      (key, cells) => this.afterCall(execution, key, cells),
    );
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
      estimatedMs: 0,
      effectiveUser: users.effective,
      activeUser: users.active,
    };
    const started = this.clock.now();
    this.depth += 1;
    this.running.push(execution);
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
    } finally {
      this.depth -= 1;
      this.running.pop();
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
    invocation.estimatedMs = execution.estimatedMs;
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
    // "The current user" of the user-scoped services is the account the script runs as.
    const me = this.user(execution.users.effective);
    const services: Record<string, unknown> = {
      SpreadsheetApp: new EmulatedSpreadsheetApp([this.spreadsheet], this.recorder, execution.simple),
      FormApp: new EmulatedFormApp(this.formRegistry),
      Charts: CHARTS_SERVICE,
      ScriptApp: new EmulatedScriptApp(this.registry, me.email),
      PropertiesService: {
        getScriptProperties: () => new EmulatedProperties(this.stores.script),
        getUserProperties: () => new EmulatedProperties(me.properties),
        getDocumentProperties: () => new EmulatedProperties(this.stores.document),
      },
      LockService: {
        getScriptLock: lock('script'),
        getDocumentLock: lock(`document:${this.spreadsheet.getId()}`),
        getUserLock: lock(`user:${me.email}`),
      },
      CacheService: {
        getScriptCache: () => new EmulatedCache(this.caches.script, this.clock),
        getUserCache: () => new EmulatedCache(me.cache, this.clock),
        getDocumentCache: () => new EmulatedCache(this.caches.document, this.clock),
      },
      MailApp: new EmulatedMailApp(this.outbox, me.mail, this.clock, me.email),
      Utilities: new EmulatedUtilities(this.clock),
      Session: new EmulatedSession(execution.users, TIME_ZONE),
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
   * A simple trigger runs as the person at the keyboard, without their authorization, so their address is
   * withheld unless they are the owner or in the owner's domain.
   */
  private simpleTriggerUsers(): SessionUsers {
    return { effective: this.activeUser, active: this.visibleTo(this.activeUser, this.owner) };
  }
  /**
   * An installable trigger runs as its creator; the active user is whoever caused the event, as the creator
   * may see them, or the creator where no person did (time-driven, form submit by the public).
   */
  private installableUsers(t: TriggerRecord, by: string | null): SessionUsers {
    return { effective: t.owner, active: by === null ? t.owner : this.visibleTo(by, t.owner) };
  }

  /**
   * Fires the simple onOpen (authMode LIMITED) and the installable onOpen triggers (authMode FULL), as
   * opening the spreadsheet does (developers.google.com/apps-script/guides/triggers/events#open).
   */
  fireOpen(): Invocation[] {
    const event = (users: SessionUsers, authMode: string, triggerUid?: string) => (marshal: Marshal) => [
      marshal.toScript({
        source: this.spreadsheet,
        authMode,
        user: new EmulatedUser(users.active),
        ...(triggerUid ? { triggerUid } : {}),
      }),
    ];
    const out: Invocation[] = [];
    const simpleUsers = this.simpleTriggerUsers();
    const simple = this.invoke('onOpen', event(simpleUsers, 'LIMITED'), {
      optional: true,
      users: simpleUsers,
    });
    if (simple) out.push(simple);
    for (const t of this.spreadsheetTriggers('ON_OPEN')) {
      const users = this.installableUsers(t, this.activeUser);
      out.push(this.invoke(t.handler, event(users, 'FULL', t.id), { users })!);
    }
    return out;
  }

  /**
   * The person at the keyboard selects a range (`'A5'`, `'A5:C5'`): its tab becomes the active sheet and
   * SpreadsheetApp.getActiveRange() answers it in the executions that follow, as a sidebar's calls see the
   * selection of the person who has it open. Selecting is not an edit: no trigger fires (onSelectionChange
   * is a simple trigger this project does not define).
   */
  select(sheetName: string, a1: string): void {
    const sheet = this.spreadsheet.getSheetByName(sheetName);
    if (!sheet) throw new Error(`No tab named ${sheetName}`);
    this.spreadsheet.setActiveSheet(sheet);
    this.spreadsheet.selection = sheet.getRange(a1);
  }

  /**
   * A staff member edits one cell: the value is set as typing it would set it, then the simple onEdit
   * (authMode LIMITED) and installable onEdit triggers (FULL) fire with e.range, e.value, e.oldValue,
   * e.source, e.user (developers.google.com/apps-script/guides/triggers/events#edit). e.value and
   * e.oldValue are the cell's text as shown; e.oldValue is absent when the cell was empty, as on Google.
   * The cell is set before any trigger runs: the edit itself is atomic.
   */
  edit(sheetName: string, a1: string, value: unknown): Invocation[] {
    const sheet = this.spreadsheet.getSheetByName(sheetName);
    if (!sheet) throw new Error(`No tab named ${sheetName}`);
    const range = sheet.getRange(a1);
    const old = range.getValue();
    const oldDisplay = range.getDisplayValue();
    range.setValue(value);
    const single = range.getNumRows() === 1 && range.getNumColumns() === 1;
    const event = (users: SessionUsers, authMode: string, triggerUid?: string) => (marshal: Marshal) => [
      marshal.toScript({
        range,
        source: this.spreadsheet,
        ...(single ? { value: range.getDisplayValue() } : {}),
        ...(single && old !== '' ? { oldValue: oldDisplay } : {}),
        user: new EmulatedUser(users.active),
        authMode,
        ...(triggerUid ? { triggerUid } : {}),
      }),
    ];
    const out: Invocation[] = [];
    const simpleUsers = this.simpleTriggerUsers();
    const simple = this.invoke('onEdit', event(simpleUsers, 'LIMITED'), {
      optional: true,
      users: simpleUsers,
    });
    if (simple) out.push(simple);
    for (const t of this.spreadsheetTriggers('ON_EDIT')) {
      const users = this.installableUsers(t, this.activeUser);
      out.push(this.invoke(t.handler, event(users, 'FULL', t.id), { users })!);
    }
    return out;
  }

  private linkedForm(formId?: string): EmulatedForm & { destinationSheet: EmulatedSheet } {
    const form = formId
      ? this.formRegistry.byId(formId)
      : this.formRegistry.forms.find((f) => f.destinationSheet?.spreadsheet === this.spreadsheet);
    if (!form?.destinationSheet) throw new Error('No form is linked to this spreadsheet');
    return form as EmulatedForm & { destinationSheet: EmulatedSheet };
  }

  /** Runs the spreadsheet's onFormSubmit triggers with one event (as each trigger's creator). */
  private fireFormSubmit(event: {
    values: string[];
    namedValues: Record<string, string[]>;
    range: EmulatedRange;
  }): Invocation[] {
    const out: Invocation[] = [];
    for (const t of this.spreadsheetTriggers('ON_FORM_SUBMIT')) {
      const users = this.installableUsers(t, null);
      out.push(
        this.invoke(
          t.handler,
          (marshal) => [
            marshal.toScript({
              values: event.values,
              namedValues: event.namedValues,
              range: event.range,
              // No source: Google documents none for a spreadsheet's form-submit event
              // (developers.google.com/apps-script/guides/triggers/events#form-submit).
              triggerUid: t.id,
              authMode: 'FULL',
            }),
          ],
          { users },
        )!,
      );
    }
    return out;
  }

  /**
   * A member of the public submits the form: the response row is appended to the form's destination tab,
   * then the spreadsheet's onFormSubmit triggers fire with e.values, e.namedValues, e.range, e.source,
   * e.triggerUid and e.authMode (developers.google.com/apps-script/guides/triggers/events#form-submit).
   *
   * The row is written in one step before any trigger runs (Forms appends it, not a script), so no other
   * execution can come between its cells. Timestamp is a date; each answer is stored as Sheets stores a
   * typed entry, so a numeric-looking answer becomes a number (a phone number "07700900123" lands as
   * 7700900123, as users of Sheets report of leading zeros, e.g. github.com/burnash/gspread/issues/231)
   * unless its column is formatted as plain text: the stricter of the readings of what Forms does. e.values
   * and e.namedValues stay the text as submitted. Checkbox answers are joined with ", ". Questions added
   * after the link get new columns at the right of the tab, as Forms adds them.
   *
   * `duplicateEvent` fires every trigger twice for the one response, as developers report of form-submit
   * triggers (github.com/markfguerra/google-forms-to-slack/issues/6, a second execution seconds after
   * each submission); the second run sees the same e.values, e.namedValues and e.range.
   */
  submitForm(
    answers: Record<string, string | string[]>,
    options: string | { formId?: string; duplicateEvent?: boolean } = {},
  ): Invocation[] {
    const { formId, duplicateEvent = false } = typeof options === 'string' ? { formId: options } : options;
    const form = this.linkedForm(formId);
    // Submissions come from members of the public, who have no account in the office's domain.
    if (form.requireLogin)
      throw new Error('The form requires respondents to sign in to the domain: the public cannot answer it.');
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
    range.setValues([header.map((h, i) => (i === 0 ? timestamp : titles.includes(h) ? text(h) : ''))]);
    form.record(timestamp, answers);
    const stamp = formatDate(timestamp, TIME_ZONE, 'd/M/yyyy H:mm:ss');
    const values = header.map((h, i) => (i === 0 ? stamp : titles.includes(h) ? text(h) : ''));
    const namedValues: Record<string, string[]> = {};
    header.forEach((h, i) => (namedValues[h] = [values[i]!]));
    const out = this.fireFormSubmit({ values, namedValues, range });
    if (duplicateEvent) out.push(...this.fireFormSubmit({ values, namedValues, range }));
    return out;
  }

  /**
   * The form-submit trigger fires for no response: nothing is added to the responses tab, and the event
   * carries a fresh timestamp with every answer blank, as reported by developers whose handlers received "a
   * completely blank separate submission that is not logged in the forms spreadsheet, but contains a
   * different timestamp" (github.com/markfguerra/google-forms-to-slack/issues/6). `empty: true` sends
   * e.values and e.namedValues with nothing in them at all. e.range is the empty row below the responses.
   */
  fireBlankFormSubmit(options: { formId?: string; empty?: boolean } = {}): Invocation[] {
    const form = this.linkedForm(options.formId);
    const sheet = form.destinationSheet;
    const header = this.responseHeader(sheet, form.questionTitles());
    const row = sheet.getLastRow() + 1;
    if (row > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), row - sheet.getMaxRows());
    const range = sheet.getRange(row, 1, 1, header.length);
    if (options.empty) return this.fireFormSubmit({ values: [], namedValues: {}, range });
    const stamp = formatDate(this.now, TIME_ZONE, 'd/M/yyyy H:mm:ss');
    const values = header.map((_, i) => (i === 0 ? stamp : ''));
    const namedValues: Record<string, string[]> = {};
    header.forEach((h, i) => (namedValues[h] = [values[i]!]));
    return this.fireFormSubmit({ values, namedValues, range });
  }

  /** The response tab's header, with a column added at the right for each question it lacks. */
  private responseHeader(sheet: EmulatedSheet, titles: string[]): string[] {
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
      const users = this.installableUsers(due, null);
      out.push(
        this.invoke(
          due.handler,
          (marshal) => [
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
          ],
          { users },
        )!,
      );
    }
    if (end > this.clock.now()) this.clock.set(end);
    return out;
  }

  advanceBy(ms: number): Invocation[] {
    return this.advanceTo(new Date(this.clock.now() + ms));
  }

  /**
   * Years pass with no time-driven run in between: for a test of what an office finds long after its
   * cases closed (retention), where replaying six years of ten-minute runs would prove nothing and take
   * minutes. Each time-driven trigger's next firing moves to its first after `instant`. Not something
   * Google does; a test that needs the runs in between uses advanceTo.
   */
  jumpTo(instant: Date): void {
    const end = instant.getTime();
    if (end < this.clock.now()) throw new Error('jumpTo: the clock only moves forward');
    for (const t of this.registry.triggers) {
      if (t.eventType !== 'CLOCK' || t.next === null || t.next > end || !t.schedule) continue;
      let next: number | null = t.next;
      while (next !== null && next <= end) next = nextFiring(t.schedule, next, t.timeZone);
      t.next = next;
    }
    this.clock.set(end);
  }

  /** What the Form itself holds of each response (FormApp's store), for tests: its id, time and answers. */
  formResponses(
    formId?: string,
  ): { id: string; timestamp: Date; answers: Record<string, string | string[]> }[] {
    const form = formId ? this.formRegistry.byId(formId) : this.formRegistry.forms.at(-1);
    return (form?.responses ?? []).map((r) => ({
      id: r.getId(),
      timestamp: r.getTimestamp(),
      answers: Object.fromEntries(r.getItemResponses().map((i) => [i.getItem().getTitle(), i.getResponse()])),
    }));
  }

  renderSheet(name: string): string {
    const sheet = this.spreadsheet.getSheetByName(name);
    if (!sheet) throw new Error(`No tab named ${name}`);
    return renderSheet(sheet, this.now);
  }
  renderSpreadsheet(): string {
    return renderSpreadsheet(this.spreadsheet, this.now);
  }
  /** A cell's background as a person sees it now, conditional formats applied (row and column 1-based). */
  cellBackground(name: string, row: number, column: number): string | null {
    const sheet = this.spreadsheet.getSheetByName(name);
    if (!sheet) throw new Error(`No tab named ${name}`);
    return effectiveBackground(sheet, row, column, this.now);
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
