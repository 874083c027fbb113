/**
 * The small Apps Script services: properties, locks, cache, mail, utilities, session, HTML, URL fetch and
 * logging. Each enforces the documented limit the product can run into.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { LONG_DAYS, LONG_MONTHS, zonedInstant, zonedParts } from './spreadsheet/cells';
import type { Clock } from './clock';
import type { Accepts } from './types';

// Each class is bound to Google's published signatures (see types.ts): a member the script may call has
// Google's parameters; a member Google has and the class lacks fails as 'not emulated' (runtime.ts).
type GProperties = GoogleAppsScript.Properties.Properties;
type GLock = GoogleAppsScript.Lock.Lock;
type GCache = GoogleAppsScript.Cache.Cache;
type GMailApp = GoogleAppsScript.Mail.MailApp;
type GUtilities = GoogleAppsScript.Utilities.Utilities;
type GSession = GoogleAppsScript.Base.Session;
type GUser = GoogleAppsScript.Base.User;
type GHtmlOutput = GoogleAppsScript.HTML.HtmlOutput;
type GHtmlService = GoogleAppsScript.HTML.HtmlService;
type GUrlFetchApp = GoogleAppsScript.URL_Fetch.UrlFetchApp;

// --- PropertiesService (developers.google.com/apps-script/guides/services/quotas: 9 KB a value, 500 KB a store)
export const PROPERTY_VALUE_LIMIT = 9 * 1024;
export const PROPERTY_STORE_LIMIT = 500 * 1024;

export class EmulatedProperties
  implements
    Pick<GProperties, 'getProperty' | 'getProperties' | 'getKeys'>,
    Accepts<GProperties, 'setProperty' | 'setProperties' | 'deleteProperty' | 'deleteAllProperties'>
{
  constructor(readonly store: Record<string, string>) {}
  private size(extra: Record<string, string>): number {
    const all = { ...this.store, ...extra };
    return Object.entries(all).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  }
  getProperty(key: string): string | null {
    return Object.prototype.hasOwnProperty.call(this.store, key) ? this.store[key]! : null;
  }
  setProperty(key: string, value: string): this {
    return this.setProperties({ [key]: value });
  }
  setProperties(properties: Record<string, unknown>, deleteAllOthers = false): this {
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(properties)) {
      const text = String(v);
      if (Buffer.byteLength(text) > PROPERTY_VALUE_LIMIT) {
        throw new Error('Exception: Argument too large: value');
      }
      values[k] = text;
    }
    if (deleteAllOthers) for (const k of Object.keys(this.store)) delete this.store[k];
    if (this.size(values) > PROPERTY_STORE_LIMIT) {
      throw new Error(
        'Exception: You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    }
    Object.assign(this.store, values);
    return this;
  }
  getProperties(): Record<string, string> {
    return { ...this.store };
  }
  getKeys(): string[] {
    return Object.keys(this.store);
  }
  deleteProperty(key: string): this {
    delete this.store[key];
    return this;
  }
  deleteAllProperties(): this {
    for (const k of Object.keys(this.store)) delete this.store[k];
    return this;
  }
}

// --- LockService (developers.google.com/apps-script/reference/lock/lock)
/**
 * Who holds each lock, by execution. A lock is one per script (`script`), per document (`document`) or
 * per user and script (`user:<email>`). Google releases a lock when the execution holding it ends
 * (developers.google.com/apps-script/reference/lock/lock#releaseLock), so `releaseAll` runs at the end
 * of every invocation, however it ended.
 */
export class LockState {
  /** True while a simulated other execution holds every lock (a test's stand-in for a long run). */
  heldElsewhere = false;
  private readonly holders = new Map<string, number>();

  holder(name: string): number | undefined {
    return this.holders.get(name);
  }
  take(name: string, execution: number): void {
    this.holders.set(name, execution);
  }
  release(name: string, execution: number): void {
    if (this.holders.get(name) === execution) this.holders.delete(name);
  }
  releaseAll(execution: number): void {
    for (const [name, holder] of this.holders) if (holder === execution) this.holders.delete(name);
  }
}

