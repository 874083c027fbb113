import { describe, expect, it } from 'vitest';
import { Emulator } from '../../emulator/index';
import { londonDate } from '../../src/core/calendar';
import { DASHBOARD_LEGEND } from '../../src/gas/status-colours';
import { Office } from './harness';

/** A deadline cell's London day: deadlines are date cells. */
const day = (cell: unknown): string =>
  Object.prototype.toString.call(cell) === '[object Date]' ? londonDate(cell as Date) : String(cell);

const columnLetter = (headers: string[], header: string): string => {
  let letters = '';
  for (let n = headers.indexOf(header) + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
};

describe('setup', () => {
  it('is idempotent and keeps existing cases where they are', () => {
    const office = new Office('wiltshire');
    office.submit();
    office.submit({ name: 'Sam Jones', email: 'sam@example.org' });
    const before = office.emu.sheetValues('Cases');
    const tabs = office.emu.spreadsheet.getSheets().map((s) => s.getName());
    office.emu.run('setupSpreadsheet');
    expect(office.emu.sheetValues('Cases')).toEqual(before);
    expect(office.emu.spreadsheet.getSheets().map((s) => s.getName())).toEqual(tabs);
    const handlers = office.emu.triggers.map((t) => t.handler).sort();
    expect(handlers).toEqual(['onComplaintSubmitted', 'onStaffEdit', 'runDailySweep', 'sendQueuedMail']);
    expect(office.emu.forms).toHaveLength(1);
    expect(office.emu.sheetValues('Dashboard').map((r) => r[0])).toContain('Status: Needs review');
  });

  it('appends missing columns at the end without moving the ones staff arranged', () => {
    const office = new Office('wiltshire');
    office.submit();
    const sheet = office.emu.spreadsheet.getSheetByName('Cases')!;
    const headers = office.emu.sheetValues('Cases')[0]!.map(String);
    const notesColumn = headers.indexOf('Notes') + 1;
    sheet.deleteColumn(notesColumn);
    office.emu.run('setupSpreadsheet');
    const after = office.emu.sheetValues('Cases')[0]!.map(String);
    expect(after[after.length - 1]).toBe('Notes');
    expect(after.slice(0, notesColumn - 1)).toEqual(headers.slice(0, notesColumn - 1));
    expect(office.cases()[0]!['Reference']).toBe('WIL-2026-0001');
  });

  it('asks for the policy from the menu, listing the built-in ones, and keeps it on a blank answer', () => {
    const emu = new Emulator({ now: new Date('2026-03-02T09:00:00Z') });
    emu.ui.respondWith('OK', 'west-midlands');
    emu.run('setupFromMenu');
    const policy = () => emu.sheetValues('Settings').find((r) => r[0] === 'policy')![2];
    expect(policy()).toBe('west-midlands');
    emu.ui.respondWith('OK', '');
    emu.run('setupFromMenu');
    expect(policy()).toBe('west-midlands');
    expect(emu.triggers).toHaveLength(4);
    emu.ui.respondWith('OK', 'nowhere');
    emu.run('setupFromMenu');
    expect(emu.ui.alerts.at(-1)!.message).toMatch(/dyfed-powys, west-midlands, wiltshire/);
    expect(policy()).toBe('west-midlands');
  });

  it('installs one trigger of each kind: form submit, edit, daily at 7, sender every 10 minutes', () => {
    const office = new Office('wiltshire');
    office.emu.run('setupSpreadsheet', 'wiltshire');
    const byHandler = Object.fromEntries(office.emu.triggers.map((t) => [t.handler, t]));
    expect(office.emu.triggers).toHaveLength(4);
    expect(byHandler['onComplaintSubmitted']!.eventType).toBe('ON_FORM_SUBMIT');
    expect(byHandler['onStaffEdit']!.eventType).toBe('ON_EDIT');
    expect(JSON.stringify(byHandler['runDailySweep']!.schedule)).toMatch(/7/);
    expect(JSON.stringify(byHandler['sendQueuedMail']!.schedule)).toMatch(/10/);
  });

  it('adds the Complaints menu on open', () => {
    const office = new Office('west-midlands');
    office.emu.fireOpen();
    const menu = office.emu.ui.menus.find((m) => m.name === 'Complaints')!;
    expect(menu.items.map((i) => i.functionName)).toEqual(
      expect.arrayContaining([
        'showLogComplaintDialog',
        'runDailySweep',
        'sendQueuedMail',
        'showLettersToPrint',
        'checkTemplates',
        'setupFromMenu',
      ]),
    );
  });
});

describe('intake on form submit', () => {
  it('makes 200 cases with 200 unique references from 200 submissions', () => {
    const office = new Office('wiltshire');
    for (let i = 0; i < 200; i++) office.submit({ name: `Person ${i}` });
    const refs = office.cases().map((c) => c['Reference']);
    expect(refs).toHaveLength(200);
    expect(new Set(refs).size).toBe(200);
    expect(refs[199]).toBe('WIL-2026-0200');
  });

  it('makes the same number of service calls with 10 and with 10,000 existing cases', () => {
    const small = new Office('wiltshire');
    small.seedCases(10);
    const large = new Office('wiltshire');
    large.seedCases(10_000);
    const a = small.submit().stats;
    const b = large.submit().stats;
    expect(b.calls).toEqual(a.calls);
    // "A submit at its floor ... at most 20 service calls" (intake.ts, the quick path): the response
    // row's values (1), the spreadsheet (1), Settings in one read (2), the lock (3 with its release), the
    // script properties (2: ledger, counter and the copy of headers and templates), the reference saved with
    // the ledger's "started" entry and the sender's flags (1), then Cases, the Outbox and Staff mail: each
    // looked up, one appendRow and one read of its header row to check (9), and the completion (1), which
    // also keeps the case's Audit entry for the next sender run and this run's health.
    expect(a.totalCalls).toBe(20);
    expect(a.calls).toMatchObject({
      'Sheet.appendRow': 3,
      'Sheet.getSheetValues': 3,
      'Properties.setProperties': 2,
      'Properties.getProperties': 1,
    });
  });

  it('takes the long way, and makes the copy it lacked, when the copy of headers is gone; the next submit is quick', () => {
    const office = new Office('wiltshire');
    delete office.emu.properties.script['shape:chunks'];
    const long = office.submit({ name: 'First' }).stats.totalCalls;
    expect(long).toBeGreaterThan(20);
    expect(office.submit({ name: 'Second' }).stats.totalCalls).toBe(20);
    expect(office.cases().map((c) => c['Complainant'])).toEqual(['First', 'Second']);
  });

  it('uses a role email changed on Settings a moment before, and a template edited by staff', () => {
    const office = new Office('wiltshire');
    office.submit({ name: 'Before' });
    const settings = office.emu.sheetValues('Settings');
    const row = settings.findIndex((r) => String(r[0]) === 'role:complaints-team-leader') + 1;
    office.emu.spreadsheet.getSheetByName('Settings')!.getRange(row, 3).setValue('new-leader@opcc.example');
    const templates = office.emu.sheetValues('Templates');
    const ack = templates.findIndex((r) => r[0] === 'acknowledgement' && r[1] === 'en') + 1;
    const subject = templates[0]!.indexOf('Subject') + 1;
    office.emu.edit(
      'Templates',
      `${String.fromCharCode(64 + subject)}${ack}`,
      'We have your complaint: {{reference}}',
    );
    const inv = office.submit({ name: 'After' });
    expect(inv.stats.totalCalls).toBeGreaterThan(20);
    const mail = office.mail().filter((r) => String(r['Reference']) === 'WIL-2026-0002');
    expect(mail.find((r) => r['Kind'] === 'acknowledgement')!['Subject']).toBe(
      'We have your complaint: WIL-2026-0002',
    );
    expect(mail.find((r) => r['Kind'] === 'case-assigned')!['To']).toBe('new-leader@opcc.example');
  });

  it('lays a row out again under its headers when staff insert a column on Cases or the Outbox mid-submit', () => {
    for (let call = 10; call <= 20; call++) {
      const office = new Office('wiltshire');
      office.submit({ name: 'Warm' });
      office.emu.interleave({
        fn: 'onComplaintSubmitted',
        atCall: call,
        do: (emu) => {
          for (const tab of ['Cases', 'Outbox']) emu.spreadsheet.getSheetByName(tab)!.insertColumnAfter(2);
        },
      });
      office.submit({ name: 'Robin Hill', phone: '01632960001' });
      const row = office.cases().find((c) => c['Reference'] === 'WIL-2026-0002')!;
      expect([call, row['Complainant'], row['Phone']]).toEqual([call, 'Robin Hill', '01632960001']);
      const ack = office.outbox().find((r) => String(r['Key']).startsWith('WIL-2026-0002|acknowledgement|'));
      expect([
        call,
        ack?.['Status'] ??
          office
            .outbox()
            .map((r) => r['Key'])
            .join(),
      ]).toEqual([call, 'queued']);
    }
  });

  it('keeps a malformed, formula-laden submission as a case that needs review, with its text literal', () => {
    const office = new Office('wiltshire');
    office.submit({
      name: '=HYPERLINK("http://evil.example","click")',
      email: 'not-an-email',
      description: '+SUM(A1:A9)',
    });
    const [row] = office.cases();
    expect(row!['Stage']).toBe('Needs review');
    expect(row!['Complainant']).toBe('=HYPERLINK("http://evil.example","click")');
    expect(String(row!['Problems to review'])).toMatch(/email/i);
    expect(row!['Status']).toBe('Needs review');
    const formulas = office.emu.spreadsheet.getSheetByName('Cases')!.getDataRange().getFormulas();
    expect(formulas.flat().filter(Boolean)).toEqual([]);
  });

  it('records a lock timeout in trigger health and raises it; the next daily sweep makes the case', () => {
    const office = new Office('wiltshire');
    office.emu.lock.holdByAnotherProcess(true);
    expect(() => office.submit({ name: 'Held Up' })).toThrow(/lock/i);
    const health = office.emu.sheetValues('Settings').find((r) => r[0] === 'health:onComplaintSubmitted')!;
    expect(String(health[3])).toMatch(/lock/i);
    expect(String(health[3])).not.toContain('Held Up');
    expect(office.cases()).toHaveLength(0);
    office.emu.lock.holdByAnotherProcess(false);
    office.submit({ name: 'On Time' });
    office.emu.advanceTo(new Date('2026-03-03T09:00:00Z'));
    expect(office.cases().map((c) => [c['Reference'], c['Complainant']])).toEqual([
      ['WIL-2026-0001', 'On Time'],
      ['WIL-2026-0002', 'Held Up'],
    ]);
    office.emu.run('runDailySweep');
    office.submit();
    expect(office.cases().map((c) => c['Reference'])).toEqual([
      'WIL-2026-0001',
      'WIL-2026-0002',
      'WIL-2026-0003',
    ]);
  });

  it('routes a Welsh submission to Dyfed-Powys and records its language', () => {
    const office = new Office('dyfed-powys');
    office.submit({
      language: 'cy',
      name: 'Siân Ŵyn',
      description: 'Ni chefais ateb i’m llythyr am chwe wythnos. 😞',
    });
    const [row] = office.cases();
    expect(row!['Reference']).toBe('DP-2026-0001');
    expect(row!['Language']).toBe('Welsh');
    expect(row!['Complainant']).toBe('Siân Ŵyn');
    expect(row!['Appeal heard by']).toBe('No appeal');
  });

  it('redirects a complaint about the Commissioner to the Police and Crime Panel', () => {
    const office = new Office('wiltshire');
    office.submit({ subject: 'pcc' });
    const [row] = office.cases();
    expect(row!['Stage']).toBe('Redirected elsewhere');
    expect(String(row!['Where it goes'])).toMatch(/Police and Crime Panel/);
  });
});

describe('staff workflow', () => {
  it('refuses an illegal stage change, restores the cell and audits the refusal', () => {
    const office = new Office('wiltshire');
    office.submit();
    office.edit('WIL-2026-0001', 'Stage', 'Appeal decided (final)');
    const [row] = office.cases();
    expect(row!['Stage']).toBe('Stage 1: informal resolution');
    const audit = office.rows('Audit');
    expect(audit.at(-1)!['Action']).toBe('refused: Stage');
    expect(office.emu.ui.toasts.at(-1)).toMatch(/cannot move straight/);
  });

  it('accepts a legal change, audits who did it and recomputes the row', () => {
    const office = new Office('wiltshire');
    office.submit();
    office.emu.setActiveUser('complaints-team-leader@opcc.example');
    office.edit('WIL-2026-0001', 'Stage', 'Stage 2: handling review by the decision maker');
    const [row] = office.cases();
    expect(row!['Stage']).toBe('Stage 2: handling review by the decision maker');
    const last = office.rows('Audit').at(-1)!;
    expect(last['Who']).toMatch(/complaints-team-leader/);
    expect(last['From']).toBe('stage-1');
    expect(last['To']).toBe('stage-2');
  });

  it('puts a refused date back as a date, not as the text it showed', () => {
    const office = new Office('wiltshire');
    office.submit({ preferredContact: 'post', address: '1 High Street, Devizes' });
    office.edit('WIL-2026-0001', 'Acknowledged on', new Date('2026-03-02T00:00:00Z'));
    office.edit('WIL-2026-0001', 'Acknowledged on', 'yesterday');
    const value = office.cases()[0]!['Acknowledged on'];
    expect(value).toBeInstanceOf(Date);
    expect((value as Date).toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(office.rows('Audit').at(-1)!['Action']).toBe('refused: Acknowledged on');
  });

  it('puts a change back and says so when another run holds the lock', () => {
    const office = new Office('wiltshire');
    office.submit();
    office.emu.lock.holdByAnotherProcess(true);
    expect(() =>
      office.edit('WIL-2026-0001', 'Stage', 'Stage 2: handling review by the decision maker'),
    ).toThrow(/lock/i);
    expect(office.cases()[0]!['Stage']).toBe('Stage 1: informal resolution');
    expect(office.emu.ui.toasts.at(-1)).toMatch(/not saved/);
  });

  it('puts back a paste over workflow cells, audits it per case and leaves other columns alone', () => {
    const office = new Office('wiltshire');
    office.submit();
    office.submit({ name: 'Sam Jones' });
    const headers = office.emu.sheetValues('Cases')[0]!.map(String);
    const stage = columnLetter(headers, 'Stage');
    office.emu.edit('Cases', `${stage}2:${stage}3`, 'Closed: appeal window open');
    expect(office.cases().map((c) => c['Stage'])).toEqual([
      'Stage 1: informal resolution',
      'Stage 1: informal resolution',
    ]);
    const refused = office.rows('Audit').filter((a) => a['Action'] === 'refused: paste');
    expect(refused.map((a) => a['Reference'])).toEqual(['WIL-2026-0001', 'WIL-2026-0002']);
    expect(office.emu.ui.toasts.at(-1)).toMatch(/one cell at a time/);
    const notes = columnLetter(headers, 'Notes');
    office.emu.edit('Cases', `${notes}2:${notes}3`, 'Called back');
    expect(office.cases().map((c) => c['Notes'])).toEqual(['Called back', 'Called back']);
    expect(office.rows('Audit').filter((a) => a['Action'] === 'refused: paste')).toHaveLength(2);
  });

  it('puts a pasted-over cell back to the last value staff set one cell at a time', () => {
    const office = new Office('wiltshire');
    office.submit({ preferredContact: 'post', address: '1 High Street, Devizes' });
    office.emu.setActiveUser('complaints-team-leader@opcc.example');
    office.edit('WIL-2026-0001', 'Stage', 'Stage 2: handling review by the decision maker');
    const headers = office.emu.sheetValues('Cases')[0]!.map(String);
    const stage = columnLetter(headers, 'Stage');
    const handler = columnLetter(headers, 'Handled by');
    const [from, to] = [stage, handler].sort();
    office.emu.edit('Cases', `${from}2:${to}2`, '');
    const [row] = office.cases();
    expect(row!['Stage']).toBe('Stage 2: handling review by the decision maker');
    expect(row!['Handled by']).toBe('Complaints Team Leader');
  });

  it('misplaces nothing when staff sort the Cases tab and move its columns between runs', () => {
    const office = new Office('wiltshire');
    // Letters by post: staff record each acknowledgement themselves, so only case 3 is acknowledged.
    for (let i = 0; i < 6; i++)
      office.submit({ name: `Person ${i}`, preferredContact: 'post', address: `${i} High Street, Devizes` });
    office.edit('WIL-2026-0003', 'Acknowledged on', new Date('2026-03-02T00:00:00Z'));
    const sheet = office.emu.spreadsheet.getSheetByName('Cases')!;
    const headers = office.emu.sheetValues('Cases')[0]!.map(String);
    sheet.sort(headers.indexOf('Complainant') + 1, false);
    sheet.insertColumnAfter(2);
    office.emu.advanceTo(new Date('2026-03-20T09:00:00Z'));
    for (const row of office.cases()) {
      const n = Number(String(row['Complainant']).replace('Person ', ''));
      expect(row['Reference']).toBe(`WIL-2026-000${n + 1}`);
      expect(row['Status']).toBe(n === 2 ? 'On track' : 'Overdue');
    }
  });
});

/**
 * Settings, the run's start mark (set, then cleared at the end, with the day it ran), missed-response check (form link, the
 * responses tab's formatted rows, timestamps, its health row), Cases, the clock columns' keyed write, reminders (an append
 * whose header row is read again once written), Dashboard, health (itself a keyed write). The Outbox and Staff mail are each
 * looked up and read once (keys, letters owed, failed and waiting letters), and the reminders' new rows on Staff mail set one
 * line high. The Dashboard is one clear, one setValues, one setBackgrounds (the legend) and one setFontWeights (the Today
 * headings). The Reports tab is one clear, one setValues, one setFontWeights, and its chart replaced (the old one looked
 * for, the new one built from its range with its type, headers, title, stacking and position, and inserted).
 *
 * Cases is read by columns (column-read.ts): its size and header row (4), the columns every row is read for (the six that
 * tell a concluded case with nothing to do from the rest, a contact arrangement's review day, the email and phone one
 * person's cases are linked by with their Related cases cell, and the eleven the Reports tab counts), in runs of adjacent
 * columns (one read per run), the rows to recompute read whole (one block, 2),
 * and the header row again (2). The keyed write takes a narrow snapshot (size 2, header row 2, key column 2, the rows
 * written 2, header row again 2), writes 3 blocks and checks headers and keys afterwards. The key column is read
 * again once the columns are in (2), and form submissions' health is copied from its property (2).
 *
 * Then what form submissions rely on (shape-refresh.ts), under the lock (3): their waiting Audit entries (2), a
 * fresh copy of each tab's header row, the templates and the link (19, one setProperties), and a look at how many
 * prepared rows each tab has below its data (2 each; enough here, so none are added).
 */
const SWEEP_CALLS = 189;
/** Every cell the sweep read at 20,000 cases (100 open) before it read Cases by columns. */
const WHOLE_TAB_CELLS = 2_060_921;

describe('daily sweep', () => {
  it('counts cases by status, stage and route on the Dashboard and lists the overdue by reference', () => {
    const office = new Office('wiltshire', new Date('2026-03-02T09:00:00Z'));
    office.submit({ preferredContact: 'post', address: '1 High Street, Devizes' });
    office.submit({ subject: 'pcc' });
    office.submit({ email: 'not-an-email' });
    office.emu.advanceTo(new Date('2026-03-20T09:00:00Z'));
    const dashboard = Object.fromEntries(office.emu.sheetValues('Dashboard').map((r) => [r[0], r[1]]));
    expect(dashboard['All cases']).toBe(3);
    expect(dashboard['Route: handled here']).toBe(1);
    expect(dashboard['Route: not yet routed (needs review)']).toBe(1);
    expect(Object.keys(dashboard).filter((k) => String(k).startsWith('Route: redirected'))).toHaveLength(1);
    expect(dashboard['Stage: Stage 1: informal resolution']).toBe(1);
    expect(String(dashboard['Overdue references'])).toContain('WIL-2026-0001');
    expect(office.emu.renderSheet('Dashboard')).toContain(
      DASHBOARD_LEGEND.find((l) => l.status === 'needs-review')!.colour,
    );
  });

  it('makes the same service calls at 100 and at 20,000 cases', () => {
    const small = new Office('wiltshire');
    small.seedCases(100);
    const large = new Office('wiltshire');
    large.seedCases(20_000, 100);
    const a = small.emu.run('runDailySweep').stats;
    const b = large.emu.run('runDailySweep').stats;
    expect(b.calls).toEqual(a.calls);
    expect(a.totalCalls).toBe(SWEEP_CALLS);
    expect(b.totalCalls).toBe(SWEEP_CALLS);
    // "at most 25% of today's cells read" (issue: a sweep that reads only the columns it needs).
    expect(b.cellsRead).toBeLessThanOrEqual(WHOLE_TAB_CELLS / 4);
    // The 100 open cases are read whole at both sizes; of the other 19,900 only the 21 columns every row is
    // read for, the key column read again to check the rows stayed put, and the keys the write finds its rows by.
    expect(b.cellsRead - a.cellsRead).toBeLessThanOrEqual(19_900 * 23);
  });

  it('gives the same Dashboard and Cases tab reading by columns as reading the whole tab', () => {
    const mixed = () => {
      const office = new Office('wiltshire', new Date('2026-03-02T09:00:00Z'));
      // Concluded long ago (past retention), concluded lately, and open, seeded; then real submissions.
      office.seedCases(5, 0, new Date('2019-01-07T09:00:00Z'));
      office.seedCases(30, 10);
      office.submit({ preferredContact: 'post', address: '1 High Street, Devizes' });
      office.submit({ subject: 'pcc' });
      office.submit({ email: 'not-an-email' });
      office.submit({ name: 'Sam Jones', email: 'sam@example.org' });
      return office;
    };
    const byColumns = mixed();
    const whole = mixed();
    // Without a column the narrow read needs, the sweep reads the tab whole, as it always did.
    const cases = whole.emu.spreadsheet.getSheetByName('Cases')!;
    const where = whole.emu.sheetValues('Cases')[0]!.indexOf('Where it goes') + 1;
    cases.getRange(1, where).setValue('Where it goes (renamed)');
    const a = byColumns.emu.run('runDailySweep');
    const b = whole.emu.run('runDailySweep');
    expect(b.stats.cellsRead).toBeGreaterThan(a.stats.cellsRead);
    const dashboard = (o: Office) => o.emu.sheetValues('Dashboard').slice(1);
    expect(dashboard(byColumns)).toEqual(dashboard(whole));
    expect(dashboard(byColumns).some((r) => r[0] === 'Past retention date' && r[1] === 5)).toBe(true);
    const computed = (o: Office) =>
      o
        .cases()
        .map((c) => [c['Reference'], c['Status'], c['What is due'], c['Next deadline'], c['Handled by']]);
    expect(computed(byColumns)).toEqual(computed(whole));
    // The next morning the redirected complaint, concluded by the first sweep, is counted from its columns.
    for (const o of [byColumns, whole]) o.emu.run('runDailySweep');
    const redirected = byColumns.cases().find((c) => String(c['Where it goes']).startsWith('Redirected'));
    expect(redirected!['Status']).toBe('Closed');
    expect(dashboard(byColumns)).toEqual(dashboard(whole));
    expect(computed(byColumns)).toEqual(computed(whole));
  });

  it('flags concluded records past their retention date without recomputing their deadlines', () => {
    const office = new Office('wiltshire');
    office.seedCases(3, 0, new Date('2019-01-07T09:00:00Z'));
    const before = office.cases().map((c) => c['Keep record until']);
    office.emu.run('runDailySweep');
    const after = office.cases();
    expect(after.map((c) => c['Keep record until'])).toEqual(before);
    expect(after.every((c) => c['Status'] === 'Closed')).toBe(true);
    expect(after.every((c) => /retention date/.test(String(c['What is due'])))).toBe(true);
    const dashboard = Object.fromEntries(office.emu.sheetValues('Dashboard').map((r) => [r[0], r[1]]));
    expect(dashboard['Past retention date']).toBe(3);
  });

  it('moves open cases when a closure day is added to Settings', () => {
    const office = new Office('wiltshire', new Date('2026-03-02T09:00:00Z'));
    office.submit();
    expect(day(office.cases()[0]!['Acknowledge by'])).toBe('2026-03-09');
    const settings = office.emu.spreadsheet.getSheetByName('Settings')!;
    const row = office.emu.sheetValues('Settings').findIndex((r) => r[0] === 'closure-days');
    settings.getRange(row + 1, 3).setValue('2026-03-04');
    office.emu.run('runDailySweep');
    expect(day(office.cases()[0]!['Acknowledge by'])).toBe('2026-03-10');
  });
});
