/**
 * The small part of the Sheets formula language that custom-formula conditional formats use in this
 * product: comparisons (`=`, `<>`, `<`, `<=`, `>`, `>=`), `&` joins, string and number literals, cell
 * references relative to the rule's range (`$F2`, `F$2`, `$F$2`), and the functions AND, OR, NOT, TODAY,
 * TEXT (date patterns yyyy, mm, dd only) and LEN.
 *
 * Sheets compares text without regard to case and ranks any number below any text
 * (https://support.google.com/docs/answer/3093309 lists these operators; the ordering follows the sort
 * order Sheets documents for mixed columns). TODAY() is the day in the spreadsheet's time zone
 * (https://support.google.com/docs/answer/3092984), so a rule comparing a deadline with it changes at
 * local midnight without any script running.
 *
 * Inside a formula a date is a number: the days since 30 December 1899, in the spreadsheet's time zone,
 * with the time of day as the fraction (https://support.google.com/docs/answer/3092969, DATEVALUE). So a
 * date cell read by a reference becomes that serial number here, TODAY() is a whole number, and a date
 * compares with TODAY() by its local day whatever instant the script wrote; a date still compares below
 * any text, as numbers do.
 *
 * A formula outside this subset throws rather than quietly never matching: the emulator must not pass a
 * rule Google would colour differently.
 */

import { zonedParts } from './cells';

export type FormulaValue = string | number | boolean | Date;

/** Sheets' serial number of 30 December 1899, the day its date numbers count from, as a Unix day. */
const EPOCH_OFFSET = 25_569;

/** A date cell as the serial number a formula sees: its local date and time in the spreadsheet's zone. */
function serialOf(at: Date, timeZone: string): number {
  const p = zonedParts(at, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) / 86_400_000 + EPOCH_OFFSET;
}

export interface FormulaContext {
  /** The value of the cell at (row, column), both 1-based; '' when empty. */
  cell(row: number, column: number): FormulaValue;
  /** The current instant, and the spreadsheet's time zone for TODAY(). */
  now: Date;
  timeZone: string;
  /** Where the rule is being evaluated, relative to the first cell of its range (0-based offsets). */
  rowOffset: number;
  columnOffset: number;
}

type Token =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'ref'; col: number; row: number; absCol: boolean; absRow: boolean }
  | { t: 'name'; v: string }
  | { t: 'op'; v: string };

function columnNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

