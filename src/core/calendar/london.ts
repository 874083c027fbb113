import { TZDateMini } from '@date-fns/tz';
import type { LocalDate } from '../model';
import { toDayNumber } from './local-date';

const LONDON = 'Europe/London';

/**
 * London's offset from UTC is a whole number of hours and changes on the hour, so every instant in one UTC
 * hour falls on the same London day. The daily sweep turns tens of thousands of date cells into days;
 * working each out through the time-zone library costs seconds, looking up its hour costs nothing.
 */
const dayOfHour = new Map<number, LocalDate>();
const HOUR_MS = 3_600_000;

/** The Europe/London calendar day of an instant: 2026-06-01T23:30:00Z (00:30 BST) is 2026-06-02. */
export function londonDate(instant: Date): LocalDate {
  const ms = instant.getTime();
  // An unreadable sheet cell becomes an Invalid Date; say so here rather than as "NaN-NaN-NaN" later.
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date: not an instant');
  const hour = Math.floor(ms / HOUR_MS);
  const known = dayOfHour.get(hour);
  if (known !== undefined) return known;
  const t = new TZDateMini(hour * HOUR_MS, LONDON);
  const y = String(t.getFullYear()).padStart(4, '0');
  const m = String(t.getMonth() + 1).padStart(2, '0');
  const d = String(t.getDate()).padStart(2, '0');
  const day = `${y}-${m}-${d}`;
  // Bounded: a run sees a few thousand distinct hours at most; a long-lived test process is cleared.
  if (dayOfHour.size > 100_000) dayOfHour.clear();
  dayOfHour.set(hour, day);
  return day;
}

/**
 * The instant at a London wall-clock time on `day` (midnight by default). A time skipped by the spring
 * change (01:xx on the last Sunday of March) resolves as @date-fns/tz resolves it, an hour later.
 */
export function londonInstant(day: LocalDate, hour = 0, minute = 0): Date {
  toDayNumber(day);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDateMini(y, m - 1, d, hour, minute, LONDON).getTime());
}

/** The Europe/London wall-clock time of an instant, as HH:MM (24-hour). */
export function londonTime(instant: Date): string {
  const t = new TZDateMini(instant.getTime(), LONDON);
  return `${String(t.getHours()).padStart(2, '0')}:${String(t.getMinutes()).padStart(2, '0')}`;
}
