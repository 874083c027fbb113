/**
 * The public complaint form as data: each question, its English and Welsh text, and how each answer
 * maps to the canonical submission. Offices in Wales get every question in both languages.
 * Pure: no Apps Script here, so the demo and tests can map submissions to answers and back.
 */
import type { PolicyProfile, Submission } from '../core/model';

interface Choice {
  value: string | boolean;
  en: string;
  cy: string;
}

/** A profile's "who may not complain" question (000 §5), keyed by its id. */
export type ExclusionKey = `exclusion:${string}`;

export interface Question {
  key: keyof Submission | 'privacy' | ExclusionKey;
  type: 'text' | 'paragraph' | 'choice' | 'checkbox';
  en: string;
  cy: string;
  helpEn?: string;
  helpCy?: string;
  required?: boolean;
  choices?: Choice[];
  /** Asked only where the office works in Welsh too. */
  walesOnly?: boolean;
}

const YES_NO: Choice[] = [
  { value: true, en: 'Yes', cy: 'Ydw' },
  { value: false, en: 'No', cy: 'Nac ydw' },
];
const YES_NO_THERE: Choice[] = [
  { value: true, en: 'Yes', cy: 'Oes' },
  { value: false, en: 'No', cy: 'Nac oes' },
];
/** "Have you…?" / "Were you…?" in Welsh answers with the verb of the question; "Do" / "Naddo" fit both. */
const YES_NO_HAVE: Choice[] = [
  { value: true, en: 'Yes', cy: 'Do' },
  { value: false, en: 'No', cy: 'Naddo' },
];
const YES_NO_MAY: Choice[] = [
  { value: true, en: 'Yes', cy: 'Cewch' },
  { value: false, en: 'No', cy: 'Na chewch' },
];

