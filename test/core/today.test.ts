import { describe, expect, it } from 'vitest';
import { makeCalendar } from '../../src/core/calendar';
import { STATUS_LABELS } from '../../src/core/labels';
import { todaySections, type TodayCase, type TodayLetter } from '../../src/core/today';

const due = (reference: string, nextDeadline: string | null, status: TodayCase['status'] = 'on-track') => ({
  reference,
  complainant: `Person ${reference}`,
  status,
  nextDeadline,
  due: nextDeadline ? `Acknowledgement due ${nextDeadline}` : 'Paused since 2026-05-01',
  owner: 'Complaints officer',
});

const section = (sections: ReturnType<typeof todaySections>, start: string) =>
  sections.find((s) => s.title.startsWith(start))!.lines.map((l) => l.reference);

describe('the Today view', () => {
  // Thursday 21 May 2026; Monday 25 May is the spring bank holiday.
  const today = '2026-05-21';

  it('looks five working days ahead over a bank holiday: to Friday 29 May, not Thursday 28', () => {
    const cases = [
      due('A', '2026-05-21'),
      due('B', '2026-05-29', 'due-soon'),
      due('C', '2026-06-01'),
      due('D', '2026-05-20', 'overdue'),
      due('E', '2026-05-25'),
      due('F', null, 'paused'),
    ];
    const sections = todaySections(cases, [], today, makeCalendar(), { owner: 'Complaints team' });
    expect(sections.map((s) => s.title)).toEqual([
      STATUS_LABELS.overdue,
      'Due today',
      'Due in the next 5 working days (to 29/05/2026)',
      'Letters awaiting approval',
      'Letters that failed',
      'Letters to print',
      'Calls to make',
    ]);
    expect(section(sections, STATUS_LABELS.overdue)).toEqual(['D']);
    expect(section(sections, 'Due today')).toEqual(['A']);
    expect(section(sections, 'Due in the next')).toEqual(['E', 'B']);
    expect(sections[1]!.lines[0]).toEqual({
      reference: 'A',
      complainant: 'Person A',
      due: 'Acknowledgement due 21/05/2026',
      owner: 'Complaints officer',
    });
  });

  it('counts an office closure day like a bank holiday', () => {
    const cases = [due('B', '2026-06-01')];
    const open = todaySections(cases, [], today, makeCalendar(), { owner: '' });
    expect(section(open, 'Due in the next')).toEqual([]);
    const closed = todaySections(cases, [], today, makeCalendar(['2026-05-27']), { owner: '' });
    expect(closed[2]!.title).toBe('Due in the next 5 working days (to 01/06/2026)');
    expect(section(closed, 'Due in the next')).toEqual(['B']);
  });

  it('lists letters that wait on a person with their case’s complainant and owner, oldest first', () => {
    const letters: TodayLetter[] = [
      { wait: 'approve', reference: 'A', kind: 'outcome', queuedOn: '2026-05-20' },
      { wait: 'failed', reference: '', kind: 'digest', queuedOn: '2026-05-19' },
      { wait: 'print', reference: 'A', kind: 'acknowledgement', queuedOn: '2026-05-21' },
      { wait: 'print', reference: 'B', kind: 'acknowledgement', queuedOn: '2026-05-18' },
      { wait: 'phone', reference: 'B', kind: 'progress-update', queuedOn: null },
    ];
    const sections = todaySections(
      [due('A', null, 'met'), due('B', null, 'met')],
      letters,
      today,
      makeCalendar(),
      {
        owner: 'Complaints team',
      },
    );
    expect(section(sections, 'Letters awaiting approval')).toEqual(['A']);
    expect(sections[3]!.lines[0]).toEqual({
      reference: 'A',
      complainant: 'Person A',
      due: 'Outcome letter to read and approve (queued 20/05/2026)',
      owner: 'Complaints officer',
    });
    expect(sections[4]!.lines[0]).toMatchObject({ reference: '', complainant: '', owner: 'Complaints team' });
    expect(sections[4]!.lines[0]!.due).toMatch(/^Daily digest could not be sent/);
    expect(section(sections, 'Letters to print')).toEqual(['B', 'A']);
    expect(sections[6]!.lines[0]!.due).toBe('Progress update to give by phone');
    expect(section(sections, STATUS_LABELS.overdue)).toEqual([]);
  });
});
