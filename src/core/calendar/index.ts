/**
 * Working-day arithmetic on Europe/London calendar days (DESIGN.md §6).
 *
 * Working days are Monday to Friday, less England-and-Wales bank holidays (a generated table, see
 * bank-holidays.ts) and the office closure days from Settings. The day of receipt is day 0, whatever kind
 * of day it is: `addWorkingDays(day, n)` is the n-th working day strictly after `day`, so a complaint
 * received on a Saturday has Monday as day 1 and Friday as day 5.
 *
 * Outside the years the table covers only weekends (and closures) are excluded; the calendar does not
 * throw there, but `hasBankHolidayData(day)` lets the shell warn that deadlines may be early.
 */
import type { LocalDate } from '../model';
import { BANK_HOLIDAY_YEARS, BANK_HOLIDAYS_SOURCE, bankHolidayDates } from './bank-holidays';
import { addYears, dayOfWeek, fromDayNumber, isLocalDate, toDayNumber } from './local-date';

export { BANK_HOLIDAY_YEARS, BANK_HOLIDAYS_SOURCE, addYears, isLocalDate };
export { londonDate, londonInstant, londonTime } from './london';

export interface Calendar {
  isWorkingDay(day: LocalDate): boolean;
  /** The n-th working day after `day` (n >= 0; n = 0 gives `day` itself). */
  addWorkingDays(day: LocalDate, n: number): LocalDate;
  addCalendarDays(day: LocalDate, n: number): LocalDate;
  /** Working days after `from` up to and including `to`; 0 when `to` is not after `from`. */
  workingDaysBetween(from: LocalDate, to: LocalDate): number;
  /** The first working day strictly after `day`. */
  nextWorkingDay(day: LocalDate): LocalDate;
}

// Parsed once per bundle load; the table is a few hundred bytes.
let bankHolidays: ReadonlySet<number> | undefined;
function bankHolidaySet(): ReadonlySet<number> {
  bankHolidays ??= new Set(bankHolidayDates().map(toDayNumber));
  return bankHolidays;
}

/** False for days in years the bank-holiday table does not cover: only weekends count there. */
export function hasBankHolidayData(day: LocalDate): boolean {
  const year = Number(day.slice(0, 4));
  return year >= BANK_HOLIDAY_YEARS.from && year <= BANK_HOLIDAY_YEARS.to;
}

export function isBankHoliday(day: LocalDate): boolean {
  return bankHolidaySet().has(toDayNumber(day));
}

/**
 * A calendar with the office's extra closure days. Throws a RangeError naming a closure that is not a
 * `YYYY-MM-DD` date: Settings must be checked with `isLocalDate` and reported by the shell, not ignored.
 */
export function makeCalendar(closures: readonly LocalDate[] = []): Calendar {
  const closed = new Set(closures.map(toDayNumber));
  const holidays = bankHolidaySet();
  const working = (n: number): boolean => {
    const dow = dayOfWeek(n);
    return dow !== 0 && dow !== 6 && !holidays.has(n) && !closed.has(n);
  };
  const nextFrom = (n: number): number => {
    let d = n + 1;
    while (!working(d)) d++;
    return d;
  };

  return {
    isWorkingDay: (day) => working(toDayNumber(day)),
    addWorkingDays(day, n) {
      if (!Number.isInteger(n) || n < 0)
        throw new RangeError(`Working days must be a whole number >= 0: ${n}`);
      let d = toDayNumber(day);
      for (let i = 0; i < n; i++) d = nextFrom(d);
      return fromDayNumber(d);
    },
    addCalendarDays(day, n) {
      if (!Number.isInteger(n)) throw new RangeError(`Calendar days must be a whole number: ${n}`);
      return fromDayNumber(toDayNumber(day) + n);
    },
    workingDaysBetween(from, to) {
      const end = toDayNumber(to);
      let count = 0;
      for (let d = toDayNumber(from) + 1; d <= end; d++) if (working(d)) count++;
      return count;
    },
    nextWorkingDay: (day) => fromDayNumber(nextFrom(toDayNumber(day))),
  };
}
