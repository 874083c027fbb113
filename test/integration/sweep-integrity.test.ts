/**
 * DESIGN §2 "Rows are matched by reference and columns by header at the moment of writing, not from
 * positions read earlier in the run (a sort or an inserted column mid-run must not misplace data)" and
 * "the script never overwrites a staff-owned cell", drilled at every service call of the daily sweep.
 * Needs a fresh `npm run build` (the harness loads build/Code.js).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/index';
import { CLOCK_HEADERS, COL } from '../../src/gas/cases';
import { attempt, cloneOf, columnOf, moveColumn, records, sameValue, type Row } from './drill';
import { Office } from './harness';

const LATER = new Date('2026-03-23T07:00:00Z');

interface Prepared {
  office: Emulator;
  before: Row[];
  expected: Map<string, Row>;
  cleanRun: string[];
}

/** The office's state before the sweep, what a clean sweep makes of it, and that sweep's service calls. */
function prepared(office: Emulator): Prepared {
  const before = records(office, 'Cases');
  const clean = cloneOf(office, LATER);
  const cleanRun = clean.run('runDailySweep').stats.sequence;
  const expected = new Map(records(clean, 'Cases').map((r) => [String(r[COL.reference]), r]));
  return { office, before, expected, cleanRun };
}

let asSetUp: Prepared;
let formatCleared: Prepared;

beforeAll(() => {
  const o = new Office('wiltshire');
  for (let i = 0; i < 5; i++) o.submit({ name: `Person ${i}`, email: `p${i}@example.org` });
  const cases = o.emu.spreadsheet.getSheetByName('Cases')!;
  // What staff typed in their own columns: the sweep must never touch it.
  o.emu.sheetValues('Cases').forEach((_, i) => {
    if (i === 0) return;
    cases.getRange(i + 1, columnOf(o.emu, 'Cases', COL.subjectEmail)).setValue(`officer${i}@opcc.example`);
    cases.getRange(i + 1, columnOf(o.emu, 'Cases', COL.notes)).setValue(`Called back on day ${i}`);
  });
  asSetUp = prepared(o.emu);
  // Staff pasting over Cases takes the plain-text format away: the deadlines the sweep writes as
  // YYYY-MM-DD text then come back from Sheets as dates, and must still count as landed.
  const bare = cloneOf(o.emu);
  const tab = bare.spreadsheet.getSheetByName('Cases')!;
  tab.getRange(1, 1, tab.getMaxRows(), tab.getMaxColumns()).setNumberFormat('General');
  formatCleared = prepared(bare);
});
interface Figures {
  misplaced: number;
  overwritten: number;
  notWritten: number;
}

function audit(
  { before, expected }: Prepared,
  emu: Emulator,
  deleted: Set<string>,
  detail: string[],
  label: string,
): Figures {
  const figures: Figures = { misplaced: 0, overwritten: 0, notWritten: 0 };
  const note = (problem: string) => {
    if (detail.length < 10) detail.push(`${label}: ${problem}`);
  };
  const after = new Map(records(emu, 'Cases').map((r) => [String(r[COL.reference]), r]));
  const headers = (emu.sheetValues('Cases')[0] ?? []).map(String);
  for (const old of before) {
    const reference = String(old[COL.reference]);
    const row = after.get(reference);
    if (deleted.has(reference)) {
      if (row) note(`${reference} came back`);
      continue;
    }
    if (!row) {
      figures.misplaced += 1;
      note(`${reference} has no row`);
      continue;
    }
    for (const header of headers) {
      if ((CLOCK_HEADERS as readonly string[]).includes(header)) {
        if (!sameValue(row[header], expected.get(reference)![header])) {
          figures.notWritten += 1;
          note(`${reference} "${header}" is ${String(row[header])}`);
        }
      } else if (!sameValue(row[header], header === '' ? '' : old[header])) {
        figures.overwritten += 1;
        note(`${reference} "${header}" overwritten`);
      }
    }
  }
  return figures;
}

function drill(
  state: Prepared,
  reshape: (emu: Emulator) => string | void,
): { figures: Figures; detail: string[] } {
  const { office, cleanRun } = state;
  const total: Figures = { misplaced: 0, overwritten: 0, notWritten: 0 };
  const detail: string[] = [];
  for (let call = 1; call <= cleanRun.length; call++) {
    const emu = cloneOf(office, LATER);
    const deleted = new Set<string>();
    emu.interleave({
      fn: 'runDailySweep',
      atCall: call,
      do: (e) => {
        const gone = reshape(e);
        if (gone) deleted.add(gone);
      },
    });
    const inv = attempt(emu, 'runDailySweep');
    expect(emu.interleaveErrors).toEqual([]);
    if (inv.error && detail.length < 10) detail.push(`call ${call}: ${inv.error.message}`);
    const f = audit(state, emu, deleted, detail, `change before call ${call} (${cleanRun[call - 1]})`);
    total.misplaced += f.misplaced;
    total.overwritten += f.overwritten;
    total.notWritten += f.notWritten;
  }
  return { figures: total, detail };
}

