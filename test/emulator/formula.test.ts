import { describe, expect, it } from 'vitest';
import { formulaHolds, type FormulaValue } from '../../emulator/spreadsheet/formula';

function holds(formula: string, cells: Record<string, FormulaValue>, now = '2026-03-10T00:30:00Z'): boolean {
  return formulaHolds(formula, {
    cell: (row, column) => cells[`${String.fromCharCode(64 + column)}${row}`] ?? '',
    now: new Date(now),
    timeZone: 'Europe/London',
    rowOffset: 0,
    columnOffset: 0,
  });
}

describe('custom-formula conditional formats', () => {
  it('TODAY() is the day in the spreadsheet time zone (https://support.google.com/docs/answer/3092984): 23:30 UTC in summer is already tomorrow in London', () => {
    expect(holds('=TEXT(TODAY(),"yyyy-mm-dd")="2026-07-01"', {}, '2026-06-30T23:30:00Z')).toBe(true);
    expect(holds('=TEXT(TODAY(),"yyyy-mm-dd")="2026-01-01"', {}, '2026-01-01T23:30:00Z')).toBe(true);
  });

  it('text compares without regard to case, as Sheets does (https://support.google.com/docs/answer/3093309)', () => {
    expect(holds('=$A2="Overdue"', { A2: 'overdue' })).toBe(true);
    expect(holds('=$A2<>"overdue"', { A2: 'OVERDUE' })).toBe(false);
  });

  it('ISO dates held as text compare in date order, and an empty cell is not a deadline', () => {
    const rule = '=AND($B2<>"",TEXT(TODAY(),"yyyy-mm-dd")>$B2)';
    expect(holds(rule, { B2: '2026-03-09' })).toBe(true);
    expect(holds(rule, { B2: '2026-03-10' })).toBe(false);
    expect(holds(rule, {})).toBe(false);
  });

  it('a formula outside what the emulator reads throws rather than never matching', () => {
    expect(() => holds('=VLOOKUP($A2,B:C,2,FALSE)', {})).toThrow(/not emulated/);
    expect(() => holds('=$A2+', {})).toThrow(/not emulated/);
  });

  it('text used as TRUE/FALSE is an error in Sheets (#VALUE!), so it throws here', () => {
    expect(() => holds('=AND($A2)', { A2: 'yes' })).toThrow(/#VALUE!/);
  });
});

describe('dates in custom formulas are serial numbers in the spreadsheet time zone', () => {
  // Deadline cells hold London midnight of their day: in summer that is 23:00 UTC the day before.
  const londonMidnight = (day: string) => new Date(`${day}T00:00:00+01:00`);
  const overdue = '=AND($B2<>"",TODAY()>$B2)';
  const dueSoon = '=AND($B2<>"",TODAY()>=$B2)';

  it('a date cell compares with TODAY() by its London day, not by its UTC instant', () => {
    // 00:30 BST on 1 July: TODAY() is 1 July.
    const now = '2026-06-30T23:30:00Z';
    expect(holds(overdue, { B2: londonMidnight('2026-07-01') }, now)).toBe(false);
    expect(holds(dueSoon, { B2: londonMidnight('2026-07-01') }, now)).toBe(true);
    expect(holds(overdue, { B2: londonMidnight('2026-06-30') }, now)).toBe(true);
    // 23:30 BST on 30 June: still 30 June in London.
    expect(holds(dueSoon, { B2: londonMidnight('2026-07-01') }, '2026-06-30T22:30:00Z')).toBe(false);
  });

  it('a date held as text never compares as passed: Sheets ranks every number below any text', () => {
    expect(holds(overdue, { B2: '2026-03-09' })).toBe(false);
    expect(holds(overdue, {})).toBe(false);
  });

  it('TEXT formats a date cell by its local day', () => {
    expect(holds('=TEXT($B2,"dd/mm/yyyy")="01/07/2026"', { B2: londonMidnight('2026-07-01') })).toBe(true);
    expect(() => holds('=TEXT($B2,"dd/mm/yyyy")="x"', { B2: 'not a date' })).toThrow(/not emulated/);
  });
});
