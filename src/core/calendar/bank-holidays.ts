// GENERATED FILE: do not edit. England-and-Wales bank holidays (as MM-DD per year, weekend dates included
// as the source lists them; substitute days are the weekdays that follow).
// Source: date-holidays 3.37.0, GB/ENG, public holidays 2019-2030.
// Generator: npx tsx tools/gen-bank-holidays.ts
import type { LocalDate } from '../model';

export const BANK_HOLIDAYS_SOURCE = 'date-holidays 3.37.0, GB/ENG, public holidays 2019-2030';
export const BANK_HOLIDAY_YEARS: { from: number; to: number } = { from: 2019, to: 2030 };

const BY_YEAR: Readonly<Record<number, string>> = {
  2019: '01-01 04-19 04-22 05-06 05-27 08-26 12-25 12-26',
  2020: '01-01 04-10 04-13 05-08 05-25 08-31 12-25 12-26 12-28',
  2021: '01-01 04-02 04-05 05-03 05-31 08-30 12-25 12-26 12-27 12-28',
  2022: '01-01 01-03 04-15 04-18 05-02 06-02 06-03 08-29 09-19 12-25 12-26 12-27',
  2023: '01-01 01-02 04-07 04-10 05-01 05-08 05-29 08-28 12-25 12-26',
  2024: '01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26',
  2025: '01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26',
  2026: '01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-26 12-28',
  2027: '01-01 03-26 03-29 05-03 05-31 08-30 12-25 12-26 12-27 12-28',
  2028: '01-01 01-03 04-14 04-17 05-01 05-29 08-28 12-25 12-26',
  2029: '01-01 03-30 04-02 05-07 05-28 08-27 12-25 12-26',
  2030: '01-01 04-19 04-22 05-06 05-27 08-26 12-25 12-26',
};

/** Every bank holiday in the table, as `YYYY-MM-DD`. */
export function bankHolidayDates(): LocalDate[] {
  return Object.entries(BY_YEAR).flatMap(([year, days]) => days.split(' ').map((md) => `${year}-${md}`));
}
