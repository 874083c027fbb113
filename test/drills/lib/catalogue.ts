/**
 * Every drill at its two sizes: `fast` runs in `npm test` (the whole set in well under a minute on two
 * cores), `long` in `npm run drills`.
 */
import { burstDrill } from './drills/burst';
import { columnDrill } from './drills/columns';
import { editsDrill } from './drills/edits';
import { eventsDrill } from './drills/events';
import { fuzzDrill } from './drills/fuzz';
import { killDrill } from './drills/kills';
import { outageDrill } from './drills/outage';
import { responsesDrill } from './drills/responses';
import { settingsDrill } from './drills/settings';
import type { DrillReport } from './report';

export type DrillMode = 'fast' | 'long';

export interface Drill {
  id: string;
  /** What each size means, for the runner's table. */
  sizes: Record<DrillMode, string>;
  run(mode: DrillMode): DrillReport;
}

const by = <T>(mode: DrillMode, fast: T, long: T): T => (mode === 'fast' ? fast : long);

export const DRILLS: readonly Drill[] = [
  {
    id: 'fuzz',
    sizes: { fast: '100 submissions', long: '10,000 submissions' },
    run: (m) => fuzzDrill(by(m, 100, 10_000)),
  },
  {
    id: 'kills',
    sizes: { fast: 'distinct calls', long: 'every call' },
    run: (m) => killDrill(by(m, 'distinct', 'every')),
  },
  {
    id: 'columns',
    sizes: { fast: 'distinct reads/writes', long: 'every call x3' },
    run: (m) => columnDrill(by(m, 'writes', 'every')),
  },
  {
    id: 'responses',
    sizes: { fast: '3 per phase', long: '40 per phase' },
    run: (m) => responsesDrill(by(m, 3, 40)),
  },
  {
    id: 'settings',
    sizes: { fast: '3 per phase', long: '40 per phase' },
    run: (m) => settingsDrill(by(m, 3, 40)),
  },
  { id: 'outage', sizes: { fast: '2 a day', long: '20 a day' }, run: (m) => outageDrill(by(m, 2, 20)) },
  {
    id: 'burst',
    sizes: { fast: '200 submissions', long: '200 submissions' },
    run: () => burstDrill(200),
  },
  {
    id: 'events',
    sizes: { fast: '2 per order', long: '20 per order' },
    run: (m) => eventsDrill(by(m, 2, 20)),
  },
  {
    id: 'edits',
    sizes: { fast: 'distinct reads/writes', long: 'every call' },
    run: (m) => editsDrill(by(m, 'writes', 'every')),
  },
];
