/**
 * The emulator stands in for Google's spreadsheet classes member for member: what it implements follows
 * Google's signatures (@types/google-apps-script, checked by tsc in emulator/spreadsheet/google-members.ts),
 * and what it does not implement throws "not emulated: <Class>.<member>" instead of reading as undefined or
 * quietly doing nothing. "Where in doubt the emulator is stricter than Google, never looser" (DESIGN §4).
 */
import { describe, expect, it } from 'vitest';
import { EmulatedSpreadsheetApp } from '../../emulator/spreadsheet/app';
import * as surfaces from '../../emulator/spreadsheet/google-members';
import { unemulatedMembers, type Constructor } from '../../emulator/spreadsheet/not-emulated';
import { EmulatedRange } from '../../emulator/spreadsheet/range';
import {
  EmulatedConditionalFormatRuleBuilder,
  EmulatedDataValidationBuilder,
  EmulatedProtection,
} from '../../emulator/spreadsheet/rules';
import { EmulatedSheet } from '../../emulator/spreadsheet/sheet';
import { EmulatedSpreadsheet } from '../../emulator/spreadsheet/spreadsheet';
import { EmulatedMenu, EmulatedUi } from '../../emulator/ui';
import { freshSheet, runScript } from './fixtures';

describe('members Google has and the emulator does not (developers.google.com/apps-script/reference/spreadsheet)', () => {
  it('throw "not emulated: Class.member" inside the script, as the script’s Exception', () => {
    const calls = {
      'sheet.getRange(1, 1).getBandings()': 'not emulated: Range.getBandings',
      'sheet.getRange(1, 1).createFilter()': 'not emulated: Range.createFilter',
      'sheet.getSlicers()': 'not emulated: Sheet.getSlicers',
      'sheet.autoResizeColumns(1, 2)': 'not emulated: Sheet.autoResizeColumns',
      'ss.getNamedRanges()': 'not emulated: Spreadsheet.getNamedRanges',
      'SpreadsheetApp.newRichTextValue()': 'not emulated: SpreadsheetApp.newRichTextValue',
      'SpreadsheetApp.newDataValidation().requireTextIsEmail()':
        'not emulated: DataValidationBuilder.requireTextIsEmail',
      'SpreadsheetApp.getUi().showDialog({})': 'not emulated: Ui.showDialog',
    };
    for (const [call, message] of Object.entries(calls)) {
      expect(
        runScript(`try { ${call}; return 'no error'; } catch (e) { return e.name + ': ' + e.message; }`),
      ).toBe(`Exception: ${message}`);
    }
  });

  it('throw for enums of SpreadsheetApp the emulator lacks, while the ones it has read normally', () => {
    expect(runScript(`return SpreadsheetApp.ProtectionType.RANGE;`)).toBe('RANGE');
    expect(() => runScript(`return SpreadsheetApp.Dimension.ROWS;`)).toThrow(
      'not emulated: SpreadsheetApp.Dimension',
    );
  });

  it('throw host-side too, so a test driving the model directly meets the same wall', () => {
    const { ss, sheet } = freshSheet();
    const call = (target: object, member: string) => () =>
      (target as Record<string, (...a: unknown[]) => unknown>)[member]!();
    expect(call(sheet.getRange(1, 1), 'getRichTextValue')).toThrow('not emulated: Range.getRichTextValue');
    expect(call(sheet, 'getBandings')).toThrow('not emulated: Sheet.getBandings');
    expect(call(ss, 'getDeveloperMetadata')).toThrow('not emulated: Spreadsheet.getDeveloperMetadata');
  });

  it('leave every member the emulator implements alone, and cover the rest of Google’s surface', () => {
    const classes: [Constructor, surfaces.GoogleSurface][] = [
      [EmulatedSpreadsheetApp, surfaces.SPREADSHEET_APP],
      [EmulatedSpreadsheet, surfaces.SPREADSHEET],
      [EmulatedSheet, surfaces.SHEET],
      [EmulatedRange, surfaces.RANGE],
      [EmulatedDataValidationBuilder, surfaces.DATA_VALIDATION_BUILDER],
      [EmulatedConditionalFormatRuleBuilder, surfaces.CONDITIONAL_FORMAT_RULE_BUILDER],
      [EmulatedProtection, surfaces.PROTECTION],
      [EmulatedUi, surfaces.UI],
      [EmulatedMenu, surfaces.MENU],
    ];
    for (const [ctor, surface] of classes) {
      const stubs = unemulatedMembers(ctor, surface);
      const implemented = surface.methods.filter((m) => !stubs.includes(m));
      // Every Google method is either implemented by the class or a stand-in that throws.
      for (const m of implemented)
        expect(typeof (ctor.prototype as Record<string, unknown>)[m], m).toBe('function');
      expect(stubs.length + implemented.length).toBe(surface.methods.length);
    }
    expect(unemulatedMembers(EmulatedRange, surfaces.RANGE)).not.toContain('setValues');
    expect(unemulatedMembers(EmulatedRange, surfaces.RANGE)).toContain('getBandings');
    expect(unemulatedMembers(EmulatedSheet, surfaces.SHEET)).not.toContain('moveColumns');
  });
});

