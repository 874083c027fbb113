/**
 * Virtual time that moves with the work an execution does (emulator/cost.ts), and Google's limit of six
 * minutes an execution (developers.google.com/apps-script/guides/services/quotas#current_limitations,
 * "Script runtime: 6 min / execution").
 */
import { describe, expect, it } from 'vitest';
import { emulatorFor } from './fixtures';
import { CALL_COSTS, EXECUTION_LIMIT_MS, callKind } from '../../emulator/cost';
import { Emulator, KILLED_MESSAGE, type Invocation } from '../../emulator/index';

function failedRun(emu: Emulator, fn: string): Invocation {
  try {
    emu.run(fn);
  } catch (error) {
    return (error as { invocation: Invocation }).invocation;
  }
  throw new Error(`${fn} did not fail`);
}

const LOOP = `
  function loop() {
    const p = PropertiesService.getScriptProperties();
    let n = 0;
    try {
      for (;;) p.setProperty('n', String(++n));
    } catch (e) {
      p.setProperty('caught', 'yes');
    } finally {
      p.setProperty('finally', 'ran');
    }
  }
  function sleepy() {
    const p = PropertiesService.getScriptProperties();
    Utilities.sleep(5 * 60 * 1000);
    p.setProperty('step', 'one');
    Utilities.sleep(2 * 60 * 1000);
    p.setProperty('step', 'two');
  }
  function known() {
    const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
    const range = sheet.getRange(1, 1, 10, 10);
    const grid = range.getValues();
    range.setValues(grid.map((row, r) => row.map((_, c) => r * 10 + c)));
    MailApp.sendEmail('someone@example.org', 'Subject', 'Body');
    PropertiesService.getScriptProperties().setProperty('k', 'v');
    return new Date().getTime();
  }`;

describe('the 6-minute limit ("Script runtime 6 min / execution", developers.google.com/apps-script/guides/services/quotas)', () => {
  it('kills a script looping on service calls at the 6-minute mark; neither catch nor finally reaches the services', () => {
    const emu = emulatorFor(LOOP);
    const inv = failedRun(emu, 'loop');
    expect(inv.killed).toBe(true);
    expect(inv.error!.message).toBe(KILLED_MESSAGE);
    // Each setProperty costs 30 ms: after 12,000 of them (and the 1 ms getScriptProperties) the run is past
    // 360,000 ms, and the 12,001st call is where it dies.
    const perWrite = CALL_COSTS.propertyWrite.baseMs;
    const writes = Math.floor((EXECUTION_LIMIT_MS - CALL_COSTS.navigation.baseMs) / perWrite) + 1;
    expect(inv.stats.calls['Properties.setProperty']).toBe(writes);
    expect(emu.properties.script).toEqual({ n: String(writes) });
    expect(inv.estimatedMs).toBe(CALL_COSTS.navigation.baseMs + writes * perWrite);
    expect(inv.estimatedMs).toBeGreaterThan(EXECUTION_LIMIT_MS);
  });

  it('counts Utilities.sleep towards the limit: the first call after 6 minutes is never made', () => {
    const emu = emulatorFor(LOOP);
    const inv = failedRun(emu, 'sleepy');
    expect(inv.killed).toBe(true);
    expect(emu.properties.script).toEqual({ step: 'one' });
    expect(inv.stats.sequence).toEqual([
      'PropertiesService.getScriptProperties',
      'Utilities.sleep',
      'Properties.setProperty',
      'Utilities.sleep',
    ]);
  });

  it('does not count the executions interleaved into a run against its own limit', () => {
    const emu = emulatorFor(LOOP);
    // Seven minutes of another execution's sleeping happen between two calls of `known`.
    emu.interleave({ fn: 'known', atCall: 3, do: (e) => failedRun(e, 'sleepy') });
    const inv = emu.run('known');
    expect(inv.killed).toBe(false);
    expect(inv.estimatedMs).toBeLessThan(60_000);
    expect(inv.executionTimeMs).toBeGreaterThan(6 * 60_000);
  });
});

describe('virtual time moves by the cost table (emulator/cost.ts)', () => {
  it('the cost of a known call sequence is the sum of the table’s figures, and new Date() moves by it', () => {
    const emu = emulatorFor(LOOP);
    const start = emu.now.getTime();
    const inv = emu.run('known');
    expect(inv.stats.sequence.map((key) => [key, callKind(key)])).toEqual([
      ['SpreadsheetApp.getActiveSpreadsheet', 'navigation'],
      ['Spreadsheet.getSheets', 'metadata'],
      ['Sheet.getRange', 'navigation'],
      ['Range.getValues', 'read'],
      ['Range.setValues', 'write'],
      ['MailApp.sendEmail', 'sendEmail'],
      ['PropertiesService.getScriptProperties', 'navigation'],
      ['Properties.setProperty', 'propertyWrite'],
    ]);
    const c = CALL_COSTS;
    const expected =
      3 * c.navigation.baseMs +
      c.metadata.baseMs +
      (c.read.baseMs + 100 * c.read.perCellMs) +
      (c.write.baseMs + 100 * c.write.perCellMs) +
      c.sendEmail.baseMs +
      c.propertyWrite.baseMs;
    expect(inv.estimatedMs).toBeCloseTo(expected, 6);
    // Dates hold whole milliseconds; the clock keeps the fraction.
    expect(inv.result).toBe(start + Math.floor(expected));
    expect(emu.now.getTime() - start).toBe(Math.floor(expected));
  });

  it('with costModel "none" time stands still between calls, as it did before the model', () => {
    const emu = emulatorFor(LOOP, { costModel: 'none' });
    const start = emu.now.getTime();
    const inv = emu.run('known');
    expect(inv.estimatedMs).toBe(0);
    expect(inv.result).toBe(start);
  });

  it('a message sent during a run is stamped when it went, not when the run began', () => {
    const emu = emulatorFor(LOOP);
    const inv = emu.run('known');
    const c = CALL_COSTS;
    const before =
      2 * c.navigation.baseMs +
      c.metadata.baseMs +
      c.read.baseMs +
      100 * c.read.perCellMs +
      c.write.baseMs +
      100 * c.write.perCellMs;
    expect(emu.mail.sent[0]!.at.getTime()).toBe(inv.at.getTime() + Math.floor(before));
  });
});
