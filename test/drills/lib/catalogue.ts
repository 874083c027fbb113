/**
 * Every drill with its two sizes: `fast` runs in `npm test` (the whole set in well under a minute on two
 * cores), `long` in `npm run drills`. What a size counts depends on the drill: submissions, or the stride
 * over call points (1 = every call).
 */
import { burstDrill } from './drills/burst';
import { columnDrill } from './drills/columns';
import { editsDrill } from './drills/edits';
import { fuzzDrill } from './drills/fuzz';
import { killDrill } from './drills/kills';
import { outageDrill } from './drills/outage';
import { responsesDrill } from './drills/responses';
import { settingsDrill } from './drills/settings';
import type { DrillReport } from './report';

export interface Drill {
  id: string;
  /** What the size counts, for the runner's table. */
  size: string;
  fast: number;
  long: number;
  run(size: number): DrillReport;
}

export const DRILLS: readonly Drill[] = [
  { id: 'fuzz', size: 'submissions', fast: 100, long: 10_000, run: (n) => fuzzDrill(n) },
  { id: 'kills', size: 'stride over calls', fast: 3, long: 1, run: (n) => killDrill(n) },
  { id: 'columns', size: 'stride over calls', fast: 9, long: 1, run: (n) => columnDrill(n) },
  { id: 'responses', size: 'submissions per phase', fast: 3, long: 40, run: (n) => responsesDrill(n) },
  { id: 'settings', size: 'submissions per phase', fast: 3, long: 40, run: (n) => settingsDrill(n) },
  { id: 'outage', size: 'submissions per day', fast: 2, long: 20, run: (n) => outageDrill(n) },
  { id: 'burst', size: 'submissions', fast: 200, long: 200, run: (n) => burstDrill(n) },
  { id: 'edits', size: 'stride over calls', fast: 4, long: 1, run: (n) => editsDrill(n) },
];