const NONE: Figures = { misplaced: 0, overwritten: 0, notWritten: 0 };

/** Staff reshaping Cases; a deleted row's reference is returned so the audit expects it gone. */
const RESHAPES = {
  insertColumn: (emu: Emulator) => {
    emu.spreadsheet.getSheetByName('Cases')!.insertColumnAfter(2);
  },
  deleteStaffColumn: (emu: Emulator) => {
    emu.spreadsheet.getSheetByName('Cases')!.deleteColumn(columnOf(emu, 'Cases', COL.decision));
  },
  moveSla: (emu: Emulator) => moveColumn(emu, 'Cases', COL.sla, 1),
  sortNewestFirst: (emu: Emulator) => {
    const sheet = emu.spreadsheet.getSheetByName('Cases')!;
    sheet.sort(columnOf(emu, 'Cases', COL.reference), false);
  },
  deleteCase: (emu: Emulator) => {
    const sheet = emu.spreadsheet.getSheetByName('Cases')!;
    const gone = String(sheet.getRange(3, columnOf(emu, 'Cases', COL.reference)).getValue());
    sheet.deleteRow(3);
    return gone;
  },
} satisfies Record<string, (emu: Emulator) => string | void>;

describe('the sweep writes computed columns by header and rows by reference at write time (DESIGN §2)', () => {
  it('recomputes every case in a clean run, the drills’ baseline', () => {
    const { office, before, expected } = asSetUp;
    const emu = cloneOf(office, LATER);
    emu.run('runDailySweep');
    expect(before).toHaveLength(5);
    expect(audit(asSetUp, emu, new Set(), [], 'clean')).toEqual(NONE);
    // The baseline must differ from the stored values, or the drills could not see a missed write.
    expect(before.some((r) => r[COL.sla] !== expected.get(String(r[COL.reference]))![COL.sla])).toBe(true);
  });

  it('"an inserted column mid-run must not misplace data": a column inserted in Cases at every call', () => {
    expect(drill(asSetUp, RESHAPES.insertColumn)).toEqual({ figures: NONE, detail: [] });
  });

  it('"the script never overwrites a staff-owned cell": a staff column deleted at every call', () => {
    expect(drill(asSetUp, RESHAPES.deleteStaffColumn)).toEqual({ figures: NONE, detail: [] });
  });

  it('"columns are found by header, never by position": Status moved to the first column at every call', () => {
    expect(drill(asSetUp, RESHAPES.moveSla)).toEqual({ figures: NONE, detail: [] });
  });

  it('"a sort mid-run must not misplace data": Cases sorted newest first at every call', () => {
    expect(drill(asSetUp, RESHAPES.sortNewestFirst)).toEqual({ figures: NONE, detail: [] });
  });

  it('"rows are matched by reference": a case deleted by staff at every call misplaces nothing', () => {
    expect(drill(asSetUp, RESHAPES.deleteCase)).toEqual({ figures: NONE, detail: [] });
  });

  it('reports a computed column deleted mid-sweep in trigger health, having written the others', () => {
    const { office, expected, cleanRun } = asSetUp;
    const emu = cloneOf(office, LATER);
    const write = cleanRun.indexOf('Range.setValues');
    emu.interleave({
      fn: 'runDailySweep',
      atCall: write + 1,
      do: (e) => e.spreadsheet.getSheetByName('Cases')!.deleteColumn(columnOf(e, 'Cases', COL.acknowledgeBy)),
    });
    const inv = attempt(emu, 'runDailySweep');
    expect(inv.error?.message).toMatch(/The "Cases" tab has no "Acknowledge by" column/);
    const health = emu.sheetValues('Settings').find((r) => r[0] === 'health:runDailySweep')!;
    expect(String(health[3])).toMatch(/no "Acknowledge by" column/);
    for (const row of records(emu, 'Cases'))
      expect(row[COL.sla]).toEqual(expected.get(String(row[COL.reference]))![COL.sla]);
  });
});

describe('the same drills once staff have taken the plain-text format off Cases', () => {
  it('reads the deadlines it wrote back as dates in a clean run, the drills’ baseline', () => {
    const { office, expected } = formatCleared;
    const emu = cloneOf(office, LATER);
    emu.run('runDailySweep');
    expect(audit(formatCleared, emu, new Set(), [], 'clean')).toEqual(NONE);
    // Otherwise these drills would only repeat the ones above.
    expect([...expected.values()].some((r) => r[COL.acknowledgeBy] instanceof Date)).toBe(true);
  });

  for (const [name, reshape] of Object.entries(RESHAPES))
    it(`takes its own deadlines, read back as dates, for landed writes: ${name} at every call`, () => {
      expect(drill(formatCleared, reshape)).toEqual({ figures: NONE, detail: [] });
    });
});
