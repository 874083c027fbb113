/**
 * A case's identity (its Reference) cannot be changed, cleared or duplicated by an edit on the Cases tab:
 * the change is refused, put back and audited, and the case stays on every clock.
 */
import { describe, expect, it } from 'vitest';
import { Office } from './harness';

const letters = (column: number): string => {
  let out = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
};

function headers(office: Office): string[] {
  return office.emu.sheetValues('Cases')[0]!.map(String);
}

/** Staff paste a block of values: the cells change, then the installable onEdit fires for the block. */
function paste(office: Office, row: number, column: number, values: unknown[][]): void {
  const sheet = office.emu.spreadsheet.getSheetByName('Cases')!;
  const range = sheet.getRange(row, column, values.length, values[0]!.length);
  range.setValues(values);
  office.emu.run('onStaffEdit', { range, source: office.emu.spreadsheet, authMode: 'FULL' });
}

function twoCases(): Office {
  const office = new Office('wiltshire');
  office.submit({ name: 'Alex Morgan', phone: '07700900123' });
  office.submit({ name: 'Sam Jones', email: 'sam@example.org' });
  return office;
}

const refs = (office: Office) => office.cases().map((c) => c['Reference']);

describe('a case keeps its reference (DESIGN §2: "Cases (one row per complaint, keyed by reference)")', () => {
  it('a typed new reference is refused, put back and audited with who, when and what', () => {
    const office = twoCases();
    office.emu.setActiveUser('complaints-team-leader@opcc.example');
    const inv = office.edit('WIL-2026-0001', 'Reference', 'WIL-2026-9999');
    expect(refs(office)).toEqual(['WIL-2026-0001', 'WIL-2026-0002']);
    const last = office.rows('Audit').at(-1)!;
    expect(last).toMatchObject({
      Reference: 'WIL-2026-0001',
      Action: 'refused: Reference',
      From: 'WIL-2026-0001',
      To: 'WIL-2026-9999',
    });
    expect(String(last['Who'])).toContain('complaints-team-leader@opcc.example');
    // Time moves with every service call, so "when" is the moment of the refusal: within the edit's run.
    const when = (last['When'] as Date).getTime();
    expect(when).toBeGreaterThanOrEqual(inv.at.getTime());
    expect(when).toBeLessThanOrEqual(inv.at.getTime() + inv.executionTimeMs);
    expect(office.emu.ui.toasts.at(-1)).toMatch(/keeps its reference/);
  });

  it('a cleared reference is put back, so the case stays on every clock', () => {
    const office = twoCases();
    office.edit('WIL-2026-0002', 'Reference', '');
    expect(refs(office)).toEqual(['WIL-2026-0001', 'WIL-2026-0002']);
    expect(office.rows('Audit').at(-1)!['Action']).toBe('refused: Reference');
    // What is due gone stale on both (the sweep writes only cases whose computed cells change).
    const cases = office.emu.spreadsheet.getSheetByName('Cases')!;
    for (const reference of ['WIL-2026-0001', 'WIL-2026-0002'])
      cases.getRange(office.cell(reference, 'What is due')).setValue('');
    office.emu.run('runDailySweep');
    // Both cases were brought up to date by this sweep (time moves with every service call, so the stamp
    // is a moment within the sweep's run, the same for every case it writes).
    const sweep = office.emu.lastInvocation!;
    const stamps = office.cases().map((c) => (c['Last updated by script'] as Date).getTime());
    expect(stamps[1]).toBe(stamps[0]);
    expect(stamps[0]).toBeGreaterThanOrEqual(sweep.at.getTime());
    expect(stamps[0]).toBeLessThanOrEqual(sweep.at.getTime() + sweep.executionTimeMs);
  });

  it("another case's reference typed over this one is refused: no reference appears twice", () => {
    const office = twoCases();
    office.edit('WIL-2026-0002', 'Reference', 'WIL-2026-0001');
    expect(refs(office)).toEqual(['WIL-2026-0001', 'WIL-2026-0002']);
    expect(office.rows('Audit').at(-1)).toMatchObject({
      Reference: 'WIL-2026-0002',
      From: 'WIL-2026-0002',
      To: 'WIL-2026-0001',
    });
  });

  it('a paste down the Reference column is put back row by row, each audited', () => {
    const office = twoCases();
    const column = headers(office).indexOf('Reference') + 1;
    paste(office, 2, column, [['X-1'], ['X-2']]);
    expect(refs(office)).toEqual(['WIL-2026-0001', 'WIL-2026-0002']);
    const refused = office.rows('Audit').filter((a) => a['Action'] === 'refused: Reference');
    expect(refused.map((a) => [a['Reference'], a['To']])).toEqual([
      ['WIL-2026-0001', 'X-1'],
      ['WIL-2026-0002', 'X-2'],
    ]);
  });

  it('a row of visible cells pasted over another case is rebuilt from that case’s hidden data', () => {
    const office = twoCases();
    office.emu.setActiveUser('complaints-team-leader@opcc.example');
    office.edit('WIL-2026-0002', 'Stage', 'Stage 2: handling review by the decision maker');
    office.edit('WIL-2026-0001', 'Notes', 'Called back');
    const before = office.cases();
    const hs = headers(office);
    // The hidden columns (the case data, then the form response it came from) are the last ones: staff
    // copying a row of what they can see copy everything before them.
    const visible = hs.indexOf('Case data (do not edit)');
    const sheet = office.emu.spreadsheet.getSheetByName('Cases')!;
    for (let column = 1; column <= hs.length; column += 1)
      expect(sheet.isColumnHiddenByUser(column), hs[column - 1]).toBe(column > visible);
    const copy = office.emu.sheetValues('Cases')[1]!.slice(0, visible);
    paste(office, 3, 1, [copy]);
    const after = office.cases();
    expect(after[0]).toEqual(before[0]);
    for (const h of ['Reference', 'Complainant', 'Email', 'Stage', 'Received', 'Acknowledge by', 'Flags'])
      expect(after[1]![h], h).toEqual(before[1]![h]);
    // The copied case's note is not left on the other case.
    expect(after[1]!['Notes']).toBe('');
    expect(office.rows('Audit').at(-1)).toMatchObject({
      Reference: 'WIL-2026-0002',
      Action: 'refused: row pasted over',
      To: 'WIL-2026-0001',
    });
  });

  it('a whole row pasted as a copy of a case already on the tab is cleared, and staff told Undo finds what it overwrote', () => {
    const office = twoCases();
    const row = office.emu.sheetValues('Cases')[1]!;
    paste(office, 4, 1, [row]);
    expect(refs(office).filter(Boolean)).toEqual(['WIL-2026-0001', 'WIL-2026-0002']);
    expect(office.rows('Audit').at(-1)).toMatchObject({
      Reference: 'WIL-2026-0001',
      Action: 'refused: copy of a case',
    });
    expect(office.emu.ui.toasts.at(-1)).toMatch(/Undo/);
  });

  it('a reference typed into an empty row is refused: cases are made by the form or the Log a complaint dialog', () => {
    const office = twoCases();
    const column = letters(headers(office).indexOf('Reference') + 1);
    office.emu.edit('Cases', `${column}5`, 'WIL-2026-0003');
    expect(refs(office).filter(Boolean)).toEqual(['WIL-2026-0001', 'WIL-2026-0002']);
    expect(office.rows('Audit').at(-1)!['Action']).toBe('refused: Reference');
  });

  it('the hidden case data typed over is put back', () => {
    const office = twoCases();
    const data = office.cases()[0]!['Case data (do not edit)'];
    office.edit('WIL-2026-0001', 'Case data (do not edit)', '{}');
    expect(office.cases()[0]!['Case data (do not edit)']).toBe(data);
    expect(office.rows('Audit').at(-1)!['Action']).toBe('refused: Case data');
  });

  it('a reference typed again unchanged is no change: nothing is written or audited', () => {
    const office = twoCases();
    const before = office.emu.sheetValues('Cases');
    const audited = office.rows('Audit').length;
    const inv = office.edit('WIL-2026-0001', 'Reference', 'WIL-2026-0001');
    expect(office.emu.sheetValues('Cases')).toEqual(before);
    expect(office.rows('Audit')).toHaveLength(audited);
    expect(inv.stats.calls['Range.setValues'] ?? 0).toBe(1); // trigger health only
  });
});
