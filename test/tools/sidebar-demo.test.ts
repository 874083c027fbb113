/** out/demo/sidebar.html: the real sidebar with the answers of the real server calls, safe to open. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSidebarDemo } from '../../tools/sidebar-demo';
import { Office } from '../integration/harness';

const NAME = '</script><img src=x onerror=alert(1)>';

describe('the demo sidebar', () => {
  it('is build/sidebar.html with the answers of the same server calls, for an open case', () => {
    const office = new Office('wiltshire');
    office.submit({ name: NAME });
    const dir = mkdtempSync(join(tmpdir(), 'sidebar-demo-'));
    expect(writeSidebarDemo(office.emu, dir)).toBe('WIL-2026-0001');
    const html = readFileSync(join(dir, 'sidebar.html'), 'utf8');
    const built = readFileSync(new URL('../../build/sidebar.html', import.meta.url), 'utf8');
    // The page is the built one with one script added: the stand-in and its answers.
    expect(html.replace(/\s*<script>\s*\(function \(answers\)[\s\S]*?<\/script>/, '')).toBe(built);
    expect(html).toContain('window.CASE_SIDEBAR_DEMO = true');
    // A name holding "</script>" cannot end the data's script element early.
    expect(html).not.toContain(NAME);
    const answers = JSON.parse(/\}\)\((\{.*\})\);<\/script>/.exec(html)![1]!) as {
      selected: { reference: string; complainant: string };
      selection: { reference: string };
    };
    expect(answers.selected).toMatchObject({ reference: 'WIL-2026-0001', complainant: NAME });
    expect(answers.selection.reference).toBe('WIL-2026-0001');
  });
});
