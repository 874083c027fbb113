/**
 * Formats, validation and conditional-format ranges belong to the cells they were set on, and travel with
 * those cells when staff or a script insert, delete, move or sort rows and columns — as in Sheets. Rows and
 * columns added later start blank and unformatted. Sheets may copy a neighbour's formatting into inserted
 * rows (developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request#insertdimensionrequest,
 * inheritFromBefore), but Apps Script's Sheet.insertRowsAfter and appendRow document no such copying
 * (developers.google.com/apps-script/reference/spreadsheet/sheet), so the emulator takes the strict
 * reading: the product must format what it adds.
 */
import { describe, expect, it } from 'vitest';
import {
  EmulatedConditionalFormatRuleBuilder,
  EmulatedDataValidationBuilder,
} from '../../emulator/spreadsheet/rules';
import type { EmulatedSheet } from '../../emulator/spreadsheet/sheet';
import { freshSheet } from './fixtures';

const listRule = () => new EmulatedDataValidationBuilder().requireValueInList(['open', 'closed']).build();
const ruleOn = (sheet: EmulatedSheet, ...a1: string[]) =>
  new EmulatedConditionalFormatRuleBuilder()
    .whenTextEqualTo('overdue')
    .setBackground('#f4c7c3')
    .setRanges(a1.map((a) => sheet.getRange(a)))
    .build();
const rangesOf = (sheet: EmulatedSheet) =>
  sheet.getConditionalFormatRules().map((r) => r.getRanges().map((g) => g.getA1Notation()));
const protectedRanges = (sheet: EmulatedSheet) =>
  sheet.getProtections('RANGE').map((p) => p.getRange()!.getA1Notation());

/** A tab whose rows 2..1000 carry a plain-text format, a dropdown and a conditional-format rule. */
function formattedTab(): EmulatedSheet {
  const { sheet } = freshSheet();
  sheet.getRange('A2:A1000').setNumberFormat('@');
  sheet.getRange('B2:B1000').setDataValidation(listRule());
  sheet.setConditionalFormatRules([ruleOn(sheet, 'A2:B1000')]);
  return sheet;
}

describe('formats cover only the rows they were set on', () => {
  it('appendRow past the last row of the grid adds a row with no format, no validation and no conditional rule', () => {
    const sheet = formattedTab();
    sheet.getRange('A1:B1000').setValues(Array.from({ length: 1000 }, (_, i) => [`'${i}`, 'open']));
    sheet.appendRow(['0123', 'open']);
    expect(sheet.getMaxRows()).toBe(1001);
    expect(sheet.getRange('A1000').getValue()).toBe('999');
    expect(sheet.getRange('A1001').getValue()).toBe(123);
    expect(sheet.getRange('A1001').getNumberFormat()).toBe('General');
    expect(sheet.getRange('B1001').getDataValidation()).toBeNull();
    expect(rangesOf(sheet)).toEqual([['A2:B1000']]);
  });

  it('appendRow inside the grid lands on a row that keeps its format', () => {
    const sheet = formattedTab();
    sheet.appendRow(['header']);
    sheet.appendRow(['0123']);
    expect(sheet.getRange('A2').getValue()).toBe('0123');
  });

  it('insertRowsAfter the last row adds unformatted rows the conditional rule does not reach', () => {
    const sheet = formattedTab();
    sheet.insertRowsAfter(1000, 5);
    sheet.getRange('A1003').setValue('0123');
    expect(sheet.getRange('A1003').getValue()).toBe(123);
    expect(rangesOf(sheet)).toEqual([['A2:B1000']]);
  });

  it('insertRowsAfter inside the formatted block adds a blank row; the rows below keep theirs; the rule stretches', () => {
    const sheet = formattedTab();
    sheet.getRange('A11').setValue('0011');
    sheet.insertRowsAfter(10, 1);
    expect(sheet.getRange('A12').getValue()).toBe('0011');
    expect(sheet.getRange('A11').getNumberFormat()).toBe('General');
    expect(sheet.getRange('B11').getDataValidation()).toBeNull();
    expect(sheet.getRange('B12').getDataValidation()?.getCriteriaType()).toBe('VALUE_IN_LIST');
    expect(rangesOf(sheet)).toEqual([['A2:B1001']]);
  });

  it('refuses to insert rows outside the sheet', () => {
    const { sheet } = freshSheet();
    expect(() => sheet.insertRowsAfter(1001, 1)).toThrow('Those rows are out of bounds.');
    expect(() => sheet.insertRowsBefore(0, 1)).toThrow('Those rows are out of bounds.');
  });
});

