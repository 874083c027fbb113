/**
 * The case sidebar's server calls, run from the built bundle: what it shows of the selected case (only
 * values google.script.run can carry), and that each button is the cell edit it stands for, with the same
 * checks, the same Audit and the same refusals, made once however often it is sent.
 */
import { describe, expect, it } from 'vitest';
import { makeCalendar } from '../../src/core/calendar';
import { parseSettings, readSettingsTable } from '../../src/gas/settings';
import { actorFor } from '../../src/gas/context';
import { myCases } from '../../src/gas/sidebar';
import { Office } from './harness';

const ACT = 'caseSidebarAct';
let ids = 0;
const requestId = () => `test-request-${++ids}-${Date.now()}`;

/** True when `value` holds only what google.script.run carries: no Date, function or class instance. */
function jsonSafe(value: unknown): boolean {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true;
  if (Array.isArray(value)) return value.every(jsonSafe);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.values(value as object).every(jsonSafe);
  return false;
}

function selectCase(office: Office, reference: string): void {
  office.emu.select('Cases', office.cell(reference, 'Received'));
}

type View = {
  kind: string;
  reference: string;
  complainant: string;
  about: string;
  actions: { id: string; label: string; input: string; choices: { id: string }[] }[];
  letters: { key: string; kind: string; status: string; awaitingApproval: boolean; body: string | null }[];
  timeline: { what: string }[];
  handler: { title: string; email: string } | null;
  deadlines: { label: string; day: string }[];
  message?: string;
};
type Result = { ok: boolean; message: string; view: View };

function act(office: Office, request: Record<string, unknown>): Result {
  return office.emu.run(ACT, { requestId: requestId(), ...request }).result as Result;
}

describe('the view of the selected case', () => {
  it('shows who complained, about what, who handles it, what is due and what can be done next, as plain values', () => {
    const office = new Office('wiltshire');
    office.submit({ name: 'Sam Jones', adjustments: 'Large print, please' });
    selectCase(office, 'WIL-2026-0001');
    const view = office.emu.run('caseSidebarSelected').result as View;
    expect(jsonSafe(view)).toBe(true);
    expect(view).toMatchObject({
      kind: 'case',
      reference: 'WIL-2026-0001',
      complainant: 'Sam Jones',
      about: 'Office staff member',
      adjustments: 'Large print, please',
    });
    expect(view.handler?.email).toMatch(/@opcc\.example$/);
    expect(view.deadlines.find((d) => d.label === 'Acknowledge by')?.day).toMatch(/^\d{2}\/\d{2}\/2026$/);
    expect(view.actions.map((a) => a.id)).toContain('acknowledge');
    expect(view.actions.map((a) => a.id)).not.toContain('add-note');
    expect(view.timeline.length).toBeGreaterThan(0);
  });

  it('asks for a case row when the selection is the header, another tab or nothing', () => {
    const office = new Office('wiltshire');
    office.submit();
    expect(office.emu.run('caseSidebarSelected').result).toMatchObject({ kind: 'no-case' });
    office.emu.select('Cases', 'A1');
    expect(office.emu.run('caseSidebarSelected').result).toMatchObject({
      kind: 'no-case',
      message: 'Select a case row on the Cases tab to see it here.',
    });
    office.emu.select('Outbox', 'B2');
    expect(office.emu.run('caseSidebarSelection').result).toEqual({
      reference: null,
      message: 'Select a case row on the Cases tab to see it here.',
    });
    selectCase(office, 'WIL-2026-0001');
    expect(office.emu.run('caseSidebarSelection').result).toEqual({
      reference: 'WIL-2026-0001',
      message: '',
    });
  });

  it('the two-second poll costs 9 service calls and the whole view 28 (with the Audit entries still waiting in script properties), however many cases there are', () => {
    const office = new Office('wiltshire');
    office.submit();
    selectCase(office, 'WIL-2026-0001');
    const cost = () => ({
      poll: office.emu.run('caseSidebarSelection').stats.totalCalls,
      view: office.emu.run('caseSidebarSelected').stats.totalCalls,
    });
    // The poll: the selection, its tab and row, the header row and the Reference cell.
    expect(cost()).toEqual({ poll: 9, view: 28 });
    office.seedCases(200);
    expect(cost()).toEqual({ poll: 9, view: 28 });
  });

  it('is opened from the Complaints menu, as a sidebar', () => {
    const office = new Office('wiltshire');
    office.emu.fireOpen();
    const items = office.emu.ui.menus.find((m) => m.name === 'Complaints')!.items;
    expect(items.map((i) => i.functionName)).toContain('showCaseSidebar');
    office.emu.run('showCaseSidebar');
    expect(office.emu.ui.sidebars.at(-1)!.title).toBe('Case details');
    expect(office.emu.ui.sidebars.at(-1)!.html).toContain('caseSidebarSelection');
  });
});

