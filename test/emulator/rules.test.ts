/**
 * The rules the emulator enforces, each against the Google documentation it follows. Scripts here are
 * tiny bundles written to a temporary file, loaded exactly as build/Code.js is.
 */
import { describe, expect, it } from 'vitest';
import { emulatorFor } from './fixtures';
import { Emulator } from '../../emulator/index';

describe('the runtime (developers.google.com/apps-script/guides/v8-runtime)', () => {
  it('gives the script only ECMAScript built-ins and the Apps Script globals', () => {
    const emu = emulatorFor(`function probe() {
      return [typeof process, typeof require, typeof Buffer, typeof setTimeout, typeof fetch, typeof TextEncoder,
              typeof SpreadsheetApp, typeof MailApp, typeof Utilities, typeof JSON].join(',');
    }`);
    expect(emu.run('probe').result).toBe(
      'undefined,undefined,undefined,undefined,undefined,undefined,object,object,object,object',
    );
  });

  it('keeps no module state between invocations, only the services’ state', () => {
    const emu = emulatorFor(`var counter = 0;
      function bump() { counter += 1; const p = PropertiesService.getScriptProperties();
        p.setProperty('n', String(Number(p.getProperty('n') || 0) + 1)); return counter; }`);
    expect(emu.run('bump').result).toBe(1);
    expect(emu.run('bump').result).toBe(1);
    expect(emu.properties.script['n']).toBe('2');
  });

  it('runs new Date() on the virtual clock, and dates read from a sheet are Dates in the script', () => {
    const emu = emulatorFor(
      `function now() {
      const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
      sheet.getRange(1, 1).setValue(new Date());
      const v = sheet.getRange(1, 1).getValue();
      return [new Date().toISOString(), v instanceof Date, Date.now()];
    }`,
      { now: new Date('2026-06-01T23:30:00Z') },
    );
    const inv = emu.run('now');
    // The clock moved on by the cost of the calls made before the last new Date() (all of them: cost.ts).
    const at = Date.parse('2026-06-01T23:30:00Z') + inv.estimatedMs;
    expect(inv.estimatedMs).toBeGreaterThan(0);
    expect(inv.result).toEqual([new Date(at).toISOString(), true, at]);
  });

  it('reports a trigger whose handler is not a top-level function as Google does', () => {
    const emu = emulatorFor(`var lib = { hidden: function () {} };`);
    expect(() => emu.run('hidden')).toThrow('Script function not found: hidden');
  });

  it('counts service calls and cells per invocation', () => {
    const emu = emulatorFor(`function work() {
      const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Sheet1');
      sheet.getRange(1, 1, 2, 3).setValues([[1, 2, 3], [4, 5, 6]]);
      return sheet.getRange(1, 1, 2, 3).getValues();
    }`);
    const { stats } = emu.run('work');
    expect(stats.calls).toEqual({
      'SpreadsheetApp.getActiveSpreadsheet': 1,
      'Spreadsheet.getSheetByName': 1,
      'Sheet.getRange': 2,
      'Range.setValues': 1,
      'Range.getValues': 1,
    });
    expect(stats.cellsWritten).toBe(6);
    expect(stats.cellsRead).toBe(6);
  });
});

