/**
 * A member Google's class has and the emulator's lacks must fail where the script uses it, never quietly
 * return undefined: a test passing on a silent no-op proves nothing about production.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Emulator } from '../../emulator/index';

const SCRIPT = `
  function token() { return ScriptApp.getOAuthToken(); }
  function digest() { return Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, 'x'); }
  function caught() {
    try {
      ScriptApp.getOAuthToken();
    } catch (e) {
      return [e instanceof Error, e.name, e.message];
    }
  }
  function probes() {
    const lock = LockService.getScriptLock();
    return [typeof lock.then, typeof lock.toJSON, JSON.stringify({ n: 1 }), typeof lock.tryLock];
  }
  function emulatedStillWork() {
    return [Session.getScriptTimeZone(), typeof PropertiesService.getScriptProperties().getProperty('x')];
  }`;

function emulator(): Emulator {
  const dir = mkdtempSync(join(tmpdir(), 'emu-missing-'));
  writeFileSync(join(dir, 'Code.js'), SCRIPT);
  return new Emulator({ bundlePath: join(dir, 'Code.js') });
}

describe('members the emulator does not provide', () => {
  it('throw "not emulated: <Class>.<member>" when called', () => {
    const emu = emulator();
    expect(() => emu.run('token')).toThrow('not emulated: ScriptApp.getOAuthToken');
    // A missing enum reads as a function, so its values are undefined; the call using them is what fails.
    expect(() => emu.run('digest')).toThrow('not emulated: Utilities.computeDigest');
  });

  it('fail as a service error does on Google: an Error of the script’s realm named Exception', () => {
    expect(emulator().run('caught').result).toEqual([
      true,
      'Exception',
      'not emulated: ScriptApp.getOAuthToken',
    ]);
  });

  it('leave alone what the runtime itself probes (then, toJSON) and every member that is emulated', () => {
    const emu = emulator();
    expect(emu.run('probes').result).toEqual(['undefined', 'undefined', '{"n":1}', 'function']);
    expect(emu.run('emulatedStillWork').result).toEqual(['Europe/London', 'object']);
  });
});
