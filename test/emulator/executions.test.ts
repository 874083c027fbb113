/**
 * Executions that interleave and executions that are killed, as production has them and a single-threaded
 * test does not. Scripts here are tiny bundles written to a temporary file, loaded exactly as
 * build/Code.js is.
 */
import { describe, expect, it } from 'vitest';
import { emulatorFor } from './fixtures';
import { KILLED_MESSAGE } from '../../emulator/index';

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
  function guarded() {
    const p = PropertiesService.getScriptProperties();
    try {
      p.setProperty('step', 'one');
      p.setProperty('step', 'two');
    } catch (e) {
      p.setProperty('caught', 'yes');
      return 'recovered';
    } finally {
      p.setProperty('finally', 'ran');
    }
    return 'done';
  }`;

describe('interleaved executions (developers.google.com/apps-script/guides/services/lock: "prevents concurrent access to sections of code")', () => {
  it('records every service call of an execution in order, so a drill can stop it at each one', () => {
    const emu = emulatorFor(COUNTER);
    const inv = emu.run('bumpUnlocked');
    expect(inv.stats.sequence).toEqual([
      'PropertiesService.getScriptProperties',
      'Properties.getProperty',
      'Properties.setProperty',
    ]);
  });

  it('another execution started between two calls of an unlocked read-modify-write loses an update, as on Google', () => {
    const emu = emulatorFor(COUNTER);
    // Between the read (call 2) and the write (call 3) a second execution bumps the counter.
    emu.interleave({ fn: 'bumpUnlocked', atCall: 3, do: (e) => e.run('bumpUnlocked') });
    emu.run('bumpUnlocked');
    expect(emu.invocations.map((i) => i.fn)).toEqual(['bumpUnlocked', 'bumpUnlocked']);
    expect(emu.properties.script['n']).toBe('1');
  });

  it('an execution that wants the script lock another one holds waits its whole timeout and is refused', () => {
    const emu = emulatorFor(COUNTER);
    const inner: unknown[] = [];
    const before = emu.now.getTime();
    emu.interleave({ fn: 'bump', atCall: 4, do: (e) => inner.push(e.run('bump').result) });
    expect(emu.run('bump').result).toBe(1);
    expect(inner).toEqual(['busy']);
    expect(emu.now.getTime() - before).toBeGreaterThanOrEqual(5000);
    // The lock was released with the execution: the next one takes it at once.
    expect(emu.run('bump').result).toBe(2);
  });

  it('a lock not released is released when its execution ends (developers.google.com/apps-script/reference/lock/lock#releaselock)', () => {
    const emu = emulatorFor(`function hold() { return LockService.getScriptLock().tryLock(10); }`);
    expect(emu.run('hold').result).toBe(true);
    expect(emu.run('hold').result).toBe(true);
  });

  it('a hook names its execution by handler and fires once; one that never matched stays pending', () => {
    const emu = emulatorFor(COUNTER);
    let fired = 0;
    emu.interleave({ fn: 'bump', atCall: 2, do: () => (fired += 1) });
    emu.interleave({ fn: 'bump', atCall: 99, do: () => (fired += 100) });
    emu.run('bumpUnlocked');
    expect(fired).toBe(0);
    emu.run('bump');
    emu.run('bump');
    expect(fired).toBe(1);
    expect(emu.pendingInterleaves).toBe(1);
  });

  it('a failure inside interleaved work is kept for the test, not thrown into the interrupted script', () => {
    const emu = emulatorFor(COUNTER);
    emu.interleave({ atCall: 2, do: (e) => e.run('noSuchHandler') });
    expect(emu.run('bumpUnlocked').result).toBe(1);
    expect(emu.interleaveErrors.map((e) => e.message)).toEqual(['Script function not found: noSuchHandler']);
  });
});

describe('a killed execution (developers.google.com/apps-script/guides/services/quotas: "Script runtime 6 min / execution")', () => {
  it('stops at the chosen call: that call and every later one never reach the services, catch and finally included', () => {
    const emu = emulatorFor(COUNTER);
    emu.interleave({ fn: 'guarded', atCall: 3, do: 'kill' });
    const inv = (() => {
      try {
        emu.run('guarded');
      } catch (error) {
        return (error as { invocation: { killed: boolean; error: Error } }).invocation;
      }
      throw new Error('the killed run did not fail');
    })();
    expect(inv.killed).toBe(true);
    expect(inv.error.message).toBe(KILLED_MESSAGE);
    expect(emu.properties.script).toEqual({ step: 'one' });
  });

  it('a run not killed goes through its try and finally', () => {
    const emu = emulatorFor(COUNTER);
    expect(emu.run('guarded').result).toBe('done');
    expect(emu.properties.script).toEqual({ step: 'two', finally: 'ran' });
  });
});
