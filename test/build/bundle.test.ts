import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script, createContext, runInContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { buildProject } from '../../tools/build.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const code = () => readFileSync(join(ROOT, 'build/Code.js'), 'utf8');

/** Every function the source hands to newTrigger(...) or addItem(...), found independently of the build. */
function namedHandlers(): string[] {
  const names = new Set<string>();
  const files = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.ts'),
  );
  for (const file of files) {
    const text = readFileSync(join(ROOT, 'src', file), 'utf8');
    for (const m of text.matchAll(/addItem\(\s*'[^']*'\s*,\s*'(\w+)'/g)) names.add(m[1]!);
    for (const m of text.matchAll(/newTrigger\(\s*'(\w+)'/g)) names.add(m[1]!);
  }
  return [...names];
}

describe('build/Code.js (what clasp pushes)', () => {
  it('parses as a classic script: no import or export survives bundling', () => {
    // A module-only token is a SyntaxError when compiled as a script, which is how Apps Script loads files.
    expect(() => new Script(code(), { filename: 'Code.js' })).not.toThrow();
    expect(code()).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('evaluates in a bare V8 context with nothing but ECMAScript built-ins', () => {
    const context = createContext({});
    expect(() => runInContext(code(), context)).not.toThrow();
    expect(runInContext('typeof process + typeof require + typeof Buffer', context)).toBe(
      'undefinedundefinedundefined',
    );
  });

  it('declares every entry point as a top-level function declaration', () => {
    const context = createContext({});
    runInContext(code(), context);
    const exported = Object.keys(runInContext('Complaints', context) as object);
    expect(exported.length).toBeGreaterThan(0);
    for (const name of exported) {
      expect(code()).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
      expect(runInContext(`typeof ${name}`, context)).toBe('function');
    }
    for (const handler of namedHandlers()) expect(exported).toContain(handler);
  });
});

describe('the build refuses handlers that are not entry points', () => {
  function fixture(main: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'build-fixture-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src/main.ts'), main);
    return dir;
  }

  it('fails when a menu item names a function main.ts does not export', async () => {
    const dir = fixture(
      `export function onOpen() { SpreadsheetApp.getUi().createMenu('X').addItem('Go', 'missingFn').addToUi(); }`,
    );
    await expect(buildProject({ srcDir: join(dir, 'src'), outDir: join(dir, 'build') })).rejects.toThrow(
      /addItem names "missingFn"/,
    );
  });

  it('fails when a trigger handler is not exported, or is not a string literal', async () => {
    const missing = fixture(
      `export function setup() { ScriptApp.newTrigger('nightly').timeBased().everyDays(1).create(); }`,
    );
    await expect(
      buildProject({ srcDir: join(missing, 'src'), outDir: join(missing, 'build') }),
    ).rejects.toThrow(/newTrigger names "nightly"/);
    const dynamic = fixture(
      `const n = 'setup'; export function setup() { ScriptApp.newTrigger(n).timeBased().everyDays(1).create(); }`,
    );
    await expect(
      buildProject({ srcDir: join(dynamic, 'src'), outDir: join(dynamic, 'build') }),
    ).rejects.toThrow(/must name its handler with a string literal/);
  });

  it('accepts handlers that are exported and emits a delegating top-level function for each', async () => {
    const dir = fixture(
      `export function onOpen() { SpreadsheetApp.getUi().createMenu('X').addItem('Go', 'go').addToUi(); }\nexport function go() { return 42; }`,
    );
    const report = await buildProject({ srcDir: join(dir, 'src'), outDir: join(dir, 'build') });
    expect(report.entryPoints).toEqual(['go', 'onOpen']);
    const context = createContext({});
    runInContext(readFileSync(join(dir, 'build/Code.js'), 'utf8'), context);
    expect(runInContext('go()', context)).toBe(42);
  });
});
