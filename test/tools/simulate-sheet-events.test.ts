/**
 * Structural events in scenarios (columns inserted, deleted and moved, sorts, deleted rows, renamed tabs)
 * and the problems list. Run in-process on build/Code.js: spawning the command costs seconds a test.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Emulator } from '../../emulator/index';
import { applySheetEvent, SHEET_OPS, type SheetEvent } from '../../tools/scenario/sheet-events';
import {
  parseScenario,
  ScenarioError,
  simulate,
  summary,
  writeResults,
  type Scenario,
  type ScenarioEvent,
} from '../../tools/simulation';

type Sheet = NonNullable<ReturnType<Emulator['spreadsheet']['getSheetByName']>>;

const at = (day: number, hour: number, minute = 0) =>
  new Date(Date.UTC(2026, 2, 2 + day, hour, minute)).toISOString();

const complaint = (name: string, channel = 'form') => ({
  channel,
  name,
  email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.org`,
  preferredContact: 'email',
  language: 'en',
  relationship: 'affected',
  subject: 'staff',
  description: `${name} was not called back about a referral, as promised.`,
});

const values = (sheet: Sheet) => sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getValues();

describe('sheet events on a tab', () => {
  let emu: Emulator;
  let sheet: Sheet;
  const apply = (event: SheetEvent) => applySheetEvent(emu, event);

  beforeAll(() => {
    emu = new Emulator({ now: new Date(at(0, 8)) });
    emu.run('setupSpreadsheet', 'wiltshire');
    // A tab of staff's own, so each op's effect can be checked cell by cell.
    sheet = emu.spreadsheet.insertSheet('Contacts');
    sheet.getRange(1, 1, 4, 3).setValues([
      ['Name', 'Team', 'Phone'],
      ['Cara', 'B', '0300 1'],
      ['Abe', 'A', '0300 2'],
      ['Bea', 'C', '0300 3'],
    ]);
    sheet.setFrozenRows(1);
    sheet.getRange('B3').setNote('checked');
    sheet.setColumnWidth(2, 180);
  });

  it('applies each op in turn', () => {
    apply({ tab: 'Contacts', op: 'insertColumn', before: 'Team' });
    expect(values(sheet)[0]).toEqual(['Name', '', 'Team', 'Phone']);
    expect(values(sheet)[2]).toEqual(['Abe', '', 'A', '0300 2']);

    apply({ tab: 'Contacts', op: 'insertColumn', before: 'Team', header: 'Email' });
    expect(values(sheet)[0]).toEqual(['Name', '', 'Email', 'Team', 'Phone']);

    apply({ tab: 'Contacts', op: 'deleteColumn', header: 'Phone' });
    expect(values(sheet)[0]).toEqual(['Name', '', 'Email', 'Team']);
    expect(values(sheet)[1]).toEqual(['Cara', '', '', 'B']);

    // A moved column takes its note and width with it, as dragging one in Sheets does.
    apply({ tab: 'Contacts', op: 'moveColumn', header: 'Team', before: 'Name' });
    expect(values(sheet)).toEqual([
      ['Team', 'Name', '', 'Email'],
      ['B', 'Cara', '', ''],
      ['A', 'Abe', '', ''],
      ['C', 'Bea', '', ''],
    ]);
    expect(sheet.getRange('A3').getNote()).toBe('checked');
    expect(sheet.columnWidths.get(1)).toBe(180);
    expect(sheet.getMaxColumns()).toBe(26 + 1);

    apply({ tab: 'Contacts', op: 'moveColumn', header: 'Team', before: 'Email' });
    expect(values(sheet)[0]).toEqual(['Name', '', 'Team', 'Email']);

    apply({ tab: 'Contacts', op: 'sort', by: 'Name', descending: true });
    expect(values(sheet).map((r) => r[0])).toEqual(['Name', 'Cara', 'Bea', 'Abe']);
    apply({ tab: 'Contacts', op: 'sort', by: 'Team' });
    expect(values(sheet).map((r) => r[2])).toEqual(['Team', 'A', 'B', 'C']);

    apply({ tab: 'Contacts', op: 'deleteRow', row: 2 });
    expect(values(sheet).map((r) => r[0])).toEqual(['Name', 'Cara', 'Bea']);

    apply({ tab: 'Contacts', op: 'rename', to: 'People' });
    expect(emu.spreadsheet.getSheetByName('People')).toBe(sheet);
    expect(emu.spreadsheet.getSheetByName('Contacts')).toBeNull();
  });

  it('types a header into a new column on the Cases tab as an edit the product lets stand', () => {
    const cases = emu.spreadsheet.getSheetByName('Cases')!;
    const runs = emu.invocations.length;
    apply({ tab: 'Cases', op: 'insertColumn', before: 'Stage', header: 'Team notes' });
    const headers = values(cases)[0]!;
    expect(headers.indexOf('Team notes')).toBe(headers.indexOf('Stage') - 1);
    expect(emu.invocations.slice(runs).map((i) => i.fn)).toContain('onStaffEdit');
    expect(emu.invocations.slice(runs).filter((i) => i.error)).toEqual([]);
  });

  it('refuses, with the reason, what names nothing or what Sheets would refuse', () => {
    const refusal = (event: SheetEvent) => {
      try {
        apply(event);
      } catch (error) {
        return (error as Error).message;
      }
      return 'applied';
    };
    expect(refusal({ tab: 'Nowhere', op: 'rename', to: 'X' })).toMatch(
      /^there is no tab named "Nowhere" \(the tabs are .*"People"/,
    );
    expect(refusal({ tab: 'People', op: 'deleteColumn', header: 'Fax' })).toMatch(
      /^the "People" tab has no "Fax" column \(its columns are "Name", "Team", "Email"\)$/,
    );
    expect(refusal({ tab: 'People', op: 'moveColumn', header: 'Team', before: 'Fax' })).toMatch(/no "Fax"/);
    expect(refusal({ tab: 'People', op: 'moveColumn', header: 'Team', before: 'Team' })).toMatch(/itself/);
    expect(refusal({ tab: 'People', op: 'deleteRow', row: 9 })).toBe(
      'the "People" tab\'s data ends at row 3, so there is no row 9',
    );
    expect(refusal({ tab: 'People', op: 'deleteRow', row: 1 })).toMatch(/header/);
    expect(refusal({ tab: 'People', op: 'rename', to: 'Cases' })).toBe(
      'A sheet with the name "Cases" already exists. Please enter another name.',
    );
    const loose = emu.spreadsheet.insertSheet('Loose');
    loose.getRange(1, 1, 2, 1).setValues([['Item'], ['pen']]);
    expect(refusal({ tab: 'Loose', op: 'sort', by: 'Item' })).toMatch(/no frozen header row/);
    // Nothing refused changed the tab.
    expect(values(sheet)[0]).toEqual(['Name', '', 'Team', 'Email']);
    expect(sheet.getLastRow()).toBe(3);
  });
});

describe('scenario files with sheet events', () => {
  it('accepts each op and says which field of which event is wrong', () => {
    const scenario = (sheet: unknown) => ({
      start: at(0, 8),
      end: at(1, 8),
      events: [
        { at: at(0, 9), submit: complaint('Ann') },
        { at: at(0, 10), sheet },
      ],
    });
    const parsed = parseScenario(scenario({ tab: 'Cases', op: 'sort', by: 'Received', descending: true }));
    expect(parsed.events[1]).toEqual({
      at: at(0, 10),
      sheet: { tab: 'Cases', op: 'sort', by: 'Received', descending: true },
    });
    const error = (json: unknown) => {
      try {
        parseScenario(json);
      } catch (e) {
        expect(e).toBeInstanceOf(ScenarioError);
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(error(scenario({ tab: 'Cases', op: 'moveColumns', header: 'A', before: 'B' }))).toBe(
      'scenario events.1.sheet.op: unknown sheet op "moveColumns" (expected one of insertColumn, deleteColumn, moveColumn, sort, deleteRow, rename)',
    );
    expect(error(scenario({ tab: 'Cases', op: 'moveColumn', header: 'A' }))).toMatch(
      /^scenario events\.1\.sheet\.before: /,
    );
    expect(error(scenario({ tab: 'Cases', op: 'deleteRow', row: 0 }))).toMatch(
      /^scenario events\.1\.sheet\.row: /,
    );
    expect(error(scenario({ tab: 'Cases', op: 'rename', to: 'X', after: 'Y' }))).toMatch(
      /^scenario events\.1\.sheet: Unrecognized key: "after"/,
    );
    expect(error(scenario({ tab: ' ', op: 'rename', to: 'X' }))).toBe(
      'scenario events.1.sheet.tab: must not be empty',
    );
    expect(error({ start: at(0, 8), end: at(1, 8), events: [{ at: at(0, 9) }] })).toBe(
      'scenario events.0: needs one of "submit", "action", "sheet" or "run"',
    );
    expect(error({ start: at(0, 8), end: at(1, 8), events: [{ at: 'noon', sheet: {} }] })).toBe(
      'scenario events.0.at: must be an ISO date-time',
    );
  });

  it('has an example scenario, documented in the README, that uses every op', () => {
    const file = new URL('../../tools/scenario/staff-reshape-sheet.json', import.meta.url);
    const scenario = parseScenario(JSON.parse(readFileSync(file, 'utf8')));
    const ops = scenario.events.flatMap((e) => ('sheet' in e ? [e.sheet.op] : []));
    expect(new Set(ops)).toEqual(new Set(SHEET_OPS));
  });
});

describe('replaying structural events', () => {
  const sorted = (rows: Record<string, unknown>[], key: string) =>
    [...rows].sort((a, b) => String(a[key]).localeCompare(String(b[key])));
  const without = (rows: Record<string, unknown>[], header: string) =>
    rows.map(({ [header]: _dropped, ...rest }) => rest);
  /**
   * Virtual time moves with each call's cells, so the same work on a wider tab stamps its times a few
   * milliseconds later: instants are expected within a second of the plain run's, everything else equal.
   */
  const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';
  const aboutTheSameTime = (rows: Record<string, unknown>[]) =>
    rows.map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => [
          k,
          isDate(v)
            ? expect.toSatisfy((d: unknown) => isDate(d) && Math.abs(d.getTime() - v.getTime()) < 1000)
            : v,
        ]),
      ),
    );

  it('keeps every value under its own header when staff insert, move and sort columns mid-scenario', () => {
    const work: ScenarioEvent[] = [
      { at: at(0, 10), submit: complaint('Ann Jones') },
      { at: at(1, 10), submit: complaint('Bryn Hale', 'email') },
      { at: at(2, 10), action: { case: 1, do: 'pause' } },
      { at: at(2, 11), submit: complaint('Cai Moss') },
      { at: at(3, 10), action: { case: 2, do: 'pause' } },
    ];
    const reshaping: ScenarioEvent[] = [
      { at: at(0, 12), sheet: { tab: 'Cases', op: 'insertColumn', before: 'Stage', header: 'Team notes' } },
      {
        at: at(0, 12, 5),
        sheet: { tab: 'Outbox', op: 'insertColumn', before: 'Status', header: 'Checked by' },
      },
      { at: at(1, 11), sheet: { tab: 'Cases', op: 'moveColumn', header: 'Reference', before: 'Notes' } },
      { at: at(1, 12), sheet: { tab: 'Cases', op: 'sort', by: 'Received', descending: true } },
      { at: at(2, 12), sheet: { tab: 'Outbox', op: 'sort', by: 'Kind' } },
    ];
    const run = (events: ScenarioEvent[]) =>
      simulate('wiltshire', { start: at(0, 8), end: at(3, 18), events } satisfies Scenario);
    const plain = run(work);
    const reshaped = run([...work, ...reshaping]);

    expect(reshaped.problems).toEqual([]);
    const headers = reshaped.emu.sheetValues('Cases')[0]!;
    expect(headers.indexOf('Team notes')).toBe(headers.indexOf('Stage') - 1);
    expect(headers.indexOf('Reference')).toBe(headers.indexOf('Notes') - 1);
    // Sorted newest first on day 1; the case that came in on day 2 was added below.
    expect(reshaped.cases.map((c) => c['Reference'])).toEqual([
      'WIL-2026-0002',
      'WIL-2026-0001',
      'WIL-2026-0003',
    ]);
    expect(reshaped.cases.map((c) => c['Team notes'])).toEqual(['', '', '']);
    expect(reshaped.outbox.every((l) => l['Checked by'] === '')).toBe(true);

    // The same work on an untouched sheet gives the same cases and letters, column for column.
    expect(plain.cases.map((c) => c['Complainant'])).toEqual(['Ann Jones', 'Bryn Hale', 'Cai Moss']);
    expect(plain.cases.map((c) => [c['Clock paused'], c['Status']])).toEqual([
      [true, 'Paused'],
      [true, 'Paused'],
      ['', 'On track'],
    ]);
    expect(plain.outbox.length).toBeGreaterThan(2);
    expect(sorted(without(reshaped.cases, 'Team notes'), 'Reference')).toEqual(aboutTheSameTime(plain.cases));
    expect(sorted(without(reshaped.outbox, 'Checked by'), 'Key')).toEqual(
      aboutTheSameTime(sorted(plain.outbox, 'Key')),
    );
  });

  it('reports a refused event with its place and reason, then carries on with the rest', () => {
    const events: ScenarioEvent[] = [
      // Listed first but happens later: the problem still names its place in the file.
      { at: at(1, 15), sheet: { tab: 'Cases', op: 'deleteRow', row: 40 } },
      { at: at(0, 10), submit: { ...complaint('Ann Jones'), description: '' } },
      { at: at(0, 11), sheet: { tab: 'Cases', op: 'deleteColumn', header: 'Case owner' } },
      { at: at(0, 12), submit: complaint('Bryn Hale') },
      { at: at(1, 10), action: { case: 1, do: 'pause' } },
      { at: at(1, 11), action: { case: 2, do: 'decide', decision: 'no-further-action' } },
      { at: at(1, 12), action: { case: 2, do: 'pause' } },
      { at: at(1, 13), sheet: { tab: 'Case list', op: 'rename', to: 'Cases (old)' } },
      { at: at(1, 14), sheet: { tab: 'Outbox', op: 'rename', to: 'Letters' } },
    ];
    const result = simulate('wiltshire', { start: at(0, 8), end: at(2, 8), events });

    expect(result.problems.map((p) => [p.event, p.at])).toEqual([
      [1, at(0, 10)],
      [2, at(0, 11)],
      [4, at(1, 10)],
      [5, at(1, 11)],
      [7, at(1, 13)],
      [0, at(1, 15)],
      // The sender finds no tab named Outbox the next morning: the product finds its tabs by name, so
      // renaming the Outbox stops it, and the replay reports that once, with how often.
      [null, result.problems[6]?.at],
    ]);
    expect(result.problems[6]!.reason).toMatch(/Outbox/);
    const reasons = result.problems.map((p) => p.reason);
    expect(reasons[0]).toMatch(/^the form refused the submission: Required questions left unanswered: .+/);
    expect(reasons[1]).toMatch(/^the "Cases" tab has no "Case owner" column \(its columns are "Reference", /);
    expect(reasons[2]).toBe('case 1 was never created: its submission was refused');
    expect(reasons[3]).toMatch(
      /^WIL-2026-0001 decide: the product refused the change: No decision is recorded/,
    );
    expect(reasons[4]).toMatch(/^there is no tab named "Case list"/);
    expect(reasons[5]).toBe('the "Cases" tab\'s data ends at row 2, so there is no row 40');

    // The events after each refusal ran: the second complaint is a case, paused, and the Outbox renamed.
    expect(result.cases.map((c) => [c['Complainant'], c['Status']])).toEqual([['Bryn Hale', 'Paused']]);
    expect(result.emu.spreadsheet.getSheetByName('Letters')).not.toBeNull();
    expect(result.outbox.length).toBeGreaterThan(0);

    const dir = mkdtempSync(join(tmpdir(), 'simulate-'));
    writeResults(result, dir);
    expect(JSON.parse(readFileSync(join(dir, 'problems.json'), 'utf8'))).toEqual(result.problems);
    const text = summary(result, dir);
    expect(text).toContain('Problems: 7');
    expect(text).toContain(`Problem: event 2 (${at(0, 11)}): the "Cases" tab has no "Case owner" column`);
  });

  it('reports a trigger that keeps failing after a change once, with how often', () => {
    const result = simulate('wiltshire', {
      start: at(0, 8),
      end: at(3, 8),
      events: [
        { at: at(0, 9), submit: complaint('Ann Jones') },
        { at: at(0, 10), sheet: { tab: 'Cases', op: 'rename', to: 'Case list' } },
      ],
    });
    // The daily sweep cannot find the Cases tab on each of the three mornings.
    expect(result.problems).toEqual([
      {
        event: null,
        at: expect.stringMatching(/^2026-03-03T/),
        reason: expect.stringMatching(
          /^the runDailySweep trigger failed: .*Cases.* \(3 times, the last at 2026-03-05T.+\)$/,
        ),
      },
    ]);
    // The renamed tab is still the one read for the results.
    expect(result.cases.map((c) => c['Complainant'])).toEqual(['Ann Jones']);
  });
});
