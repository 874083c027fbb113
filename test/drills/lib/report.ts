/**
 * What every drill reports. The figures come from checkers that look only at what a person would see
 * (the tabs, the mail that went) and at the identities the drill planted, never at the product's own
 * bookkeeping (script properties, its Audit entries, its idea of what it has done).
 */
export interface DrillReport {
  drill: string;
  /** Executions driven to the end and checked (one per kill point, per submission, ...). */
  runs: number;
  lost: number;
  duplicated: number;
  misplaced: number;
  oversizedCells: number;
  liveFormulas: number;
  /** What each non-zero figure is made of: references, letter keys, headers. Never personal data. */
  notes: string[];
}

export type Figures = Pick<
  DrillReport,
  'lost' | 'duplicated' | 'misplaced' | 'oversizedCells' | 'liveFormulas'
>;

export const FIGURES: readonly (keyof Figures)[] = [
  'lost',
  'duplicated',
  'misplaced',
  'oversizedCells',
  'liveFormulas',
];

export function emptyReport(drill: string): DrillReport {
  return {
    drill,
    runs: 0,
    lost: 0,
    duplicated: 0,
    misplaced: 0,
    oversizedCells: 0,
    liveFormulas: 0,
    notes: [],
  };
}

/** Notes kept per report (a long drill can find thousands of the same thing). */
const MAX_NOTES = 5_000;
/** Notes shown in a failure message before the summary by kind. */
const SHOWN_NOTES = 30;

/** Adds one checked run's findings to the drill's report; `context` says which run (e.g. "kill at call 12"). */
export function addFindings(report: DrillReport, findings: Findings, context: string): void {
  report.runs += 1;
  for (const figure of FIGURES) report[figure] += findings[figure];
  for (const note of findings.notes) {
    if (report.notes.length < MAX_NOTES) report.notes.push(`${context}: ${note}`);
    else if (report.notes.length === MAX_NOTES) report.notes.push('… more notes left out');
  }
}

/** The findings of the checkers on one spreadsheet. */
export interface Findings extends Figures {
  notes: string[];
}

export function noFindings(): Findings {
  return { lost: 0, duplicated: 0, misplaced: 0, oversizedCells: 0, liveFormulas: 0, notes: [] };
}

export function mergeFindings(...all: Findings[]): Findings {
  const out = noFindings();
  for (const f of all) {
    for (const figure of FIGURES) out[figure] += f[figure];
    out.notes.push(...f.notes);
  }
  return out;
}

export function isClean(report: Figures): boolean {
  return FIGURES.every((f) => report[f] === 0);
}

/**
 * Notes grouped by kind: references, keys, cells, call numbers and counts replaced, so "what keeps
 * happening" reads at a glance.
 */
export function summarise(notes: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const note of notes) {
    const kind = note
      .replace(/[A-Z]+-\d{4}-\d{4}/g, 'REF')
      .replace(/#\d+/g, '#N')
      .replace(/\b[A-Z]{1,2}\d+\b/g, 'CELL')
      .replace(/\d+/g, 'N');
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]);
}

/** The failure message of a drill: every figure, the first notes, then every kind of note with its count. */
export function describe(report: DrillReport): string {
  const figures = FIGURES.map((f) => `${f} ${report[f]}`).join(', ');
  const shown = report.notes.slice(0, SHOWN_NOTES).map((n) => `  - ${n}`);
  const kinds = summarise(report.notes).map(([kind, n]) => `  ${String(n).padStart(5)} × ${kind}`);
  return [
    `${report.drill} (${report.runs} runs): ${figures}`,
    ...shown,
    ...(report.notes.length > SHOWN_NOTES
      ? [`  … ${report.notes.length - SHOWN_NOTES} more; by kind:`, ...kinds]
      : []),
  ].join('\n');
}
