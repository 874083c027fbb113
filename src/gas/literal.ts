/**
 * Text that came from a person, written so Sheets stores it exactly as given.
 *
 * Sheets reads a written string the way it reads typing: "=…" (and "+…", "-…", "@…" in some locales and
 * pastes) becomes a formula, "07700900123" a number without its zero, "01/02/2026" a date, "true" a
 * boolean. A leading apostrophe stops all of that: Sheets keeps the rest as text and hands back the text
 * without the apostrophe. This is the one place that decides when the apostrophe is needed; every tab the
 * script writes person-provided text to without a plain-text ("@") format goes through it (Audit, Outbox,
 * Dashboard). Cases keeps its typed answers in plain-text columns instead (cases.ts, setup.ts), where an
 * apostrophe would be kept as a visible character.
 */
import type { Cell } from './table';

/** Starts a formula, or reads as a number, date, time, percentage, currency amount or boolean. */
const REINTERPRETED = /^(?:[=+\-@\t\r]|\s*[=+\-@\d.,(£$€])|^\s*(?:true|false)\s*$/i;

/** A month name followed by a number ("March 1 2026") is read as a date too. */
const MONTH_DATE = /^\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s,-]+\d/i;

/** True when Sheets would store `text` as something other than that text. */
export function needsApostrophe(text: string): boolean {
  return REINTERPRETED.test(text) || MONTH_DATE.test(text);
}

/**
 * `value` as a cell that keeps it literally: strings Sheets would reinterpret get a leading apostrophe.
 * Text already starting with one is left alone (core/text.ts sanitiseText prefixes answers at intake),
 * so writing a value twice never shows an apostrophe.
 */
export function literal(value: Cell): Cell {
  if (typeof value !== 'string' || value.startsWith("'")) return value;
  return needsApostrophe(value) ? `'${value}` : value;
}

/** Every value of a record through `literal`, for appends and keyed writes of person-provided text. */
export function literalValues<T extends Record<string, Cell>>(values: T): T {
  const out: Record<string, Cell> = {};
  for (const [key, value] of Object.entries(values)) out[key] = literal(value);
  return out as T;
}
