/**
 * Removing a person's data from a record kept past its retention date. What identifies or describes the
 * person goes; what the office's statistics are counted from stays (reference, dates, channel, subject,
 * route, stage, outcome), so the published figures do not move (reports.ts).
 */
import type { Complaint } from './model';
import { normalisePhone } from './people';

/** What a removed value reads as, everywhere it was. */
export const REMOVED = '(removed)';

/** The person's details as a record held them: what is searched for and taken out of every text. */
export interface PersonDetails {
  name: string;
  email: string;
  phone: string;
  address: string;
}

/** The complaint's fields that are about the person or say what happened; the rest are categories. */
export const PERSONAL_FIELDS = [
  'name',
  'email',
  'phone',
  'address',
  'subjectName',
  'description',
  'desiredOutcome',
  'adjustments',
] as const satisfies readonly (keyof Complaint)[];

/** The complaint with its personal fields removed; channel, language, relationship and subject stay. */
export function anonymisedComplaint(complaint: Partial<Complaint>): Partial<Complaint> {
  const out: Partial<Complaint> = { ...complaint };
  for (const field of PERSONAL_FIELDS) delete out[field];
  return out;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A UK postcode inside an address, e.g. "SN1 2AB". */
const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/i;

/**
 * `text` with every mention of the person taken out: their email, their phone number however it is
 * spaced, their address (and its postcode on its own), and their full name as a whole word. A name of
 * fewer than five letters is not searched for on its own (it would take out other words); it goes with
 * the record's own name fields.
 */
export function scrubText(text: string, person: PersonDetails): string {
  if (!text) return text;
  let out = text;
  const replace = (value: string) => {
    const v = value.trim();
    if (v) out = out.replace(new RegExp(escape(v), 'gi'), REMOVED);
  };
  replace(person.address);
  for (const line of person.address.split(/[,\n]/)) if (line.trim().length >= 8) replace(line);
  const postcode = POSTCODE.exec(person.address)?.[0];
  if (postcode) replace(postcode);
  replace(person.email);
  const phone = normalisePhone(person.phone);
  if (phone)
    out = out.replace(/\+?\d[\d\s()-]{5,}\d/g, (run) => (normalisePhone(run) === phone ? REMOVED : run));
  const name = person.name.trim();
  if (name.replace(/\s/g, '').length >= 5)
    out = out.replace(new RegExp(`(^|[^\\p{L}])${escape(name)}(?=$|[^\\p{L}])`, 'giu'), `$1${REMOVED}`);
  return out;
}

/** Whether `text` still mentions the person (what the retention check and its test search for). */
export function mentionsPerson(text: string, person: PersonDetails): boolean {
  return scrubText(text, person) !== text;
}