export const QUESTIONS: readonly Question[] = [
  {
    key: 'language',
    type: 'choice',
    en: 'Which language would you like us to use when we write to you?',
    cy: 'Ym mha iaith hoffech chi i ni ysgrifennu atoch chi?',
    required: true,
    walesOnly: true,
    choices: [
      { value: 'en', en: 'English', cy: 'Saesneg' },
      { value: 'cy', en: 'Welsh', cy: 'Cymraeg' },
    ],
  },
  { key: 'name', type: 'text', en: 'Your full name', cy: 'Eich enw llawn', required: true },
  {
    key: 'email',
    type: 'text',
    en: 'Your email address',
    cy: 'Eich cyfeiriad e-bost',
    helpEn: 'We will use this to write to you about your complaint.',
    helpCy: 'Byddwn yn defnyddio hwn i ysgrifennu atoch chi am eich cwyn.',
  },
  { key: 'phone', type: 'text', en: 'Your phone number', cy: 'Eich rhif ffôn' },
  { key: 'address', type: 'paragraph', en: 'Your postal address', cy: 'Eich cyfeiriad post' },
  {
    key: 'preferredContact',
    type: 'choice',
    en: 'How would you like us to contact you?',
    cy: 'Sut hoffech chi i ni gysylltu â chi?',
    required: true,
    choices: [
      { value: 'email', en: 'Email', cy: 'E-bost' },
      { value: 'post', en: 'Letter by post', cy: 'Llythyr drwy’r post' },
      { value: 'phone', en: 'Phone call', cy: 'Galwad ffôn' },
    ],
  },
  {
    key: 'relationship',
    type: 'choice',
    en: 'Who is making this complaint?',
    cy: 'Pwy sy’n gwneud y gŵyn hon?',
    required: true,
    choices: [
      { value: 'affected', en: 'I am the person affected', cy: 'Fi yw’r person yr effeithiwyd arno' },
      {
        value: 'on-behalf',
        en: 'I am complaining for someone else (for example a family member, friend or client)',
        cy: 'Rwy’n cwyno ar ran rhywun arall (er enghraifft aelod o’r teulu, ffrind neu gleient)',
      },
      { value: 'witness', en: 'I saw what happened (a witness)', cy: 'Gwelais i beth ddigwyddodd (tyst)' },
      {
        value: 'opcc-staff',
        en: 'I work for the Police and Crime Commissioner’s office',
        cy: 'Rwy’n gweithio i swyddfa’r Comisiynydd Heddlu a Throseddu',
      },
      {
        value: 'police-staff',
        en: 'I am a police officer or work for the police',
        cy: 'Rwy’n swyddog heddlu neu’n gweithio i’r heddlu',
      },
    ],
  },
  {
    key: 'subject',
    type: 'choice',
    en: 'Who or what is your complaint about?',
    cy: 'Am bwy neu am beth mae eich cwyn?',
    required: true,
    choices: [
      {
        value: 'staff',
        en: 'A member of staff at the Commissioner’s office',
        cy: 'Aelod o staff yn swyddfa’r Comisiynydd',
      },
      {
        value: 'senior-manager',
        en: 'A senior manager at the Commissioner’s office',
        cy: 'Uwch reolwr yn swyddfa’r Comisiynydd',
      },
      { value: 'deputy-chief-executive', en: 'The Deputy Chief Executive', cy: 'Y Dirprwy Brif Weithredwr' },
      { value: 'chief-executive', en: 'The Chief Executive', cy: 'Y Prif Weithredwr' },
      { value: 'chief-finance-officer', en: 'The Chief Finance Officer', cy: 'Y Prif Swyddog Cyllid' },
      { value: 'pcc', en: 'The Police and Crime Commissioner', cy: 'Y Comisiynydd Heddlu a Throseddu' },
      {
        value: 'deputy-pcc',
        en: 'The Deputy Police and Crime Commissioner',
        cy: 'Y Dirprwy Gomisiynydd Heddlu a Throseddu',
      },
      {
        value: 'police',
        en: 'A police officer or member of police staff',
        cy: 'Swyddog heddlu neu aelod o staff yr heddlu',
      },
      {
        value: 'organisation',
        en: 'How the office works (a policy, a process or a service)',
        cy: 'Sut mae’r swyddfa’n gweithio (polisi, proses neu wasanaeth)',
      },
      {
        value: 'partner-organisation',
        en: 'An organisation the office pays for or works with',
        cy: 'Sefydliad y mae’r swyddfa’n talu amdano neu’n gweithio gydag ef',
      },
    ],
  },
  {
    key: 'subjectName',
    type: 'text',
    en: 'The name or job title of the person, if you know it',
    cy: 'Enw neu deitl swydd y person, os ydych chi’n ei wybod',
  },
  {
    key: 'description',
    type: 'paragraph',
    en: 'What happened?',
    cy: 'Beth ddigwyddodd?',
    helpEn: 'Tell us what happened, when and where it happened, and who was involved.',
    helpCy: 'Dywedwch wrthym beth ddigwyddodd, pryd a ble y digwyddodd, a phwy oedd yn rhan ohono.',
    required: true,
  },
  {
    key: 'desiredOutcome',
    type: 'paragraph',
    en: 'What would you like to happen now?',
    cy: 'Beth hoffech chi ei weld yn digwydd nawr?',
  },
  {
    key: 'allegesCrime',
    type: 'choice',
    en: 'Do you think a crime has been committed?',
    cy: 'Ydych chi’n meddwl bod trosedd wedi’i chyflawni?',
    helpEn: 'If it is an emergency, call 999. To report a crime, call 101.',
    helpCy: 'Os yw’n argyfwng, ffoniwch 999. I roi gwybod am drosedd, ffoniwch 101.',
    choices: YES_NO,
  },
  {
    key: 'safeguarding',
    type: 'choice',
    en: 'Is anyone at risk of harm?',
    cy: 'Oes unrhyw un mewn perygl o niwed?',
    choices: YES_NO_THERE,
  },
  {
    key: 'whistleblowing',
    type: 'choice',
    en: 'Are you reporting serious wrongdoing inside the office (whistleblowing)?',
    cy: 'Ydych chi’n rhoi gwybod am gamwedd difrifol yn y swyddfa (chwythu’r chwiban)?',
    choices: YES_NO,
  },
  {
    key: 'adjustments',
    type: 'paragraph',
    en: 'Do you need any help or changes so you can take part?',
    cy: 'Oes angen unrhyw help neu newidiadau arnoch chi er mwyn i chi allu cymryd rhan?',
    helpEn: 'For example large print, an interpreter, or phone calls only at certain times.',
    helpCy: 'Er enghraifft print bras, cyfieithydd, neu alwadau ffôn ar adegau penodol yn unig.',
  },
  {
    key: 'consentToShare',
    type: 'choice',
    en: 'If another organisation should deal with your complaint, may we pass it to them?',
    cy: 'Os dylai sefydliad arall ddelio â’ch cwyn, gawn ni ei hanfon atyn nhw?',
    helpEn: 'If you say no, we will tell you who to contact instead.',
    helpCy: 'Os byddwch chi’n dweud na, byddwn yn dweud wrthych chi pwy i gysylltu â nhw yn lle hynny.',
    choices: YES_NO_MAY,
  },
  {
    key: 'privacy',
    type: 'checkbox',
    en: 'How we use your information',
    cy: 'Sut rydym yn defnyddio eich gwybodaeth',
    helpEn:
      'We use the information you give us only to deal with your complaint, under UK data protection law (UK GDPR and the Data Protection Act 2018). Only the staff who handle complaints can see it. We share it with another organisation only with your permission, unless someone is at risk of harm. We keep it no longer than our policy allows, then delete it.',
    helpCy:
      'Rydym yn defnyddio’r wybodaeth rydych chi’n ei rhoi i ni i ddelio â’ch cwyn yn unig, o dan gyfraith diogelu data’r DU (GDPR y DU a Deddf Diogelu Data 2018). Dim ond y staff sy’n delio â chwynion sy’n gallu ei gweld. Rydym yn ei rhannu â sefydliad arall gyda’ch caniatâd chi yn unig, oni bai bod rhywun mewn perygl o niwed. Rydym yn ei chadw am ddim mwy o amser nag y mae ein polisi’n ei ganiatáu, ac yna’n ei dileu.',
    required: true,
    choices: [
      {
        value: true,
        en: 'I have read how my information will be used',
        cy: 'Rwyf wedi darllen sut y bydd fy ngwybodaeth yn cael ei defnyddio',
      },
    ],
  },
];

