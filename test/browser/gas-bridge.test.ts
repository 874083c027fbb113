/**
 * The browser bridge holds pages to Google's rules for google.script.run (see gas-bridge.ts): a page that
 * passes here must not fail on Google for what it sends or gets back.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorFor } from '../emulator/fixtures';
import { CHROMIUM, launchChromium, openBridged, type Bridged } from './gas-bridge';

const SERVER = `
function echo(value) { return value; }
function refuse(message) { throw new Error(message); }
function today() { return new Date(); }
function rowsWithADate() { return { ok: true, rows: [['Ref', new Date()]] }; }
function count() {
  const props = PropertiesService.getScriptProperties();
  const n = Number(props.getProperty('n') || 0) + 1;
  props.setProperty('n', String(n));
  return n;
}
function helper_() { return 'private'; }
`;

const PAGE = `<!doctype html>
<html><body>
<form id="f"><input name="name" value="Joan"><input type="checkbox" name="yes" checked><input type="checkbox" name="no"></form>
<div id="d"></div>
<script>
  window.answers = [];
  window.keep = function (tag) {
    return {
      ok: function (value, user) { answers.push({ tag: tag, value: value, user: user }); },
      fail: function (e, user) {
        answers.push({ tag: tag, isError: e instanceof Error, message: e.message, user: user });
      },
    };
  };
</script>
</body></html>`;

describe('where the browser tests run', () => {
  it('under CI=true a browser is installed, so browser tests cannot pass by being skipped', () => {
    if (process.env['CI']) expect(CHROMIUM && existsSync(CHROMIUM)).toBeTruthy();
    else expect(CHROMIUM === undefined || existsSync(CHROMIUM)).toBe(true);
  });
});

describe.runIf(CHROMIUM)('google.script.run through the bridge', () => {
  let browser: Browser;
  const emu = emulatorFor(SERVER);
  let bridged: Bridged;
  const answers = async () => (await bridged.page.evaluate('window.answers')) as Record<string, unknown>[];
  const call = (script: string) => bridged.page.evaluate(script);

  beforeAll(async () => {
    browser = await launchChromium();
    bridged = await openBridged(browser, emu, PAGE, { latencyMs: 50 });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('primitives, arrays and plain objects cross as copies; undefined in an array becomes null', async () => {
    await call(`
      var k = keep('echo');
      google.script.run.withSuccessHandler(k.ok).echo({ n: 1.5, s: 'x', b: false, z: null, list: [1, undefined, 'a'], gone: undefined });
    `);
    // Asynchronous: nothing has answered yet when the call returns.
    expect(await answers()).toEqual([]);
    await bridged.settle();
    expect((await answers()).at(-1)).toEqual({
      tag: 'echo',
      value: { n: 1.5, s: 'x', b: false, z: null, list: [1, null, 'a'] },
    });
    expect(bridged.calls.at(-1)).toEqual({
      fn: 'echo',
      args: [{ n: 1.5, s: 'x', b: false, z: null, list: [1, null, 'a'] }],
    });
  });

  it.each([
    ['a Date', `new Date()`, '0'],
    ['a Date inside an object', `{ receivedOn: new Date() }`, 'receivedOn'],
    ['a function', `function () {}`, '0'],
    ['a DOM element other than a form', `document.getElementById('d')`, '0'],
    ['a circular object', `(function () { var o = {}; o.self = o; return o; })()`, 'self'],
    ['a Map', `new Map()`, '0'],
  ])('%s in the arguments fails the call in the page; the server never runs', async (_what, arg, path) => {
    const before = emu.invocations.length;
    const calls = bridged.calls.length;
    const thrown = await call(`
      (function () {
        var k = keep('illegal');
        try { google.script.run.withSuccessHandler(k.ok).withFailureHandler(k.fail).echo(${arg}); return null; }
        catch (e) { return e.name + ': ' + e.message; }
      })()
    `);
    expect(thrown).toBe(`TypeError: Failed due to illegal value in property: ${path}`);
    await bridged.settle();
    expect(emu.invocations.length).toBe(before);
    expect(bridged.calls.length).toBe(calls);
    expect((await answers()).filter((a) => a['tag'] === 'illegal')).toEqual([]);
  });

  it('a form is legal as the only parameter: its named fields cross; beside another parameter it fails', async () => {
    await call(`google.script.run.withSuccessHandler(keep('form').ok).echo(document.getElementById('f'));`);
    await bridged.settle();
    expect((await answers()).at(-1)).toEqual({ tag: 'form', value: { name: 'Joan', yes: 'on' } });
    const thrown = await call(`
      (function () {
        try { google.script.run.echo(document.getElementById('f'), 1); return null; }
        catch (e) { return e.message; }
      })()
    `);
    expect(thrown).toBe('Failed due to illegal value in property: 0');
  });

  it('what the server throws reaches the failure handler as an Error with its message, with the user object', async () => {
    await call(
      `google.script.run.withFailureHandler(keep('thrown').fail).withUserObject({ row: 3 }).refuse('That case is closed.');`,
    );
    await bridged.settle();
    expect((await answers()).at(-1)).toEqual({
      tag: 'thrown',
      isError: true,
      message: 'That case is closed.',
      user: { row: 3 },
    });
  });

  it('a Date in what the server returns reaches the success handler as null', async () => {
    await call(`google.script.run.withSuccessHandler(keep('date').ok).today();`);
    await call(`google.script.run.withSuccessHandler(keep('rows').ok).rowsWithADate();`);
    await bridged.settle();
    const got = await answers();
    expect(got.find((a) => a['tag'] === 'date')).toEqual({ tag: 'date', value: null });
    expect(got.find((a) => a['tag'] === 'rows')).toEqual({ tag: 'rows', value: null });
  });

  it('only top-level functions not ending in _ can be called; handlers set on a copy stay on the copy', async () => {
    expect(await call(`typeof google.script.run.helper_`)).toBe('undefined');
    expect(await call(`typeof google.script.run.notAServerFunction`)).toBe('undefined');
    expect(await call(`typeof google.script.run.count`)).toBe('function');
    await call(`
      google.script.run.withSuccessHandler(keep('first').ok);
      google.script.run.count();
    `);
    await bridged.settle();
    expect((await answers()).some((a) => a['tag'] === 'first')).toBe(false);
    expect(emu.properties.script['n']).toBe('1');
    expect(bridged.logs).toEqual([]);
  });
});
