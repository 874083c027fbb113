/**
 * A staff edit is checked between a read and a write. Whatever lands in that gap (a colleague typing in
 * the same row, a column inserted, the rows sorted, another edit) must not be lost or misplaced.
 */
import { describe, expect, it } from 'vitest';
import { Office } from './harness';

const STAGE_2 = 'Stage 2: handling review by the decision maker';
// 51 as measured when the Audit append began reading its header row at append time, plus the 2 calls of
// the check that the appended row still sits under the headers it was laid out for.
const STAGE_EDIT_CALLS = 53;

function office(): Office {
  const o = new Office('wiltshire');
  o.submit({ name: 'Alex Morgan', preferredContact: 'post', address: '1 High Street, Devizes' });
  o.submit({ name: 'Sam Jones', preferredContact: 'post', address: '2 High Street, Devizes' });
  o.emu.setActiveUser('complaints-team-leader@opcc.example');
  return o;
}

/**
 * Runs `between` in the gap after the handler has read the row (under the lock) and before it starts
 * writing: the write phase begins by reading the header row again (Sheet.getLastColumn).
 */
function beforeFirstWrite(o: Office, between: () => void): void {
  let locked = false;
  o.emu.interleave({
    fn: 'onStaffEdit',
    atCall: (key) => {
      if (key === 'Lock.tryLock') locked = true;
      return locked && key === 'Sheet.getLastColumn';
    },
    do: between,
  });
}

function cellOf(o: Office, reference: string, header: string) {
  const sheet = o.emu.spreadsheet.getSheetByName('Cases')!;
  return sheet.getRange(o.cell(reference, header));
}

describe('staff edits write only the cells they change (DESIGN §2: "Write only the cells that changed")', () => {
  it('a colleague’s change to another cell of the same row, made while the edit is checked, is kept', () => {
    const o = office();
    beforeFirstWrite(o, () => cellOf(o, 'WIL-2026-0001', 'Outcome').setValue('Resolved'));
    o.edit('WIL-2026-0001', 'Stage', STAGE_2);
    expect(o.emu.pendingInterleaves).toBe(0);
    const [row] = o.cases();
    expect(row!['Stage']).toBe(STAGE_2);
    expect(row!['Outcome']).toBe('Resolved');
  });

  it('a column inserted while the edit is checked does not shift what the handler writes', () => {
    const o = office();
    const sheet = o.emu.spreadsheet.getSheetByName('Cases')!;
    beforeFirstWrite(o, () => sheet.insertColumnsAfter(2, 1));
    o.edit('WIL-2026-0001', 'Stage', STAGE_2);
    const [row] = o.cases();
    expect(row!['Stage']).toBe(STAGE_2);
    expect(row!['Status']).toBe('On track');
    expect(row!['']).toBe('');
    expect(o.rows('Audit').at(-1)).toMatchObject({ Reference: 'WIL-2026-0001', To: 'stage-2' });
  });

  it('a sort while the edit is checked does not misplace the write: the row is found by its reference', () => {
    const o = office();
    const sheet = o.emu.spreadsheet.getSheetByName('Cases')!;
    const complainant = o.emu.sheetValues('Cases')[0]!.map(String).indexOf('Complainant') + 1;
    beforeFirstWrite(o, () => sheet.sort(complainant, false));
    o.edit('WIL-2026-0001', 'Stage', STAGE_2);
    const byRef = Object.fromEntries(o.cases().map((c) => [c['Reference'], c]));
    expect(byRef['WIL-2026-0001']!['Stage']).toBe(STAGE_2);
    expect(byRef['WIL-2026-0001']!['Complainant']).toBe('Alex Morgan');
    expect(byRef['WIL-2026-0002']!['Stage']).toBe('Stage 1: informal resolution');
  });

  it('a refused change is put back in its own cell even if the rows were sorted meanwhile', () => {
    const o = office();
    const sheet = o.emu.spreadsheet.getSheetByName('Cases')!;
    const complainant = o.emu.sheetValues('Cases')[0]!.map(String).indexOf('Complainant') + 1;
    beforeFirstWrite(o, () => sheet.sort(complainant, false));
    o.edit('WIL-2026-0001', 'Stage', 'Appeal decided (final)');
    const byRef = Object.fromEntries(o.cases().map((c) => [c['Reference'], c]));
    expect(byRef['WIL-2026-0001']!['Stage']).toBe('Stage 1: informal resolution');
    expect(byRef['WIL-2026-0002']!['Stage']).toBe('Stage 1: informal resolution');
  });

  it('a second staff edit that lands during the first is not silently lost: it is put back and its author asked to make it again', () => {
    const o = office();
    beforeFirstWrite(o, () => o.emu.edit('Cases', o.cell('WIL-2026-0002', 'Stage'), STAGE_2));
    o.edit('WIL-2026-0001', 'Stage', STAGE_2);
    expect(o.cases().map((c) => c['Stage'])).toEqual([STAGE_2, 'Stage 1: informal resolution']);
    expect(o.emu.ui.toasts).toContainEqual(expect.stringMatching(/not saved/));
    // Made again, it goes through.
    o.edit('WIL-2026-0002', 'Stage', STAGE_2);
    expect(o.cases().map((c) => c['Stage'])).toEqual([STAGE_2, STAGE_2]);
  });

  it('an accepted single-cell change costs the same service calls for 2 cases as for 2,000', () => {
    const small = office();
    const large = office();
    large.seedCases(2_000);
    const a = small.edit('WIL-2026-0001', 'Stage', STAGE_2).stats;
    const b = large.edit('WIL-2026-0001', 'Stage', STAGE_2).stats;
    expect(b.calls).toEqual(a.calls);
    // The tab check (2), Settings (5), the handler's tab check (2), headers (3), the edited range (4), who
    // (1), the lock (2), the deferred-audit check (2), the row (2), the write (10: headers, references, two
    // runs of changed cells), the Audit append (8: its headers and last row read at append time), the
    // unlock (1) and trigger health (9: its row and columns found in Settings at the moment of writing,
    // then checked). None of these reads grows with the number of cases.
    expect(a.totalCalls).toBe(STAGE_EDIT_CALLS);
    expect(a.calls['Range.setValues']).toBe(4);
  });
});
