import { parseTyped } from './parse';

/**
 * How a Sheets cell holds what is written to it. Sheets returns dates as Date, empty cells as "", numbers
 * as numbers; a string starting with "=" is a formula, and a leading apostrophe forces literal text
 * (developers.google.com/apps-script/reference/spreadsheet/range#setvaluesvalues).
 */
export type CellValue = string | number | boolean | Date;

export interface Cell {
  value: CellValue;
  formula: string;
  background: string | null;
  note: string;
  validation: unknown | null;
  numberFormat: string | null;
  fontWeight: string | null;
  fontColor: string | null;
  /** Range.setWrapStrategy's value; null for a cell never set, which Sheets shows as OVERFLOW. */
  wrap: 'WRAP' | 'OVERFLOW' | 'CLIP' | null;
  horizontalAlignment: string | null;
  verticalAlignment: string | null;
}

export function emptyCell(): Cell {
  return {
    value: '',
    formula: '',
    background: null,
    note: '',
    validation: null,
    numberFormat: null,
    fontWeight: null,
    fontColor: null,
    wrap: null,
    horizontalAlignment: null,
    verticalAlignment: null,
  };
}

export function isDate(value: unknown): value is Date {
  // Most cells are strings and numbers: answered without building a tag string for each.
  return (
    typeof value === 'object' && value !== null && Object.prototype.toString.call(value) === '[object Date]'
  );
}

/**
 * Google's limit on what one cell holds, formulas included: 50,000 characters (Drive's file limits,
 * support.google.com/drive/answer/37603; reported by integrators who hit it, e.g.
 * github.com/ONE-F-M/one_fm/pull/1926), and the message a script meets past it as developers report it.
 */
export const CELL_CHARACTER_LIMIT = 50000;
export function checkCellLength(text: string): void {
  if (text.length > CELL_CHARACTER_LIMIT)
    throw new Error(
      `Exception: Your input contains more than the maximum of ${CELL_CHARACTER_LIMIT} characters in a single cell.`,
    );
}

/**
 * Stores a written value as Sheets would: dates, numbers and booleans as they are, text parsed as typed
 * input (./parse.ts) unless the cell is formatted as plain text. Formulas are kept as text; their computed
 * value is only known for the trivial forms below, otherwise it reads "#ERROR!" — enough to make formula
 * injection visible in tests.
 */
export function writeCell(cell: Cell, input: unknown, timeZone: string): void {
  const stored = storedValue(input, cell.numberFormat === '@', timeZone);
  cell.formula = stored.formula;
  cell.value = stored.value;
}

function storedValue(
  input: unknown,
  plainText: boolean,
  timeZone: string,
): { value: CellValue; formula: string } {
  if (input === null || input === undefined) return { value: '', formula: '' };
  if (isDate(input)) return { value: new Date(input.getTime()), formula: '' };
  if (typeof input === 'number' || typeof input === 'boolean') return { value: input, formula: '' };
  const text = String(input);
  checkCellLength(text);
  const parsed = parseTyped(text, plainText, timeZone);
  if (parsed.kind === 'formula')
    return { value: evaluateTrivialFormula(parsed.formula), formula: parsed.formula };
  return { value: parsed.value, formula: '' };
}

/**
 * The computed value of a formula, for the trivial forms only: a string literal (`="text"`), a number,
 * TRUE/FALSE, and one arithmetic operation on two numbers (`=1+2`). Anything else (functions, cell
 * references) reads "#ERROR!": the emulator keeps formulas visible rather than computing them.
 */
export function evaluateTrivialFormula(formula: string): CellValue {
  const literal = /^=\s*"([^"]*)"\s*$/.exec(formula);
  if (literal) return literal[1]!;
  const number = /^=\s*(-?\d+(?:\.\d+)?)\s*$/.exec(formula);
  if (number) return Number(number[1]);
  const bool = /^=\s*(TRUE|FALSE)\s*$/i.exec(formula);
  if (bool) return bool[1]!.toUpperCase() === 'TRUE';
  const sum = /^=\s*(-?\d+(?:\.\d+)?)\s*([-+*/])\s*(-?\d+(?:\.\d+)?)\s*$/.exec(formula);
  if (sum) {
    const [x, y] = [Number(sum[1]), Number(sum[3])];
    switch (sum[2]) {
      case '+':
        return x + y;
      case '-':
        return x - y;
      case '*':
        return x * y;
      default:
        return y === 0 ? '#DIV/0!' : x / y;
    }
  }
  return '#ERROR!';
}

/**
 * Sheets' sort order for two cell values: numbers and dates before text, text case-insensitively, and
 * empty cells last whatever the direction (returned as +2/-2 so a descending sort leaves them last).
 */
