/**
 * The checkers themselves: each finds the fault it is for when the fault is planted host-side in an
 * office that is otherwise clean, and says where without quoting personal data.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { DrillOffice } from './lib/office';
import { plainSubmission } from './lib/submissions';
import { readTab } from './lib/tabs';

let office: DrillOffice;

beforeEach(() => {
  office = new DrillOffice();
  for (let id = 1; id <= 3; id++) office.submit(plainSubmission(id));
  office.plantSentinels();
  office.drain();
});

function sheet(name: string) {
  return office.emu.spreadsheet.getSheetByName(name)!;
}
function column(tab: string, header: string): number {
  return readTab(office.emu, tab)!.headers.indexOf(header) + 1;
}

describe('drill checkers', () => {
  it('a clean office reports nothing', () => {
    const f = office.check();
    expect([f.lost, f.duplicated, f.misplaced, f.oversizedCells, f.liveFormulas], f.notes.join('\n')).toEqual(
      [0, 0, 0, 0, 0],
    );
  });

  it('lost: a submission the Form accepted with no case', () => {
    sheet('Cases').deleteRow(3);
    const f = office.check();
    expect(f.lost).toBeGreaterThanOrEqual(1);
    expect(f.notes).toContain('submission #2 has no case');
  });

  it('duplicated: two cases for one submission', () => {
    const cases = sheet('Cases');
    const width = cases.getLastColumn();
    const copy = cases.getRange(2, 1, 1, width).getValues();
    copy[0]![column('Cases', 'Reference') - 1] = 'WIL-2026-0099';
    cases.getRange(5, 1, 1, width).setValues(copy);
    const f = office.check();
    expect(f.duplicated).toBe(1);
    expect(f.notes).toContain('submission #1 has 2 cases: WIL-2026-0001, WIL-2026-0099');
  });

  it('misplaced: a value under the wrong header, named by cell and header, never quoted', () => {
    const cases = sheet('Cases');
    const name = cases.getRange(3, column('Cases', 'Complainant')).getValue();
    cases.getRange(3, column('Cases', 'Email')).setValue(name);
    const f = office.check();
    expect(f.misplaced).toBeGreaterThanOrEqual(2);
    expect(f.notes.some((n) => n.includes('"Email" holds text of'))).toBe(true);
    expect(f.notes.some((n) => n.includes('the submission\'s name is under "Email"'))).toBe(true);
    expect(f.notes.join('\n')).not.toContain(String(name));
  });

  it('misplaced: a staff-typed value gone from its cell or turning up elsewhere', () => {
    const cases = sheet('Cases');
    const notes = column('Cases', 'Notes');
    const typed = cases.getRange(2, notes).getValue();
    cases.getRange(2, notes).setValue('');
    cases.getRange(3, column('Cases', 'Flags')).setValue(typed);
    const f = office.check();
    expect(f.misplaced).toBe(2);
  });

  it('oversized and live formulas: in any tab', () => {
    sheet('Dashboard').getRange(40, 1).setValue('=IMPORTXML("http://x.example","//a")');
    // Sheets refuses a write past the limit, and so does the emulator; to show the checker would still see
    // such a cell, one is planted in the emulator's cell store host-side.
    expect(() => sheet('Audit').getRange(50, 2).setValue('x'.repeat(50_001))).toThrow(/50000 characters/);
    sheet('Audit').cell(50, 2).value = 'x'.repeat(50_001);
    const f = office.check();
    expect([f.oversizedCells, f.liveFormulas]).toEqual([1, 1]);
  });

  it('duplicated: one letter sent twice', () => {
    office.emu.mail.sent.push({ ...office.emu.mail.sent[0]! });
    const f = office.check();
    expect(f.duplicated).toBe(1);
  });

  it('lost: a queued letter that never went', () => {
    const outbox = sheet('Outbox');
    outbox.getRange(2, column('Outbox', 'Status')).setValue('queued');
    outbox.getRange(2, column('Outbox', 'Body')).setValue('A letter that was never sent');
    const f = office.check();
    expect(f.lost).toBe(1);
    expect(f.notes.some((n) => /never went \(Status queued\)/.test(n))).toBe(true);
  });

  it('lost: a letter the fault-free run sends that was never queued', () => {
    const expected = office.sentLetters();
    sheet('Outbox').deleteRow(2);
    office.emu.mail.sent.shift();
    const f = office.check({ expected });
    expect(f.lost).toBe(1);
  });
});
