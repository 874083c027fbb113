import { describe, expect, it } from 'vitest';
import {
  FLAG_LABELS,
  RELATIONSHIP_LABELS,
  STATUS_LABELS,
  SUBJECT_LABELS,
  formatDay,
  idFromLabel,
} from '../../src/core/labels';
import { RELATIONSHIPS, ROUTE_FLAGS, SLA_STATUSES, SUBJECTS } from '../../src/core/model';

describe('labels staff read in place of ids', () => {
  it('has a distinct label for every id', () => {
    for (const [ids, labels] of [
      [RELATIONSHIPS, RELATIONSHIP_LABELS],
      [SUBJECTS, SUBJECT_LABELS],
      [SLA_STATUSES, STATUS_LABELS],
      [ROUTE_FLAGS, FLAG_LABELS],
    ] as const) {
      const shown = ids.map((id) => (labels as Record<string, string>)[id]);
      expect(shown.every((l) => typeof l === 'string' && l.length > 0)).toBe(true);
      expect(new Set(shown).size).toBe(shown.length);
    }
  });
  it('reads a cell back whether it holds the label or the id, in any case', () => {
    expect(idFromLabel(RELATIONSHIP_LABELS, 'on-behalf')).toBe('on-behalf');
    expect(idFromLabel(RELATIONSHIP_LABELS, '  on behalf of someone ELSE ')).toBe('on-behalf');
    expect(idFromLabel(SUBJECT_LABELS, 'Chief Executive')).toBe('chief-executive');
    expect(idFromLabel(SUBJECT_LABELS, 'the mayor')).toBeNull();
    expect(idFromLabel(SUBJECT_LABELS, '')).toBeNull();
  });
  it('shows a day as dd/mm/yyyy', () => {
    expect(formatDay('2026-03-04')).toBe('04/03/2026');
  });
});
