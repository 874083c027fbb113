/**
 * Counting what a script asks of the services: the cost model tests and benchmarks assert on.
 * Every service object handed into the script's context is wrapped in a Proxy (runtime.ts) that counts each
 * method call, keyed `Service.method` (`Range.getValues`), and the cells it reads or writes. Calls made by
 * tests on the emulator's objects directly are not counted: only calls from inside the script's context.
 */

export interface CallStats {
  calls: Record<string, number>;
  totalCalls: number;
  cellsRead: number;
  cellsWritten: number;
  /** Every service call in the order the script made it (`Range.setValues`), for drills that stop a run at each. */
  sequence: string[];
}

export function emptyStats(): CallStats {
  return { calls: {}, totalCalls: 0, cellsRead: 0, cellsWritten: 0, sequence: [] };
}

const READS_GRID = new Set([
  'getValues',
  'getSheetValues',
  'getDisplayValues',
  'getFormulas',
  'getBackgrounds',
  'getNotes',
  'getDataValidations',
]);
const READS_ONE = new Set([
  'getValue',
  'getDisplayValue',
  'getFormula',
  'getDataValidation',
  'getBackground',
  'getNote',
]);
const WRITES_GRID = new Set([
  'setValues',
  'setFormulas',
  'setBackgrounds',
  'setNumberFormats',
  'setFontWeights',
]);
const WRITES_RANGE = new Set(['setValue', 'setFormula', 'clearContent', 'clear', 'setBackground', 'setNote']);

function gridSize(value: unknown): number {
  return Array.isArray(value)
    ? value.reduce((n: number, row) => n + (Array.isArray(row) ? row.length : 0), 0)
    : 0;
}

interface RangeLike {
  getNumRows(): number;
  getNumColumns(): number;
}

/** Adds the cells a service call read or wrote to the invocation's stats. */
export function countCells(
  stats: CallStats,
  method: string,
  target: object,
  args: unknown[],
  result: unknown,
): void {
  if (READS_GRID.has(method)) stats.cellsRead += gridSize(result);
  else if (READS_ONE.has(method)) stats.cellsRead += 1;
  else if (WRITES_GRID.has(method)) stats.cellsWritten += gridSize(args[0]);
  else if (WRITES_RANGE.has(method) && 'getNumRows' in target) {
    const range = target as RangeLike;
    stats.cellsWritten += range.getNumRows() * range.getNumColumns();
  } else if (method === 'appendRow' && Array.isArray(args[0])) stats.cellsWritten += args[0].length;
}
