/**
 * What a cell holds after a script writes to it: Google's 50,000-character limit, and text read as Sheets
 * reads typed input. Each rule cites the page it follows.
 */
import { describe, expect, it } from 'vitest';
import { emulatorFor, freshSheet, runScript } from './fixtures';

const LIMIT_MESSAGE = 'Your input contains more than the maximum of 50000 characters in a single cell.';

// The limit: support.google.com/drive/answer/37603; hit in practice: github.com/ONE-F-M/one_fm/pull/1926.
describe('the 50,000-character cell limit (support.google.com/drive/answer/37603)', () => {
  it('accepts exactly 50,000 characters and refuses 50,001 from setValue, setValues, appendRow and setFormula', () => {
    expect(
      runScript(
        `sheet.getRange(1, 1).setValue('x'.repeat(50000)); return sheet.getRange(1, 1).getValue().length;`,
      ),
    ).toBe(50000);
    const writes = [
      `sheet.getRange(1, 1).setValue('x'.repeat(50001));`,
      `sheet.getRange(1, 1, 1, 2).setValues([['ok', 'x'.repeat(50001)]]);`,
      `sheet.appendRow(['ok', 'x'.repeat(50001)]);`,
      `sheet.getRange(1, 1).setFormula('="' + 'x'.repeat(50000) + '"');`,
    ];
    for (const write of writes) expect(() => runScript(write), write).toThrow(LIMIT_MESSAGE);
  });

  it('throws it as the script’s own Exception, which a try/catch in the script sees', () => {
    expect(
      runScript(`try { sheet.getRange(1, 1).setValue('x'.repeat(60000)); return 'written'; }
        catch (e) { return [e instanceof Error, e.name, e.message]; }`),
    ).toEqual([true, 'Exception', LIMIT_MESSAGE]);
  });

  it('limits the text, not the number a script writes', () => {
    const { sheet } = freshSheet();
    sheet.getRange(1, 1).setValue(Number.MAX_VALUE);
    expect(sheet.getRange(1, 1).getValue()).toBe(Number.MAX_VALUE);
  });
});

describe('text is parsed as typed input (developers.google.com/sheets/api/reference/rest/v4/ValueInputOption: USER_ENTERED)', () => {
  const written = (input: unknown, format?: string) => {
    const { sheet } = freshSheet();
    const cell = sheet.getRange(2, 2);
    if (format) cell.setNumberFormat(format);
    cell.setValue(input);
    return { value: cell.getValue(), formula: cell.getFormula(), shown: cell.getDisplayValue() };
  };
  const london = (iso: string) => new Date(iso);

  it.each([
    ['07700900123', 7700900123],
    ['07700 900123', '07700 900123'],
    ['+447700900123', 447700900123],
    ['-12.5', -12.5],
    ['1,234', 1234],
    ['1,234.50', 1234.5],
    ['£12.50', 12.5],
    ['12%', 0.12],
    ['1e3', 1000],
    ['  42  ', 42],
    ['TRUE', true],
    ['false', false],
    ['@opcc', '@opcc'],
    ['-', '-'],
    ['PC 1234', 'PC 1234'],
    ['31/02/2026', '31/02/2026'],
    ["'07700900123", '07700900123'],
    ["'=1+1", '=1+1'],
  ])('%j is stored as %j', (input, expected) => {
    expect(written(input).value).toEqual(expected);
  });

  it.each([
    ['23/11/2026', '2026-11-23T00:00:00.000Z'],
    ['23-11-2026', '2026-11-23T00:00:00.000Z'],
    ['2026-11-23', '2026-11-23T00:00:00.000Z'],
    ['2026/11/23', '2026-11-23T00:00:00.000Z'],
    ['23/11/26', '2026-11-23T00:00:00.000Z'],
    ['23 Nov 2026', '2026-11-23T00:00:00.000Z'],
    ['23 November 2026', '2026-11-23T00:00:00.000Z'],
    ['23/11/2026 10:30', '2026-11-23T10:30:00.000Z'],
    ['2026-11-23 10:30:15', '2026-11-23T10:30:15.000Z'],
    // Summer time: midnight in London is 23:00 UTC the day before.
    ['1/6/2026', '2026-05-31T23:00:00.000Z'],
  ])('%j, a day-first en_GB date, becomes the Date %s (midnight in the spreadsheet’s zone)', (input, iso) => {
    const { value } = written(input);
    expect(value).toBeInstanceOf(Date);
    expect((value as Date).toISOString()).toBe(london(iso).toISOString());
  });

  it('reads a time alone as a time of day, not text', () => {
    expect(written('10:30').value).toBeInstanceOf(Date);
  });

  it('makes a formula of "=", and of "+" or "-" before something that is not a number, which then fails', () => {
    expect(written('=1+2')).toMatchObject({ value: 3, formula: '=1+2' });
    // Sheets reads a leading + or - as the start of a formula, so a spaced international number breaks.
    expect(written('+44 7700 900123')).toMatchObject({ value: '#ERROR!', formula: '=+44 7700 900123' });
    expect(written('-foo')).toMatchObject({ value: '#ERROR!', formula: '=-foo' });
  });

  it('keeps everything as typed in a cell formatted as plain text ("@"), except a leading apostrophe', () => {
    for (const input of ['07700900123', '23/11/2026', 'TRUE', '12%', '=1+2', '+44 7700 900123'])
      expect(written(input, '@')).toMatchObject({ value: input, formula: '' });
    expect(written("'x", '@').value).toBe('x');
  });

  it('stores dates, numbers and booleans passed as such without parsing them', () => {
    const date = new Date('2026-11-23T10:30:00Z');
    expect(written(date).value).toEqual(date);
    expect(written(7).value).toBe(7);
    expect(written(false).value).toBe(false);
    expect(written(null).value).toBe('');
  });

  it('shows a parsed date as Sheets shows it, and its number format still applies', () => {
    expect(written('23/11/2026').shown).toBe('23/11/2026');
    expect(written('2026-11-23', 'd mmmm yyyy').shown).toBe('23 November 2026');
  });

  it('parses setValues and appendRow the same way (developers.google.com/apps-script/reference/spreadsheet/range#setvaluesvalues)', () => {
    expect(
      runScript(`sheet.getRange(1, 1, 1, 2).setValues([['0123', '2026-11-23']]); sheet.appendRow(['0456', 'TRUE']);
        return sheet.getRange(1, 1, 2, 2).getValues().map((r) => r.map((v) => v instanceof Date ? 'date' : v));`),
    ).toEqual([
      [123, 'date'],
      [456, true],
    ]);
  });

  it('reads what a member of staff types the same way, so onEdit sees a date, not the text typed', () => {
    const emu = emulatorFor(`function onEdit(e) {
      const v = e.range.getValue();
      return [e.value, v instanceof Date ? v.toISOString() : typeof v];
    }`);
    const [edit] = emu.edit('Sheet1', 'B2', '14/03/2026');
    expect(edit!.result).toEqual(['14/03/2026', '2026-03-14T00:00:00.000Z']);
  });
});
