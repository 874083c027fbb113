/** Two ways into the spreadsheet model: a tiny script run as the bundle is, or the model itself, host-side. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Emulator, type EmulatorOptions } from '../../emulator/index';
import { EmulatedSpreadsheet } from '../../emulator/spreadsheet/spreadsheet';
import type { EmulatedSheet } from '../../emulator/spreadsheet/sheet';
import { UiRecorder } from '../../emulator/ui';

/** An emulator whose bundle is `code`, loaded exactly as build/Code.js is. */
export function emulatorFor(code: string, options: EmulatorOptions = {}): Emulator {
  const dir = mkdtempSync(join(tmpdir(), 'emu-'));
  writeFileSync(join(dir, 'Code.js'), code);
  return new Emulator({ ...options, bundlePath: join(dir, 'Code.js') });
}

/** Runs `body` as a script with `ss` (the spreadsheet) and `sheet` (its first tab) in scope. */
export function runScript(body: string): unknown {
  const emu = emulatorFor(
    `function go() { const ss = SpreadsheetApp.getActiveSpreadsheet(); const sheet = ss.getSheets()[0]; ${body} }`,
  );
  return emu.run('go').result;
}

/** A fresh spreadsheet in the Europe/London zone, and its first tab. */
export function freshSheet(): { ss: EmulatedSpreadsheet; sheet: EmulatedSheet } {
  const ss = new EmulatedSpreadsheet('ss-test', 'Test', 'Europe/London', new UiRecorder());
  return { ss, sheet: ss.getSheets()[0]! };
}
