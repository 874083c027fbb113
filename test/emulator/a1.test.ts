/** A1 notation as Sheet.getRange(a1Notation) reads it (developers.google.com/apps-script/reference/spreadsheet/sheet#getrangea1notation). */
import { describe, expect, it } from 'vitest';
import { freshSheet } from './fixtures';

describe('Sheet.getRange(a1Notation)', () => {
  const a1 = (ref: string) => freshSheet().sheet.getRange(ref).getA1Notation();

  it('reads cells, blocks, absolute references, either corner first and blocks open at the bottom', () => {
    expect(a1('B3')).toBe('B3');
    expect(a1('$B$3')).toBe('B3');
    expect(a1('C10:A1')).toBe('A1:C10');
    expect(a1('A2:B')).toBe('A2:B1000');
    expect(a1('A:C')).toBe('A1:C1000');
    expect(a1('2:5')).toBe('A2:Z5');
  });

  it('finds no range in malformed notation', () => {
    for (const ref of ['A0', '1A', 'A1:B2:C3', 'A', '', 'A1:3', 'A:B5'])
      expect(() => a1(ref), ref).toThrow('Range not found');
  });

  it('refuses a range past the grid, as the numeric form does', () => {
    expect(() => a1('A1001')).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => a1('AA1')).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
  });
});

describe('Sheet.getSheetValues', () => {
  it('reads a block in one call as getRange().getValues() does, -1 reaching the last row or column with content, and refuses past the grid', () => {
    const { sheet } = freshSheet();
    sheet.getRange(1, 1, 2, 3).setValues([
      ['a', 'b', 'c'],
      [1, 2, 3],
    ]);
    expect(sheet.getSheetValues(1, 1, 1, 3)).toEqual([['a', 'b', 'c']]);
    expect(sheet.getSheetValues(1, 2, -1, -1)).toEqual([
      ['b', 'c'],
      [2, 3],
    ]);
    expect(() => sheet.getSheetValues(1, 1, 1, 27)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
  });
});
