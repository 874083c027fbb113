/**
 * Counting what a script asks of the services: the cost model tests and benchmarks assert on.
 * Every service object handed into the script's context is wrapped in a Proxy that counts each method call
 * (`Range.getValues`) and the cells it reads or writes; objects it returns are wrapped the same way.
 */
import { isDate } from './spreadsheet/cells';

export interface CallStats {
  calls: Record<string, number>;
  totalCalls: number;
  cellsRead: number;
  cellsWritten: number;
}

export function emptyStats(): CallStats {
  return { calls: {}, totalCalls: 0, cellsRead: 0, cellsWritten: 0 };
}

const READS_GRID = new Set(['getValues', 'getDisplayValues', 'getFormulas', 'getBackgrounds', 'getNotes']);
const READS_ONE = new Set(['getValue', 'getDisplayValue', 'getFormula']);
const WRITES_GRID = new Set([
  'setValues',
  'setFormulas',
  'setBackgrounds',
  'setNumberFormats',
  'setFontWeights',
]);
const WRITES_RANGE = new Set(['setValue', 'setFormula', 'clearContent', 'clear']);

function gridSize(value: unknown): number {
  return Array.isArray(value)
    ? value.reduce((n: number, row) => n + (Array.isArray(row) ? row.length : 0), 0)
    : 0;
}

interface RangeLike {
  getNumRows(): number;
  getNumColumns(): number;
}

/** Marshals values between the host realm and the script's vm realm, counting calls on the way. */
export class Marshal {
  private readonly proxies = new WeakMap<object, object>();
  private readonly targets = new WeakMap<object, object>();

  constructor(
    private readonly stats: CallStats,
    private readonly makeDate: (ms: number) => Date,
  ) {}

  /** A host value as the script sees it. */
  toScript(value: unknown, name = 'Object'): unknown {
    if (value === null || value === undefined || typeof value !== 'object') {
      return typeof value === 'function'
        ? this.wrapFunction(value as (...a: unknown[]) => unknown, name)
        : value;
    }
    if (isDate(value)) return this.makeDate(value.getTime());
    if (Array.isArray(value)) return value.map((v) => this.toScript(v, name));
    return this.wrap(value);
  }

  /** A script value as the host sees it. */
  toHost(value: unknown): unknown {
    if (value === null || value === undefined || typeof value !== 'object') return value;
    const target = this.targets.get(value);
    if (target) return target;
    if (isDate(value)) return new Date((value as Date).getTime());
    if (Array.isArray(value)) return value.map((v) => this.toHost(v));
    return value;
  }

  private wrapFunction(fn: (...a: unknown[]) => unknown, name: string): unknown {
    return (...args: unknown[]) => this.toScript(fn(...args.map((a) => this.toHost(a))), name);
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
    const proxy = new Proxy(target, {
      get: (t, prop, receiver) => {
        const value = Reflect.get(t, prop, receiver) as unknown;
        if (typeof prop !== 'string') return value;
        if (typeof value !== 'function') return this.toScript(value);
        return (...args: unknown[]) => {
          const key = `${className}.${prop}`;
          this.stats.calls[key] = (this.stats.calls[key] ?? 0) + 1;
          this.stats.totalCalls += 1;
          const hostArgs = args.map((a) => this.toHost(a));
          const result = (value as (...a: unknown[]) => unknown).apply(t, hostArgs);
          this.countCells(prop, t, hostArgs, result);
          return this.toScript(result);
        };
      },
    });
    this.proxies.set(target, proxy);
    this.targets.set(proxy, target);
    return proxy;
  }

  private countCells(method: string, target: object, args: unknown[], result: unknown): void {
    if (READS_GRID.has(method)) this.stats.cellsRead += gridSize(result);
    else if (READS_ONE.has(method)) this.stats.cellsRead += 1;
    else if (WRITES_GRID.has(method)) this.stats.cellsWritten += gridSize(args[0]);
    else if (WRITES_RANGE.has(method) && 'getNumRows' in target) {
      const range = target as RangeLike;
      this.stats.cellsWritten += range.getNumRows() * range.getNumColumns();
    } else if (method === 'appendRow' && Array.isArray(args[0])) this.stats.cellsWritten += args[0].length;
  }
}
