import type { LocalDate } from '../model';

// LocalDates are calendar days, not instants: arithmetic on them goes through a day count so no time zone
// (the runtime's, UTC or London) can shift a day. Date.UTC is used only as a proleptic calendar here.
const MS_PER_DAY = 86_400_000;
const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written `YYYY-MM-DD` (so `2026-02-30` is false). */
export function isLocalDate(s: string): boolean {
  const m = SHAPE.exec(s);
  if (!m) return false;
  const [, y, mo, d] = m.map(Number) as [number, number, number, number];
  return fromDayNumber(toDayNumberUnchecked(y, mo, d)) === s;
}

/** Days since 1970-01-01. Throws on a malformed date: callers pass LocalDates, not user text. */
export function toDayNumber(day: LocalDate): number {
  if (!isLocalDate(day)) throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(day)}`);
  return toDayNumberUnchecked(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)));
}

function toDayNumberUnchecked(year: number, month: number, date: number): number {
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, date);
  return Math.round(t.getTime() / MS_PER_DAY);
}

export function fromDayNumber(n: number): LocalDate {
  const t = new Date(n * MS_PER_DAY);
  const y = String(t.getUTCFullYear()).padStart(4, '0');
  const m = String(t.getUTCMonth() + 1).padStart(2, '0');
  const d = String(t.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** 0 = Sunday ... 6 = Saturday. 1970-01-01 was a Thursday. */
export function dayOfWeek(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

/** Same month and day `years` later; 29 February becomes 28 February in a common year. */
export function addYears(day: LocalDate, years: number): LocalDate {
  toDayNumber(day);
  const y = Number(day.slice(0, 4)) + years;
  const md = day.slice(5);
  const candidate = `${String(y).padStart(4, '0')}-${md}`;
  return isLocalDate(candidate) ? candidate : `${String(y).padStart(4, '0')}-02-28`;
}