describe('a sidebar button is the cell edit it stands for', () => {
  it('"Acknowledgement sent today" writes Acknowledged on and audits exactly what typing the date audits', () => {
    const bySidebar = new Office('wiltshire');
    bySidebar.submit();
    const result = act(bySidebar, { reference: 'WIL-2026-0001', action: 'acknowledge' });
    expect(result.ok).toBe(true);
    const [row] = bySidebar.cases();
    expect(row!['Acknowledged on']).toBeInstanceOf(Date);
    expect(result.view.actions.map((a) => a.id)).not.toContain('acknowledge');

    const byCell = new Office('wiltshire');
    byCell.submit();
    byCell.edit('WIL-2026-0001', 'Acknowledged on', new Date(byCell.emu.now.getTime() - 9 * 3_600_000));
    const strip = (r: Record<string, unknown>) => ({ ...r, When: undefined });
    expect(strip(bySidebar.rows('Audit').at(-1)!)).toEqual(strip(byCell.rows('Audit').at(-1)!));
    expect(bySidebar.rows('Audit').at(-1)).toMatchObject({
      Reference: 'WIL-2026-0001',
      Action: 'acknowledge',
    });
  });

  it('a refused action is put back and audited as a refused edit, and says why', () => {
    const office = new Office('wiltshire');
    office.submit();
    expect(act(office, { reference: 'WIL-2026-0001', action: 'acknowledge' }).ok).toBe(true);
    const acknowledged = office.cases()[0]!['Acknowledged on'];
    office.emu.advanceBy(86_400_000);
    const again = act(office, { reference: 'WIL-2026-0001', action: 'acknowledge' });
    expect(again).toMatchObject({ ok: false, message: 'The acknowledgement has already been recorded.' });
    expect(office.cases()[0]!['Acknowledged on']).toEqual(acknowledged);
    expect(office.rows('Audit').at(-1)).toMatchObject({ Action: 'refused: Acknowledged on' });
  });

  it('the same request twice (a double click, a retried call) changes the case once and answers the first result', () => {
    const office = new Office('wiltshire');
    office.submit();
    const request = { requestId: requestId(), reference: 'WIL-2026-0001', action: 'acknowledge' };
    const first = office.emu.run(ACT, request).result as Result;
    const audit = office.rows('Audit').length;
    const second = office.emu.run(ACT, request).result as Result;
    expect(second.ok).toBe(first.ok);
    expect(second.message).toBe(first.message);
    expect(office.rows('Audit')).toHaveLength(audit);
  });

  it('closing with an outcome writes Outcome then Stage; the outcome letter is then approved after editing', () => {
    const office = new Office('wiltshire');
    office.submit();
    const before = (office.emu.run('caseSidebarCase', 'WIL-2026-0001').result as View).actions;
    const close = before.find((a) => a.id === 'close')!;
    expect(close.input).toBe('choice');
    const closed = act(office, { reference: 'WIL-2026-0001', action: 'close', choice: close.choices[0]!.id });
    expect(closed.ok).toBe(true);
    expect(office.cases()[0]!['Stage']).toBe('Closed: appeal window open');
    const letter = closed.view.letters.find((l) => l.kind === 'outcome')!;
    expect(letter.awaitingApproval).toBe(true);
    expect(letter.body).toMatch(/^\[.*\]$/m);

    // Left as drafted, its [guidance] line is refused by the Outbox's own check.
    const refused = act(office, {
      reference: 'WIL-2026-0001',
      action: 'approve-letter',
      letterKey: letter.key,
      body: letter.body,
    });
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/square brackets/);
    expect(office.outbox().find((r) => r['Key'] === letter.key)!['Status']).toBe('awaiting-approval');
    expect(office.rows('Audit').at(-1)).toMatchObject({ Action: 'refused: approve letter' });

    const written = letter.body!.replace(/^\[.*\]$/gm, 'We have spoken to the member of staff.');
    const approved = act(office, {
      reference: 'WIL-2026-0001',
      action: 'approve-letter',
      letterKey: letter.key,
      body: written,
    });
    expect(approved).toMatchObject({ ok: true });
    const row = office.outbox().find((r) => r['Key'] === letter.key)!;
    expect(row['Status']).toBe('approved');
    expect(row['Body']).toBe(written);
  });

  it('an unknown action or a malformed request changes nothing', () => {
    const office = new Office('wiltshire');
    office.submit();
    const audit = office.rows('Audit').length;
    expect(act(office, { reference: 'WIL-2026-0001', action: 'add-note' }).ok).toBe(false);
    expect(
      (office.emu.run(ACT, { reference: 'WIL-2026-0001', action: 'acknowledge' }).result as Result).ok,
    ).toBe(false);
    expect(office.rows('Audit')).toHaveLength(audit);
  });
});

