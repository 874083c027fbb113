/**
 * Text written to a cell is read the way Sheets reads typed input ("USER_ENTERED": "strings may be
 * converted to numbers, dates, etc. following the same rules that are applied when entering text into a
 * cell via the Google Sheets UI", developers.google.com/sheets/api/reference/rest/v4/ValueInputOption;
 * Range.setValue/setValues behave so). The spreadsheet's locale is en_GB, so dates are day first.
 *
 * Where the exact rule is not published, the emulator converts whenever Sheets might: a product that keeps
 * text as text only by luck should fail here, not in an office.
 */
import { zonedInstant } from './cells';

export type Parsed =
  | { kind: 'text'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'date'; value: Date }
  | { kind: 'formula'; formula: string };

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** en_GB grouping: "1,234" and "1,234,567.5" are numbers. */
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function plainNumber(text: string): number | null {
  const t = text.replace(/^([+-]?)£/, '$1');
  if (NUMBER.test(t)) return Number(t);
  if (GROUPED.test(t)) return Number(t.replace(/,/g, ''));
  return null;
}

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Two-digit years as Sheets reads them: 00–29 are 20xx, 30–99 are 19xx. */
const fullYear = (y: string) => (y.length === 4 ? Number(y) : Number(y) + (Number(y) < 30 ? 2000 : 1900));

/**
 * A date, date-time or time in en_GB order: 23/11/2026, 23-11-2026, 23.11.2026, 2026-11-23, 2026/11/23,
 * 23 Nov 2026, 23 November 2026, each optionally followed by HH:mm or HH:mm:ss; or a time alone (which
 * Sheets stores as that time on 30 December 1899, its day zero).
 */
function parseDate(text: string, timeZone: string): Date | null {
  const time = /^(.*?)(?:^|\s+)(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  const datePart = time ? time[1]!.trim() : text;
  const [hour, minute, second] = time ? [Number(time[2]), Number(time[3]), Number(time[4] ?? 0)] : [0, 0, 0];
  if (hour > 23 || minute > 59 || second > 59) return null;
  let ymd: [number, number, number] | null = null;
  if (datePart === '') {
    if (!time) return null;
    ymd = [1899, 12, 30];
  } else {
    const dmy = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/.exec(datePart);
    const iso = /^(\d{4})([/-])(\d{1,2})\2(\d{1,2})$/.exec(datePart);
    const named = /^(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})$/.exec(datePart);
    if (dmy) ymd = [fullYear(dmy[4]!), Number(dmy[3]), Number(dmy[1])];
    else if (iso) ymd = [Number(iso[1]), Number(iso[3]), Number(iso[4])];
    else if (named) {
      const name = named[2]!.toLowerCase();
      const month = MONTHS.findIndex((m) => name === m || name === m.slice(0, 3));
      if (month >= 0) ymd = [Number(named[3]), month + 1, Number(named[1])];
    }
  }
  if (!ymd || !validDay(...ymd)) return null;
  const at = zonedInstant(timeZone, ymd[0], ymd[1], ymd[2], hour, minute);
  return new Date(at.getTime() + second * 1000);
}

/**
 * How Sheets stores typed text. A leading apostrophe forces text; "=" starts a formula; so do "+" and "-"
 * when what follows is not a number (Sheets, like other spreadsheets, reads "+44 7700 900123" or "-foo" as
 * a formula, which then fails to parse); TRUE/FALSE are booleans; numbers lose leading zeros; "12%" is
 * 0.12; en_GB dates and times become dates. A cell formatted as plain text ("@") keeps everything but the
 * apostrophe as typed.
 */
export function parseTyped(input: string, plainText: boolean, timeZone: string): Parsed {
  if (input.startsWith("'")) return { kind: 'text', value: input.slice(1) };
  if (plainText) return { kind: 'text', value: input };
  const text = input.trim();
  if (text === '') return { kind: 'text', value: input };
  if (text.startsWith('=') && text.length > 1) return { kind: 'formula', formula: text };
  const number = plainNumber(text);
  if (number !== null) return { kind: 'number', value: number };
  const percent = /^(.*)%$/.exec(text);
  if (percent) {
    const n = plainNumber(percent[1]!.trim());
    if (n !== null) return { kind: 'number', value: n / 100 };
  }
  if (/^(true|false)$/i.test(text)) return { kind: 'boolean', value: text.toLowerCase() === 'true' };
  const date = parseDate(text, timeZone);
  if (date) return { kind: 'date', value: date };
  if (/^[+-]./.test(text)) return { kind: 'formula', formula: `=${text}` };
  return { kind: 'text', value: input };
}
