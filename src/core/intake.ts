/**
 * Intake: untrusted answers (Form, staff dialog, CLI) -> a Complaint, or every problem at once in words a
 * member of the public understands. Messages never repeat what the person typed, so they are safe to show
 * or log anywhere.
 *
 * Over-long text is a problem, not silently cut: the complaint is refused so nobody acts on half a
 * description, and `partial` holds the text cut to the limit so staff can still review the case.
 */
import {
  CHANNELS,
  CONTACT_METHODS,
  LANGUAGES,
  RELATIONSHIPS,
  SUBJECTS,
  type Complaint,
  type IntakeProblem,
  type IntakeResult,
  type Submission,
} from './model';
import { sanitiseText } from './text';

export { sanitiseText } from './text';

type TextField =
  'name' | 'email' | 'phone' | 'address' | 'subjectName' | 'description' | 'desiredOutcome' | 'adjustments';
type BoolField = 'allegesCrime' | 'safeguarding' | 'whistleblowing' | 'consentToShare';

export const TEXT_LIMITS: Record<TextField, number> = {
  name: 200,
  email: 254,
  phone: 40,
  address: 500,
  subjectName: 200,
  description: 20_000,
  desiredOutcome: 5_000,
  adjustments: 5_000,
};

const MIN_DESCRIPTION = 10;

/** How each field is named to the person filling in the form. */
const FIELD_WORDS: Record<TextField | BoolField, string> = {
  name: 'your name',
  email: 'your email address',
  phone: 'your phone number',
  address: 'your postal address',
  subjectName: 'the name of the person you are complaining about',
  description: 'your description of the complaint',
  desiredOutcome: 'what you would like to happen',
  adjustments: 'the adjustments you need',
  allegesCrime: 'whether you are reporting a crime',
  safeguarding: 'whether anyone is at risk of harm',
  whistleblowing: 'whether you are reporting serious wrongdoing (whistleblowing)',
  consentToShare: 'whether we may share your complaint with another organisation',
};

const ENUM_QUESTIONS = {
  channel: 'Please tell us how this complaint reached us',
  preferredContact: 'Please choose how you would like us to contact you',
  language: 'Please choose the language you would like us to use',
  relationship: 'Please tell us how you are connected to the complaint',
  subject: 'Please tell us who or what your complaint is about',
} as const;

// Words people (and the bilingual form) use for each answer, beyond the canonical ids.
const ENUM_ALIASES: Record<string, string> = {
  welsh: 'cy',
  cymraeg: 'cy',
  english: 'en',
  saesneg: 'en',
  telephone: 'phone',
  letter: 'post',
  'social-media': 'social',
  'on-behalf-of': 'on-behalf',
};

const TRUE_WORDS = new Set(['yes', 'y', 'true', '1', 'ie', 'do', 'oes', 'ydw']);
const FALSE_WORDS = new Set(['no', 'n', 'false', '0', 'na', 'nac oes', 'nac ydw', 'naddo']);

const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(?:\.[^\s@.]+)+$/;
// UK-ish: digits with spaces, a leading +, brackets and hyphens people type; 7-20 digits in all.
const PHONE_CHARS = /^\+?[\d\s()-]+$/;

/**
 * A staff correction of one contact detail, checked as intake checks it: a plain reason, or null when
 * it is fine. An empty value is fine here (whether some way to reach the person remains is checked on accept).
 */
export function contactProblem(field: 'email' | 'phone', value: string): string | null {
  const text = value.trim();
  if (text === '') return null;
  if (field === 'email')
    return EMAIL.test(text) && text.length <= TEXT_LIMITS.email
      ? null
      : 'This is not an email address: it should look like name@example.com.';
  const digits = text.replace(/\D/g, '').length;
  return PHONE_CHARS.test(text) && digits >= 7 && digits <= 20
    ? null
    : 'This is not a phone number: use digits, spaces, brackets and a leading + only (7 to 20 digits).';
}