describe('my cases', () => {
  it("lists the open cases whose handler's address is the person's", () => {
    const office = new Office('wiltshire');
    office.submit();
    const handler = (office.emu.run('caseSidebarCase', 'WIL-2026-0001').result as View).handler!;
    office.emu.setActiveUser(handler.email);
    const mine = office.emu.run('caseSidebarMyCases').result as {
      email: string;
      groups: { cases: { reference: string }[] }[];
    };
    expect(mine.email).toBe(handler.email);
    expect(mine.groups.flatMap((g) => g.cases.map((c) => c.reference))).toEqual(['WIL-2026-0001']);
    office.emu.setActiveUser('someone.else@opcc.example');
    const none = office.emu.run('caseSidebarMyCases').result as { groups: unknown[]; message: string };
    expect(none.groups).toEqual([]);
    expect(none.message).toMatch(/No open case/);
  });

  it('finds the person in a role whose Settings email lists several addresses, in any case', () => {
    const office = new Office('wiltshire');
    office.submit();
    const handler = (office.emu.run('caseSidebarCase', 'WIL-2026-0001').result as View).handler!;
    const settings = office.emu.spreadsheet.getSheetByName('Settings')!;
    const row = office.emu.sheetValues('Settings').findIndex((r) => r[2] === handler.email);
    expect(row).toBeGreaterThan(0);
    settings.getRange(row + 1, 3).setValue(`deputy@opcc.example, ${handler.email.toUpperCase()}`);
    office.emu.setActiveUser(handler.email);
    const mine = office.emu.run('caseSidebarMyCases').result as {
      groups: { cases: { reference: string }[] }[];
    };
    expect(mine.groups.flatMap((g) => g.cases.map((c) => c.reference))).toEqual(['WIL-2026-0001']);
    // The audit trail names the role of either person, as it does for a role with one address.
    const parsed = parseSettings(
      readSettingsTable(office.emu.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet),
    );
    expect(actorFor(parsed, 'Deputy@OPCC.example').role).toBe(actorFor(parsed, handler.email).role);
    expect(actorFor(parsed, handler.email).role).not.toBe('complaints-team');
    office.emu.setActiveUser('deputy@opcc.example');
    const deputy = office.emu.run('caseSidebarMyCases').result as { groups: { cases: unknown[] }[] };
    expect(deputy.groups.flatMap((g) => g.cases)).toHaveLength(1);
  });

  it('says so when Google withholds who is looking, and lists open cases by owner', () => {
    const office = new Office('wiltshire');
    office.submit();
    office.submit({ name: 'Robin Hale' });
    // Google gives a script run by the person their own address; an empty one (an account whose address
    // is withheld) is given to the shell directly, over the emulated spreadsheet.
    const ss = office.emu.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
    const settingsTable = readSettingsTable(ss);
    const settings = parseSettings(settingsTable);
    const view = myCases(
      { ss, settingsTable, settings, profile: office.profile, calendar: makeCalendar(settings.closures) },
      '',
    );
    expect(jsonSafe(view)).toBe(true);
    expect(view.email).toBeNull();
    expect(view.message).toMatch(/does not tell this system who you are/);
    expect(view.groups.flatMap((g) => g.cases.map((c) => c.complainant))).toEqual([
      'Alex Morgan',
      'Robin Hale',
    ]);
    expect(view.groups.every((g) => g.owner !== '')).toBe(true);
  });
});
