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

const CHANNEL_WORDS = {
  en: { email: 'by email', post: 'by post', phone: 'by phone' },
  cy: { email: 'drwy e-bost', post: 'drwy’r post', phone: 'dros y ffôn' },
} as const;

/**
 * The paragraph a letter to the person carries while an arrangement stands, in the letter's language: who
 * to contact, how, and when the arrangement will be looked at again. Null when it names neither a point of
 * contact nor a channel. The point of contact is as staff wrote it.
 */
export function arrangementParagraph(
  a: ContactArrangement,
  pointOfContact: string,
  language: 'en' | 'cy',
): string | null {
  if (!a.pointOfContact && !a.channel) return null;
  const how = a.channel ? CHANNEL_WORDS[language][a.channel] : '';
  const review = a.reviewBy ? formatDay(a.reviewBy) : '';
  if (language === 'cy') {
    const who = pointOfContact ? `cysylltwch â ${pointOfContact} yn unig` : 'cysylltwch â ni';
    return (
      `Fel y dywedon ni wrthych, ${who}${how ? `, ${how}` : ''}.` +
      (review ? ` Byddwn yn adolygu’r trefniant hwn erbyn ${review}.` : '')
    );
  }
  const who = pointOfContact ? `please contact ${pointOfContact} only` : 'please contact us only';
  return (
    `As we have told you, ${who}${how ? `, ${how}` : ''}.` +
    (review ? ` We will review this arrangement by ${review}.` : '')
  );
}

/** The letter's text with the arrangement's paragraph after its greeting (the first line). */
export function withArrangementParagraph(text: string, paragraph: string | null): string {
  if (!paragraph) return text;
  const end = text.indexOf('\n\n');
  return end < 0 ? `${paragraph}\n\n${text}` : `${text.slice(0, end)}\n\n${paragraph}${text.slice(end)}`;
}