const bilingual = (profile: PolicyProfile) => profile.languages.includes('cy');

function join(profile: PolicyProfile, en: string, cy: string): string {
  return bilingual(profile) ? `${en} / ${cy}` : en;
}

/**
 * The profile's own questions (000 §5: who may not complain), asked after "Who is making this
 * complaint?". "Yes" puts the person outside the procedure; routing explains why in the seed's words.
 */
function exclusionQuestions(profile: PolicyProfile): Question[] {
  return (profile.exclusions ?? []).map((x) => ({
    key: `exclusion:${x.id}` as const,
    type: 'choice' as const,
    en: x.question,
    cy: x.questionCy ?? x.question,
    required: true,
    choices: YES_NO_HAVE,
  }));
}

const isExclusion = (key: Question['key']): key is ExclusionKey => key.startsWith('exclusion:');

export function questionsFor(profile: PolicyProfile): Question[] {
  const out: Question[] = [];
  for (const q of QUESTIONS) {
    if (q.walesOnly && !bilingual(profile)) continue;
    out.push(q);
    if (q.key === 'relationship') out.push(...exclusionQuestions(profile));
  }
  return out;
}

export function questionTitle(profile: PolicyProfile, q: Question): string {
  return join(profile, q.en, q.cy);
}

export function questionHelp(profile: PolicyProfile, q: Question): string {
  return q.helpEn ? join(profile, q.helpEn, q.helpCy ?? '') : '';
}

export function choiceText(profile: PolicyProfile, c: Choice): string {
  return join(profile, c.en, c.cy);
}

/**
 * Turns form answers (keyed by question title, as e.namedValues gives them) into a raw submission for
 * intake. Unknown choice text is passed through as typed so intake reports it rather than losing it.
 */
export function answersToSubmission(
  profile: PolicyProfile,
  answers: Record<string, string | undefined>,
): Record<string, unknown> {
  const raw: Record<string, unknown> = { channel: 'form' };
  for (const q of questionsFor(profile)) {
    if (q.key === 'privacy') continue;
    const answer = (answers[questionTitle(profile, q)] ?? '').trim();
    if (answer === '') continue;
    if (isExclusion(q.key)) {
      const yes = q.choices!.find((c) => c.value === true)!;
      if (answer === choiceText(profile, yes) || answer === yes.en || answer === yes.cy) {
        const ids = (raw['exclusions'] as string[] | undefined) ?? [];
        raw['exclusions'] = [...ids, q.key.slice('exclusion:'.length)];
      }
      continue;
    }
    if (q.choices) {
      const match = q.choices.find(
        (c) => choiceText(profile, c) === answer || c.en === answer || c.cy === answer,
      );
      raw[q.key] = match ? match.value : answer;
    } else {
      raw[q.key] = answer;
    }
  }
  return raw;
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The staff dialog asks the profile's own questions too: one checkbox each, ticked for "yes", put where
 * the dialog's marker stands. Profiles without such questions leave the dialog as it is.
 */
export function withProfileQuestions(html: string, profile: PolicyProfile): string {
  const boxes = (profile.exclusions ?? []).map(
    (x) =>
      `<label><input type="checkbox" name="exclusion:${escapeHtml(x.id)}" data-exclusion="${escapeHtml(x.id)}" style="width: auto" /> ${escapeHtml(join(profile, x.question, x.questionCy ?? x.question))}</label>`,
  );
  return html.replace('<!--PROFILE-QUESTIONS-->', boxes.join('\n'));
}

/** The reverse, for the demo and the simulator: what a person would tick and type for a submission. */
export function submissionToAnswers(
  profile: PolicyProfile,
  submission: Partial<Submission>,
): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const q of questionsFor(profile)) {
    const title = questionTitle(profile, q);
    if (q.key === 'privacy') {
      answers[title] = choiceText(profile, q.choices![0]!);
      continue;
    }
    if (isExclusion(q.key)) {
      // Required on the form: a person who did not say yes answered no.
      const yes = submission.exclusions?.includes(q.key.slice('exclusion:'.length)) === true;
      answers[title] = choiceText(
        profile,
        q.choices!.find((c) => c.value === yes)!,
      );
      continue;
    }
    const value = submission[q.key];
    if (value === undefined || value === '') continue;
    const choice = q.choices?.find((c) => c.value === value);
    answers[title] = choice ? choiceText(profile, choice) : String(value);
  }
  return answers;
}