export class EmulatedLock implements Pick<GLock, 'tryLock' | 'waitLock' | 'hasLock' | 'releaseLock'> {
  constructor(
    private readonly state: LockState,
    private readonly clock: Clock,
    private readonly name: string,
    private readonly execution: number,
  ) {}
  /**
   * Executions here run one inside another (an interleaved one runs to its end before the one it
   * interrupted goes on), so a lock held by another execution can never be freed while this one waits:
   * the wait always lasts the whole timeout and fails. That is the strict reading of a real wait.
   */
  tryLock(timeoutInMillis: number): boolean {
    const holder = this.state.holder(this.name);
    if (holder === this.execution) return true;
    if (this.state.heldElsewhere || holder !== undefined) {
      this.clock.advanceWithin(timeoutInMillis);
      return false;
    }
    this.state.take(this.name, this.execution);
    return true;
  }
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) {
      throw new Error('Exception: Lock timeout: another process was holding the lock for too long.');
    }
  }
  hasLock(): boolean {
    return this.state.holder(this.name) === this.execution;
  }
  releaseLock(): void {
    this.state.release(this.name, this.execution);
  }
}

// --- CacheService (expiry on the virtual clock; 100 KB a value)
export class EmulatedCache implements Pick<GCache, 'get' | 'put' | 'remove' | 'getAll' | 'putAll'> {
  constructor(
    private readonly entries: Map<string, { value: string; expires: number }>,
    private readonly clock: Clock,
  ) {}
  get(key: string): string | null {
    const e = this.entries.get(key);
    if (!e || e.expires <= this.clock.now()) return null;
    return e.value;
  }
  put(key: string, value: string, expirationInSeconds = 600): void {
    if (value.length > 100 * 1024) throw new Error('Exception: Argument too large: value');
    this.entries.set(key, { value, expires: this.clock.now() + Math.min(expirationInSeconds, 21600) * 1000 });
  }
  remove(key: string): void {
    this.entries.delete(key);
  }
  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of keys) {
      const v = this.get(k);
      if (v !== null) out[k] = v;
    }
    return out;
  }
  putAll(values: Record<string, string>, expirationInSeconds?: number): void {
    for (const [k, v] of Object.entries(values)) this.put(k, v, expirationInSeconds);
  }
}

// --- MailApp (quota resets at midnight Pacific time, as Google's daily quotas do)
export interface SentMail {
  /** The account the message went from: the user the script ran as (a trigger's creator). */
  from: string;
  to: string;
  subject: string;
  body: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  cc?: string;
  bcc?: string;
  at: Date;
}

/** Every message sent by any user, and failures a test has queued for the next sends. */
export class MailOutbox {
  readonly sent: SentMail[] = [];
  private failures: string[] = [];
  failNext(count: number, message = 'Exception: Service unavailable: Email'): void {
    for (let i = 0; i < count; i++) this.failures.push(message);
  }
  takeFailure(): string | undefined {
    return this.failures.shift();
  }
}

/**
 * One user's daily allowance of email recipients. Quotas are per user
 * (developers.google.com/apps-script/guides/services/quotas: "Quotas are per user"): 100 a day for a
 * consumer account, 1,500 for Google Workspace. The day here ends at midnight Pacific time.
 */
export class MailState {
  quota: number;
  private usedOnDay = '';
  private used = 0;
  constructor(quota: number) {
    this.quota = quota;
  }
  private day(now: number): string {
    const p = zonedParts(new Date(now), 'America/Los_Angeles');
    return `${p.year}-${p.month}-${p.day}`;
  }
  remaining(now: number): number {
    if (this.day(now) !== this.usedOnDay) return this.quota;
    return Math.max(0, this.quota - this.used);
  }
  consume(now: number): void {
    const day = this.day(now);
    if (day !== this.usedOnDay) {
      this.usedOnDay = day;
      this.used = 0;
    }
    this.used += 1;
  }
  /** Counts `n` sends as already made today (by other scripts of the same account, say). */
  spend(n: number, now: number): void {
    for (let i = 0; i < n; i++) this.consume(now);
  }
  setQuota(n: number): void {
    this.quota = n;
  }
}

/** An address MailApp accepts: local@domain, optionally as `Name <local@domain>`. */
const EMAIL = /^(?:[^<>]*<)?[^\s@<>,]+@[^\s@<>,]+\.[^\s@<>,]+>?$/;

