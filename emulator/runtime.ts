/**
 * The V8 runtime the bundle meets on Google (developers.google.com/apps-script/guides/v8-runtime): each
 * invocation gets a fresh `node:vm` context holding only the ECMAScript built-ins and the Apps Script
 * globals, so module state never survives between invocations. The bundle is compiled once and run in
 * every new context.
 *
 * Values cross between the host (the emulator's services) and the script's realm through a Marshal:
 * dates become the realm's `Date` (so `value instanceof Date` holds in the script), arrays and plain
 * data objects are rebuilt in the realm, service objects are wrapped in a counting Proxy, and errors the
 * services throw become the realm's `Error` named `Exception`, as Google's are.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { types } from 'node:util';
import { Script, createContext, type Context } from 'node:vm';
import { countCells, type CallStats } from './stats';
import { isDate } from './spreadsheet/cells';

/** The realm's own constructors, captured before the bundle runs (it could shadow them). */
export interface Realm {
  Date: DateConstructor;
  Array: ArrayConstructor;
  Object: ObjectConstructor;
  Error: ErrorConstructor;
}

/**
 * Replaces `Date` in the realm with one whose "now" is the virtual clock. It shares the built-in
 * prototype, so every date in the realm is `instanceof Date`, and `Date()` called without `new` still
 * returns a string, as the built-in does.
 */
const REALM_SETUP = new Script(`(function (RealDate, now) {
  function Date(...args) {
    if (!new.target) return new RealDate(now()).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [now()] : args, new.target);
  }
  Object.defineProperty(Date, 'length', { value: 7 });
  Date.prototype = RealDate.prototype;
  Date.now = function now_() { return now(); };
  Date.parse = RealDate.parse;
  Date.UTC = RealDate.UTC;
  Object.defineProperty(RealDate.prototype, 'constructor', { value: Date, writable: true, configurable: true });
  Object.defineProperty(globalThis, 'Date', { value: Date, writable: true, configurable: true, enumerable: false });
  delete globalThis.__now;
  return { Date, Array, Object, Error };
})(Date, globalThis.__now)`);

export class ScriptRuntime {
  private readonly script: Script;

  constructor(readonly bundlePath: string) {
    this.script = new Script(readFileSync(bundlePath, 'utf8'), { filename: basename(bundlePath) });
  }

  /** A fresh context with the virtual clock installed; the bundle is not yet loaded. */
  newContext(now: () => number): { context: Context & Record<string, unknown>; realm: Realm } {
    const context = createContext({}) as Context & Record<string, unknown>;
    context.__now = now;
    const realm = REALM_SETUP.runInContext(context) as Realm;
    return { context, realm };
  }

  /** Loads the bundle into a context: its top-level functions become the context's globals. */
  load(context: Context): void {
    this.script.runInContext(context);
  }
}

/** A host error or a realm error as a host Error, keeping name, message and stack. */
export function toHostError(error: unknown): Error {
  if (error instanceof Error) return error;
  if (types.isNativeError(error)) {
    const e = error as Error;
    const host = new Error(e.message);
    host.name = e.name;
    if (e.stack) host.stack = e.stack;
    return host;
  }
  return new Error(String(error));
}

const isPlainData = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value) as unknown;
  return (
    (proto === Object.prototype || proto === null) &&
    Object.values(value).every((v) => typeof v !== 'function')
  );
};

/**
 * Names the script's own runtime or libraries probe on any object without meaning to call a service
 * (promise resolution looks for `then`, JSON.stringify for `toJSON`): they read as absent, as on Google.
 */
const PROBED = new Set(['then', 'toJSON', 'constructor', 'prototype', 'length']);

/** Marshals values between the host realm and the script's realm, counting service calls on the way. */
export class Marshal {
  private readonly proxies = new WeakMap<object, object>();
  private readonly targets = new WeakMap<object, object>();

  constructor(
    private readonly stats: CallStats,
    private readonly realm: Realm,
    /** Runs before every service call the script makes; it may throw to end the execution there. */
    private readonly beforeCall: (key: string) => void = () => {},
    /** Runs after every service call, however it ended, with the cells it read or wrote (for its cost). */
    private readonly afterCall: (key: string, cells: number) => void = () => {},
  ) {}

