/**
 * `npm run bench`: cost figures measured on the built bundle in the emulator. Service calls are exact;
 * times are medians of several runs on this machine (CPU time of the script inside the emulator).
 */
import { readFileSync } from 'node:fs';
import { Script, createContext } from 'node:vm';
import { baselineBundle } from './baseline/bundle';
import type { Invocation } from '../emulator/index';
import { buildProject } from './build';
import { BASE, Office } from '../test/integration/harness';
import { OUTBOX } from '../src/gas/mail';
import { submissionToAnswers } from '../src/gas/form-questions';
import { EXECUTION_LIMIT_MS } from '../emulator/cost';

const countSent = (calls: Record<string, number>) => calls['MailApp.sendEmail'] ?? 0;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function cpu<T>(fn: () => T): { ms: number; value: T } {
  const start = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(start);
  return { ms: (used.user + used.system) / 1000, value };
}

async function main(): Promise<void> {
  const report = await buildProject();
  const code = readFileSync(new URL('../build/Code.js', import.meta.url), 'utf8');
  const script = new Script(code);
  const evals: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    script.runInContext(createContext({}));
    evals.push(performance.now() - t);
  }
  console.log(
    `bundle: ${(report.bytes / 1024).toFixed(1)} KiB; evaluation in a fresh context: median ${median(evals).toFixed(2)} ms (20 runs)`,
  );
  console.log('');
  console.log(
    'cases   | submit calls | submit ms | sweep calls | sweep cells read | sweep CPU ms | est. Apps Script ms: submit | sweep',
  );
  for (const size of [100, 1_000, 20_000]) {
    const submits: number[] = [];
    const sweeps: number[] = [];
    let submitCalls = 0;
    let sweepCalls = 0;
    let cellsRead = 0;
    let submitEstimate = 0;
    let sweepEstimate = 0;
    for (let run = 0; run < 3; run++) {
      const office = new Office('wiltshire');
      office.seedCases(size, 100);
      const s = cpu(() => office.submit());
      submits.push(s.ms);
      submitCalls = s.value.stats.totalCalls;
      submitEstimate = s.value.estimatedMs;
      const w = cpu(() => office.emu.run('runDailySweep'));
      sweeps.push(w.ms);
      sweepCalls = w.value.stats.totalCalls;
      cellsRead = w.value.stats.cellsRead;
      sweepEstimate = w.value.estimatedMs;
    }
    console.log(
      `${String(size).padEnd(7)} | ${String(submitCalls).padEnd(12)} | ${median(submits).toFixed(1).padEnd(9)} | ${String(sweepCalls).padEnd(11)} | ${String(cellsRead).padEnd(16)} | ${median(sweeps).toFixed(0).padEnd(12)} | ${String(Math.round(submitEstimate)).padEnd(13)} | ${Math.round(sweepEstimate)}`,
    );
  }
  for (const letters of [1, 100, 200]) {
    const office = new Office('wiltshire', new Date('2026-03-02T09:00:00Z'), { mailQuota: 500 });
    for (let i = 0; i < letters / 2 || i < 1; i++)
      office.submit({ name: `Person ${i}`, email: `p${i}@example.org` });
    if (letters === 1) {
      // One letter: drop the case-assigned note so only the acknowledgement is queued.
      const rows = office.emu.sheetValues('Staff mail');
      const sheet = office.emu.spreadsheet.getSheetByName('Staff mail')!;
      const status = rows[0]!.indexOf(OUTBOX.status) + 1;
      const kind = rows[0]!.indexOf(OUTBOX.kind);
      rows.forEach(
        (r, i) => r[kind] === 'case-assigned' && sheet.getRange(i + 1, status).setValue('cancelled'),
      );
    }
    const queued = office.mail().filter((r) => r[OUTBOX.status] === 'queued').length;
    const inv = office.emu.run('sendQueuedMail');
    const sheetCalls = Object.entries(inv.stats.calls)
      .filter(([k]) => /^(SpreadsheetApp|Spreadsheet|Sheet|Range)\./.test(k))
      .reduce((n, [, v]) => n + v, 0);
    console.log(
      `sender run with ${queued} letter(s) queued: ${sheetCalls} sheet calls, ${inv.stats.totalCalls} calls in all, ` +
        `${countSent(inv.stats.calls)} sent, est. Apps Script ${(inv.estimatedMs / 1000).toFixed(1)} s`,
    );
  }
  sideBySide(baselineBundle());
}