export class EmulatedMailApp
  implements Pick<GMailApp, 'getRemainingDailyQuota'>, Accepts<GMailApp, 'sendEmail'>
{
  constructor(
    private readonly outbox: MailOutbox,
    private readonly state: MailState,
    private readonly clock: Clock,
    /** The effective user: MailApp sends as, and spends the quota of, the user the script runs as. */
    private readonly from: string,
  ) {}
  getRemainingDailyQuota(): number {
    return this.state.remaining(this.clock.now());
  }
  /**
   * All four of Google's forms: (message), (recipient, subject, body), (recipient, subject, body, options)
   * and the old (to, replyTo, subject, body), told apart by the fourth argument being text.
   */
  sendEmail(a: unknown, b?: string, c?: string, d?: string | Record<string, unknown>): void {
    const message: Record<string, unknown> =
      typeof a === 'object' && a !== null
        ? (a as Record<string, unknown>)
        : typeof d === 'string'
          ? { to: a, replyTo: b, subject: c, body: d }
          : { ...(d ?? {}), to: a, subject: b, body: c };
    const to = String(message.to ?? '');
    if (!to) throw new Error('Exception: Failed to send email: no recipient');
    const recipients = [to, message.cc, message.bcc]
      .filter((v) => v !== undefined && v !== null && String(v).trim() !== '')
      .flatMap((v) => String(v).split(','))
      .map((v) => v.trim())
      .filter(Boolean);
    for (const address of recipients) {
      if (!EMAIL.test(address)) throw new Error(`Exception: Invalid email: ${address}`);
    }
    // The daily quota counts recipients, not messages (developers.google.com/apps-script/guides/services/quotas).
    if (this.state.remaining(this.clock.now()) < recipients.length) {
      throw new Error('Exception: Service invoked too many times for one day: email.');
    }
    const failure = this.outbox.takeFailure();
    if (failure) throw new Error(failure);
    this.state.spend(recipients.length, this.clock.now());
    const optional = (key: string) => (message[key] === undefined ? {} : { [key]: String(message[key]) });
    this.outbox.sent.push({
      from: this.from,
      to,
      subject: String(message.subject ?? ''),
      body: String(message.body ?? ''),
      ...optional('htmlBody'),
      ...optional('name'),
      ...optional('replyTo'),
      ...optional('cc'),
      ...optional('bcc'),
      at: new Date(this.clock.now()),
    });
  }
}

// --- Utilities (formatDate follows java.text.SimpleDateFormat, as Google documents)

export function formatDate(date: Date, timeZone: string, pattern: string): string {
  const p = zonedParts(date, timeZone);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const offset = (colon: boolean) => {
    const sign = p.offsetMinutes >= 0 ? '+' : '-';
    const m = Math.abs(p.offsetMinutes);
    return `${sign}${pad(Math.floor(m / 60), 2)}${colon ? ':' : ''}${pad(m % 60, 2)}`;
  };
  return pattern.replace(
    /'([^']*)'|y+|M+|d+|H+|h+|m+|s+|S+|E+|a|Z|z+|X+/g,
    (token, quoted: string | undefined) => {
      if (quoted !== undefined) return quoted;
      const n = token.length;
      switch (token[0]) {
        case 'y':
          return n === 2 ? pad(p.year % 100, 2) : pad(p.year, n);
        case 'M':
          return n >= 4
            ? LONG_MONTHS[p.month - 1]!
            : n === 3
              ? LONG_MONTHS[p.month - 1]!.slice(0, 3)
              : pad(p.month, n);
        case 'd':
          return pad(p.day, n);
        case 'H':
          return pad(p.hour, n);
        case 'h':
          return pad(p.hour % 12 || 12, n);
        case 'm':
          return pad(p.minute, n);
        case 's':
          return pad(p.second, n);
        case 'S':
          return pad(date.getUTCMilliseconds(), n);
        case 'E':
          return n >= 4 ? LONG_DAYS[p.weekday]! : LONG_DAYS[p.weekday]!.slice(0, 3);
        case 'a':
          return p.hour < 12 ? 'AM' : 'PM';
        case 'Z':
          return offset(false);
        case 'X':
          return p.offsetMinutes === 0 ? 'Z' : offset(n >= 3);
        case 'z':
          return timeZone === 'Europe/London'
            ? p.offsetMinutes === 60
              ? 'BST'
              : 'GMT'
            : `GMT${offset(true)}`;
        default:
          return token;
      }
    },
  );
}