function tokenize(source: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const text = source.trim().replace(/^=/, '');
  while (i < text.length) {
    const rest = text.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const str = /^"((?:[^"]|"")*)"/.exec(rest);
    if (str) {
      out.push({ t: 'str', v: str[1]!.replace(/""/g, '"') });
      i += str[0].length;
      continue;
    }
    const num = /^\d+(\.\d+)?/.exec(rest);
    if (num) {
      out.push({ t: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const ref = /^(\$?)([A-Z]{1,3})(\$?)(\d+)(?![A-Z0-9_(])/i.exec(rest);
    if (ref) {
      out.push({
        t: 'ref',
        absCol: ref[1] === '$',
        col: columnNumber(ref[2]!),
        absRow: ref[3] === '$',
        row: Number(ref[4]),
      });
      i += ref[0].length;
      continue;
    }
    const name = /^[A-Z][A-Z0-9.]*(?=\s*\()/i.exec(rest);
    if (name) {
      out.push({ t: 'name', v: name[0].toUpperCase() });
      i += name[0].length;
      continue;
    }
    const op = /^(<>|<=|>=|[=<>&(),])/.exec(rest);
    if (op) {
      out.push({ t: 'op', v: op[0] });
      i += op[0].length;
      continue;
    }
    throw new Error(`Formula not emulated: cannot read "${rest}" in ${source}`);
  }
  return out;
}

type Node =
  | { k: 'lit'; v: FormulaValue }
  | { k: 'ref'; col: number; row: number; absCol: boolean; absRow: boolean }
  | { k: 'call'; name: string; args: Node[] }
  | { k: 'bin'; op: string; a: Node; b: Node };

function parse(source: string): Node {
  const tokens = tokenize(source);
  let p = 0;
  const peek = () => tokens[p];
  const isOp = (v: string) => {
    const t = peek();
    return t !== undefined && t.t === 'op' && t.v === v;
  };
  const expect = (v: string) => {
    if (!isOp(v)) throw new Error(`Formula not emulated: expected "${v}" in ${source}`);
    p++;
  };
  const comparison = (): Node => {
    let a = concat();
    for (;;) {
      const t = peek();
      if (t?.t === 'op' && ['=', '<>', '<', '<=', '>', '>='].includes(t.v)) {
        p++;
        a = { k: 'bin', op: t.v, a, b: concat() };
      } else return a;
    }
  };
  const concat = (): Node => {
    let a = primary();
    while (isOp('&')) {
      p++;
      a = { k: 'bin', op: '&', a, b: primary() };
    }
    return a;
  };
  const primary = (): Node => {
    const t = tokens[p++];
    if (!t) throw new Error(`Formula not emulated: ${source} ends too soon`);
    if (t.t === 'num' || t.t === 'str') return { k: 'lit', v: t.v };
    if (t.t === 'ref') return { k: 'ref', col: t.col, row: t.row, absCol: t.absCol, absRow: t.absRow };
    if (t.t === 'name') {
      expect('(');
      const args: Node[] = [];
      if (!isOp(')')) {
        args.push(comparison());
        while (isOp(',')) {
          p++;
          args.push(comparison());
        }
      }
      expect(')');
      return { k: 'call', name: t.v, args };
    }
    if (t.v === '(') {
      const inner = comparison();
      expect(')');
      return inner;
    }
    throw new Error(`Formula not emulated: unexpected "${t.v}" in ${source}`);
  };
  const node = comparison();
  if (p !== tokens.length)
    throw new Error(`Formula not emulated: unexpected text after position ${p} in ${source}`);
  return node;
}

/** TODAY() as Sheets holds it: the serial number of the local day, a whole number. */
function today(ctx: FormulaContext): number {
  return Math.floor(serialOf(ctx.now, ctx.timeZone));
}

/** TEXT(date, pattern) for the day patterns only; the date is a serial number (see above). */
function text(value: FormulaValue, pattern: string): string {
  if (typeof value !== 'number')
    throw new Error(`Formula not emulated: TEXT of a non-date (${String(value)})`);
  if (!/^(yyyy|mm|dd|[-/ ])+$/i.test(pattern))
    throw new Error(`Formula not emulated: TEXT pattern "${pattern}"`);
  const day = new Date(Math.floor(value - EPOCH_OFFSET) * 86_400_000);
  const parts: Record<string, string> = {
    yyyy: String(day.getUTCFullYear()),
    mm: String(day.getUTCMonth() + 1).padStart(2, '0'),
    dd: String(day.getUTCDate()).padStart(2, '0'),
  };
  return pattern.replace(/yyyy|mm|dd/gi, (part) => parts[part.toLowerCase()]!);
}

function truthy(v: FormulaValue): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  // A reference turns a date cell into its serial number; nothing else yields a Date.
  if (v instanceof Date) return true;
  if (v === '') return false;
  if (/^(true|false)$/i.test(v)) return v.toUpperCase() === 'TRUE';
  throw new Error(`Formula not emulated: "${v}" used as TRUE/FALSE (Sheets gives #VALUE!)`);
}

/** Sheets' order for comparisons: numbers (dates are numbers) < text < booleans; text ignores case. */
function compare(a: FormulaValue, b: FormulaValue): number {
  const rank = (v: FormulaValue) => (typeof v === 'boolean' ? 2 : typeof v === 'string' && v !== '' ? 1 : 0);
  const num = (v: FormulaValue) => (v === '' ? 0 : Number(v));
  const ra = a === '' ? rank(b) : rank(a);
  const rb = b === '' ? rank(a) : rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 1) {
    const x = String(a).toLowerCase();
    const y = String(b).toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (ra === 2) return Number(a) - Number(b);
  return num(a) - num(b);
}

function evaluate(node: Node, ctx: FormulaContext): FormulaValue {
  switch (node.k) {
    case 'lit':
      return node.v;
    case 'ref': {
      const value = ctx.cell(
        node.row + (node.absRow ? 0 : ctx.rowOffset),
        node.col + (node.absCol ? 0 : ctx.columnOffset),
      );
      return value instanceof Date ? serialOf(value, ctx.timeZone) : value;
    }
    case 'bin': {
      const a = evaluate(node.a, ctx);
      const b = evaluate(node.b, ctx);
      if (node.op === '&') return `${String(a)}${String(b)}`;
      const c = compare(a, b);
      return { '=': c === 0, '<>': c !== 0, '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0 }[node.op]!;
    }
    case 'call': {
      const args = node.args;
      switch (node.name) {
        case 'AND':
          return args.every((a) => truthy(evaluate(a, ctx)));
        case 'OR':
          return args.some((a) => truthy(evaluate(a, ctx)));
        case 'NOT':
          return !truthy(evaluate(args[0]!, ctx));
        case 'TODAY':
          return today(ctx);
        case 'LEN':
          return String(evaluate(args[0]!, ctx)).length;
        case 'TEXT':
          return text(evaluate(args[0]!, ctx), String(evaluate(args[1]!, ctx)));
      }
      throw new Error(`Formula not emulated: ${node.name}()`);
    }
  }
}

/** Whether a custom-formula condition holds at the given offset within its range. */
export function formulaHolds(formula: string, ctx: FormulaContext): boolean {
  const value = evaluate(parse(formula), ctx);
  return typeof value === 'boolean' ? value : truthy(value);
}
