/**
 * Seeded drills: the same seed gives the same interleaving, a lock keeps a read-modify-write whole
 * whatever the schedule, and a schedule finds the update an unlocked one loses
 * (developers.google.com/apps-script/reference/lock/lock-service: "prevents concurrent access to sections
 * of code").
 */
import { describe, expect, it } from 'vitest';
import { emulatorFor } from './fixtures';
import { drill, planDrill } from '../../emulator/index';

const COUNTER = `
  function bump() {
    const lock = LockService.getScriptLock();
    if (!lock.tryLock(5000)) return 'busy';
    const p = PropertiesService.getScriptProperties();
    const n = Number(p.getProperty('n') || 0);
    p.setProperty('n', String(n + 1));
    lock.releaseLock();
    return n + 1;
  }
  function bumpUnlocked() {
    const p = PropertiesService.getScriptProperties();
    const n = Number(p.getProperty('n') || 0);
    p.setProperty('n', String(n + 1));
    return n + 1;
  }
  function log(line) {
    SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].appendRow([line, line + ' again']);
  }
  function logTwice() {
    const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
    sheet.appendRow(['first', 'first again']);
    sheet.appendRow(['second', 'second again']);
  }`;

/** Runs `fn` once with a seeded schedule of other runs of `other`; returns the counter and the successes. */
function drillCounter(seed: number, fn: string, other: string): { n: number; bumps: number } {
  const emu = emulatorFor(COUNTER);
  const calls = emulatorFor(COUNTER).run(fn).stats.totalCalls;
  emu.interleaveRandomly(seed, { fn, calls, count: 2, actions: [drill.run(other)] });
  emu.run(fn);
  const bumps = emu.invocations.filter((i) => typeof i.result === 'number').length;
  return { n: Number(emu.properties.script['n']), bumps };
}

describe('seeded drills', () => {
  it('the same seed gives the same schedule; every: n puts one step in each window of n calls', () => {
    const options = { calls: 40, count: 5, actions: [drill.run('a'), drill.run('b'), drill.kill] };
    const names = (seed: number) => planDrill(seed, options).map((s) => `${s.atCall}:${s.action.name}`);
    expect(names(7)).toEqual(names(7));
    expect(new Set([1, 2, 3, 4, 5].map((seed) => names(seed).join())).size).toBeGreaterThan(1);
    const steps = planDrill(3, { calls: 25, every: 10, actions: [drill.kill] }).map((s) => s.atCall);
    expect(steps).toHaveLength(3);
    steps.forEach((atCall, i) => {
      expect(atCall).toBeGreaterThanOrEqual(i * 10 + 1);
      expect(atCall).toBeLessThanOrEqual(Math.min(25, i * 10 + 10));
    });
  });

  it('with the script lock no schedule loses an update: a run that cannot get the lock says so', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const { n, bumps } = drillCounter(seed, 'bump', 'bump');
      expect(n, `seed ${seed}`).toBe(bumps);
    }
  });

  it('without it some schedule loses an update, and its seed replays the loss', () => {
    const lost = Array.from({ length: 25 }, (_, i) => i + 1).filter((seed) => {
      const { n, bumps } = drillCounter(seed, 'bumpUnlocked', 'bumpUnlocked');
      return n < bumps;
    });
    expect(lost.length).toBeGreaterThan(0);
    const again = drillCounter(lost[0]!, 'bumpUnlocked', 'bumpUnlocked');
    expect(again.n).toBeLessThan(again.bumps);
  });

  it('Sheet.appendRow is one call, so no other execution can come between the cells of its row', () => {
    const emu = emulatorFor(COUNTER);
    const steps = emu.interleaveRandomly(11, {
      fn: 'logTwice',
      calls: 4,
      every: 1,
      actions: [drill.run('log', 'other')],
    });
    expect(steps).toHaveLength(4);
    emu.run('logTwice');
    const rows = emu.sheetValues('Sheet1');
    expect(rows).toHaveLength(6);
    for (const [a, b] of rows) expect(b).toBe(`${String(a)} again`);
    expect(rows.filter(([a]) => a === 'other')).toHaveLength(4);
  });

  it('a kill chosen by seed ends the run at that call and no later call happens', () => {
    const emu = emulatorFor(COUNTER);
    const [step] = emu.interleaveRandomly(5, { fn: 'bumpUnlocked', calls: 3, actions: [drill.kill] });
    expect(() => emu.run('bumpUnlocked')).toThrow('Exceeded maximum execution time');
    expect(emu.lastInvocation!.stats.totalCalls).toBe(step!.atCall - 1);
    expect(emu.pendingInterleaves).toBe(0);
  });
});
