/**
 * Every value that came from a person is written literally: text starting with "=", "+", "-" or "@" never
 * becomes a live formula, and text such as a phone number or a typed date stays text.
 */
import { describe, expect, it } from 'vitest';
import { literal, needsApostrophe } from '../../src/gas/literal';
import { Office } from './harness';

const HOSTILE = ['=HYPERLINK("http://evil.example","x")', '+SUM(A1:A9)', '-1+1', '@A1'];

/**
 * Formulas on every tab the script writes. The form's responses tab is left out: Forms writes it, not the
 * script (DESIGN §2: "raw form responses (Forms owns it; never edited)"), and Sheets reads a form answer
 * there as it reads typed input. Whether setup keeps that tab's answer columns plain text is its own check.
 */
function formulasOnEveryTab(office: Office): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const sheet of office.emu.spreadsheet.getSheets()) {
    if (sheet.getFormUrl() !== null) continue;
    const found = sheet.getDataRange().getFormulas().flat().filter(Boolean);
    if (found.length > 0) out[sheet.getName()] = found;
  }
  return out;
}

describe('literal values (DESIGN §2: "the spreadsheet is the database")', () => {
  it('marks exactly the text Sheets would read as something else', () => {
    for (const text of [
      ...HOSTILE,
      '07700900123',
      '01/02/2026',
      '3.5',
      'TRUE',
      'false',
      '£20',
      '12%',
      'March 1 2026',
    ])
      expect(needsApostrophe(text), text).toBe(true);
    for (const text of [
      'Alex Morgan',
      'WIL-2026-0001',
      'refused: Stage',
      'Stage 2: review',
      '',
      'Marching on',
    ])
      expect(needsApostrophe(text), text).toBe(false);
    expect(literal('=1+1')).toBe("'=1+1");
    expect(literal("'=1+1")).toBe("'=1+1");
    expect(literal(42)).toBe(42);
  });

  it('leaves no formula on any tab the script writes after hostile answers, edits, settings and templates', () => {
    const office = new Office('wiltshire');
    const settings = office.emu.spreadsheet.getSheetByName('Settings')!;
    office.emu.sheetValues('Settings').forEach((row, i) => {
      if (row[0] === 'role:complaints-team-leader') settings.getRange(i + 1, 3).setValue("'=1+1");
      if (row[0] === 'closure-days') settings.getRange(i + 1, 3).setValue("'=1+1");
    });
    const templates = office.emu.spreadsheet.getSheetByName('Templates')!;
    const rows = office.emu.sheetValues('Templates');
    const subject = rows[0]!.indexOf('Subject') + 1;
    rows.forEach((row, i) => {
      if (i > 0) templates.getRange(i + 1, subject).setValue("'=1+1 {{reference}}");
    });
    const [first, second, third, fourth] = HOSTILE;
    office.submit({
      name: first!,
      description: second!,
      address: third!,
      phone: fourth!,
      email: 'not-an-email',
    });
    office.submit({ name: second!, preferredContact: 'phone', phone: '07700900123' });
    const ref = 'WIL-2026-0001';
    for (const value of HOSTILE) {
      office.edit(ref, 'Stage', value);
      office.edit(ref, 'Reference', value);
      office.edit(ref, 'Decision', value);
      office.edit(ref, 'Acknowledged on', value);
    }
    office.edit('WIL-2026-0002', 'Notes', '01/02/2026');
    office.emu.run('sendQueuedMail');
    office.emu.run('runDailySweep');
    expect(office.mail().length).toBeGreaterThan(0);
    expect(formulasOnEveryTab(office)).toEqual({});
    // The refused values reached Audit as the text typed.
    const audit = office.rows('Audit');
    for (const value of HOSTILE) expect(audit.some((a) => a['To'] === value)).toBe(true);
    expect(office.cases().map((c) => c['Reference'])).toEqual(['WIL-2026-0001', 'WIL-2026-0002']);
    const [, phoned] = office.cases();
    expect(phoned!['Phone']).toBe('07700900123');
    expect(phoned!['Notes']).toBe('01/02/2026');
  });

  it('keeps the typed-answer columns of Cases plain text on every row, row 1,200 as row 2, once setup has seen the grid grow', () => {
    const office = new Office('wiltshire');
    office.seedCases(1_200);
    office.emu.run('setupSpreadsheet');
    const sheet = office.emu.spreadsheet.getSheetByName('Cases')!;
    const headers = office.emu.sheetValues('Cases')[0]!.map(String);
    const last = sheet.getMaxRows();
    expect(last).toBeGreaterThan(1_200);
    for (const header of [
      'Phone',
      'Email',
      'Complainant',
      'Address',
      'What happened',
      'Notes',
      'Reference',
    ]) {
      const column = headers.indexOf(header) + 1;
      expect(sheet.getRange(2, column).getNumberFormat(), header).toBe('@');
      expect(sheet.getRange(last, column).getNumberFormat(), header).toBe('@');
    }
    office.edit('SEED-001200', 'Notes', '07700900123');
    expect(office.cases().at(-1)!['Notes']).toBe('07700900123');
  });
});