/** Column B set up with everything that belongs to a cell or a column. */
function columnTab(): EmulatedSheet {
  const { sheet } = freshSheet();
  sheet.getRange('A1:D1').setValues([['Ref', 'Status', 'Due', 'Notes']]);
  sheet
    .getRange('B2')
    .setNumberFormat('@')
    .setValue('007')
    .setNote('kept as text')
    .setDataValidation(listRule());
  sheet.setColumnWidth(2, 180);
  sheet.hideColumns(2);
  sheet.setConditionalFormatRules([ruleOn(sheet, 'B2:B10'), ruleOn(sheet, 'A2:C10')]);
  sheet.getRange('B1:B5').protect().setDescription('computed');
  return sheet;
}

describe('columns: insert, delete, move (developers.google.com/apps-script/reference/spreadsheet/sheet)', () => {
  it('insertColumnBefore moves values, formats, notes, validation, width, hiding, rules and protections along', () => {
    const sheet = columnTab();
    sheet.insertColumnBefore(2);
    expect(sheet.getRange('A1:E1').getValues()[0]).toEqual(['Ref', '', 'Status', 'Due', 'Notes']);
    const c2 = sheet.getRange('C2');
    expect([c2.getValue(), c2.getNumberFormat(), c2.getNote()]).toEqual(['007', '@', 'kept as text']);
    expect(c2.getDataValidation()).not.toBeNull();
    expect(sheet.getRange('B2').getNumberFormat()).toBe('General');
    expect([sheet.isColumnHiddenByUser(2), sheet.isColumnHiddenByUser(3)]).toEqual([false, true]);
    expect(sheet.columnWidths.get(3)).toBe(180);
    expect(rangesOf(sheet)).toEqual([['C2:C10'], ['A2:D10']]);
    expect(protectedRanges(sheet)).toEqual(['C1:C5']);
    expect(sheet.getMaxColumns()).toBe(27);
  });

  it('insertColumnsBefore and insertColumnAfter insert blank columns at the right place', () => {
    const sheet = columnTab();
    sheet.insertColumnsBefore(1, 2);
    sheet.insertColumnAfter(3);
    expect(sheet.getRange('A1:G1').getValues()[0]).toEqual(['', '', 'Ref', '', 'Status', 'Due', 'Notes']);
    expect(rangesOf(sheet)).toEqual([['E2:E10'], ['C2:F10']]);
  });

  it('deleteColumn takes the column’s rules and protections with it and shrinks wider ones', () => {
    const sheet = columnTab();
    sheet.deleteColumn(2);
    expect(sheet.getRange('A1:C1').getValues()[0]).toEqual(['Ref', 'Due', 'Notes']);
    expect(sheet.getRange('B2').getNote()).toBe('');
    expect(sheet.isColumnHiddenByUser(2)).toBe(false);
    expect(rangesOf(sheet)).toEqual([['A2:B10']]);
    expect(protectedRanges(sheet)).toEqual([]);
    sheet.deleteColumns(1, 2);
    expect(sheet.getRange('A1').getValue()).toBe('Notes');
    expect(sheet.getMaxColumns()).toBe(23);
  });

  it('deleteColumns refuses columns past the grid and deleting every column', () => {
    const { sheet } = freshSheet();
    expect(() => sheet.deleteColumns(26, 2)).toThrow('Those columns are out of bounds.');
    expect(() => sheet.deleteColumns(1, 26)).toThrow(
      'Sorry, it is not possible to delete all non-frozen columns.',
    );
  });

  it('moveColumns(A1:B1, 5) makes A:B into C:D, as Google’s example says (…/sheet#movecolumnscolumnspec,-destinationindex)', () => {
    const sheet = columnTab();
    sheet.moveColumns(sheet.getRange('A1:B1'), 5);
    expect(sheet.getRange('A1:D1').getValues()[0]).toEqual(['Due', 'Notes', 'Ref', 'Status']);
    expect(sheet.getRange('D2').getValue()).toBe('007');
    expect(sheet.getRange('D2').getNumberFormat()).toBe('@');
    expect(sheet.isColumnHiddenByUser(4)).toBe(true);
    // B2:B10 went to D; A2:C10 was split by the move into A (old C) and C:D (old A:B).
    expect(rangesOf(sheet)).toEqual([['D2:D10'], ['A2:A10', 'C2:D10']]);
    expect(protectedRanges(sheet)).toEqual(['D1:D5']);
  });

  it('moveColumns to the left, and refuses a destination inside the columns it moves', () => {
    const sheet = columnTab();
    sheet.moveColumns(sheet.getRange('D1'), 1);
    expect(sheet.getRange('A1:D1').getValues()[0]).toEqual(['Notes', 'Ref', 'Status', 'Due']);
    expect(() => sheet.moveColumns(sheet.getRange('A1:C1'), 2)).toThrow('Those columns are out of bounds.');
  });
});

