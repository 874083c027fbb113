/**
 * The tabs a caseworker reads, as `npm start` leaves them after sixty days of the demo, drawn by the
 * emulator and opened in headless Chromium at a laptop's 1366 × 768: the spreadsheet opens on the
 * Dashboard with today's work in the first screen; the first screen of Cases says who complained and
 * about what, and the Reference stays in view when the tab is scrolled right; every row's status is in
 * words as well as colour; the Outbox is one short row per letter. The README's Cases and Dashboard
 * pictures are taken here (`npm run screenshots`).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS_LABELS } from '../../src/core/labels';
import { getProfile } from '../../src/core/profile';
import { demoScenario } from '../../tools/scenario/demo';
import { simulate, type SimulationResult } from '../../tools/simulation';
import { CHROMIUM, launchChromium, screenshot } from './gas-bridge';

const SCREEN = { width: 1366, height: 768 };
// Sixty simulated days through the bundle: tens of seconds on a loaded runner.
const DEMO_TIMEOUT_MS = 300_000;

describe.runIf(CHROMIUM)('the demo tabs at 1366 × 768', () => {
  let browser: Browser;
  let demo: SimulationResult;

  beforeAll(async () => {
    browser = await launchChromium();
    demo = simulate('wiltshire', demoScenario(getProfile('wiltshire')));
  }, DEMO_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
  });

  async function open(html: string): Promise<Page> {
    const page = await browser.newPage({ viewport: SCREEN });
    await page.setContent(html);
    return page;
  }

  /** Where a header cell of a tab's table is drawn, in page pixels. */
  async function headerBox(page: Page, header: string) {
    const box = await page.evaluate(
      `(() => {
        const th = [...document.querySelectorAll('th')].find((t) => t.textContent.trim() === ${JSON.stringify(header)});
        if (!th) return null;
        const r = th.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top };
      })()`,
    );
    if (!box) throw new Error(`No column headed ${header}`);
    return box as { left: number; right: number; top: number };
  }

  it('opens on the Dashboard, whose Today view is on the first screen with each overdue case by name', async () => {
    const page = await open(demo.emu.renderSpreadsheet());
    const tabs = (await page.evaluate(
      `[...document.querySelectorAll('h2')].map((h) => h.textContent)`,
    )) as string[];
    expect(tabs[0]).toBe('Dashboard');
    const overdue = demo.cases.filter((c) => c['Status'] === STATUS_LABELS.overdue);
    expect(overdue.length).toBeGreaterThan(0);
    const dashboard = await open(demo.emu.renderSheet('Dashboard'));
    for (const c of overdue) {
      const found = (await dashboard.evaluate(
        `(() => {
          const td = [...document.querySelectorAll('td')].find((t) => t.textContent.trim() === ${JSON.stringify(c['Complainant'])});
          return td ? td.getBoundingClientRect().bottom : null;
        })()`,
      )) as number | null;
      expect(found, `${String(c['Reference'])} on the Dashboard`).not.toBeNull();
      expect(found!).toBeLessThanOrEqual(SCREEN.height);
    }
    await screenshot(dashboard, 'dashboard-today', true);
  });

  it('shows who complained and about what on the first screen of Cases, status in words, and keeps the Reference in view', async () => {
    const page = await open(demo.emu.renderSheet('Cases'));
    for (const header of ['Reference', 'Status', 'What is due', 'Complainant', 'Complaint is about'])
      expect((await headerBox(page, header)).right, header).toBeLessThanOrEqual(SCREEN.width);
    const statuses = demo.cases.map((c) => String(c['Status']));
    const words: string[] = Object.values(STATUS_LABELS);
    expect(statuses.every((s) => words.includes(s))).toBe(true);
    // Scrolled far right (to the dates staff type), the Reference column is still drawn at the left.
    await page.evaluate('window.scrollTo(2500, 0)');
    const reference = await headerBox(page, 'Reference');
    expect(reference.left).toBeGreaterThanOrEqual(0);
    expect(reference.left).toBeLessThan(60);
    expect((await headerBox(page, 'Acknowledged on')).left).toBeLessThan(SCREEN.width);
    // The README's picture is the first screen a caseworker sees.
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'cases-tab', true);
  });

  it('draws the Outbox one short row per letter, with no digest among the letters', async () => {
    const page = await open(demo.emu.renderSheet('Outbox'));
    const heights = (await page.evaluate(
      `[...document.querySelectorAll('table.sheet tr')].slice(1).map((r) => r.getBoundingClientRect().height)`,
    )) as number[];
    expect(heights.length).toBe(demo.outbox.length);
    expect(Math.max(...heights)).toBeLessThanOrEqual(30);
    expect(demo.outbox.some((r) => r['Kind'] === 'digest')).toBe(false);
    expect((await headerBox(page, 'Status')).right).toBeLessThanOrEqual(SCREEN.width);
  });
});