/** Text as UTF-8, or Apps Script's signed bytes, as a Buffer. */
const bytes = (data: string | number[]): Buffer =>
  typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.map((b) => b & 0xff));

export class EmulatedUtilities
  implements
    Pick<GUtilities, 'formatDate' | 'getUuid' | 'sleep' | 'base64Decode'>,
    Accepts<GUtilities, 'base64Encode' | 'base64EncodeWebSafe' | 'newBlob'>
{
  readonly Charset = { UTF_8: 'UTF_8', US_ASCII: 'US_ASCII' };
  constructor(private readonly clock: Clock) {}
  formatDate(date: Date, timeZone: string, format: string): string {
    return formatDate(date, timeZone, format);
  }
  getUuid(): string {
    return randomUUID();
  }
  sleep(milliseconds: number): void {
    this.clock.advanceWithin(milliseconds);
  }
  base64Encode(data: string | number[]): string {
    return bytes(data).toString('base64');
  }
  base64EncodeWebSafe(data: string | number[]): string {
    return bytes(data).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }
  base64Decode(encoded: string): number[] {
    return [...Buffer.from(encoded, 'base64')];
  }
  newBlob(data: string): { getDataAsString(): string } {
    return { getDataAsString: () => data };
  }
  /** Parses a London wall-clock date for tests of the zone helpers; not an Apps Script member. */
  zonedInstant = zonedInstant;
}

/** The script's owner when a test names none: the account that made the spreadsheet and its script. */
export const EFFECTIVE_USER = 'owner@opcc.example';

// --- Session (developers.google.com/apps-script/reference/base/session)
export class EmulatedUser implements Pick<GUser, 'getEmail' | 'getUserLoginId'> {
  /** `email` is "" where Google withholds the address (see EmulatedSession). */
  constructor(private readonly email: string) {}
  getEmail(): string {
    return this.email;
  }
  getUserLoginId(): string {
    return this.email;
  }
}

/**
 * Who an execution is for. `active` is the user at the keyboard as the script may see them: "" where
 * "security policies do not allow access to the user's email address", e.g. in a simple trigger or for a
 * user outside the owner's domain (developers.google.com/apps-script/reference/base/user#getEmail()).
 * `effective` is the account the script runs as: "If the script runs under an installable trigger, this is
 * the account of the user who created the trigger"
 * (developers.google.com/apps-script/reference/base/session#getEffectiveUser()).
 */
export interface SessionUsers {
  active: string;
  effective: string;
}

export class EmulatedSession
  implements
    Pick<GSession, 'getActiveUserLocale' | 'getScriptTimeZone' | 'getTemporaryActiveUserKey'>,
    Accepts<GSession, 'getActiveUser' | 'getEffectiveUser'>
{
  constructor(
    private readonly users: SessionUsers,
    private readonly timeZone: string,
  ) {}
  getActiveUser(): EmulatedUser {
    return new EmulatedUser(this.users.active);
  }
  getEffectiveUser(): EmulatedUser {
    return new EmulatedUser(this.users.effective);
  }
  getActiveUserLocale(): string {
    return 'en_GB';
  }
  getScriptTimeZone(): string {
    return this.timeZone;
  }
  /** An opaque key per user (a digest, so the address cannot be read back from it). */
  getTemporaryActiveUserKey(): string {
    return createHash('sha256')
      .update(`emulator:${this.users.active || this.users.effective}`)
      .digest('base64url')
      .slice(0, 43);
  }
}

