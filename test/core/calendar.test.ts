import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BANK_HOLIDAY_YEARS,
  BANK_HOLIDAYS_SOURCE,
  addYears,
  hasBankHolidayData,
  isBankHoliday,
  isLocalDate,
  londonDate,
  londonInstant,
  makeCalendar,
} from '../../src/core/calendar';
import { fromDayNumber, toDayNumber } from '../../src/core/calendar/local-date';

const cal = makeCalendar();

describe('bank holiday table', () => {
  it('names its source and covers 2019-2030', () => {
    expect(BANK_HOLIDAYS_SOURCE).toMatch(/date-holidays \d+\.\d+\.\d+/);
    expect(BANK_HOLIDAY_YEARS).toEqual({ from: 2019, to: 2030 });
  });

  // Checked by hand against the GOV.UK England-and-Wales list.
  it.each([
    '2020-05-08', // VE Day moved the early May holiday
    '2020-12-28', // Boxing Day substitute
    '2021-12-27',
    '2021-12-28',
    '2022-01-03',
    '2022-06-02', // spring holiday moved for the jubilee
    '2022-06-03', // Platinum Jubilee
    '2022-09-19', // state funeral
    '2022-12-27',
    '2023-01-02',
    '2023-05-08', // coronation
    '2026-04-03',
    '2026-04-06',
    '2026-12-28',
    '2027-12-27',
    '2027-12-28',
    '2028-01-03',
  ])('%s is a bank holiday and not a working day', (day) => {
    expect(isBankHoliday(day)).toBe(true);
    expect(cal.isWorkingDay(day)).toBe(false);
  });

  it.each(['2020-05-04', '2022-05-30', '2026-12-29', '2023-01-03', '2019-12-27'])(
    '%s is an ordinary working day',
    (day) => {
      expect(isBankHoliday(day)).toBe(false);
      expect(cal.isWorkingDay(day)).toBe(true);
    },
  );

  it('outside the table only weekends count, and says so', () => {
    expect(hasBankHolidayData('2031-12-25')).toBe(false);
    expect(hasBankHolidayData('2018-12-31')).toBe(false);
    expect(hasBankHolidayData('2019-01-01')).toBe(true);
    expect(hasBankHolidayData('2030-12-31')).toBe(true);
    expect(cal.isWorkingDay('2031-12-25')).toBe(true); // a Thursday
    expect(cal.isWorkingDay('2031-12-27')).toBe(false); // a Saturday
  });
});

describe('LocalDate helpers', () => {
  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['2026-01-01T00:00', false],
    ['', false],
  ])('isLocalDate(%j) is %s', (s, ok) => expect(isLocalDate(s)).toBe(ok));

  it('adds years, clamping 29 February', () => {
    expect(addYears('2026-03-04', 6)).toBe('2032-03-04');
    expect(addYears('2028-02-29', 6)).toBe('2034-02-28');
    expect(addYears('2028-02-29', 4)).toBe('2032-02-29');
  });

  it('rejects a malformed date rather than guessing', () => {
    expect(() => cal.addWorkingDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => makeCalendar(['31/12/2026'])).toThrow(/31\/12\/2026/);
    expect(() => cal.addWorkingDays('2026-02-02', -1)).toThrow(RangeError);
  });
});

describe('London days', () => {
  it.each([
    ['2026-06-01T23:30:00Z', '2026-06-02'], // 00:30 BST
    ['2026-06-01T22:59:59Z', '2026-06-01'],
    ['2026-01-15T23:30:00Z', '2026-01-15'], // GMT: 23:30 is still the same day
    ['2026-03-29T00:59:00Z', '2026-03-29'], // the spring change, just before
    ['2026-03-28T23:30:00Z', '2026-03-28'], // 23:30 GMT on the Saturday
    ['2026-10-24T23:30:00Z', '2026-10-25'], // 00:30 BST on the autumn-change Sunday
    ['2026-10-25T23:30:00Z', '2026-10-25'], // 23:30 GMT that night
  ])('%s is %s in London', (iso, day) => expect(londonDate(new Date(iso))).toBe(day));

  it('an Invalid Date is refused, not turned into a date', () => {
    expect(() => londonDate(new Date('not a date'))).toThrow(RangeError);
  });

  it('London wall-clock times become the right instants', () => {
    expect(londonInstant('2026-06-01').toISOString()).toBe('2026-05-31T23:00:00.000Z');
    expect(londonInstant('2026-06-02', 0, 30).toISOString()).toBe('2026-06-01T23:30:00.000Z');
    expect(londonInstant('2026-01-15', 9, 15).toISOString()).toBe('2026-01-15T09:15:00.000Z');
    expect(londonInstant('2026-03-30', 0, 30).toISOString()).toBe('2026-03-29T23:30:00.000Z');
  });

  it('londonDate inverts londonInstant at every hour of the year', () => {
    for (let n = toDayNumber('2026-01-01'); n <= toDayNumber('2026-12-31'); n++) {
      const day = fromDayNumber(n);
      for (const hour of [0, 12, 23]) expect(londonDate(londonInstant(day, hour, 30))).toBe(day);
    }
  });
});

