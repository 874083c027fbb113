/**
 * "Find everything about a person…" in headless Chromium: the dialog's two buttons build the subject access
 * export in the browser (no Drive scope), and what they save is what the dialog was given, every field of
 * every record, in a form a spreadsheet opens safely.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Office } from '../integration/harness';
import { CHROMIUM, launchChromium } from './gas-bridge';

interface Found {
  records: { kind: string; reference: string; fields: { field: string; value: string }[] }[];
}

/** RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  row.push(field);
  rows.push(row);
  return rows;
}

describe.runIf(CHROMIUM)('the subject access downloads in a browser', () => {
  let browser: Browser;
  let page: Page;
  let found: Found;

  beforeAll(async () => {
    browser = await launchChromium();
    const o = new Office('wiltshire');
    // What a person may really type: a phone number with its + and a description that a spreadsheet
    // would take for a formula.
    o.submit({
      name: 'Jo Bloggs',
      email: 'jo.bloggs@example.org',
      phone: '+44 7700 900777',
      description: '=HYPERLINK("http://example.com","click") and, "quoted", on\ntwo lines',
    });
    o.submit({ name: 'Jo Bloggs', email: 'jo.bloggs@example.org', description: 'A second complaint.' });
    const run = o.emu.run('findPersonData', 'jo.bloggs@example.org');
    if (run.error) throw run.error;
    found = run.result as Found;
    page = await browser.newPage({ acceptDownloads: true });
    await page.setContent(o.emu.ui.dialogs.at(-1)!.html);
  });

  afterAll(async () => {
    await page?.close();
    await browser?.close();
  });

  async function download(button: string): Promise<{ name: string; text: string }> {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: button }).click(),
    ]);
    return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
  }

  it('"Download as JSON" saves every record the dialog shows', async () => {
    const { name, text } = await download('Download as JSON');
    expect(name).toMatch(/^subject-access-\d{4}-\d{2}-\d{2}\.json$/);
    const saved = JSON.parse(text) as Found & { query: string };
    expect(saved.query).toBe('jo.bloggs@example.org');
    expect(saved.records).toEqual(found.records);
    expect(found.records.filter((r) => r.kind === 'Case').map((r) => r.reference)).toEqual([
      'WIL-2026-0001',
      'WIL-2026-0002',
    ]);
  });

  it('"Download as CSV" saves one row per field, and a value a spreadsheet would run as a formula is kept as text', async () => {
    const { name, text } = await download('Download as CSV');
    expect(name).toMatch(/^subject-access-\d{4}-\d{2}-\d{2}\.csv$/);
    // A byte order mark, so Excel reads the file as UTF-8.
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual(['Record', 'Reference', 'About the person as', 'Field', 'Value', 'Names others']);
    expect(rows).toHaveLength(found.records.reduce((n, r) => n + r.fields.length, 0));
    expect(rows.every((r) => r.length === 6)).toBe(true);
    const value = (reference: string, field: string) =>
      rows.find((r) => r[0] === 'Case' && r[1] === reference && r[3] === field)?.[4];
    expect(value('WIL-2026-0001', 'Phone')).toBe("'+44 7700 900777");
    expect(value('WIL-2026-0001', 'What happened')).toBe(
      `'=HYPERLINK("http://example.com","click") and, "quoted", on\ntwo lines`,
    );
    expect(value('WIL-2026-0002', 'What happened')).toBe('A second complaint.');
  });
});
