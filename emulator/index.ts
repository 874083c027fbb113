/**
 * An offline emulator of the Apps Script runtime the product runs in (DESIGN §4).
 *
 * Each invocation loads build/Code.js into a fresh `node:vm` context holding only ECMAScript built-ins
 * and the Apps Script globals, as Google does: module state never survives between invocations; only the
 * services' state (the spreadsheet, properties, triggers, mail) does. A virtual clock drives `new Date()`
 * inside the script and fires installed time-driven triggers.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Script, createContext, type Context } from 'node:vm';
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
import { Marshal, emptyStats, type CallStats } from './stats';
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

export interface Invocation {
  fn: string;
  at: Date;
  result: unknown;
  error: Error | null;
  stats: CallStats;
  logs: string[];
}

const ROOT = new URL('..', import.meta.url).pathname;
const TIME_ZONE = 'Europe/London';

/** Replaces Date inside the script's realm with one whose "now" is the virtual clock. */
const VIRTUAL_DATE_SCRIPT = new Script(`(function (RealDate, now) {
  class Date extends RealDate {
    constructor(...args) { if (args.length === 0) super(now()); else super(...args); }
    static now() { return now(); }
  }
  globalThis.Date = Date;
  delete globalThis.__now;
  return Date;
})(Date, globalThis.__now)`);

export class Emulator {
  readonly spreadsheet: EmulatedSpreadsheet;
  readonly invocations: Invocation[] = [];
  lastInvocation: Invocation | null = null;

  private readonly clock: Clock;
  private readonly script: Script;
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