describe('working-day arithmetic', () => {
  it.each([
    // [received, n, expected, why]
    ['2026-05-30', 5, '2026-06-05', 'Saturday receipt: Monday is day 1, Friday day 5'],
    ['2026-05-31', 5, '2026-06-05', 'Sunday receipt'],
    ['2026-06-01', 5, '2026-06-08', 'Monday receipt: day 5 is the next Monday'],
    ['2026-06-05', 1, '2026-06-08', 'Friday: day 1 is Monday'],
    ['2026-06-03', 0, '2026-06-03', 'day 0 is the day of receipt'],
    ['2026-05-30', 0, '2026-05-30', 'day 0 even on a Saturday'],
    ['2026-04-02', 5, '2026-04-13', 'Easter: Good Friday 3 Apr and Easter Monday 6 Apr skipped'],
    ['2026-12-23', 5, '2027-01-04', 'Christmas 2026: 25th, 28th (substitute) and 1 Jan skipped'],
    ['2021-12-24', 5, '2022-01-05', '2021: 27th, 28th and 3 Jan 2022 substitutes skipped'],
    ['2027-12-24', 1, '2027-12-29', '2027: 27th and 28th are substitutes'],
    ['2022-09-16', 1, '2022-09-20', 'state funeral Monday skipped'],
    ['2023-05-05', 1, '2023-05-09', 'coronation Monday skipped'],
    ['2026-03-27', 5, '2026-04-07', 'across the spring clock change, then Easter'],
    ['2026-10-23', 1, '2026-10-26', 'across the autumn clock change'],
  ])('%s + %i working days = %s (%s)', (from, n, to) => {
    expect(cal.addWorkingDays(from, n)).toBe(to);
  });

  it('counts working days after `from` up to and including `to`', () => {
    expect(cal.workingDaysBetween('2026-05-30', '2026-06-05')).toBe(5);
    expect(cal.workingDaysBetween('2026-06-01', '2026-06-01')).toBe(0);
    expect(cal.workingDaysBetween('2026-06-05', '2026-06-01')).toBe(0);
    expect(cal.workingDaysBetween('2026-12-24', '2026-12-31')).toBe(3);
  });

  it('next working day and calendar days', () => {
    expect(cal.nextWorkingDay('2026-12-24')).toBe('2026-12-29');
    expect(cal.nextWorkingDay('2026-06-01')).toBe('2026-06-02');
    expect(cal.addCalendarDays('2026-10-20', 20)).toBe('2026-11-09');
    expect(cal.addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(cal.addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('closure days from Settings are not working days', () => {
    const office = makeCalendar(['2026-06-02', '2026-06-03']);
    expect(office.isWorkingDay('2026-06-02')).toBe(false);
    expect(office.addWorkingDays('2026-06-01', 5)).toBe('2026-06-10');
    expect(cal.addWorkingDays('2026-06-01', 5)).toBe('2026-06-08');
  });
});

describe('working-day properties', () => {
  const startDay = fc
    .integer({ min: toDayNumber('2019-01-01'), max: toDayNumber('2030-11-30') })
    .map(fromDayNumber);
  const steps = fc.integer({ min: 0, max: 40 });
  const closures = fc.array(startDay, { maxLength: 5 });

  it('never lands on a weekend, bank holiday or closure (n >= 1)', () => {
    fc.assert(
      fc.property(startDay, fc.integer({ min: 1, max: 40 }), closures, (day, n, closed) => {
        const c = makeCalendar(closed);
        const due = c.addWorkingDays(day, n);
        const dow = new Date(`${due}T12:00:00Z`).getUTCDay();
        expect(dow === 0 || dow === 6).toBe(false);
        expect(isBankHoliday(due)).toBe(false);
        expect(closed).not.toContain(due);
      }),
    );
  });

  it('is monotonic in n and in the start day', () => {
    fc.assert(
      fc.property(startDay, steps, steps, fc.integer({ min: 0, max: 20 }), (day, a, b, shift) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(cal.addWorkingDays(day, lo) <= cal.addWorkingDays(day, hi)).toBe(true);
        const later = cal.addCalendarDays(day, shift);
        expect(cal.addWorkingDays(day, a) <= cal.addWorkingDays(later, a)).toBe(true);
      }),
    );
  });

  it('agrees with counting day by day, and workingDaysBetween inverts it', () => {
    fc.assert(
      fc.property(startDay, steps, closures, (day, n, closed) => {
        const c = makeCalendar(closed);
        let d = day;
        let counted = 0;
        while (counted < n) {
          d = c.addCalendarDays(d, 1);
          if (c.isWorkingDay(d)) counted++;
        }
        expect(c.addWorkingDays(day, n)).toBe(d);
        expect(c.workingDaysBetween(day, d)).toBe(n);
      }),
    );
  });
});
