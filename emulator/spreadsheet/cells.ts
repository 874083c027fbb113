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
  };
}

export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/**
 * Stores a written value as Sheets would. Formulas are kept as text; their computed value is only known for
 * the trivial forms below, otherwise it reads "#ERROR!" — enough to make formula injection visible in tests.
 */
export function writeCell(cell: Cell, input: unknown): void {
  cell.formula = '';
  if (input === null || input === undefined) {
    cell.value = '';
  } else if (isDate(input)) {
    cell.value = new Date(input.getTime());
  } else if (typeof input === 'number' || typeof input === 'boolean') {
    cell.value = input;
  } else {
    const text = String(input);
    if (text.startsWith("'")) {
      cell.value = text.slice(1);
    } else if (text.startsWith('=') && text.length > 1) {
      cell.formula = text;
      cell.value = evaluateTrivialFormula(text);
    } else if (cell.numberFormat !== '@' && /^-?\d+(\.\d+)?$/.test(text) && text.length < 16) {
      // Sheets parses numeric-looking text as a number (losing a phone number's leading zero) unless the
      // cell is formatted as plain text ("@").
      cell.value = Number(text);
    } else {
      cell.value = text;
    }
  }
}

function evaluateTrivialFormula(formula: string): CellValue {
  const literal = /^=\s*"([^"]*)"\s*$/.exec(formula);
  if (literal) return literal[1]!;
  const number = /^=\s*(-?\d+(?:\.\d+)?)\s*$/.exec(formula);
  if (number) return Number(number[1]);
  return '#ERROR!';
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * The text Sheets shows for a value in the default en_GB locale of a UK spreadsheet. Dates show as
 * dd/MM/yyyy HH:mm:ss in the spreadsheet's time zone, or dd/MM/yyyy when the time is midnight.
 */
export function displayValue(value: CellValue, timeZone: string): string {
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
