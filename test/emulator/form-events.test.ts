/**
 * Form-submit events as production delivers them, not as the documentation's happy path shows them:
 * the same response twice, a blank event for no response, and answers stored in the responses tab the
 * way Sheets stores a typed entry.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Emulator } from '../../emulator/index';

const SCRIPT = `
  function setup() {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const form = FormApp.create('Complaint');
    form.addTextItem().setTitle('Your name');
    form.addTextItem().setTitle('Phone');
    form.addCheckboxItem().setTitle('Contact by').setChoiceValues(['Email', 'Phone', 'Post']);
    form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
    ScriptApp.newTrigger('submitted').forSpreadsheet(ss).onFormSubmit().create();
  }
  function submitted(e) {
    const row = e.range.getValues()[0];
    return { values: e.values, named: e.namedValues, row: e.range.getRow(), cells: row };
  }`;

function office(): Emulator {
  const dir = mkdtempSync(join(tmpdir(), 'emu-forms-'));
  writeFileSync(join(dir, 'Code.js'), SCRIPT);
  const emu = new Emulator({ bundlePath: join(dir, 'Code.js'), now: new Date('2026-01-05T09:00:00Z') });
  emu.run('setup');
  emu.advanceTo(new Date('2026-01-05T10:00:00Z'));
  return emu;
}

const ANSWERS = { 'Your name': 'Alex Morgan', Phone: '07700900123', 'Contact by': ['Email', 'Post'] };

describe('form-submit events as reported by users of Forms (developers.google.com/apps-script/guides/triggers/events#form-submit)', () => {
  it('one response can fire its trigger twice: both runs see the same e.values and e.range, and the tab holds one row', () => {
    const emu = office();
    const runs = emu.submitForm(ANSWERS, { duplicateEvent: true });
    expect(runs).toHaveLength(2);
    expect(runs[1]!.result).toEqual(runs[0]!.result);
    expect((runs[0]!.result as { row: number }).row).toBe(2);
    expect(emu.sheetValues('Form responses 1')).toHaveLength(2);
  });

  it('a blank event for no response: "a completely blank separate submission that is not logged in the forms spreadsheet" (github.com/markfguerra/google-forms-to-slack/issues/6)', () => {
    const emu = office();
    emu.submitForm(ANSWERS);
    const [run] = emu.fireBlankFormSubmit();
    expect(run!.result).toEqual({
      values: ['5/1/2026 10:00:00', '', '', ''],
      named: { Timestamp: ['5/1/2026 10:00:00'], 'Your name': [''], Phone: [''], 'Contact by': [''] },
      row: 3,
      cells: ['', '', '', ''],
    });
    expect(emu.sheetValues('Form responses 1')).toHaveLength(2);
    const [empty] = emu.fireBlankFormSubmit({ empty: true });
    expect(empty!.result).toMatchObject({ values: [], named: {} });
  });
});

describe('answers land in the responses tab as Sheets stores a typed entry', () => {
  it('a phone number typed into a short answer loses its leading zero in the tab (…/sheets/api/reference/rest/v4/ValueInputOption USER_ENTERED), while e.values keeps the text', () => {
    const emu = office();
    const [run] = emu.submitForm(ANSWERS);
    const result = run!.result as { values: string[]; named: Record<string, string[]>; cells: unknown[] };
    expect(result.named['Phone']).toEqual(['07700900123']);
    expect(result.values[2]).toBe('07700900123');
    expect(result.cells[2]).toBe(7700900123);
    expect(result.cells[1]).toBe('Alex Morgan');
    expect(result.cells[3]).toBe('Email, Post');
    expect(result.cells[0]).toEqual(new Date('2026-01-05T10:00:00Z'));
  });

  it('a column formatted as plain text keeps the answer as typed', () => {
    const emu = office();
    emu.spreadsheet.getSheetByName('Form responses 1')!.getRange('C2:C10').setNumberFormat('@');
    const [run] = emu.submitForm(ANSWERS);
    expect((run!.result as { cells: unknown[] }).cells[2]).toBe('07700900123');
  });

  it('the response row is complete before the trigger’s first call: Forms writes it in one step', () => {
    const emu = office();
    const seen: unknown[][] = [];
    emu.interleave({
      fn: 'submitted',
      atCall: 1,
      do: (e) => seen.push(...e.sheetValues('Form responses 1').slice(1)),
    });
    emu.submitForm(ANSWERS);
    expect(seen).toEqual([[new Date('2026-01-05T10:00:00Z'), 'Alex Morgan', 7700900123, 'Email, Post']]);
  });
});
