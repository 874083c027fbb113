/**
 * google.script.run for pages under test: the HTML exactly as HtmlService serves it, opened in headless
 * Chromium, with every server call run as `emu.run(fn, ...args)` against the emulator loaded with the built
 * bundle. What crosses is held to Google's rules, so a page that works here does not fail on Google for a
 * value it sends or gets back.
 *
 * Google's rules (developers.google.com/apps-script/guides/html/reference/run#myFunction(...) and
 * guides/html/communication#parameters_and_return_values):
 * - Legal parameters are primitives (number, boolean, string, null) and objects and arrays made of them.
 *   A form element is legal only as the call's only parameter. A Date, a function, any other DOM element or
 *   other prohibited type, even deep inside an object or array, fails the request, as does a circular
 *   object. Undefined fields within arrays become null; the server gets a copy.
 *   Users report the failure as thrown in the page when the call is made ("Failed due to illegal value in
 *   property: 0"), before any request: so here the call throws a TypeError, the server is never run and
 *   neither handler is called.
 * - Legal return values are the same. The docs say an illegal one fails; users report the success handler
 *   receiving null when the returned value holds a Date anywhere (a getValues() with a date cell is the
 *   common case): so here an illegal return value reaches the success handler as null.
 * - Calls are asynchronous: the page goes on at once, and the answer comes later (after `latencyMs`).
 * - What the server throws reaches the failure handler as an Error with its message.
 * - withUserObject's object never leaves the page: it is the handlers' second parameter.
 * - Only the script's top-level functions can be called, not those whose names end in `_`
 *   (guides/html/communication#private_functions); any other name is not a function on the runner.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Emulator } from '../../emulator/index';

const ROOT = new URL('../..', import.meta.url).pathname;

/**
 * Debian's chromium, or undefined when not installed. Under CI=true it is always the expected path, so a
 * missing browser fails the run at launch instead of skipping the browser tests.
 */
export const CHROMIUM: string | undefined =
  ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path)) ??
  (process.env['CI'] ? '/usr/bin/chromium' : undefined);