export function compareValues(x: CellValue, y: CellValue): number {
  if (x === y) return 0;
  if (x === '') return 2;
  if (y === '') return -2;
  const nx = isDate(x) ? x.getTime() : x;
  const ny = isDate(y) ? y.getTime() : y;
  const rank = (v: unknown) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  if (rank(nx) !== rank(ny)) return Math.sign(rank(nx) - rank(ny));
  if (typeof nx === 'number' && typeof ny === 'number') return Math.sign(nx - ny);
  return Math.sign(String(nx).localeCompare(String(ny), 'en-GB', { sensitivity: 'base' }));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * A date under a Sheets date-time number format (`dd/mm/yyyy`, `dd/mm/yyyy hh:mm`, `d mmmm yyyy`, ...).
 * As in Sheets, `m`/`mm` mean minutes right after an hour or right before seconds, months otherwise.
 */
function formatDateCell(date: Date, format: string, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  const tokens = format.match(/"[^"]*"|\\.|AM\/PM|am\/pm|d+|m+|y+|h+|s+|[^dmyhs"\\]+/gi) ?? [];
  const twelve = tokens.some((t) => /^am\/pm$/i.test(t));
  return tokens
    .map((t, i) => {
      const lower = t.toLowerCase();
      const n = t.length;
      if (t.startsWith('"')) return t.slice(1, -1);
      if (t.startsWith('\\')) return t.slice(1);
      if (/^am\/pm$/i.test(t)) return p.hour < 12 ? 'AM' : 'PM';
      switch (lower[0]) {
        case 'd':
          return n >= 4 ? LONG_DAYS[p.weekday]! : n === 3 ? LONG_DAYS[p.weekday]!.slice(0, 3) : pad(p.day, n);
        case 'y':
          return n <= 2 ? pad(p.year % 100) : String(p.year);
        case 'h':
          return pad(twelve ? p.hour % 12 || 12 : p.hour, Math.min(n, 2));
        case 's':
          return pad(p.second, Math.min(n, 2));
        case 'm': {
          const before = tokens
            .slice(0, i)
            .reverse()
            .find((x) => /^[a-z]/i.test(x) && !/^am\/pm$/i.test(x));
          const after = tokens.slice(i + 1).find((x) => /^[a-z]/i.test(x) && !/^am\/pm$/i.test(x));
          const minutes = n <= 2 && (/^h/i.test(before ?? '') || /^s/i.test(after ?? ''));
          if (minutes) return pad(p.minute, n);
          return n >= 4 ? LONG_MONTHS[p.month - 1]! : n === 3 ? SHORT_MONTHS[p.month - 1]! : pad(p.month, n);
        }
        default:
          return t;
      }
    })
    .join('');
}

/** A number under a plain numeric format: `0`, `0.00`, `#,##0`, `#,##0.00`, `0%`, `0.0%`. */
function formatNumberCell(value: number, format: string): string | null {
  const m = /^([#,]*0*)(?:\.(0+))?(%?)$/.exec(format);
  if (!m || !m[1]) return null;
  const scaled = m[3] ? value * 100 : value;
  const decimals = m[2]?.length ?? 0;
  const text = m[1].includes(',')
    ? scaled.toLocaleString('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })
    : scaled.toFixed(decimals);
  return `${text}${m[3]}`;
}

/**
 * The text Sheets shows for a value in the en_GB locale of a UK spreadsheet. With no number format (or
 * "General"), dates show as dd/MM/yyyy HH:mm:ss in the spreadsheet's time zone (dd/MM/yyyy when the time
 * is midnight), numbers plainly, booleans as TRUE/FALSE. Date-time formats (`dd/mm/yyyy hh:mm`) and
 * plain numeric formats (`0.00`, `#,##0`, `0%`) are applied; other formats show the value as if General.
 */
export function displayValue(value: CellValue, timeZone: string, numberFormat: string | null = null): string {
  if (numberFormat && numberFormat !== 'General' && numberFormat !== '@') {
    if (isDate(value) && /[dmyhs]/i.test(numberFormat.replace(/"[^"]*"/g, '')))
      return formatDateCell(value, numberFormat, timeZone);
    if (typeof value === 'number') {
      const text = formatNumberCell(value, numberFormat);
      if (text !== null) return text;
    }
  }
  if (isDate(value)) {
    const parts = zonedParts(value, timeZone);
    const day = `${pad(parts.day)}/${pad(parts.month)}/${parts.year}`;
    if (parts.hour === 0 && parts.minute === 0 && parts.second === 0) return day;
    return `${day} ${pad(parts.hour)}:${pad(parts.minute)}:${pad(parts.second)}`;
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
  offsetMinutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

export function zonedParts(date: Date, timeZone: string): ZonedParts {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, fmt);
  }
  const get = (type: string) => fmt.formatToParts(date).find((p) => p.type === type)?.value ?? '0';
  const parts = {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')),
    minute: Number(get('minute')),
    second: Number(get('second')),
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday')),
  };
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  const offsetMinutes = Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
  return { ...parts, offsetMinutes };
}

/** The instant at which the wall clock in `timeZone` shows the given time. */
export function zonedInstant(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = zonedParts(new Date(guess), timeZone).offsetMinutes;
  const candidate = new Date(guess - first * 60000);
  const second = zonedParts(candidate, timeZone).offsetMinutes;
  return second === first ? candidate : new Date(guess - second * 60000);
}