  constructor(options: EmulatorOptions = {}) {
    this.clock = new Clock((options.now ?? new Date('2026-01-05T09:00:00Z')).getTime());
    const bundlePath = options.bundlePath ?? join(ROOT, 'build/Code.js');
    this.buildDir = options.buildDir ?? dirname(bundlePath);
    this.script = new Script(readFileSync(bundlePath, 'utf8'), { filename: 'Code.js' });
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

  /** Runs a top-level function of the bundle in a fresh context; rethrows what the script throws. */
  run(fn: string, ...args: unknown[]): Invocation {
    const invocation = this.invoke(fn, () => args);
    if (invocation.error) {
      Object.assign(invocation.error, { invocation });
      throw invocation.error;
    }
    return invocation;
  }

  private invoke(fn: string, makeArgs: (marshal: Marshal) => unknown[]): Invocation {
    const stats = emptyStats();
    const logs = new LogRecorder();
    const context = createContext({}) as Context & Record<string, unknown>;
    context.__now = () => this.clock.now();
    const VirtualDate = VIRTUAL_DATE_SCRIPT.runInContext(context) as DateConstructor;
    const marshal = new Marshal(stats, (ms) => new VirtualDate(ms));
    this.installGlobals(context, marshal, logs);
    const invocation: Invocation = {
      fn,
      at: this.now,
      result: undefined,
      error: null,
      stats,
      logs: logs.lines,
    };
    try {
      this.script.runInContext(context);
      const target = context[fn];
      if (typeof target !== 'function') throw new Error(`Script function not found: ${fn}`);
      const result = (target as (...a: unknown[]) => unknown)(...makeArgs(marshal));
      invocation.result = marshal.toHost(result);
    } catch (error) {
      invocation.error = error instanceof Error ? error : new Error(String(error));
      if (!(invocation.error instanceof Error)) invocation.error = new Error(String(error));
    }
    invocation.logs = logs.lines;
    this.invocations.push(invocation);
    this.lastInvocation = invocation;
    return invocation;
  }

  private installGlobals(context: Record<string, unknown>, marshal: Marshal, logs: LogRecorder): void {
    const lock = () => new EmulatedLock(this.lockState, this.clock);
    const services: Record<string, unknown> = {
      SpreadsheetApp: new EmulatedSpreadsheetApp([this.spreadsheet], this.recorder),
      FormApp: new EmulatedFormApp(this.formRegistry),
      ScriptApp: new EmulatedScriptApp(this.registry),
      PropertiesService: {
        getScriptProperties: () => new EmulatedProperties(this.stores.script),
        getUserProperties: () => new EmulatedProperties(this.stores.user),
        getDocumentProperties: () => new EmulatedProperties(this.stores.document),
      },
      LockService: { getScriptLock: lock, getDocumentLock: lock, getUserLock: lock },
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

  /** Fires the simple onOpen and installable onOpen triggers, as opening the spreadsheet does. */
  fireOpen(): Invocation[] {
    const out: Invocation[] = [];
    const event = (marshal: Marshal) => [{ source: marshal.toScript(this.spreadsheet), authMode: 'LIMITED' }];
    out.push(this.invoke('onOpen', event));
    for (const t of this.registry.triggers.filter((t) => t.eventType === 'ON_OPEN'))
      out.push(this.invoke(t.handler, event));
    return out.filter(
      (i) => !(i.fn === 'onOpen' && i.error?.message === 'Script function not found: onOpen'),
    );
  }

  /**
   * A staff member edits one cell: the value is set as typing it would set it, then the simple onEdit and
   * installable onEdit triggers fire with e.range, e.value, e.oldValue, e.source, e.user (as documented
   * at developers.google.com/apps-script/guides/triggers/events#edit).
   */
  edit(sheetName: string, a1: string, value: unknown): Invocation[] {
    const sheet = this.spreadsheet.getSheetByName(sheetName);
    if (!sheet) throw new Error(`No tab named ${sheetName}`);
    const range = sheet.getRange(a1);
    const old = range.getValue();
    const oldDisplay = range.getDisplayValue();
    range.setValue(value);
    const display = range.getDisplayValue();
    const event = (marshal: Marshal) => [
      {
        range: marshal.toScript(range),
        source: marshal.toScript(this.spreadsheet),
        value: display,
        ...(old === '' ? {} : { oldValue: oldDisplay }),
        user: marshal.toScript({ getEmail: () => this.activeUser }),
        authMode: 'FULL',
        triggerUid: '',
      },
    ];
    const out: Invocation[] = [];
    const simple = this.invoke('onEdit', event);
    if (simple.error?.message !== 'Script function not found: onEdit') out.push(simple);
    else this.invocations.pop();
    for (const t of this.registry.triggers.filter((t) => t.eventType === 'ON_EDIT')) {
      out.push(this.invoke(t.handler, (m) => event(m).map((e) => ({ ...e, triggerUid: t.id }))));
    }
    return out;
  }

  /**
   * A member of the public submits the form: the response row is appended to the form's destination tab
   * and the spreadsheet's onFormSubmit triggers fire with e.values, e.namedValues, e.range and e.triggerUid
   * (developers.google.com/apps-script/guides/triggers/events#form-submit).
   */
  submitForm(answers: Record<string, string | string[]>, formId?: string): Invocation[] {
    const form = formId
      ? this.formRegistry.byId(formId)
      : this.formRegistry.forms.find((f) => f.destinationSheet?.spreadsheet === this.spreadsheet);
    if (!form?.destinationSheet) throw new Error('No form is linked to this spreadsheet');
    const titles = form.questionTitles();
    const unknown = Object.keys(answers).filter((k) => !titles.includes(k));
    if (unknown.length > 0) throw new Error(`The form has no question titled: ${unknown.join(', ')}`);
    const timestamp = this.now;
    const texts = titles.map((t) => {
      const a = answers[t];
      return Array.isArray(a) ? a.join(', ') : (a ?? '');
    });
    const sheet = form.destinationSheet;
    // Responses land as text: Forms stores answers as typed, not parsed like a user's cell entry.
    const row = sheet.getLastRow() + 1;
    sheet.getRange(row, 1, 1, titles.length + 1).setNumberFormat('@');
    sheet.getRange(row, 1, 1, titles.length + 1).setValues([[timestamp, ...texts]]);
    const range = sheet.getRange(row, 1, 1, titles.length + 1);
    const stamp = formatDate(timestamp, TIME_ZONE, 'd/M/yyyy H:mm:ss');
    const namedValues: Record<string, string[]> = { Timestamp: [stamp] };
    titles.forEach((t, i) => (namedValues[t] = [texts[i]!]));
    const out: Invocation[] = [];
    for (const t of this.registry.triggers.filter(
      (t) => t.eventType === 'ON_FORM_SUBMIT' && t.sourceId === this.spreadsheet.getId(),
    )) {
      out.push(
        this.invoke(t.handler, (marshal) => [
          {
            values: [stamp, ...texts],
            namedValues,
            range: marshal.toScript(range),
            source: marshal.toScript(this.spreadsheet),
            triggerUid: t.id,
            authMode: 'FULL',
          },
        ]),
      );
    }
    return out;
  }

  /** Moves the virtual clock, firing every time-driven trigger that falls due, in time order. */
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
      out.push(
        this.invoke(due.handler, () => [
          {
            authMode: 'FULL',
            triggerUid: due.id,
            year: at.getUTCFullYear(),
            month: at.getUTCMonth() + 1,
            'day-of-month': at.getUTCDate(),
            hour: at.getUTCHours(),
            minute: at.getUTCMinutes(),
            second: 0,
            timezone: 'UTC',
          },
        ]),
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
