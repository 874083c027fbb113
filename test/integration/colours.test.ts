/**
 * Issue 9, point 6: rows are coloured from the deadline dates themselves, so a row turns red at midnight
 * rather than at the next morning run; the status text agrees once the run has been.
 */
import { describe, expect, it } from 'vitest';
import { londonDate } from '../../src/core/calendar';
import { DASHBOARD_LEGEND } from '../../src/gas/status-colours';
import { Office } from './harness';

/** A deadline cell's London day: deadlines are date cells now. */
const day = (cell: unknown): string =>
  Object.prototype.toString.call(cell) === '[object Date]' ? londonDate(cell as Date) : String(cell);

const colour = (status: string) => DASHBOARD_LEGEND.find((l) => l.status === status)!.colour;

function rowColour(office: Office, reference: string): string | null {
  const values = office.emu.sheetValues('Cases');
  const headers = values[0]!.map(String);
  const row = values.findIndex((r) => r[headers.indexOf('Reference')] === reference) + 1;
  return office.emu.cellBackground('Cases', row, headers.indexOf('Complainant') + 1);
}

describe('row colours follow the deadlines between runs', () => {
  it.each(['wiltshire', 'west-midlands', 'dyfed-powys'])(
    '%s: "an acknowledgement of the complaint will be provided within 5 working days" (000 §8; 001 ¶3 and 002 §3 say the same): the row is red at 00:30 the day after the deadline, before the morning run',
    (policy) => {
      // Monday 2 March 2026: the acknowledgement is due on Monday 9 March (5 working days).
      const office = new Office(policy, new Date('2026-03-02T09:00:00Z'));
      // Asked for post, so the acknowledgement waits for staff to print it and stays owed.
      office.submit({ preferredContact: 'post', address: '1 High Street, Carmarthen SA31 1AA' });
      const reference = String(office.cases()[0]!.Reference);

      office.emu.advanceTo(new Date('2026-03-09T22:00:00Z'));
      expect(day(office.cases()[0]!['Next deadline'])).toBe('2026-03-09');
      expect(office.cases()[0]!['Status']).toBe('Due soon');
      expect(rowColour(office, reference)).toBe(colour('due-soon'));

      // Tuesday 00:30 in London: no run since Monday's, the status text still says due-soon.
      office.emu.advanceTo(new Date('2026-03-10T00:30:00Z'));
      expect(office.cases()[0]!['Status']).toBe('Due soon');
      expect(rowColour(office, reference)).toBe(colour('overdue'));

      // After the morning run the text agrees with the colour.
      office.emu.advanceTo(new Date('2026-03-10T09:00:00Z'));
      expect(office.cases()[0]!['Status']).toBe('Overdue');
      expect(rowColour(office, reference)).toBe(colour('overdue'));
    },
  );

  it('a row turns amber on the first day its deadline is within the due-soon window, before the run', () => {
    // Received Monday 2 March: due Monday 9 March; two working days before is Thursday 5 March.
    const office = new Office('wiltshire', new Date('2026-03-02T09:00:00Z'));
    office.submit({ preferredContact: 'post', address: '1 High Street, Swindon SN1 1AA' });
    const reference = String(office.cases()[0]!.Reference);
    const dueSoonFrom = day(office.rows('Cases')[0]!['Due soon from']);
    expect(dueSoonFrom).toMatch(/^2026-03-0\d$/);
    const dayBefore = new Date(`${dueSoonFrom}T00:00:00Z`);
    dayBefore.setUTCDate(dayBefore.getUTCDate() - 1);
    office.emu.advanceTo(new Date(dayBefore.getTime() + 23 * 3_600_000));
    expect(rowColour(office, reference)).toBe(colour('on-track'));
    office.emu.advanceTo(new Date(`${dueSoonFrom}T00:30:00Z`));
    expect(rowColour(office, reference)).toBe(colour('due-soon'));
  });

  it('a paused case is not turned red by a deadline the pause moved', () => {
    const office = new Office('wiltshire', new Date('2026-03-02T09:00:00Z'));
    office.submit({ preferredContact: 'post', address: '1 High Street, Swindon SN1 1AA' });
    const reference = String(office.cases()[0]!.Reference);
    office.edit(reference, 'Clock paused', true);
    expect(office.cases()[0]!['Next deadline']).toBe('');
    // The pause is listed in the sheet's one date style, still open.
    expect(office.cases()[0]!['Pause history']).toBe('02/03/2026 to now');
    office.emu.advanceTo(new Date('2026-03-20T00:30:00Z'));
    expect(rowColour(office, reference)).toBe(colour('paused'));
  });
});
