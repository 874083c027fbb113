/**
 * What the person at the keyboard has selected, as a sidebar's calls read it, and what a simple trigger
 * may not do: open a sidebar or a dialog, which needs the user's authorisation.
 */
import { describe, expect, it } from 'vitest';
import { emulatorFor } from './fixtures';

const SCRIPT = `
  function makeTabs() {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    ss.insertSheet('Cases');
  }
  function selected() {
    const range = SpreadsheetApp.getActiveRange();
    if (!range) return null;
    return { tab: range.getSheet().getName(), row: range.getRow(), column: range.getColumn(),
      rows: range.getNumRows(), active: SpreadsheetApp.getActiveSheet().getName(),
      same: SpreadsheetApp.getActiveSpreadsheet().getActiveRange().getA1Notation() };
  }
  function showSidebar() {
    SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput('<p>case</p>').setTitle('Case'));
  }
  function onOpen() { showSidebar(); }
  function onEdit() { SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput('<p>x</p>'), 'X'); }
`;

describe('the selection', () => {
  it('is null until the person selects something, then answers the range and makes its tab active', () => {
    const emu = emulatorFor(SCRIPT);
    emu.run('makeTabs');
    expect(emu.run('selected').result).toBeNull();
    emu.select('Cases', 'B5:C6');
    expect(emu.run('selected').result).toEqual({
      tab: 'Cases',
      row: 5,
      column: 2,
      rows: 2,
      active: 'Cases',
      same: 'B5:C6',
    });
    emu.select('Cases', 'A7');
    expect((emu.run('selected').result as { row: number }).row).toBe(7);
  });

  it('refuses a tab that does not exist', () => {
    const emu = emulatorFor(SCRIPT);
    expect(() => emu.select('Nowhere', 'A1')).toThrow('No tab named Nowhere');
  });
});

describe('a simple trigger', () => {
  it('cannot open a sidebar or a dialog; a menu item (an authorised run) can', () => {
    const emu = emulatorFor(SCRIPT);
    const [open] = emu.fireOpen();
    expect(open!.error?.message).toMatch(/You do not have permission to call Ui\.showSidebar/);
    emu.run('makeTabs');
    const [edit] = emu.edit('Cases', 'A2', 'x');
    expect(edit!.error?.message).toMatch(/You do not have permission to call Ui\.showModalDialog/);
    expect(emu.ui.sidebars).toHaveLength(0);
    expect(emu.ui.dialogs).toHaveLength(0);
    emu.run('showSidebar');
    expect(emu.ui.sidebars.map((s) => s.title)).toEqual(['Case']);
  });
});