describe('SpreadsheetApp', () => {
  const sheetScript = (body: string) =>
    emulatorFor(
      `function go() { const ss = SpreadsheetApp.getActiveSpreadsheet(); const sheet = ss.getSheets()[0]; ${body} }`,
    );

  it('Range.setValues: the data must match the range (developers.google.com/apps-script/reference/spreadsheet/range#setvaluesvalues)', () => {
    expect(() => sheetScript(`sheet.getRange(1, 1, 2, 2).setValues([[1, 2]]);`).run('go')).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => sheetScript(`sheet.getRange(1, 1, 1, 2).setValues([[1, 2, 3]]);`).run('go')).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.',
    );
  });

  it('values come back as Sheets returns them: "" for empty, numbers, booleans, a leading apostrophe as literal text', () => {
    const emu = sheetScript(`sheet.getRange(1, 1, 1, 5).setValues([["", 42, true, "'=1+1", "07700 900123"]]);
      return sheet.getRange(1, 1, 1, 6).getValues()[0];`);
    expect(emu.run('go').result).toEqual(['', 42, true, '=1+1', '07700 900123', '']);
  });

  it('a string starting with = becomes a formula (developers.google.com/apps-script/reference/spreadsheet/range#getformulas)', () => {
    const emu = sheetScript(
      `sheet.getRange(1, 1).setValue('=HYPERLINK("http://x.example","x")'); return sheet.getRange(1, 1).getFormulas();`,
    );
    expect(emu.run('go').result).toEqual([['=HYPERLINK("http://x.example","x")']]);
  });

  it('numeric text loses its leading zero unless the cell is formatted as plain text', () => {
    const emu =
      sheetScript(`sheet.getRange(1, 1).setValue('07700900123'); sheet.getRange(1, 2).setNumberFormat('@').setValue('07700900123');
      return sheet.getRange(1, 1, 1, 2).getValues()[0];`);
    expect(emu.run('go').result).toEqual([7700900123, '07700900123']);
  });

  it('refuses a duplicate tab name (developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertsheetsheetname)', () => {
    expect(() => sheetScript(`ss.insertSheet('Cases'); ss.insertSheet('Cases');`).run('go')).toThrow(
      'A sheet with the name "Cases" already exists. Please enter another name.',
    );
  });

  it('refuses a range past the grid (developers.google.com/apps-script/reference/spreadsheet/sheet#getrangerow,-column,-numrows,-numcolumns)', () => {
    expect(() => sheetScript(`sheet.getRange(1001, 1).getValue();`).run('go')).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
  });

  it('renders conditional-format colours from a rule on a status column', () => {
    const emu =
      sheetScript(`sheet.getRange(1, 1, 3, 2).setValues([["Ref", "Status"], ["A", "overdue"], ["B", "on-track"]]);
      sheet.setFrozenRows(1);
      const rule = SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied('=$B2="overdue"')
        .setBackground('#f4c7c3').setRanges([sheet.getRange(2, 1, 999, 2)]).build();
      sheet.setConditionalFormatRules([rule]);`);
    emu.run('go');
    const html = emu.renderSheet('Sheet1');
    expect(html).toMatch(/background:#f4c7c3">A</);
    expect(html).not.toMatch(/background:#f4c7c3">B</);
  });
});