describe('arguments the emulator would otherwise ignore', () => {
  it('Range.setValues: a grid of the wrong shape is refused with Google’s message (…/spreadsheet/range#setvaluesvalues)', () => {
    expect(() => runScript(`sheet.getRange(1, 1, 3, 1).setValues([[1], [2]]);`)).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 3.',
    );
    // A ragged grid: the second row is short.
    expect(() => runScript(`sheet.getRange(1, 1, 2, 2).setValues([[1, 2], [3]]);`)).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
  });

  it('Range.sort: a sort-spec key other than column and ascending is not silently dropped', () => {
    expect(() =>
      runScript(`sheet.getRange(1, 1, 2, 1).setValues([['b'], ['a']]);
        sheet.getRange(1, 1, 2, 1).sort({ column: 1, ascending: true, caseSensitive: true });`),
    ).toThrow('not emulated: Range.sort({caseSensitive})');
  });

  it('Range.clear(options) clears only what the options name (…/spreadsheet/range#clearoptions)', () => {
    const { sheet } = freshSheet();
    const cell = sheet.getRange(1, 1).setNumberFormat('0.00').setValue(3).setBackground('#ff0000');
    cell.clear({ contentsOnly: true });
    expect([cell.getValue(), cell.getNumberFormat(), cell.getBackground()]).toEqual(['', '0.00', '#ff0000']);
    cell.setValue(4).clear({ formatOnly: true });
    expect([cell.getValue(), cell.getNumberFormat(), cell.getBackground()]).toEqual([
      4,
      'General',
      '#ffffff',
    ]);
    expect(() => cell.clear({ everything: true } as never)).toThrow(
      'Unknown option for Range.clear: everything',
    );
  });

  it('formatting the emulator does not draw is kept, not dropped (wrap, alignment, font colour, bold rules)', () => {
    const { sheet } = freshSheet();
    const cell = sheet.getRange(1, 1).setWrap(true).setHorizontalAlignment('center').setFontColor('#123456');
    expect([cell.getWrap(), cell.getHorizontalAlignment(), cell.getFontColor()]).toEqual([
      true,
      'center',
      '#123456',
    ]);
    const rule = new EmulatedConditionalFormatRuleBuilder()
      .whenTextEqualTo('overdue')
      .setBold(true)
      .setRanges([sheet.getRange(1, 1)])
      .build();
    expect(rule.getBooleanCondition().getBold()).toBe(true);
  });

  it('members typed to take Google objects refuse anything the emulator did not make', () => {
    expect(() => runScript(`sheet.setConditionalFormatRules([{ getRanges: () => [] }]);`)).toThrow(
      "The parameters (object) don't match the method signature for SpreadsheetApp.Sheet.setConditionalFormatRules.",
    );
    expect(() => runScript(`ss.deleteSheet({ getName: () => 'Sheet1' });`)).toThrow(
      "don't match the method signature for SpreadsheetApp.Spreadsheet.deleteSheet.",
    );
  });

  it('Range.setFontWeight takes "bold", "normal" or null, and nothing else (…/range#setfontweightfontweight)', () => {
    const { sheet } = freshSheet();
    expect(sheet.getRange(1, 1).setFontWeight('bold').getFontWeight()).toBe('bold');
    expect(sheet.getRange(1, 1).setFontWeight(null).getFontWeight()).toBe('normal');
    expect(() => sheet.getRange(1, 1).setFontWeight('heavy')).toThrow('Invalid argument: fontWeight');
  });

  it('Range.getCell and offset refuse cells outside the range or the sheet', () => {
    const { sheet } = freshSheet();
    expect(() => sheet.getRange(1, 1, 2, 2).getCell(3, 1)).toThrow('Cell reference out of range');
    expect(() => sheet.getRange(1, 1).offset(-1, 0)).toThrow('The starting row of the range is too small.');
  });

  it('Spreadsheet.insertSheet with options (a template) is not emulated rather than ignored', () => {
    const { ss } = freshSheet();
    expect(() => ss.insertSheet('Copy', 1, { template: ss.getSheets()[0] })).toThrow(
      'not emulated: Spreadsheet.insertSheet(options)',
    );
  });
});
