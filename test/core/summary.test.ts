import { describe, expect, it } from 'vitest';
import { SUMMARY_CHARS, oneLineSummary } from '../../src/core/summary';

describe('the one-line summary of what happened', () => {
  it('keeps a short first line as it is, spaces collapsed', () => {
    expect(oneLineSummary('  The  officer\tshouted at me  \nThen more happened.')).toBe(
      'The officer shouted at me',
    );
  });

  it('skips blank leading lines', () => {
    expect(oneLineSummary('\n\n   \r\nLetter never answered')).toBe('Letter never answered');
  });

  it('cuts a long line at a word boundary and marks the cut', () => {
    const long =
      'I wrote to the office on three occasions about the closure of the front counter and nobody replied to any of my letters';
    const out = oneLineSummary(long);
    expect(out.length).toBeLessThanOrEqual(SUMMARY_CHARS);
    expect(out.endsWith('…')).toBe(true);
    expect(long.startsWith(out.slice(0, -1))).toBe(true);
    // The character after the kept text was a space: no word was cut in half.
    expect(long[out.length - 1]).toBe(' ');
  });

  it('cuts one very long word rather than returning nothing', () => {
    const out = oneLineSummary('x'.repeat(200));
    expect(out).toBe(`${'x'.repeat(SUMMARY_CHARS - 1)}…`);
  });

  it('is empty for empty text', () => {
    expect(oneLineSummary('')).toBe('');
    expect(oneLineSummary(' \n ')).toBe('');
  });
});