describe('ScriptApp triggers (developers.google.com/apps-script/guides/triggers/installable)', () => {
  it('allows 20 triggers per user per script', () => {
    const emu =
      emulatorFor(`function make(n) { for (let i = 0; i < n; i++) ScriptApp.newTrigger('tick').timeBased().everyHours(1).create(); }
      function tick() {}`);
    emu.run('make', 20);
    expect(() => emu.run('make', 1)).toThrow('This script has too many triggers.');
  });

  it('fires time-driven triggers in order and daily ones at the London hour across the clock change', () => {
    const emu = emulatorFor(
      `function install() {
        ScriptApp.newTrigger('daily').timeBased().atHour(7).everyDays(1).create();
        ScriptApp.newTrigger('often').timeBased().everyHours(12).create(); }
      function daily() { return 'daily'; } function often() { return 'often'; }`,
      { now: new Date('2026-03-27T12:00:00Z') },
    );
    emu.run('install');
    const fired = emu.advanceTo(new Date('2026-03-31T00:00:00Z'));
    const daily = fired.filter((i) => i.fn === 'daily').map((i) => i.at.toISOString());
    // British Summer Time starts on 29 March 2026: 07:00 in London is 07:00 UTC before, 06:00 UTC after.
    expect(daily).toEqual([
      '2026-03-28T07:00:00.000Z',
      '2026-03-29T06:00:00.000Z',
      '2026-03-30T06:00:00.000Z',
    ]);
    const times = fired.map((i) => i.at.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('fires the onFormSubmit trigger with e.values, e.namedValues and e.range (…/guides/triggers/events#form-submit)', () => {
    const emu = emulatorFor(
      `function setup() {
        const ss = SpreadsheetApp.getActiveSpreadsheet();
        const form = FormApp.create('Complaint');
        form.addTextItem().setTitle('Your name');
        form.addMultipleChoiceItem().setTitle('Language').setChoiceValues(['English', 'Cymraeg']);
        form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
        ScriptApp.newTrigger('submitted').forSpreadsheet(ss).onFormSubmit().create(); }
      function submitted(e) { return { values: e.values, named: e.namedValues, row: e.range.getRow(), sheet: e.range.getSheet().getName(), uid: e.triggerUid }; }`,
      { now: new Date('2026-01-05T09:00:00Z') },
    );
    emu.run('setup');
    // Setup's calls take time; the response comes later, at a known instant.
    emu.advanceTo(new Date('2026-01-05T09:04:05Z'));
    const [inv] = emu.submitForm({ 'Your name': 'Siân', Language: 'Cymraeg' });
    expect(inv!.result).toEqual({
      values: ['5/1/2026 9:04:05', 'Siân', 'Cymraeg'],
      named: { Timestamp: ['5/1/2026 9:04:05'], 'Your name': ['Siân'], Language: ['Cymraeg'] },
      row: 2,
      sheet: 'Form responses 1',
      uid: emu.triggers[0]!.id,
    });
  });
});

describe('the small services', () => {
  it('PropertiesService: 9 KB per value and 500 KB per store (developers.google.com/apps-script/guides/services/quotas)', () => {
    const emu = emulatorFor(
      `function put(size, key) { PropertiesService.getScriptProperties().setProperty(key, 'x'.repeat(size)); }`,
    );
    expect(() => emu.run('put', 9 * 1024 + 1, 'big')).toThrow('Argument too large');
    for (let i = 0; i < 56; i++) emu.run('put', 9000, `k${i}`);
    expect(() => emu.run('put', 9000, 'k57')).toThrow('exceeded the property storage quota');
  });

  it('LockService: waitLock throws when another execution holds the lock (developers.google.com/apps-script/reference/lock/lock#waitlocktimeoutinmillis)', () => {
    const emu =
      emulatorFor(`function take() { const l = LockService.getScriptLock(); if (!l.tryLock(100)) return 'busy'; l.waitLock(100); return l.hasLock(); }
      function wait() { LockService.getScriptLock().waitLock(1000); }`);
    expect(emu.run('take').result).toBe(true);
    emu.lock.holdByAnotherProcess(true);
    expect(emu.run('take').result).toBe('busy');
    expect(() => emu.run('wait')).toThrow('Lock timeout: another process was holding the lock for too long.');
  });

  it('MailApp: the daily quota, and Google’s error past it (developers.google.com/apps-script/guides/services/quotas)', () => {
    const emu = emulatorFor(
      `function send(n) { for (let i = 0; i < n; i++) MailApp.sendEmail('a@example.org', 's', 'b'); return MailApp.getRemainingDailyQuota(); }`,
      { mailQuota: 3 },
    );
    expect(emu.run('send', 2).result).toBe(1);
    expect(() => emu.run('send', 2)).toThrow('Service invoked too many times for one day: email.');
    expect(emu.mail.sent).toHaveLength(3);
    emu.advanceTo(new Date('2026-01-06T09:00:00Z'));
    expect(emu.run('send', 0).result).toBe(3);
  });

  it('Utilities.formatDate follows SimpleDateFormat in the given zone (developers.google.com/apps-script/reference/utilities/utilities#formatdatedate,-timezone,-format)', () => {
    const emu = emulatorFor(
      `function fmt() { return Utilities.formatDate(new Date('2026-06-01T23:30:00Z'), 'Europe/London', "EEEE d MMMM yyyy HH:mm z"); }`,
    );
    expect(emu.run('fmt').result).toBe('Tuesday 2 June 2026 00:30 BST');
  });

  it('UrlFetchApp answers only from fixtures and never reaches the network', () => {
    const emu = emulatorFor(`function get(u) { return UrlFetchApp.fetch(u).getContentText(); }`);
    emu.fixtures.url('https://www.gov.uk/bank-holidays.json', { body: '{"ok":true}' });
    expect(emu.run('get', 'https://www.gov.uk/bank-holidays.json').result).toBe('{"ok":true}');
    expect(() => emu.run('get', 'https://example.org/')).toThrow(/no fixture/);
  });

  it('records menus, alerts and toasts instead of showing them', () => {
    const emu =
      emulatorFor(`function onOpen() { SpreadsheetApp.getUi().createMenu('Tools').addItem('Go', 'go').addToUi(); }
      function go() { const ui = SpreadsheetApp.getUi(); SpreadsheetApp.getActiveSpreadsheet().toast('Done'); return ui.alert('Sure?', 'Really?', ui.ButtonSet.YES_NO); }`);
    emu.fireOpen();
    expect(emu.ui.menus).toEqual([{ name: 'Tools', items: [{ caption: 'Go', functionName: 'go' }] }]);
    emu.respondWith('NO');
    expect(emu.run('go').result).toBe('NO');
    expect(emu.ui.alerts).toEqual([{ title: 'Sure?', message: 'Really?' }]);
    expect(emu.ui.toasts).toEqual(['Done']);
  });
});

describe('the built bundle', () => {
  it('loads in the emulator and onOpen adds the Complaints menu', () => {
    const emu = new Emulator();
    emu.run('onOpen');
    expect(emu.ui.menus.map((m) => m.name)).toEqual(['Complaints']);
    expect(emu.ui.menus[0]!.items.length).toBeGreaterThan(4);
  });
});