/** Estimated Apps Script time, or where Google's 6-minute limit stopped it. */
function estimate(inv: Invocation): string {
  if (inv.killed || inv.estimatedMs > EXECUTION_LIMIT_MS) return 'stopped at 6 min';
  return `${Math.round(inv.estimatedMs).toLocaleString('en-GB')}`;
}

function ratio(product: Invocation, baseline: Invocation): string {
  const b = baseline.killed ? EXECUTION_LIMIT_MS : baseline.estimatedMs;
  return `${baseline.killed ? '> ' : ''}${(b / product.estimatedMs).toFixed(1)}x`;
}

/** A run Google would stop at 6 minutes is reported as stopped rather than ending the bench. */
function runToTheEnd(office: Office, fn: string): Invocation {
  try {
    return office.emu.run(fn);
  } catch {
    return office.emu.lastInvocation!;
  }
}

function sideBySide(bundle: string): void {
  console.log('');
  console.log(
    'product beside the naive baseline (tools/baseline/naive.ts), est. Apps Script ms from the cost model',
  );
  console.log(
    'job                 | cases  | product calls | product est. ms | baseline calls | baseline est. ms | baseline / product',
  );
  const row = (job: string, cases: number, p: Invocation, b: Invocation) =>
    console.log(
      `${job.padEnd(19)} | ${String(cases).padEnd(6)} | ${String(p.stats.totalCalls).padEnd(13)} | ${estimate(p).padEnd(15)} | ${String(b.stats.totalCalls).padEnd(14)} | ${estimate(b).padEnd(16)} | ${ratio(p, b)}`,
    );
  for (const size of [100, 1_000, 20_000]) {
    process.stderr.write(`side by side at ${size} cases...\n`);
    const make = () => {
      const office = new Office('wiltshire', undefined, { bundlePath: bundle });
      office.seedCases(size, 100);
      return office;
    };
    const product = make();
    const baseline = make();
    const p = product.submit();
    const answers = submissionToAnswers(baseline.profile, { ...BASE, name: 'Alex Morgan' });
    const named = Object.fromEntries(Object.entries(answers).map(([q, a]) => [q, [a]]));
    const b = baseline.emu.run('naiveOnFormSubmit', { namedValues: named });
    row('submit', size, p, b);
    row('daily check', size, product.emu.run('runDailySweep'), runToTheEnd(baseline, 'naiveDailyCheck'));
  }
  for (const letters of [100]) {
    const product = new Office('wiltshire', new Date('2026-03-02T09:00:00Z'), {
      mailQuota: 500,
      bundlePath: bundle,
    });
    for (let i = 0; i < letters / 2; i++) product.submit({ name: `Person ${i}`, email: `p${i}@example.org` });
    const baseline = new Office('wiltshire', new Date('2026-03-02T09:00:00Z'), {
      mailQuota: 500,
      bundlePath: bundle,
    });
    for (let i = 0; i < letters / 2; i++)
      baseline.submit({ name: `Person ${i}`, email: `p${i}@example.org` });
    const p = product.emu.run('sendQueuedMail');
    const b = runToTheEnd(baseline, 'naiveSendQueue');
    row(`send ${letters} letters`, 0, p, b);
    console.log(
      `all calls of the run per letter sent: product ${(p.stats.totalCalls / letters).toFixed(2)}, baseline ${(b.stats.totalCalls / Math.max(1, Number(b.result))).toFixed(2)} (${String(b.result)} sent)`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
