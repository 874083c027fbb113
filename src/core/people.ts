/**
 * Telling that two records are about the same person: the complainant's email or phone, written the way
 * people write them ("Alex@Example.org ", "07700 900123", "+44 7700 900123"), compared in one form.
 * Names are not used to link cases (two people share a name far more often than an address), only to
 * search when staff answer a subject access request and the person gave nothing else.
 */

/** An email in one form: trimmed and lower case; '' when it is not an address. */
export function normaliseEmail(text: string): string {
  const t = text
    .trim()
    .replace(/^mailto:/i, '')
    .toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t) ? t : '';
}

/**
 * A UK phone number in one form: its digits, with +44 or 0044 read as the leading 0 it stands for; ''
 * when fewer than 7 digits are left (an extension or a typo links nobody).
 */
export function normalisePhone(text: string): string {
  let digits = text.replace(/[^\d+]/g, '');
  if (digits.startsWith('+44')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('0044')) digits = `0${digits.slice(4)}`;
  digits = digits.replace(/\D/g, '');
  // A number stored without its leading 0 (Sheets turned "07700…" into 7700…): put it back.
  if (digits.length === 10 && /^[1-9]/.test(digits)) digits = `0${digits}`;
  return digits.length >= 7 ? digits : '';
}

/** A name in one form for searching: lower case, single spaces, no punctuation. */
export function normaliseName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface Contact {
  reference: string;
  email: string;
  phone: string;
}

/**
 * For each case, the other cases from the same person: those sharing its normalised email or phone, and
 * so on through them (two cases linked by a phone, one of them also by an email to a third, are one
 * person's). References are listed in the order the cases are given.
 */
export function relatedCases(contacts: readonly Contact[]): Map<string, string[]> {
  const parent = contacts.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const first = new Map<string, number>();
  contacts.forEach((c, i) => {
    for (const key of [`e:${normaliseEmail(c.email)}`, `p:${normalisePhone(c.phone)}`]) {
      if (key.length <= 2) continue;
      const seen = first.get(key);
      if (seen === undefined) first.set(key, i);
      else parent[find(i)] = find(seen);
    }
  });
  const groups = new Map<number, string[]>();
  contacts.forEach((c, i) => {
    if (!c.reference) return;
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(c.reference);
    else groups.set(root, [c.reference]);
  });
  const out = new Map<string, string[]>();
  contacts.forEach((c, i) => {
    if (!c.reference) return;
    out.set(
      c.reference,
      (groups.get(find(i)) ?? []).filter((r) => r !== c.reference),
    );
  });
  return out;
}

/** The most references a Related cases cell lists; the rest are counted ("and 12 more"). */
export const RELATED_SHOWN = 10;

/**
 * References as staff read them: the first `limit`, then how many more. The Related cases cell lists
 * RELATED_SHOWN; a message may list more.
 */
export function relatedText(references: readonly string[], limit = RELATED_SHOWN): string {
  const shown = references.slice(0, limit).join(', ');
  const more = references.length - limit;
  return more > 0 ? `${shown} and ${more} more` : shown;
}

/** What staff typed to find a person: an email, a phone number, or a name. */
export type PersonQuery =
  { kind: 'email'; value: string } | { kind: 'phone'; value: string } | { kind: 'name'; value: string };

export function parsePersonQuery(text: string): PersonQuery | null {
  const t = text.trim();
  if (!t) return null;
  if (t.includes('@')) {
    const email = normaliseEmail(t);
    return email ? { kind: 'email', value: email } : null;
  }
  if (/^[\d\s+()-]+$/.test(t)) {
    const phone = normalisePhone(t);
    return phone ? { kind: 'phone', value: phone } : null;
  }
  const name = normaliseName(t);
  return name.length >= 3 ? { kind: 'name', value: name } : null;
}

/** Whether a cell's text names the person the query describes. */
export function mentions(text: string, query: PersonQuery): boolean {
  if (!text) return false;
  switch (query.kind) {
    case 'email':
      return text.toLowerCase().includes(query.value);
    case 'phone': {
      // Every run of digits and spacing in the text, as a phone number.
      const runs = text.match(/\+?[\d][\d\s()-]{5,}\d/g) ?? [];
      return runs.some((r) => normalisePhone(r) === query.value);
    }
    case 'name':
      return ` ${normaliseName(text)} `.includes(` ${query.value} `);
  }
}

/** Whether a field holding one contact detail is the person's: the whole value, compared in one form. */
export function isTheirs(field: 'email' | 'phone' | 'name', value: string, query: PersonQuery): boolean {
  if (!value) return false;
  if (query.kind === 'email') return field === 'email' && normaliseEmail(value) === query.value;
  if (query.kind === 'phone') return field === 'phone' && normalisePhone(value) === query.value;
  return field === 'name' && normaliseName(value) === query.value;
}