export function launchChromium(): Promise<Browser> {
  if (!CHROMIUM) throw new Error('Chromium is not installed (apt-get install chromium)');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface Bridged {
  page: Page;
  /** Every google.script.run call the page made that reached the server, in order, as the server got it. */
  calls: { fn: string; args: unknown[] }[];
  /** Console messages and page errors. */
  logs: string[];
  /** Resolves when every call made so far has been answered (success or failure handler run). */
  settle(): Promise<void>;
}

/** The top-level functions of the built bundle that google.script.run exposes (names without a final `_`). */
export function serverFunctions(bundlePath = join(ROOT, 'build/Code.js')): string[] {
  const names = [...readFileSync(bundlePath, 'utf8').matchAll(/^function ([A-Za-z_$][\w$]*)\s*\(/gm)].map(
    (m) => m[1]!,
  );
  return names.filter((name) => !name.endsWith('_'));
}

/**
 * The page's google.script.run, as source (the page is a browser realm, not this one). It copies the
 * arguments under Google's rules, hands them to the host through `__gasBridgeCall`, and runs the handler
 * when the answer comes. `__gasBridgePending` counts calls whose handler has not run yet.
 */
const RUNNER = String.raw`
(function (names) {
  function illegal(path) {
    return new TypeError('Failed due to illegal value in property: ' + path);
  }
  function copy(value, path, seen) {
    if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number')
      return value;
    if (value === undefined) return null;
    if (typeof value !== 'object') throw illegal(path);
    if (seen.indexOf(value) >= 0) throw illegal(path);
    seen = seen.concat([value]);
    if (Array.isArray(value)) {
      var out = [];
      for (var i = 0; i < value.length; i++) out.push(copy(value[i], i, seen));
      return out;
    }
    var proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw illegal(path);
    var obj = {};
    Object.keys(value).forEach(function (key) {
      if (value[key] !== undefined) obj[key] = copy(value[key], key, seen);
    });
    return obj;
  }
  // A form as the only parameter: its named fields, as the server receives them.
  function fromForm(form) {
    var out = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled) return;
      if (el.type === 'file') throw new TypeError('File inputs are not emulated by the test bridge');
      if ((el.type === 'checkbox' || el.type === 'radio') && !el.checked) return;
      if (el.type === 'submit' || el.type === 'button' || el.type === 'reset') return;
      var value = el.value;
      if (Object.prototype.hasOwnProperty.call(out, el.name))
        out[el.name] = [].concat(out[el.name], [value]);
      else out[el.name] = value;
    });
    return out;
  }
  function runner(success, failure, userObject) {
    var r = {
      withSuccessHandler: function (fn) {
        return runner(fn, failure, userObject);
      },
      withFailureHandler: function (fn) {
        return runner(success, fn, userObject);
      },
      withUserObject: function (obj) {
        return runner(success, failure, obj);
      },
    };
    names.forEach(function (name) {
      r[name] = function () {
        var raw = Array.prototype.slice.call(arguments);
        var args;
        if (raw.length === 1 && raw[0] instanceof HTMLFormElement) args = [fromForm(raw[0])];
        else args = raw.map(function (arg, i) {
          if (typeof Node !== 'undefined' && arg instanceof Node) throw illegal(i);
          return copy(arg, i, []);
        });
        window.__gasBridgePending += 1;
        window.__gasBridgeCall(name, args).then(function (answer) {
          try {
            if (answer.ok) {
              if (success) success(answer.value, userObject);
            } else if (failure) {
              var error = new Error(answer.message);
              error.name = answer.name;
              failure(error, userObject);
            }
          } finally {
            window.__gasBridgePending -= 1;
          }
        });
      };
    });
    return r;
  }
  window.__gasBridgePending = 0;
  window.google = window.google || {};
  window.google.script = window.google.script || {};
  window.google.script.run = runner(null, null, undefined);
})`;

/** A value the server returned, as the page may receive it: null when Google's rules refuse any part. */
function legalReturn(value: unknown): unknown {
  const legal = (v: unknown, seen: object[]): boolean => {
    if (v === null || v === undefined || ['string', 'number', 'boolean'].includes(typeof v)) return true;
    if (typeof v !== 'object' || seen.includes(v)) return false;
    if (Array.isArray(v)) return v.every((x) => legal(x, [...seen, v]));
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) return false;
    return Object.values(v).every((x) => legal(x, [...seen, v]));
  };
  return legal(value, []) ? value : null;
}

type Answer = { ok: true; value: unknown } | { ok: false; name: string; message: string };

/**
 * Opens `html` (the HTML exactly as HtmlService would serve it) in a page whose google.script.run runs each
 * call as `emu.run(fn, ...args)` — with Google's rules: only primitives, null, arrays and plain objects
 * cross; a Date or function in the arguments fails the call; what the server throws reaches the failure
 * handler as an Error with its message; withUserObject is passed through. `latencyMs` delays each answer.
 */
export async function openBridged(
  browser: Browser,
  emu: Emulator,
  html: string,
  options: { viewport?: { width: number; height: number }; latencyMs?: number } = {},
): Promise<Bridged> {
  // Staff of an English or Welsh office: a British locale and London time (the page's "today").
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 640, height: 720 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  const page = await context.newPage();
  page.once('close', () => void context.close().catch(() => undefined));
  const calls: Bridged['calls'] = [];
  const logs: string[] = [];
  page.on('console', (m) => logs.push(m.text()));
  page.on('pageerror', (e) => logs.push(e.message));

  const latencyMs = options.latencyMs ?? 0;

  await page.exposeFunction('__gasBridgeCall', async (fn: string, args: unknown[]): Promise<Answer> => {
    calls.push({ fn, args });
    // The request travels to Google and the answer back: the server runs when it arrives.
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    try {
      const { result } = emu.run(fn, ...args);
      return { ok: true, value: legalReturn(result) };
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      return { ok: false, name: e.name, message: e.message };
    }
  });
  await page.addInitScript({ content: `${RUNNER}(${JSON.stringify(serverFunctions(emu.bundlePath))});` });
  // The page's clock reads the emulator's, as a dialog's and its script's both read the real time.
  await page.clock.install({ time: emu.now });
  // Served from an https address (nothing leaves the machine) so the page is a secure context, as Apps
  // Script's dialogs are (crypto.randomUUID exists).
  await page.route('https://gas-bridge.test/', (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }),
  );
  await page.goto('https://gas-bridge.test/');

  return {
    page,
    calls,
    logs,
    settle: async () => {
      await page.waitForFunction(
        () => (globalThis as unknown as { __gasBridgePending: number }).__gasBridgePending === 0,
        undefined,
        {
          polling: 20,
          timeout: 30_000,
        },
      );
    },
  };
}

/**
 * Saves a screenshot to out/screenshots/<name>.png, and to $SCREENSHOTS_DIR/<name>.png when set: the whole
 * page, or with `screenOnly` what one screen shows (a tab drawn by the emulator is wider than a screen).
 */
export async function screenshot(page: Page, name: string, screenOnly = false): Promise<string> {
  const dir = join(ROOT, 'out/screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  const image = await page.screenshot({ path, fullPage: !screenOnly });
  const extra = process.env['SCREENSHOTS_DIR'];
  if (extra) {
    const target = resolve(ROOT, extra);
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, `${name}.png`), image);
  }
  return path;
}
