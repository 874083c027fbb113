/**
 * Row heights and wrap strategies as Sheets keeps them. Sheets fits a row to wrapped text and to line
 * breaks; Sheet.setRowHeightsForced fixes a height whatever the cells hold
 * (developers.google.com/apps-script/reference/spreadsheet/sheet#setrowheightsforcedstartrow,-numrows,-height).
 * Google does not say how tall a fitted row is, so the emulator refuses to guess: getRowHeight throws there.
 */
import { describe, expect, it } from 'vitest';
import { renderSheetTable } from '../../emulator/render';
import { freshSheet } from './fixtures';

const LETTER = 'Dear Ms Jones,\n\nThank you for your complaint.\n\nYours sincerely';

describe('row heights', () => {
  it('keeps a forced height, travels with its row when rows are inserted above, and renders the row that high', () => {
    const { sheet } = freshSheet();
    sheet.getRange('A2').setValue(LETTER);
    expect(() => sheet.getRowHeight(2)).toThrow(/not emulated/);
    sheet.setRowHeightsForced(2, 1, 21);
    expect(sheet.getRowHeight(2)).toBe(21);
    expect(sheet.getRowHeight(3)).toBe(21);
    sheet.insertRowsBefore(1, 2);
    expect(sheet.getRowHeight(4)).toBe(21);
    expect(() => sheet.getRowHeight(2)).not.toThrow();
    sheet.getRange('A2').setValue('one line\nand another');
    expect(() => sheet.getRowHeight(2)).toThrow(/not emulated/);
    const html = renderSheetTable(sheet, new Date('2026-03-02T09:00:00Z'));
    expect(html).toContain('<tr class="fixed" style="height:21px">');
    expect(html).toMatch(/<div class="fixed" style="max-height:16px">Dear Ms Jones,<br>/);
  });

  it('a height that is only set (not forced) still lets a line break grow the row', () => {
    const { sheet } = freshSheet();
    sheet.getRange('A2').setValue(LETTER);
    sheet.setRowHeight(2, 21);
    expect(() => sheet.getRowHeight(2)).toThrow(/not emulated/);
    sheet.getRange('A3').setValue('short');
    sheet.setRowHeights(3, 1, 30);
    expect(sheet.getRowHeight(3)).toBe(30);
  });

  it('refuses rows outside the sheet and heights that are not positive numbers, as Google does', () => {
    const { sheet } = freshSheet();
    expect(() => sheet.setRowHeightsForced(0, 1, 21)).toThrow(/out of bounds/);
    expect(() => sheet.setRowHeightsForced(1000, 2, 21)).toThrow(/out of bounds/);
    expect(() => sheet.setRowHeightsForced(2, 1, 0)).toThrow(/positive/);
    expect(() => sheet.setRowHeightsForced(2, 1, '21' as unknown as number)).toThrow(/method signature/);
  });
});

describe('wrap strategy', () => {
  it('stores CLIP, OVERFLOW and WRAP apart, and renders a clipped cell on one line', () => {
    const { sheet } = freshSheet();
    sheet.getRange('A2').setValue('a long subject line');
    sheet.getRange('A2:A5').setWrapStrategy('CLIP' as unknown as GoogleAppsScript.Spreadsheet.WrapStrategy);
    expect(sheet.getRange('A2').getWrap()).toBe(false);
    expect(sheet.peek(2, 1)?.wrap).toBe('CLIP');
    sheet.getRange('B2').setWrap(true);
    expect(sheet.getRange('B2').getWrap()).toBe(true);
    sheet.getRange('B2').setWrap(false);
    expect(sheet.peek(2, 2)?.wrap).toBe('OVERFLOW');
    expect(() => sheet.getRange('A2').setWrapStrategy('clip' as never)).toThrow(/method signature/);
    expect(renderSheetTable(sheet, new Date())).toContain('white-space:nowrap;');
  });
});
