/**
 * An unreasonable-contact arrangement (000 §11; Wiltshire's unreasonable contact management policy): the
 * office limits how a person may contact it, to one named point of contact and one channel, and reviews
 * the arrangement by a set day. Letters then go only by that channel (cases.ts), and the review day is
 * chased like any other deadline on the case (clocks.ts).
 */
import { CONTACT_LABELS, formatDay } from './labels';
import type { ContactArrangement } from './model';

export type { ContactArrangement };

export function hasArrangement(a: ContactArrangement | null | undefined): a is ContactArrangement {
  return !!a && (a.pointOfContact !== '' || a.channel !== null || a.reviewBy !== null);
}

/** The arrangement in one line, as the sidebar and the subject access export show it. */
export function arrangementText(a: ContactArrangement): string {
  const parts: string[] = [];
  if (a.pointOfContact) parts.push(`contact only through ${a.pointOfContact}`);
  if (a.channel) parts.push(`by ${CONTACT_LABELS[a.channel].toLowerCase()} only`);
  if (a.reviewBy) parts.push(`review by ${formatDay(a.reviewBy)}`);
  const text = parts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
