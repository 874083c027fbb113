/**
 * `npm start` writes out/demo/sidebar.html: the real case sidebar (build/sidebar.html, as HtmlService
 * serves it) for one open case of the demo, with a stand-in google.script.run that answers each call with
 * what the same server call returned against the demo's final state. Its buttons say it is a demo and
 * change nothing: the page is a file to open in a browser, with no server behind it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Emulator } from '../emulator/index';

interface CaseLike {
  kind: string;
  reference?: string;
  status?: string;
  actions?: unknown[];
  letters?: { awaitingApproval: boolean }[];
  handler?: { email: string } | null;
}

/** JSON safe to put inside a <script> element, whatever a case holds (a name such as "</script>"). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The stand-in: the names the page calls, each answered (asynchronously, as Google answers) from `answers`;
 * caseSidebarCase by its reference. Anything else fails as a call to a missing server function would.
 */
const STUB = String.raw`
(function (answers) {
  window.CASE_SIDEBAR_DEMO = true;
  function runner(success, failure) {
    var r = {
      withSuccessHandler: function (fn) { return runner(fn, failure); },
      withFailureHandler: function (fn) { return runner(success, fn); },
      withUserObject: function () { return r; },
    };
    function answer(fn, value) {
      setTimeout(function () { if (success) success(JSON.parse(JSON.stringify(value))); }, 50);
    }
    r.caseSidebarSelection = function () { answer('caseSidebarSelection', answers.selection); };
    r.caseSidebarSelected = function () { answer('caseSidebarSelected', answers.selected); };
    r.caseSidebarMyCases = function () { answer('caseSidebarMyCases', answers.myCases); };
    r.caseSidebarCase = function (reference) {
      answer('caseSidebarCase', answers.cases[reference] || { kind: 'no-case', message: 'Not in this demo.' });
    };
    r.caseSidebarAct = function () {
      setTimeout(function () { if (failure) failure(new Error('This is a demo: nothing was changed.')); }, 50);
    };
    return r;
  }
  window.google = { script: { run: runner(null, null) } };
})`;

/** The open case to show: one with a letter awaiting approval if there is one, else the first open one. */
function pickCase(emu: Emulator): CaseLike | null {
  const [header = [], ...rows] = emu.sheetValues('Cases');
  const refColumn = header.map(String).indexOf('Reference');
  const views = rows
    .map((r) => String(r[refColumn] ?? '').trim())
    .filter(Boolean)
    .map((reference) => emu.run('caseSidebarCase', reference).result as CaseLike);
  const open = views.filter(
    (v) => v.kind === 'case' && v.status !== 'Closed' && (v.actions ?? []).length > 0,
  );
  return open.find((v) => v.letters?.some((l) => l.awaitingApproval)) ?? open[0] ?? null;
}

/** Writes sidebar.html into `outDir` from the emulator's final state; returns the reference shown. */
export function writeSidebarDemo(emu: Emulator, outDir: string, buildDir = 'build'): string | null {
  const chosen = pickCase(emu);
  if (!chosen?.reference) return null;
  const reference = chosen.reference;
  const [header = [], ...rows] = emu.sheetValues('Cases');
  const refColumn = header.map(String).indexOf('Reference');
  const row = rows.findIndex((r) => String(r[refColumn]).trim() === reference) + 2;
  emu.select('Cases', `A${row}`);
  const viewer = emu.activeUserEmail;
  // "My cases" as the person who handles the case shown would see it.
  if (chosen.handler?.email) emu.setActiveUser(chosen.handler.email);
  const myCases = emu.run('caseSidebarMyCases').result as { groups: { cases: { reference: string }[] }[] };
  emu.setActiveUser(viewer);
  const cases: Record<string, unknown> = {};
  for (const ref of new Set([reference, ...myCases.groups.flatMap((g) => g.cases.map((c) => c.reference))]))
    cases[ref] = emu.run('caseSidebarCase', ref).result;
  const answers = {
    selection: emu.run('caseSidebarSelection').result,
    selected: emu.run('caseSidebarSelected').result,
    myCases,
    cases,
  };
  const html = readFileSync(join(buildDir, 'sidebar.html'), 'utf8');
  const stub = `<script>${STUB}(${scriptJson(answers)});</script>`;
  const page = html.replace(/<body>/, `<body>\n    ${stub}`);
  if (page === html) throw new Error('build/sidebar.html has no <body> to put the demo data in');
  writeFileSync(join(outDir, 'sidebar.html'), page);
  return reference;
}
