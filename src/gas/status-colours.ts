/**
 * Row colours by status, used by the conditional-format rules and shown as a legend on the Dashboard.
 * Order matters: the first matching rule wins, so the most urgent status comes first.
 *
 * The colours only repeat what the status cell says in words (STATUS_LABELS). They were chosen to stay
 * apart for people with protanopia or deuteranopia, not just with typical colour vision: no two are closer
 * than a CIEDE2000 difference of 12 under either simulation, and black text on each keeps a contrast ratio
 * of at least 9:1 (test/integration/palette.test.ts checks both). That is why "met" is blue rather than
 * green and "overdue" a strong orange rather than pink: pink and green look alike to most colour-blind staff.
 */
import { STATUS_LABELS } from '../core/labels';

export const DASHBOARD_LEGEND = [
  { status: 'overdue', colour: '#ff8a4f', meaning: 'A deadline has passed: act today' },
  {
    status: 'needs-review',
    colour: '#c6b194',
    meaning: 'The submission has problems or needs a person to decide where it goes',
  },
  { status: 'due-soon', colour: '#f9f0c1', meaning: 'A deadline is within two working days' },
  { status: 'on-track', colour: '#ffffff', meaning: 'Open, nothing due yet' },
  { status: 'paused', colour: '#b59ff0', meaning: 'Clock paused: waiting on the complainant' },
  { status: 'met', colour: '#bbdefb', meaning: 'Deadlines met; appeal window may be open' },
  { status: 'closed', colour: '#c3c3c3', meaning: 'Nothing more to do' },
] as const;

/** The words the status cell shows for a legend entry. */
export function legendLabel(status: (typeof DASHBOARD_LEGEND)[number]['status']): string {
  return STATUS_LABELS[status];
}

/**
 * The Cases tab's conditional-format formulas, first match wins. The status cell holds words ("Overdue");
 * Sheets compares text without regard to case, so rows an older version wrote ("overdue") still match
 * where the id and the words differ only in case. Overdue and due-soon also follow the deadline dates
 * themselves (real date cells, compared with TODAY() as numbers), so a row changes colour on the day it
 * should even before the morning run rewrites its status. A deadline still held as text by an older row
 * never compares as passed (Sheets ranks text above every number); the next morning run rewrites it.
 */
export function statusColourFormulas(
  status: string,
  nextDeadline: string,
  dueSoonFrom: string,
): { status: string; formula: string; colour: string }[] {
  return DASHBOARD_LEGEND.map((entry) => {
    const text = `$${status}2="${legendLabel(entry.status)}"`;
    let formula = `=${text}`;
    if (entry.status === 'overdue')
      formula = `=OR(${text},AND($${nextDeadline}2<>"",TODAY()>$${nextDeadline}2))`;
    if (entry.status === 'due-soon')
      formula = `=OR(${text},AND($${dueSoonFrom}2<>"",TODAY()>=$${dueSoonFrom}2))`;
    return { status: entry.status, formula, colour: entry.colour };
  });
}