describe('rows: insert, delete, move', () => {
  const rowTab = () => {
    const { sheet } = freshSheet();
    sheet.getRange('A1:A4').setValues([['Ref'], ['r1'], ['r2'], ['r3']]);
    sheet.getRange('A3').setNote('second case').setBackground('#ffff00');
    sheet.setFrozenRows(1);
    sheet.setConditionalFormatRules([ruleOn(sheet, 'A2:A4')]);
    sheet.getRange('A3').protect();
    return sheet;
  };
  const column = (sheet: EmulatedSheet, n: number) =>
    sheet
      .getRange(1, 1, n, 1)
      .getValues()
      .map((r) => r[0]);

  it('insertRowBefore and insertRowAfter shift rows, notes, rules and protections down', () => {
    const sheet = rowTab();
    sheet.insertRowBefore(3);
    sheet.insertRowAfter(1);
    expect(column(sheet, 6)).toEqual(['Ref', '', 'r1', '', 'r2', 'r3']);
    expect(sheet.getRange('A5').getNote()).toBe('second case');
    expect(sheet.getRange('A5').getBackground()).toBe('#ffff00');
    expect(rangesOf(sheet)).toEqual([['A3:A6']]);
    expect(protectedRanges(sheet)).toEqual(['A5']);
  });

  it('deleteRow and deleteRows close the gap, shrink rules and drop protections of deleted cells', () => {
    const sheet = rowTab();
    sheet.deleteRow(3);
    expect(column(sheet, 3)).toEqual(['Ref', 'r1', 'r3']);
    expect(rangesOf(sheet)).toEqual([['A2:A3']]);
    expect(protectedRanges(sheet)).toEqual([]);
    sheet.deleteRows(2, 2);
    expect(rangesOf(sheet)).toEqual([]);
    expect(sheet.getMaxRows()).toBe(997);
  });

  it('deleting a frozen row leaves one fewer frozen row', () => {
    const sheet = rowTab();
    sheet.setFrozenRows(2);
    sheet.deleteRow(1);
    expect(sheet.getFrozenRows()).toBe(1);
  });

  it('moveRows takes notes and protections with the row', () => {
    const sheet = rowTab();
    sheet.moveRows(sheet.getRange('A3'), 5);
    expect(column(sheet, 4)).toEqual(['Ref', 'r1', 'r3', 'r2']);
    expect(sheet.getRange('A4').getNote()).toBe('second case');
    expect(protectedRanges(sheet)).toEqual(['A4']);
  });
});

describe('sorting a tab (…/sheet#sortcolumnposition,-ascending and …/range#sortsortspecobj)', () => {
  const caseTab = () => {
    const { sheet } = freshSheet();
    sheet.getRange('A1:C4').setValues([
      ['Ref', 'Due', 'Note'],
      ['B', '10/03/2026', 'x'],
      ['A', '', 'y'],
      ['C', '02/03/2026', 'z'],
    ]);
    sheet.getRange('A2').setBackground('#ff0000').setNote('first');
    sheet.setFrozenRows(1);
    return sheet;
  };
  const refs = (sheet: EmulatedSheet) =>
    sheet
      .getRange('A1:A4')
      .getValues()
      .map((r) => r[0]);

  it('Sheet.sort keeps the frozen header, moves whole rows with their formats, and puts empty cells last', () => {
    const sheet = caseTab();
    sheet.sort(2);
    expect(refs(sheet)).toEqual(['Ref', 'C', 'B', 'A']);
    expect([sheet.getRange('A3').getBackground(), sheet.getRange('A3').getNote()]).toEqual([
      '#ff0000',
      'first',
    ]);
    sheet.sort(2, false);
    expect(refs(sheet)).toEqual(['Ref', 'B', 'C', 'A']);
    expect(() => sheet.sort(27)).toThrow('The specified column must be in the range.');
  });

  it('Range.sort moves only the range’s cells, formats included', () => {
    const sheet = caseTab();
    sheet.getRange('A2:B4').sort({ column: 1, ascending: false });
    expect(
      sheet
        .getRange('A2:C4')
        .getValues()
        .map((r) => [r[0], r[2]]),
    ).toEqual([
      ['C', 'x'],
      ['B', 'y'],
      ['A', 'z'],
    ]);
    expect(sheet.getRange('A3').getBackground()).toBe('#ff0000');
  });
});