  /** A host value as the script sees it. */
  toScript(value: unknown): unknown {
    if (value === null || value === undefined) return value;
    if (typeof value === 'function') return this.wrapFunction(value as (...a: unknown[]) => unknown);
    if (typeof value !== 'object') return value;
    if (this.targets.has(value)) return value; // already a proxy handed to the script
    if (isDate(value)) return new this.realm.Date(value.getTime());
    if (Array.isArray(value)) {
      // A grid of tens of thousands of cells crosses here on every large read: primitives are copied
      // without a call each.
      const list = value as unknown[];
      const out = new this.realm.Array(list.length) as unknown[];
      for (let i = 0; i < list.length; i++) {
        const v = list[i];
        out[i] = v === null || (typeof v !== 'object' && typeof v !== 'function') ? v : this.toScript(v);
      }
      return out;
    }
    if (types.isNativeError(value)) return value;
    if (isPlainData(value)) {
      const out = new this.realm.Object() as Record<string, unknown>;
      for (const [k, v] of Object.entries(value)) out[k] = this.toScript(v);
      return out;
    }
    return this.wrap(value);
  }

  /** A script value as the host sees it. */
  toHost(value: unknown): unknown {
    if (value === null || value === undefined || typeof value !== 'object') return value;
    const target = this.targets.get(value);
    if (target) return target;
    if (isDate(value)) return new Date(value.getTime());
    if (Array.isArray(value)) return value.map((v) => this.toHost(v));
    if (types.isNativeError(value)) return toHostError(value);
    if (Object.getPrototypeOf(value) === this.realm.Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.toHost(v);
      return out;
    }
    return value;
  }

  /** A service error as the script meets it on Google: an `Error` of its realm named `Exception`. */
  private toScriptError(error: unknown): Error {
    if (error !== null && typeof error === 'object' && !(error instanceof Error)) return error as Error;
    const message = error instanceof Error ? error.message : String(error);
    const e = new this.realm.Error(message.replace(/^Exception: /, ''));
    e.name = 'Exception';
    return e;
  }

  private wrapFunction(fn: (...a: unknown[]) => unknown): unknown {
    return (...args: unknown[]) => {
      try {
        return this.toScript(fn(...args.map((a) => this.toHost(a))));
      } catch (error) {
        throw this.toScriptError(error);
      }
    };
  }

  /** A top-level service, counted under its Apps Script name (`SpreadsheetApp.getActiveSpreadsheet`). */
  service(name: string, target: object): object {
    return this.wrap(target, name);
  }

  private wrap(target: object, name?: string): object {
    const existing = this.proxies.get(target);
    if (existing) return existing;
    const className =
      name ??
      (target.constructor?.name && target.constructor !== Object
        ? target.constructor.name.replace(/^Emulated/, '')
        : 'Object');
    const methods = new Map<string | symbol, unknown>();
    const proxy = new Proxy(target, {
      get: (t, prop, receiver) => {
        if (typeof prop === 'string' && !Reflect.has(t, prop) && !PROBED.has(prop)) {
          // A member Google has and the emulator lacks must fail loudly: doing nothing would let a test pass
          // on behaviour production never sees.
          return () => {
            throw this.toScriptError(new Error(`not emulated: ${className}.${prop}`));
          };
        }
        const value = Reflect.get(t, prop, receiver) as unknown;
        if (typeof prop !== 'string') return value;
        if (typeof value !== 'function') return this.toScript(value);
        let method = methods.get(prop);
        if (!method) {
          method = (...args: unknown[]) => {
            const key = `${className}.${prop}`;
            try {
              this.beforeCall(key);
            } catch (error) {
              throw this.toScriptError(error);
            }
            this.stats.calls[key] = (this.stats.calls[key] ?? 0) + 1;
            this.stats.totalCalls += 1;
            this.stats.sequence.push(key);
            const hostArgs = args.map((a) => this.toHost(a));
            const cellsBefore = this.stats.cellsRead + this.stats.cellsWritten;
            let result: unknown;
            try {
              result = (value as (...a: unknown[]) => unknown).apply(t, hostArgs);
              countCells(this.stats, prop, t, hostArgs, result);
            } catch (error) {
              throw this.toScriptError(error);
            } finally {
              this.afterCall(key, this.stats.cellsRead + this.stats.cellsWritten - cellsBefore);
            }
            return this.toScript(result);
          };
          methods.set(prop, method);
        }
        return method;
      },
    });
    this.proxies.set(target, proxy);
    this.targets.set(proxy, target);
    return proxy;
  }
}
