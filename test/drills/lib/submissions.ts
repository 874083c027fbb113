/**
 * Submissions with an identity planted in them: every one carries a token in its description and
 * another in its name (`DRILLD000042X`, `DRILLN000042X`), so a checker can tell which submission a
 * Cases row came from without asking the product, and notice a value that landed under the wrong header.
 */
import type { Submission } from '../../../src/core/model';
import { Random } from './random';

export const DESCRIPTION_TOKEN = /DRILLD(\d{6})X/g;
export const NAME_TOKEN = /DRILLN(\d{6})X/g;

export const descriptionToken = (id: number): string => `DRILLD${String(id).padStart(6, '0')}X`;
export const nameToken = (id: number): string => `DRILLN${String(id).padStart(6, '0')}X`;

/** Every id planted in a text, by kind. */
export function tokensIn(text: string): { description: number[]; name: number[] } {
  return {
    description: [...text.matchAll(DESCRIPTION_TOKEN)].map((m) => Number(m[1])),
    name: [...text.matchAll(NAME_TOKEN)].map((m) => Number(m[1])),
  };
}

/** The kinds of text the public really send, and the kinds an attacker sends. */
const HOSTILE: Record<string, readonly string[]> = {
  unicode: [
    'Zoë Ångström — “quoted” ‘text’ ß ø ł 中文 नमस्ते',
    'Ǆemal Đurić ﬁne ligature',
    'e\u0301 combining',
  ],
  welsh: [
    'Rwy’n cwyno am y ffordd y cefais fy nhrin gan aelod o staff. Ŵ ŷ â ê î ô û',
    'Siôn ap Dafydd',
    'Ni chefais ateb i’m llythyr.',
  ],
  rtl: ['مرحبا، لم يرد أحد على رسائلي', 'שלום, לא קיבלתי תשובה', 'abc \u202eevil\u202c def'],
  emoji: ['😡👮‍♀️ no reply 🇬🇧', 'family 👨‍👩‍👧 waited 🕐🕑🕒', '🙂'],
  html: [
    '<script>alert(1)</script><b>bold</b> &amp; <img src=x onerror=alert(1)>',
    '</td></tr><tr><td>injected',
    '{{reference}} {{name}} }}{{',
  ],
  formula: [
    '=HYPERLINK("http://x.example","click")',
    '+44 7700 900123',
    '-1',
    '@SUM(1,2)',
    '=1+2',
    "'quoted",
  ],
  control: ['tab\there', 'line\r\nbreak', 'zero\u200bwidth', 'bell\u0007char'],
  plain: ['Nobody returned my calls for six weeks.', 'The office lost my letter.', 'I was treated rudely.'],
};

const KINDS = Object.keys(HOSTILE);

/** Text of about `length` characters made of real words, so it looks like a long complaint, not padding. */
function longText(random: Random, length: number): string {
  const words = ['the', 'officer', 'said', 'Wiltshire', 'letter', 'Rwy’n', 'مرحبا', '😡', 'waited', 'weeks'];
  const parts: string[] = [];
  let size = 0;
  while (size < length) {
    const w = random.pick(words);
    parts.push(w);
    size += w.length + 1;
  }
  return parts.join(' ');
}

function fuzzText(random: Random): string {
  const kind = random.pick(KINDS);
  const a = random.pick(HOSTILE[kind]!);
  return random.chance(0.3) ? `${a} ${random.pick(HOSTILE[random.pick(KINDS)]!)}` : a;
}

/** A hostile lead for a text that must keep its token: the token goes straight after it. */
function lead(random: Random): string {
  return random.pick(['', '', '', '=', '+', '-', '@', '=SUM(', '<b>', '\u202e', '😡 ', 'Ŵ ']);
}

export interface DrillSubmission {
  id: number;
  submission: Partial<Submission>;
}

export interface SubmissionOptions {
  /** Share of submissions with a description just under the 50,000-character cell limit (the case row must not grow past it). */
  longShare?: number;
  /** Whether the office writes Welsh (dyfed-powys): language is then drawn too. */
  welsh?: boolean;
}

/** The `id`-th submission of the seeded stream: the same id and seed always give the same submission. */
export function drillSubmission(seed: number, id: number, options: SubmissionOptions = {}): DrillSubmission {
  const random = new Random(seed * 1_000_003 + id);
  const longShare = options.longShare ?? 0.03;
  const body = random.chance(longShare) ? longText(random, random.int(45_000, 49_900)) : fuzzText(random);
  const contact = random.pick(['email', 'email', 'email', 'post', 'phone'] as const);
  const optional = (p: number) => (random.chance(p) ? fuzzText(random) : undefined);
  const submission: Partial<Submission> = {
    channel: 'form',
    name: `${lead(random)}${nameToken(id)} ${fuzzText(random)}`.slice(0, 200),
    email: random.chance(0.9)
      ? random.pick([
          `person.${id}@example.org`,
          `Person+${id}@Example.org`,
          `o'brien.${id}@example.ie`,
          `=x${id}@example.org`,
        ])
      : undefined,
    phone:
      contact === 'phone' || random.chance(0.3)
        ? random.pick(['07700 900123', '+44 1234 567890'])
        : undefined,
    address:
      contact === 'post' || random.chance(0.3) ? `${fuzzText(random)}\n1 High Street\nSN1 1AA` : undefined,
    preferredContact: contact,
    language: options.welsh && random.chance(0.4) ? 'cy' : 'en',
    relationship: random.pick(['affected', 'on-behalf', 'witness'] as const),
    subject: random.pick(['staff', 'senior-manager', 'pcc', 'police', 'chief-executive'] as const),
    subjectName: optional(0.3),
    description: `${lead(random)}${descriptionToken(id)} ${body}`,
    desiredOutcome: optional(0.5),
    adjustments: optional(0.2),
    allegesCrime: random.chance(0.1),
    safeguarding: random.chance(0.1),
  };
  return { id, submission };
}

/** A plain, valid submission carrying the tokens of `id`: for drills about timing rather than content. */
export function plainSubmission(id: number, overrides: Partial<Submission> = {}): DrillSubmission {
  return {
    id,
    submission: {
      channel: 'form',
      name: `Alex ${nameToken(id)} Morgan`,
      email: `person.${id}@example.org`,
      preferredContact: 'email',
      language: 'en',
      relationship: 'affected',
      subject: 'staff',
      description: `${descriptionToken(id)} A member of staff did not return my calls for six weeks.`,
      ...overrides,
    },
  };
}
