/** The letters the system writes, who they are for, and which need a person's approval before sending. */
import type { Language } from '../model';

export const LETTER_KINDS = [
  'acknowledgement',
  'redirect',
  'not-eligible',
  'progress-update',
  'outcome',
  'appeal-acknowledgement',
  'appeal-outcome',
  'case-assigned',
  'update-due',
  'overdue',
  'digest',
  'pass-on',
  'subject-copy',
  'subject-update',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/** `subject`: the member of staff the complaint is about (002 §4.6, 001 ¶12), at the email staff give. */
export type Audience = 'complainant' | 'staff' | 'subject';

/** Every placeholder a template may use, with what it holds (shown by "Check templates"). */
export const PLACEHOLDERS: Record<string, string> = {
  reference: 'The case reference, e.g. WIL-2026-0042',
  name: 'The complainant’s name',
  officeName: 'The office’s full name',
  receivedOn: 'The day the complaint arrived, e.g. Friday 6 March 2026',
  acknowledgeBy: 'The day the acknowledgement is due',
  updateBy: 'The day the next progress update is due',
  updateEvery: 'How often the policy promises updates, e.g. “every 28 days”; blank where it sets no figure',
  updateSentence:
    'A sentence: how often we will update the complainant and by when (or a general promise where the policy sets no figure)',
  appealWindow: 'How long the complainant has to appeal, e.g. “28 days”; blank where there is no appeal',
  appealSentence:
    'A sentence: whether the outcome can be appealed, by when, to whom and how (“final” where it cannot)',
  appealBy: 'The last day to appeal',
  appealBody: 'Who hears an appeal',
  appealDecisionBy: 'The day an appeal decision is due',
  appealDecisionSentence: 'A sentence: when we aim to answer an appeal',
  reviewBy:
    'The day the office’s own progress check on the case is due, where the policy sets no update interval (staff letters)',
  handler: 'Who looks at the complaint first',
  decisionMaker: 'Who decides the complaint',
  whoSentence:
    'A sentence: who looks at the complaint and who decides (one sentence when it is the same person)',
  redirectContact: 'Where an out-of-scope complaint should go, and how to reach them',
  redirectExplanation: 'Why it has to go there',
  consentSentence:
    'A sentence: whether we will pass the complaint on ourselves; blank where nothing is passed on',
  notEligibleExplanation: 'Why the person cannot use this procedure',
  outcome: 'The outcome chosen by staff',
  appealOutcome: 'The appeal outcome chosen by staff',
  stage: 'The case’s stage',
  officeContact: 'The office’s address, phone and email from Settings, one per line (blank parts left out)',
  signature: 'Who signs the letter: the role the policy says writes it, or the Complaints Team',
  passOnReason: 'Why the office may pass the complaint on: the complainant agreed, or a safeguarding concern',
  overdueWhat: 'What is overdue and since when',
  caseLink: 'A link to the complaints spreadsheet (staff letters only)',
  today: 'Today’s date (daily digest)',
  digestNew: 'New cases since the last working day',
  digestDueToday: 'Cases with something due today',
  digestOverdue: 'Cases with something overdue',
  complaintText:
    'What the complaint says, as the complainant wrote it (letters to the person complained about)',
  complaintWanted:
    'What the complainant would like to happen, as they wrote it (letters to the person complained about)',
  digestFailed: 'Letters that could not be sent (for example no email address in Settings)',
};

/** Filled from the case for every letter about one case (letters/values.ts). */
const CASE = Object.keys(PLACEHOLDERS).filter(
  (p) =>
    !p.startsWith('digest') &&
    !['overdueWhat', 'caseLink', 'today', 'passOnReason', 'complaintText', 'complaintWanted'].includes(p),
);
const STAFF_CASE = [...CASE, 'caseLink'];

/**
 * Who signs a letter: the complaints team, or the role that took the decision it reports. 000 §9: "You
 * will receive a letter from the person considering your complaint".
 */
export type Signer = 'complaints-team' | 'decision-maker' | 'appeal-body';

export interface KindInfo {
  audience: Audience;
  /** Who the letter is from ({{signature}}). */
  signedBy: Signer;
  /** Judgement letters are held until staff approve them: they replace Gmail drafts, so no Gmail scope. */
  needsApproval: boolean;
  /** Placeholders a template of this kind must use, or it cannot do its job. */
  required: string[];
  /** Placeholders that have a value in this kind of letter; any other would come out blank. */
  placeholders: string[];
}

const kind = (
  audience: Audience,
  required: string[],
  options: { needsApproval?: boolean; placeholders?: string[]; signedBy?: Signer } = {},
): KindInfo => ({
  audience,
  signedBy: options.signedBy ?? 'complaints-team',
  needsApproval: options.needsApproval ?? false,
  required,
  placeholders: options.placeholders ?? (audience === 'staff' ? STAFF_CASE : CASE),
});

export const KIND_INFO: Record<LetterKind, KindInfo> = {
  acknowledgement: kind('complainant', ['reference']),
  redirect: kind('complainant', ['reference', 'redirectContact']),
  'not-eligible': kind('complainant', ['reference']),
  // Queued as a draft with a gap for the update itself, so a person must write and approve it.
  'progress-update': kind('complainant', ['reference'], { needsApproval: true }),
  outcome: kind('complainant', ['reference', 'outcome'], { needsApproval: true, signedBy: 'decision-maker' }),
  'appeal-acknowledgement': kind('complainant', ['reference']),
  'appeal-outcome': kind('complainant', ['reference', 'appealOutcome'], {
    needsApproval: true,
    signedBy: 'appeal-body',
  }),
  'case-assigned': kind('staff', ['reference']),
  'update-due': kind('staff', ['reference']),
  overdue: kind('staff', ['reference', 'overdueWhat'], { placeholders: [...STAFF_CASE, 'overdueWhat'] }),
  // To the person complained about: never the complainant's contact details, only what the complaint says.
  'subject-copy': kind('subject', ['reference', 'complaintText'], {
    placeholders: [...CASE, 'complaintText', 'complaintWanted'],
  }),
  'subject-update': kind('subject', ['reference']),
  digest: kind('staff', ['digestOverdue'], {
    placeholders: ['today', 'caseLink', 'digestNew', 'digestDueToday', 'digestOverdue', 'digestFailed'],
  }),
  // A task for staff, not a letter: the Outbox row says what to send to whom; staff mark it done.
  'pass-on': kind('staff', ['reference', 'redirectContact'], {
    placeholders: [...STAFF_CASE, 'passOnReason'],
  }),
};

export interface LetterTemplate {
  kind: LetterKind;
  language: Language;
  /**
   * For redirects, the redirect target; for update-due, `appeal-window` or `appeal-decision`; for
   * case-assigned, `needs-review` or `safeguarding`; for overdue, `appeal-decision` or `escalated`; for
   * subject-update, `progress` (the regular note) or `closed`; else ''.
   */
  variant: string;
  subject: string;
  body: string;
}
