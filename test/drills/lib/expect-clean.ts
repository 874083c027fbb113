/** The assertion every fast drill makes: nothing lost, duplicated, misplaced, oversized or live. */
import { expect } from 'vitest';
import { FIGURES, describe, type DrillReport } from './report';

export function expectClean(report: DrillReport): void {
  expect(report.runs, `${report.drill} checked nothing`).toBeGreaterThan(0);
  const figures = Object.fromEntries(FIGURES.map((f) => [f, report[f]]));
  const zeros = Object.fromEntries(FIGURES.map((f) => [f, 0]));
  expect(figures, describe(report)).toEqual(zeros);
}