describe('Sheet.setName (…/sheet#setnamename)', () => {
  it('renames the tab, and refuses a name another tab has', () => {
    const { ss, sheet } = freshSheet();
    ss.insertSheet('Cases');
    sheet.setName('Responses');
    expect(ss.getSheetByName('Responses')).toBe(sheet);
    expect(ss.getSheetByName('Sheet1')).toBeNull();
    expect(() => sheet.setName('Cases')).toThrow('A sheet with the name "Cases" already exists.');
  });
});

describe('column widths, hiding and frozen rows apply to lines that exist', () => {
  it('refuses columns past the grid and frozen rows past the last row', () => {
    const { sheet } = freshSheet();
    expect(() => sheet.setColumnWidth(27, 100)).toThrow('Those columns are out of bounds.');
    expect(() => sheet.hideColumns(26, 2)).toThrow('Those columns are out of bounds.');
    expect(() => sheet.setFrozenRows(1001)).toThrow('Those rows are out of bounds.');
    sheet.insertColumnsAfter(26, 1);
    sheet.setColumnWidth(27, 100).hideColumns(27);
    expect(sheet.isColumnHiddenByUser(27)).toBe(true);
  });

  it('frozen columns: past the grid or fractional is refused; inserting or deleting inside the block moves its edge', () => {
    const { sheet } = freshSheet();
    expect(() => sheet.setFrozenColumns(27)).toThrow('Those columns are out of bounds.');
    expect(() => sheet.setFrozenColumns(1.5)).toThrow('Those columns are out of bounds.');
    expect(() => sheet.setFrozenColumns(-1)).toThrow('Those columns are out of bounds.');
    sheet.setFrozenColumns(2);
    expect(sheet.getFrozenColumns()).toBe(2);
    sheet.insertColumnsBefore(1, 1);
    expect(sheet.getFrozenColumns()).toBe(3);
    sheet.insertColumnsAfter(5, 1);
    expect(sheet.getFrozenColumns()).toBe(3);
    sheet.deleteColumns(1, 2);
    expect(sheet.getFrozenColumns()).toBe(1);
    sheet.setFrozenColumns(0);
    expect(sheet.getFrozenColumns()).toBe(0);
  });

  it('Range.activate makes its tab the active one', () => {
    const { ss } = freshSheet();
    const cases = ss.insertSheet('Cases');
    cases.getRange('A1').activate();
    expect(ss.getActiveSheet()).toBe(cases);
  });
});

describe('tab order', () => {
  it('moveActiveSheet moves the active tab to a 1-indexed position and refuses one outside the tabs', () => {
    const { ss } = freshSheet();
    const cases = ss.insertSheet('Cases');
    const dashboard = ss.insertSheet('Dashboard');
    ss.setActiveSheet(dashboard);
    ss.moveActiveSheet(1);
    expect(ss.getSheets()[0]).toBe(dashboard);
    expect(
      ss
        .getSheets()
        .map((s) => s.getName())
        .slice(1),
    ).toContain('Cases');
    ss.setActiveSheet(cases);
    ss.moveActiveSheet(ss.getNumSheets());
    expect(ss.getSheets().at(-1)).toBe(cases);
    expect(() => ss.moveActiveSheet(0)).toThrow('out of range');
    expect(() => ss.moveActiveSheet(ss.getNumSheets() + 1)).toThrow('out of range');
    expect(ss.getSheets().at(-1)).toBe(cases);
  });
});