// --- HtmlService
export class EmulatedHtmlOutput
  implements
    Pick<GHtmlOutput, 'getContent' | 'getTitle'>,
    Accepts<
      GHtmlOutput,
      | 'setContent'
      | 'append'
      | 'setTitle'
      | 'setWidth'
      | 'setHeight'
      | 'setSandboxMode'
      | 'setXFrameOptionsMode'
      | 'addMetaTag'
    >
{
  private title = '';
  width = 0;
  height = 0;
  constructor(private content: string) {}
  getContent(): string {
    return this.content;
  }
  setContent(content: string): this {
    this.content = content;
    return this;
  }
  append(content: string): this {
    this.content += content;
    return this;
  }
  setTitle(title: string): this {
    this.title = title;
    return this;
  }
  getTitle(): string {
    return this.title;
  }
  setWidth(width: number): this {
    this.width = width;
    return this;
  }
  setHeight(height: number): this {
    this.height = height;
    return this;
  }
  setSandboxMode(_mode: unknown): this {
    return this;
  }
  setXFrameOptionsMode(_mode: unknown): this {
    return this;
  }
  addMetaTag(_name: string, _content: string): this {
    return this;
  }
}

export class EmulatedHtmlService implements Accepts<
  GHtmlService,
  'createHtmlOutput' | 'createHtmlOutputFromFile'
> {
  readonly SandboxMode = { IFRAME: 'IFRAME', NATIVE: 'NATIVE', EMULATED: 'EMULATED' };
  readonly XFrameOptionsMode = { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' };
  constructor(private readonly buildDir: string) {}
  createHtmlOutput(html = ''): EmulatedHtmlOutput {
    return new EmulatedHtmlOutput(html);
  }
  createHtmlOutputFromFile(filename: string): EmulatedHtmlOutput {
    const name = filename.endsWith('.html') ? filename : `${filename}.html`;
    try {
      return new EmulatedHtmlOutput(readFileSync(join(this.buildDir, name), 'utf8'));
    } catch {
      throw new Error(`Exception: No HTML file named ${filename} was found.`);
    }
  }
}

// --- UrlFetchApp: answers only from fixtures; the network is never touched
export interface UrlFixture {
  status?: number;
  body: string;
  headers?: Record<string, string>;
}

export class EmulatedUrlFetchApp implements Accepts<GUrlFetchApp, 'fetch'> {
  constructor(private readonly fixtures: Map<string, UrlFixture>) {}
  fetch(
    url: string,
    params: { muteHttpExceptions?: boolean } = {},
  ): {
    getResponseCode(): number;
    getContentText(): string;
    getHeaders(): Record<string, string>;
  } {
    const fixture = this.fixtures.get(url);
    if (!fixture) throw new Error(`Exception: DNS error: ${url} (no fixture registered in the emulator)`);
    const status = fixture.status ?? 200;
    if (status >= 400 && !params.muteHttpExceptions) {
      throw new Error(`Exception: Request failed for ${url} returned code ${status}.`);
    }
    return {
      getResponseCode: () => status,
      getContentText: () => fixture.body,
      getHeaders: () => ({ ...(fixture.headers ?? {}) }),
    };
  }
}

// --- Logger and console: recorded per invocation
/** A logged value as the Apps Script log shows it: text as is, other values as JSON where possible. */
function logText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return String(value);
  if (value instanceof Error || Object.prototype.toString.call(value) === '[object Error]')
    return String(value);
  if (Object.prototype.toString.call(value) === '[object Date]') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export class LogRecorder {
  lines: string[] = [];
  /** Logger (developers.google.com/apps-script/reference/base/logger): log(format, ...values) with %s. */
  logger(): { log: (f: unknown, ...v: unknown[]) => unknown; getLog: () => string; clear: () => void } {
    const logger = {
      log: (format: unknown, ...values: unknown[]) => {
        let text = logText(format);
        const rest = [...values];
        if (typeof format === 'string')
          text = text.replace(/%s|%d/g, (m) => (rest.length ? logText(rest.shift()) : m));
        this.lines.push(text);
        return logger;
      },
      getLog: () => this.lines.join('\n'),
      clear: () => {
        this.lines.length = 0;
      },
    };
    return logger;
  }
  console(): Record<'log' | 'info' | 'warn' | 'error' | 'debug', (...args: unknown[]) => void> {
    const write =
      (level: string) =>
      (...args: unknown[]) => {
        this.lines.push(`${level}: ${args.map(logText).join(' ')}`);
      };
    return {
      log: write('log'),
      info: write('info'),
      warn: write('warn'),
      error: write('error'),
      debug: write('debug'),
    };
  }
}
