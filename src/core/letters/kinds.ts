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
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export type Audience = 'complainant' | 'staff';

export interface KindInfo {
  audience: Audience;
  /** Judgement letters are held until staff approve them: they replace Gmail drafts, so no Gmail scope. */
  needsApproval: boolean;
  /** Placeholders a template of this kind must use, or it cannot do its job. */
  required: string[];
}

export const KIND_INFO: Record<LetterKind, KindInfo> = {
  acknowledgement: { audience: 'complainant', needsApproval: false, required: ['reference'] },
  redirect: { audience: 'complainant', needsApproval: false, required: ['reference', 'redirectContact'] },
  'not-eligible': { audience: 'complainant', needsApproval: false, required: ['reference'] },
  'progress-update': { audience: 'complainant', needsApproval: true, required: ['reference'] },
  outcome: { audience: 'complainant', needsApproval: true, required: ['reference', 'outcome'] },
  'appeal-acknowledgement': { audience: 'complainant', needsApproval: false, required: ['reference'] },
  'appeal-outcome': {
    audience: 'complainant',
    needsApproval: true,
    required: ['reference', 'appealOutcome'],
  },
  'case-assigned': { audience: 'staff', needsApproval: false, required: ['reference'] },
  'update-due': { audience: 'staff', needsApproval: false, required: ['reference'] },
  overdue: { audience: 'staff', needsApproval: false, required: ['reference', 'overdueWhat'] },
  digest: { audience: 'staff', needsApproval: false, required: ['digestOverdue'] },
};

export interface LetterTemplate {
  kind: LetterKind;
  language: Language;
  /** For redirects, the redirect target; for update-due, `appeal-window` or `appeal-decision`; else ''. */
  variant: string;
  subject: string;
  body: string;
}

/** Every placeholder a template may use, with what it holds (shown by "Check templates"). */
export const PLACEHOLDERS: Record<string, string> = {
  reference: 'The case reference, e.g. WIL-2026-0042',
  name: 'The complainant’s name',
  officeName: 'The office’s full name',
  receivedOn: 'The day the complaint arrived',
  acknowledgeBy: 'The day the acknowledgement is due',
  updateBy: 'The day the next progress update is due',
  updateSentence:
    'How often we will update the complainant (or a general promise where the policy sets no figure)',
  appealSentence: 'Whether and how the outcome can be appealed',
  appealBy: 'The last day to appeal',
  appealBody: 'Who hears an appeal',
  appealDecisionBy: 'The day an appeal decision is due',
  appealDecisionSentence: 'When we aim to answer an appeal',
  handler: 'Who looks at the complaint first',
  decisionMaker: 'Who decides the complaint',
  redirectContact: 'Where an out-of-scope complaint should go, and how to reach them',
  redirectExplanation: 'Why it has to go there',
  consentSentence: 'Whether we will pass the complaint on ourselves',
  notEligibleExplanation: 'Why the person cannot use this procedure',
  outcome: 'The outcome chosen by staff',
  appealOutcome: 'The appeal outcome chosen by staff',
  stage: 'The case’s stage',
  overdueWhat: 'What is overdue and since when',
  caseLink: 'A link to the complaints spreadsheet',
  today: 'Today’s date',
  digestNew: 'New cases since yesterday',
  digestDueToday: 'Cases with something due today',
  digestOverdue: 'Cases with something overdue',
};
