/**
 * A Range taken before staff deleted a column keeps the cells it named. Past the sheet's edge Google
 * refuses the call ("The coordinates of the range are outside the dimensions of the sheet.", as
 * Sheet.getRange does: developers.google.com/apps-script/reference/spreadsheet/sheet#getrangerow,-column,-numrows,-numcolumns),
 * and writes none of it: the sheet never grows to take it.
 */
import { describe, expect, it } from 'vitest';
import { emulatorFor } from './fixtures';

describe('a range taken before a column was deleted', () => {
  it('refuses a write past the edge as a whole, and the sheet does not grow', () => {
    const emu = emulatorFor(`function stale() {
      const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
      const width = sheet.getMaxColumns();
      const range = sheet.getRange(1, width - 2, 1, 3);
      sheet.deleteColumn(1);
      let error = '';
      try { range.setValues([['a', 'b', 'c']]); } catch (e) { error = e.message; }
      return [error, sheet.getMaxColumns() === width - 1, sheet.getLastColumn()];
    }`);
    expect(emu.run('stale').result).toEqual([
      'The coordinates of the range are outside the dimensions of the sheet.',
      true,
      0,
    ]);
  });
});
