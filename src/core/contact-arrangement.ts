/**
 * An unreasonable-contact arrangement (000 §11; Wiltshire's unreasonable contact management policy): the
 * office limits how a person may contact it, to one named point of contact and one channel, and reviews
 * the arrangement by a set day. Letters then go only by that channel (cases.ts), and the review day is
 * chased like any other deadline on the case (clocks.ts).
 */
import { CONTACT_LABELS, formatDay } from './labels';
import type { ContactArrangement, RoleDefinition } from './model';
import { longDate } from './letters/values';

export type { ContactArrangement };

export function hasArrangement(a: ContactArrangement | null | undefined): a is ContactArrangement {
  return !!a && (a.pointOfContact !== '' || a.channel !== null || a.reviewBy !== null);
}

/** The arrangement in one line, as the sidebar and the subject access export show it; '' when none. */
export function arrangementText(a: ContactArrangement | null | undefined): string {
  if (!a) return '';
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

/** The office's own titles, matched however staff capitalised or spaced them. */
function roleNamed(text: string, roles: readonly RoleDefinition[]): RoleDefinition | null {
  const norm = (t: string) => t.trim().replace(/\s+/g, ' ').toLowerCase();
  const wanted = norm(text);
  return roles.find((r) => norm(r.title) === wanted || (r.titleCy && norm(r.titleCy) === wanted)) ?? null;
}

// In Welsh "â" (with) becomes "ag" before a vowel sound, and "’n" (our) puts an h before a vowel.
const WELSH_VOWEL = /^(?:[aeiouâêîôûáéíóúàèìòùäëïöü]|y(?![aeiouwâêîôûŵŷ]))/i;

/**
 * Who the letter tells the person to contact, in its language: one of the office's roles as "our
 * Complaints Team Leader" ("â’n Prif Weithredwr"), anyone else by the name staff wrote.
 */
export function contactPhrase(
  pointOfContact: string,
  roles: readonly RoleDefinition[],
  language: 'en' | 'cy',
): string {
  const role = roleNamed(pointOfContact, roles);
  if (language === 'en') return role ? `our ${role.title}` : pointOfContact.trim();
  if (role) {
    const title = role.titleCy ?? role.title;
    return WELSH_VOWEL.test(title)
      ? `â’n h${title.charAt(0).toLowerCase()}${title.slice(1)}`
      : `â’n ${title}`;
  }
  const name = pointOfContact.trim();
  return `${WELSH_VOWEL.test(name) ? 'ag' : 'â'} ${name}`;
}

/**
 * The paragraph a letter to the person carries while an arrangement stands, in the letter's language: who
 * to contact, how, and when the arrangement will be looked at again. Null when it names neither a point of
 * contact nor a channel.
 */
export function arrangementParagraph(
  a: ContactArrangement,
  roles: readonly RoleDefinition[],
  language: 'en' | 'cy',
): string | null {
  if (!a.pointOfContact && !a.channel) return null;
  const how = a.channel ? CHANNEL_WORDS[language][a.channel] : '';
  // Written as the rest of the letter writes days ("Monday 1 June 2026"), not as the sheet shows them.
  const review = longDate(a.reviewBy, language);
  const contact = a.pointOfContact ? contactPhrase(a.pointOfContact, roles, language) : '';
  if (language === 'cy') {
    const who = contact
      ? `cysylltwch ${contact} yn unig${how ? `, ${how}` : ''}`
      : `cysylltwch â ni ${how} yn unig`;
    return (
      `Fel y dywedon ni wrthych, ${who}.` +
      (review ? ` Byddwn yn adolygu’r trefniant hwn erbyn ${review}.` : '')
    );
  }
  const who = contact
    ? `please contact ${contact} only${how ? `, ${how}` : ''}`
    : `please contact us ${how} only`;
  return `As we have told you, ${who}.` + (review ? ` We will review this arrangement by ${review}.` : '');
}

/** The letter's text with the arrangement's paragraph after its greeting (the first line). */
export function withArrangementParagraph(text: string, paragraph: string | null): string {
  if (!paragraph) return text;
  const end = text.indexOf('\n\n');
  return end < 0 ? `${paragraph}\n\n${text}` : `${text.slice(0, end)}\n\n${paragraph}${text.slice(end)}`;
}
