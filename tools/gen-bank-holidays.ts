/**
 * Regenerates src/core/calendar/bank-holidays.ts from the date-holidays package (a devDependency: it is
 * used here, at generation time, and never bundled). Run: `npx tsx tools/gen-bank-holidays.ts`.
 * The output has no timestamp, so running it again with the same package version gives the same file.
 * Cross-check a new version against https://www.gov.uk/bank-holidays before committing it.
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import Holidays from 'date-holidays';

const FROM = 2019;
const TO = 2030;
const OUT = new URL('../src/core/calendar/bank-holidays.ts', import.meta.url);

const version = (createRequire(import.meta.url)('date-holidays/package.json') as { version: string }).version;
const holidays = new Holidays('GB', 'ENG');

const years: string[] = [];
for (let year = FROM; year <= TO; year++) {
  // Public holidays only: date-holidays also lists observances (Mothering Sunday...) that are not days off.
  // Substitute days and one-off days (jubilee, state funeral, coronation) come through as `public`.
  const days = holidays
    .getHolidays(year)
    .filter((h) => h.type === 'public')
    .map((h) => h.date.slice(5, 10))
    .sort();
  years.push(`  ${year}: '${[...new Set(days)].join(' ')}',`);
}

const source = `date-holidays ${version}, GB/ENG, public holidays ${FROM}-${TO}`;
const text = `// GENERATED FILE: do not edit. England-and-Wales bank holidays (as MM-DD per year, weekend dates included
// as the source lists them; substitute days are the weekdays that follow).
// Source: ${source}.
// Generator: npx tsx tools/gen-bank-holidays.ts
import type { LocalDate } from '../model';

export const BANK_HOLIDAYS_SOURCE = '${source}';
export const BANK_HOLIDAY_YEARS: { from: number; to: number } = { from: ${FROM}, to: ${TO} };

const BY_YEAR: Readonly<Record<number, string>> = {
${years.join('\n')}
};

/** Every bank holiday in the table, as \`YYYY-MM-DD\`. */
export function bankHolidayDates(): LocalDate[] {
  return Object.entries(BY_YEAR).flatMap(([year, days]) => days.split(' ').map((md) => \`\${year}-\${md}\`));
}
`;
writeFileSync(OUT, text);
console.log(`wrote ${OUT.pathname} (${source})`);
