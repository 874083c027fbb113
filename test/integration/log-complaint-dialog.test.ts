/**
 * The Log a complaint dialog as staff use it, in headless Chromium with google.script.run stubbed: one
 * click makes one call, and every attempt to save one filled-in form carries the same submission id.
 * Runs where Chromium is installed (.ci/run installs it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSubmissionId } from '../../src/core/staff-intake';

const HTML = new URL('../../build/log-complaint.html', import.meta.url);
// CI installs Debian's chromium (.ci/run), so there a missing browser fails the run instead of passing it by.
const CHROMIUM =
  ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path)) ??
  (process.env.CI ? '/usr/bin/chromium' : undefined);

interface Call {
  data: Record<string, unknown>;
  id: string;
}

/** google.script.run as the dialog sees it; each call is kept with its handlers for the test to settle. */
const STUB = `
  window.__calls = [];
  window.__handlers = [];
  function runner() {
    var success = null, failure = null;
    var r = {
      withSuccessHandler: function (fn) { success = fn; return r; },
      withFailureHandler: function (fn) { failure = fn; return r; },
      logComplaint: function (data, id) {
        window.__calls.push({ data: data, id: id });
        window.__handlers.push({ success: success, failure: failure });
      },
    };
    return r;
  }
  window.google = { script: {} };
  Object.defineProperty(window.google.script, 'run', { get: runner });
`;

describe('the dialog source', () => {
  it('disables the button before calling the server and sends the submission id with the data', () => {
    const script = readFileSync(HTML, 'utf8');
    const disable = script.indexOf('button.disabled = true');
    expect(disable).toBeGreaterThan(0);
    expect(disable).toBeLessThan(script.indexOf('google.script.run'));
    expect(script).toContain('.logComplaint(data, submissionId)');
    expect(script).not.toMatch(/console\./);
  });
});

describe.runIf(CHROMIUM)('the dialog in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM!,
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
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function open(extra = ''): Promise<{ page: Page; logs: string[] }> {
    const page = await browser.newPage();
    const logs: string[] = [];
    page.on('console', (m) => logs.push(m.text()));
    page.on('pageerror', (e) => logs.push(e.message));
    await page.addInitScript(STUB + extra);
    // Served from an https address (nothing leaves the machine) so the page is a secure context, as
    // Apps Script's dialogs are, and has crypto.randomUUID.
    await page.route('https://dialog.test/', (route) =>
      route.fulfill({ contentType: 'text/html', body: readFileSync(HTML, 'utf8') }),
    );
    await page.goto('https://dialog.test/');
    return { page, logs };
  }

  async function fill(page: Page, name: string): Promise<void> {
    await page.fill('input[name="name"]', name);
    await page.fill('textarea[name="description"]', 'They did not return my calls for six weeks.');
  }

  const calls = (page: Page) => page.evaluate(() => (globalThis as unknown as { __calls: Call[] }).__calls);
  const settle = (page: Page, i: number, how: 'success' | 'failure', value: unknown) =>
    page.evaluate(
      ([i, how, value]) =>
        (globalThis as unknown as { __handlers: Record<string, (v: unknown) => void>[] }).__handlers[i]![
          how
        ]!(value),
      [i, how, value] as const,
    );
  const button = (page: Page) => page.locator('button[type="submit"]');

  it(
    'two clicks and Enter while saving make one call; after a failure the retry sends the same id; after a success a new one',
    { timeout: 60_000 },
    async () => {
      const { page, logs } = await open();
      await fill(page, 'Joan Price');
      await button(page).click();
      await button(page).click({ force: true });
      await page.press('input[name="name"]', 'Enter');
      expect(await calls(page)).toHaveLength(1);
      expect(await button(page).isDisabled()).toBe(true);
      const [first] = await calls(page);
      expect(first!.data['name']).toBe('Joan Price');
      expect(first!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(isSubmissionId(first!.id)).toBe(true);

      await settle(page, 0, 'failure', { message: 'NetworkError: Connection failure due to HTTP 0' });
      expect(await button(page).isDisabled()).toBe(false);
      expect(await page.textContent('#result')).toContain('Not saved');
      expect(await page.inputValue('input[name="name"]')).toBe('Joan Price');
      await button(page).click();
      const retried = await calls(page);
      expect(retried).toHaveLength(2);
      expect(retried[1]!.id).toBe(first!.id);
      expect(retried[1]!.data).toEqual(first!.data);

      await settle(page, 1, 'success', { reference: 'WIL-2026-0001', ok: true });
      expect(await page.textContent('#result')).toBe('Logged as WIL-2026-0001.');
      expect(await page.inputValue('input[name="name"]')).toBe('');
      expect(await button(page).isDisabled()).toBe(false);
      await fill(page, 'Sam Next');
      await button(page).click();
      const next = await calls(page);
      expect(next).toHaveLength(3);
      expect(isSubmissionId(next[2]!.id)).toBe(true);
      expect(next[2]!.id).not.toBe(first!.id);
      // Nothing about the complainant reaches the browser's console.
      expect(logs).toEqual([]);
      await page.close();
    },
  );

  it(
    'issue 9 "The staff dialog asks for the date received (default today, not in the future)": it is sent as receivedOn',
    { timeout: 60_000 },
    async () => {
      const { page, logs } = await open();
      const today = await page.evaluate(() => {
        const d = new Date();
        return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      });
      const field = page.locator('input[name="receivedOn"]');
      expect(await field.inputValue()).toBe(today);
      expect(await field.getAttribute('max')).toBe(today);
      await fill(page, 'Joan Price');
      await field.fill('2026-02-27');
      await button(page).click();
      const [call] = await calls(page);
      expect(call!.data['receivedOn']).toBe('2026-02-27');
      await settle(page, 0, 'success', { reference: 'WIL-2026-0001', ok: true });
      // A new, empty form is dated today again.
      expect(await field.inputValue()).toBe(today);
      expect(logs).toEqual([]);
      await page.close();
    },
  );

  it('without crypto.randomUUID the id is still one the server accepts', { timeout: 60_000 }, async () => {
    const { page, logs } = await open('delete Crypto.prototype.randomUUID;');
    await fill(page, 'Joan Price');
    await button(page).click();
    const [call] = await calls(page);
    expect(call!.id).toMatch(/^[0-9a-f]{32}$/);
    expect(isSubmissionId(call!.id)).toBe(true);
    expect(logs).toEqual([]);
    await page.close();
  });
});