function listWords(values: readonly string[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

function normaliseEnum(value: string): string {
  const key = value
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  return ENUM_ALIASES[key] ?? key;
}

export function intake(raw: unknown): IntakeResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      problems: [
        { field: 'submission', message: 'We could not read your complaint. Please try sending it again.' },
      ],
      partial: {},
    };
  }
  const input = raw as Record<string, unknown>;
  const problems: IntakeProblem[] = [];
  const out: Partial<Complaint> = {};
  const problem = (field: IntakeProblem['field'], message: string): void => {
    problems.push({ field, message });
  };

  // Text: trimmed, checked for length on the trimmed text, stored sanitised (cut to the limit if long).
  const text = (field: TextField): string | undefined => {
    const value = input[field];
    if (value === undefined || value === null) return undefined;
    let s: string;
    if (typeof value === 'string') s = value;
    else if (typeof value === 'number' && Number.isFinite(value)) s = String(value);
    else {
      problem(field, `Please give ${FIELD_WORDS[field]} as text.`);
      return undefined;
    }
    s = s.trim();
    if (s === '') return undefined;
    const limit = TEXT_LIMITS[field];
    // Count characters as people see them (code points), so emoji are not counted twice.
    const chars = Array.from(s);
    if (chars.length > limit) {
      problem(
        field,
        `Please shorten ${FIELD_WORDS[field]}: it can be up to ${limit.toLocaleString('en-GB')} characters.`,
      );
      s = chars.slice(0, limit).join('');
    }
    out[field] = sanitiseText(s);
    return s;
  };

  const bool = (field: BoolField): void => {
    const value = input[field];
    if (value === undefined || value === null) return;
    if (typeof value === 'boolean') {
      out[field] = value;
      return;
    }
    if (typeof value === 'string' || typeof value === 'number') {
      const word = String(value).trim().toLowerCase();
      if (word === '') return;
      if (TRUE_WORDS.has(word)) out[field] = true;
      else if (FALSE_WORDS.has(word)) out[field] = false;
      else problem(field, `Please answer yes or no to ${FIELD_WORDS[field]}.`);
      return;
    }
    problem(field, `Please answer yes or no to ${FIELD_WORDS[field]}.`);
  };

  function choice<K extends keyof typeof ENUM_QUESTIONS>(
    field: K,
    allowed: readonly Submission[K][],
  ): Submission[K] | undefined {
    const value = input[field];
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
      return undefined;
    const found = typeof value === 'string' ? allowed.find((a) => a === normaliseEnum(value)) : undefined;
    if (found === undefined) {
      problem(field, `${ENUM_QUESTIONS[field]}. The answer must be one of: ${listWords(allowed)}.`);
      return undefined;
    }
    out[field] = found as never;
    return found;
  }

  const channel = choice('channel', CHANNELS);
  if (channel === undefined && !problems.some((p) => p.field === 'channel')) {
    problem('channel', `${ENUM_QUESTIONS.channel}: ${listWords(CHANNELS)}.`);
  }
  const language = choice('language', LANGUAGES);
  if (language === undefined && !problems.some((p) => p.field === 'language')) out.language = 'en';

  const name = text('name');
  if (name === undefined && !problems.some((p) => p.field === 'name'))
    problem('name', 'Please tell us your name.');

  const email = text('email');
  const phone = text('phone');
  const address = text('address');
  if (email !== undefined && !EMAIL.test(email)) {
    problem('email', 'Please check your email address: it should look like name@example.com.');
  }
  if (phone !== undefined) {
    const digits = phone.replace(/\D/g, '').length;
    if (!PHONE_CHARS.test(phone) || digits < 7 || digits > 20) {
      problem(
        'phone',
        'Please check your phone number: use digits, spaces, brackets and a leading + only (7 to 20 digits).',
      );
    }
  }

  let preferred = choice('preferredContact', CONTACT_METHODS);
  const preferredWasInvalid = problems.some((p) => p.field === 'preferredContact');
  const hasAny = email !== undefined || phone !== undefined || address !== undefined;
  if (!hasAny) {
    problem(
      'preferredContact',
      'Please tell us how we can contact you: an email address, a phone number or a postal address.',
    );
  } else if (preferred === undefined && !preferredWasInvalid) {
    // Nobody should be turned away for skipping this question when they gave a way to reach them.
    preferred = email !== undefined ? 'email' : address !== undefined ? 'post' : 'phone';
    out.preferredContact = preferred;
  } else if (preferred === 'email' && email === undefined) {
    problem('email', 'You asked us to contact you by email: please give your email address.');
  } else if (preferred === 'post' && address === undefined) {
    problem('address', 'You asked us to contact you by post: please give your postal address.');
  } else if (preferred === 'phone' && phone === undefined) {
    problem('phone', 'You asked us to contact you by phone: please give your phone number.');
  }

  const relationship = choice('relationship', RELATIONSHIPS);
  if (relationship === undefined && !problems.some((p) => p.field === 'relationship')) {
    problem(
      'relationship',
      `${ENUM_QUESTIONS.relationship}: for example, you were affected, you are acting on someone's behalf, or you saw what happened.`,
    );
  }
  const subject = choice('subject', SUBJECTS);
  if (subject === undefined && !problems.some((p) => p.field === 'subject')) {
    problem('subject', `${ENUM_QUESTIONS.subject}.`);
  }
  text('subjectName');

  const description = text('description');
  if (description === undefined) {
    if (!problems.some((p) => p.field === 'description'))
      problem('description', 'Please tell us what your complaint is about.');
  } else if (Array.from(description).length < MIN_DESCRIPTION) {
    problem(
      'description',
      `Please tell us a little more about your complaint (at least ${MIN_DESCRIPTION} characters).`,
    );
  }
  text('desiredOutcome');
  text('adjustments');
  bool('allegesCrime');
  bool('safeguarding');
  bool('whistleblowing');
  bool('consentToShare');
  // Ids of the profile's "who may not complain" questions answered yes (000 §5); routing reads them.
  const exclusions = input.exclusions;
  if (Array.isArray(exclusions)) {
    const ids = exclusions.filter(
      (x): x is string => typeof x === 'string' && /^[a-z0-9][a-z0-9-]{0,63}$/.test(x),
    );
    if (ids.length > 0) out.exclusions = [...new Set(ids)].slice(0, 20);
  }

  if (problems.length > 0) return { ok: false, problems, partial: out };
  return { ok: true, complaint: out as Complaint };
}
