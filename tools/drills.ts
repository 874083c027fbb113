/**
 * `npm run drills`: the long versions of the reliability drills (test/drills), on a freshly built bundle.
 * Prints one line per drill and exits non-zero if anything was lost, duplicated, misplaced, oversized
 * or left as a live formula.
 *
 *   npm run drills                     every drill at its long size
 *   npm run drills -- --fast           the sizes npm test uses
 *   npm run drills -- kills columns    only the drills named
 *   npm run drills -- --notes          each failing drill's notes after the table
 */
import { buildProject } from './build';
import { DRILLS } from '../test/drills/lib/catalogue';
import { FIGURES, describe, isClean, type DrillReport } from '../test/drills/lib/report';

const HEADINGS = [
  'drill',
  'size',
  'runs',
  'lost',
  'duplicated',
  'misplaced',
  'oversized',
  'live formulas',
  'seconds',
];

function row(cells: readonly (string | number)[], widths: readonly number[]): string {
  return cells
    .map((c, i) => (i === 0 ? String(c).padEnd(widths[i]!) : String(c).padStart(widths[i]!)))
    .join('  ');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const fast = args.includes('--fast');
  const notes = args.includes('--notes');
  const named = args.filter((a) => !a.startsWith('--'));
  const unknown = named.filter((n) => !DRILLS.some((d) => d.id === n));
  if (unknown.length > 0) {
    console.error(`No drill named ${unknown.join(', ')}. Drills: ${DRILLS.map((d) => d.id).join(', ')}`);
    process.exit(2);
  }
  await buildProject();
  const widths = [10, 20, 7, 6, 10, 9, 9, 13, 8];
  console.log(row(HEADINGS, widths));
  const reports: DrillReport[] = [];
  for (const drill of DRILLS.filter((d) => named.length === 0 || named.includes(d.id))) {
    const mode = fast ? 'fast' : 'long';
    const size = drill.sizes[mode];
    const started = performance.now();
    const report = drill.run(mode);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    reports.push(report);
    console.log(row([drill.id, size, report.runs, ...FIGURES.map((f) => report[f]), seconds], widths));
  }
  const failing = reports.filter((r) => !isClean(r));
  if (notes) for (const r of failing) console.log(`\n${describe(r)}`);
  if (failing.length > 0) {
    console.log(
      `\n${failing.length} of ${reports.length} drills found something${notes ? '' : ' (--notes says what)'}.`,
    );
    process.exit(1);
  }
  console.log(`\nAll ${reports.length} drills clean.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
});
