/**
 * `npm run bench`: cost figures measured on the built bundle in the emulator. Service calls are exact;
 * times are medians of several runs on this machine (CPU time of the script inside the emulator).
 */
import { readFileSync } from 'node:fs';
import { Script, createContext } from 'node:vm';
import { buildProject } from './build';
import { Office } from '../test/integration/harness';
import { OUTBOX } from '../src/gas/mail';

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
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
