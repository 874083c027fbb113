/**
 * The staff workspace on a sheet people have handled as they do: the Cases rows sorted by complainant, a
 * column of the team's own inserted before Status, a date typed days after the thing happened. The sidebar
 * acts on the case that is selected, whatever row it now sits on, the team's column is left alone, and the
 * Today view follows.
 */
import { describe, expect, it } from 'vitest';
import { Office } from './harness';

type View = { kind: string; reference: string; complainant: string };
type Result = { ok: boolean; message: string; view: View };

let ids = 0;
const act = (office: Office, request: Record<string, unknown>): Result =>
  office.emu.run('caseSidebarAct', { requestId: `reshaped-${++ids}-request`, ...request }).result as Result;

const column = (office: Office, header: string): number =>
  office.emu.sheetValues('Cases')[0]!.map(String).indexOf(header) + 1;

describe('the workspace on a sorted and reshaped Cases tab', () => {
  it('the sidebar acts on the selected case after a sort and an inserted column, and the Today view follows', () => {
    const office = new Office('wiltshire', new Date('2026-03-02T09:00:00Z'));
    const post = { preferredContact: 'post' as const, address: '1 High Street, Devizes' };
    office.submit({ name: 'Zoe Young', ...post }); // WIL-2026-0001
    office.submit({ name: 'Adam Ash', ...post }); // WIL-2026-0002
    office.submit({ name: 'Mia Moss', ...post }); // WIL-2026-0003

    // Staff insert a column of their own before Status and sort the cases by complainant.
    const cases = office.emu.spreadsheet.getSheetByName('Cases')!;
    const status = column(office, 'Status');
    cases.insertColumnBefore(status);
    cases.getRange(1, status).setValue('Team notes');
    const rows = office.cases().length;
    cases.getRange(2, 1, rows, cases.getLastColumn()).sort(column(office, 'Complainant'));
    cases.getRange(office.cell('WIL-2026-0001', 'Team notes')).setValue('Called back Tuesday');
    expect(office.cases().map((c) => c['Complainant'])).toEqual(['Adam Ash', 'Mia Moss', 'Zoe Young']);

    // Three days later the letter that went out on Monday is recorded, from the sidebar.
    office.emu.advanceTo(new Date('2026-03-05T10:00:00Z'));
    office.emu.select('Cases', office.cell('WIL-2026-0001', 'Complainant'));
    const view = office.emu.run('caseSidebarSelected').result as View;
    expect(view).toMatchObject({ kind: 'case', reference: 'WIL-2026-0001', complainant: 'Zoe Young' });
    expect(act(office, { reference: 'WIL-2026-0001', action: 'acknowledge' }).ok).toBe(true);

    // Another: staff type the day its posted acknowledgement really went, two days back.
    office.edit('WIL-2026-0003', 'Acknowledged on', new Date('2026-03-03T00:00:00Z'));

    const byReference = new Map(office.cases().map((c) => [c['Reference'], c]));
    expect(byReference.get('WIL-2026-0001')!['Acknowledged on']).toBeInstanceOf(Date);
    expect(byReference.get('WIL-2026-0001')!['Team notes']).toBe('Called back Tuesday');
    expect(byReference.get('WIL-2026-0002')!['Acknowledged on']).toBe('');
    expect(byReference.get('WIL-2026-0003')!['Acknowledged on']).toBeInstanceOf(Date);
    expect(byReference.get('WIL-2026-0002')!['Team notes']).toBe('');

    // The morning after the acknowledgement deadline (5 working days: Monday 9 March), only the one
    // never acknowledged is overdue, and it is on the Today view under its complainant's name.
    office.emu.advanceTo(new Date('2026-03-10T08:00:00Z'));
    const statuses = new Map(office.cases().map((c) => [c['Reference'], c['Status']]));
    expect(statuses.get('WIL-2026-0002')).toBe('Overdue');
    expect(statuses.get('WIL-2026-0001')).not.toBe('Overdue');
    expect(statuses.get('WIL-2026-0003')).not.toBe('Overdue');
    const dashboard = office.emu.sheetValues('Dashboard');
    const overdue = dashboard.findIndex((r) => String(r[0]).startsWith('Overdue'));
    expect(dashboard[overdue]![0]).toBe('Overdue: 1');
    expect(dashboard[overdue + 1]!.slice(0, 2)).toEqual(['WIL-2026-0002', 'Adam Ash']);
  });
});
