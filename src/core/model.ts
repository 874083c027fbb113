/**
 * The shared vocabulary of the complaints core. Every module under src/core and the shell speak these
 * types; the policy profile schema (profile/schema.ts) is checked against PolicyProfile at compile time.
 */

/** A calendar day in Europe/London, `YYYY-MM-DD`. Day arithmetic is done on these, never on UTC instants. */
export type LocalDate = string;

export const CHANNELS = ['form', 'email', 'post', 'phone', 'social'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CONTACT_METHODS = ['email', 'post', 'phone'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

export const LANGUAGES = ['en', 'cy'] as const;
export type Language = (typeof LANGUAGES)[number];

export const RELATIONSHIPS = ['affected', 'on-behalf', 'witness', 'opcc-staff', 'police-staff'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

export const SUBJECTS = [
  'staff',
  'senior-manager',
  'deputy-chief-executive',
  'chief-executive',
  'chief-finance-officer',
  'pcc',
  'deputy-pcc',
  'police',
  'organisation',
  'partner-organisation',
] as const;
export type Subject = (typeof SUBJECTS)[number];

/** Role ids used by the built-in profiles. A profile may declare more; routing refers to them by id. */
export const STANDARD_ROLES = [
  'chief-executive',
  'deputy-chief-executive',
  'director-of-operations',
  'complaints-team-leader',
  'chief-finance-officer',
  'pcc',
  'safeguarding-lead',
] as const;
export type RoleId = string;

export const REDIRECT_TARGETS = [
  'police-and-crime-panel',
  'police-force',
  'grievance',
  'whistleblowing',
  'partner-organisation',
  'not-eligible',
] as const;
export type RedirectTarget = (typeof REDIRECT_TARGETS)[number];

/**
 * The canonical submission: what the Form, the staff "log a complaint" dialog and the CLI all produce.
 * Before intake every field is untrusted (it may be missing, mistyped or hostile).
 */
export interface Submission {
  channel: Channel;
  name: string;
  email?: string;
  phone?: string;
  address?: string;
  preferredContact: ContactMethod;
  language: Language;
  relationship: Relationship;
  subject: Subject;
  subjectName?: string;
  allegesCrime?: boolean;
  safeguarding?: boolean;
  whistleblowing?: boolean;
  description: string;
  desiredOutcome?: string;
  adjustments?: string;
  consentToShare?: boolean;
  /** Ids of the profile's `exclusions` questions the person answered "yes" to (000 §5). */
  exclusions?: string[];
}

/** A submission that passed intake: trimmed, length-limited, formula-safe. */
export type Complaint = Submission;

export interface IntakeProblem {
  /** The canonical field the problem is about, e.g. `email`. */
  field: keyof Submission | 'submission';
  /** Plain English, fit to show the complainant or staff. Never echoes personal data. */
  message: string;
}

export type IntakeResult =
  | { ok: true; complaint: Complaint }
  | {
      ok: false;
      problems: IntakeProblem[];
      /** Whatever could be salvaged, sanitised the same way, so the case can still be recorded for review. */
      partial: Partial<Complaint>;
    };

export const ROUTE_FLAGS = [
  'safeguarding',
  'criminal-allegation',
  'whistleblowing',
  'consent-needed',
  'no-appeal',
  'escalated-senior-subject',
  'updates-to-subject',
] as const;
export type RouteFlag = (typeof ROUTE_FLAGS)[number];

export interface Route {
  inScope: boolean;
  redirectTo: RedirectTarget | null;
  /** Plain English reason, for staff and for the letter. */
  reason: string;
  /** Who deals with it first (informal resolver / appropriate authority). Null when out of scope. */
  handler: RoleId | null;
  decisionMaker: RoleId | null;
  /** Null where the policy gives no appeal (or none for this route). */
  appealBody: RoleId | null;
  flags: RouteFlag[];
  /** Seed paragraphs the decision rests on, e.g. `002 §4.9`. */
  sources: string[];
  /** The id of the redirect rule that matched; absent when not redirected, or on rows from before it was kept. */
  ruleId?: string;
}

/** A paused stretch of the clock (waiting on the complainant). `to` is null while still paused. */
export interface ClockPause {
  from: Date;
  to: Date | null;
}

/**
 * What the core knows of one case: the persistent state the shell keeps in the Cases tab.
 * Instants are Dates; the core converts them to London days itself.
 */
export interface CaseRecord {
  reference: string;
  policyId: string;
  receivedAt: Date;
  /** Lifecycle state id from the profile (e.g. `stage-1`, `closed`, `needs-review`). */
  state: string;
  complaint: Partial<Complaint>;
  route: Route | null;
  /** Decision id recorded at the current stage, if any. */
  decision: string | null;
  outcome: string | null;
  acknowledgedAt: Date | null;
  lastUpdateAt: Date | null;
  closedAt: Date | null;
  appealedAt: Date | null;
  appealAcknowledgedAt: Date | null;
  appealDecidedAt: Date | null;
  appealOutcome: string | null;
  /** Role that actually handled it (matters for "no appeal when the Chief Executive handled it"). */
  handledBy: RoleId | null;
  pauses: ClockPause[];
  lastContactAt: Date | null;
  /** An unreasonable-contact arrangement staff recorded (contact-arrangement.ts); absent when none. */
  arrangement?: ContactArrangement | null;
}

/**
 * An unreasonable-contact arrangement (000 §11): the person deals with one named point of contact, by one
 * channel, until the office reviews the arrangement.
 */
export interface ContactArrangement {
  /** The member of staff (or role) the person deals with, as staff wrote it. */
  pointOfContact: string;
  channel: ContactMethod | null;
  reviewBy: LocalDate | null;
}

export const SLA_STATUSES = ['on-track', 'due-soon', 'overdue', 'met', 'paused', 'closed'] as const;
export type SlaStatus = (typeof SLA_STATUSES)[number];

export interface Clocks {
  acknowledgeBy: LocalDate | null;
  updateBy: LocalDate | null;
  appealBy: LocalDate | null;
  appealAcknowledgeBy: LocalDate | null;
  appealDecisionBy: LocalDate | null;
  /** The office's own check-in deadline (ClockRules.review), where the policy's clocks give none. */
  reviewBy: LocalDate | null;
  retainUntil: LocalDate | null;
  status: SlaStatus;
  /** Plain English: which clock drives the status, e.g. "Acknowledgement due 2026-03-04". */
  statusReason: string;
  /**
   * The earliest deadline the office still owes (the one the status is about), or null when nothing is
   * pending or the clock is paused. The sheet turns a row red the day after it, without waiting for a run.
   */
  nextDeadline: LocalDate | null;
  /** The first day the status becomes `due-soon` for `nextDeadline`; null with it. */
  dueSoonFrom: LocalDate | null;
}

/** A staff action on a case, as recorded in the sheet or replayed by the simulator. */
export interface CaseAction {
  /** Action id from the profile's lifecycle, e.g. `start-stage-2`, `decide`, `close`, `appeal`, `pause`. */
  do: string;
  decision?: string;
  outcome?: string;
  note?: string;
}

export interface Actor {
  /** The signed-in user's email where known; never written to logs. */
  email: string | null;
  /** Role from the Settings directory, or `complaints-team` for staff not in it. */
  role: RoleId;
}

export interface AuditEntry {
  at: Date;
  reference: string;
  actor: string;
  action: string;
  from: string;
  to: string;
  detail: string;
}

export type ActionResult =
  { ok: true; record: CaseRecord; audit: AuditEntry } | { ok: false; reason: string };

// ---------------------------------------------------------------------------------------------------------
// Policy profiles. The zod schema in profile/schema.ts must produce exactly this shape; a new OPCC adds a
// profile (data) and never touches the engine. Every rule carries `source`: the seed paragraph it comes from.
// ---------------------------------------------------------------------------------------------------------

export type DayUnit = 'working' | 'calendar';

export interface ClockRule {
  days: number;
  unit: DayUnit;
  source: string;
  note?: string;
}

export interface RetentionRule {
  years: number;
  from: 'last-contact' | 'closure';
  source: string;
}

export interface ClockRules {
  /** From receipt (day 0) to acknowledgement. */
  acknowledge: ClockRule | null;
  /** Repeating: from the later of receipt and the last progress update. Null where the policy sets no figure. */
  update: ClockRule | null;
  /** From closure: how long the complainant has to appeal. Null where the outcome is final. */
  appealWindow: ClockRule | null;
  /** From the appeal's receipt. */
  appealAcknowledge: ClockRule | null;
  appealDecision: ClockRule | null;
  /**
   * Office practice, not the policy's: where the policy sets no progress-update figure (or no deadline for
   * an appeal), the handler checks the case at least this often, so every open case has a named next
   * deadline. Counted from the last thing that happened on the case. Absent where the policy's own clocks
   * always give one.
   */
  review?: ClockRule | null;
  retention: RetentionRule | null;
  /** A deadline this many working days away or fewer makes the status `due-soon`. */
  dueSoonWorkingDays: number;
}

export interface RoleDefinition {
  id: RoleId;
  title: string;
  titleCy?: string;
  /**
   * The role above this one: what stays overdue after the first escalation goes here next. Absent or null
   * at the top of the office (the PCC).
   */
  reportsTo?: RoleId | null;
}

/**
 * A question the form and the staff dialog ask because the policy says who may not complain (000 §5).
 * "Yes" makes the case not eligible, with this explanation.
 */
export interface ExclusionQuestion {
  id: string;
  question: string;
  questionCy?: string;
  explanation: string;
  explanationCy?: string;
  source: string;
}

/** The member of staff complained about: a copy of the complaint and updates (002 §4.6, 001 ¶12). */
export interface SubjectCopyRule {
  /** True where the policy says they should be given a copy (unless there is a strong reason not to). */
  required: boolean;
  source: string;
  note?: string;
}

/** Who is told at once when a complaint raises a safeguarding concern (001 ¶9b-10). */
export interface SafeguardingRule {
  /** A role in `roles`; its email comes from Settings. */
  alertRole: RoleId;
  source: string;
  note?: string;
}

/** Who may complain (000 §4 distinguishes complaints about service/policy from complaints about conduct). */
export interface EligibilityRules {
  /** Relationships allowed when the complaint is about the organisation, its policies or service. */
  service: Relationship[];
  /** Relationships allowed when the complaint is about a person's conduct. */
  conduct: Relationship[];
  /** What to tell someone who may not complain, in plain English (and Welsh where the profile is bilingual). */
  explanation: string;
  explanationCy?: string;
  source: string;
}

/** All listed conditions must hold; a list matches when the complaint's value is any of its members. */
export interface RedirectCondition {
  subjects?: Subject[];
  relationships?: Relationship[];
  allegesCrime?: boolean;
  whistleblowing?: boolean;
}

export interface RedirectRule {
  id: string;
  when: RedirectCondition;
  target: RedirectTarget;
  /**
   * The complainant must go to the body themselves and the office does not pass it on (a crime "must be
   * submitted directly", 001 ¶11): the letter offers no pass-on and no consent is asked.
   */
  reportDirectly?: boolean;
  /** Who to go to instead, e.g. "the Dyfed-Powys Police and Crime Panel", with how to reach them. */
  contact: string;
  contactCy?: string;
  /** What to tell the person, plain English. */
  explanation: string;
  explanationCy?: string;
  source: string;
}

export interface RoutingRule {
  subject: Subject;
  /** Who tries informal resolution first, where the policy has that stage. */
  informalResolver: RoleId | null;
  /** Who deals with the complaint first (the handler on the Cases tab). */
  handler: RoleId;
  decisionMaker: RoleId;
  appealBody: RoleId | null;
  /** True where a senior subject is escalated above the usual decision maker. */
  escalated?: boolean;
  note?: string;
  source: string;
}

export interface DecisionOption {
  id: string;
  label: string;
  source: string;
}

export type StateKind = 'review' | 'open' | 'closed' | 'appeal' | 'final';

export interface LifecycleState {
  id: string;
  label: string;
  labelCy?: string;
  /**
   * review: needs staff attention before it can proceed (failed intake); open: being handled, clocks run;
   * closed: outcome given, appeal window may run; appeal: appeal being considered; final: nothing more to do
   * (redirected, not eligible, withdrawn, appeal decided, closed with no appeal).
   */
  kind: StateKind;
  /** Decisions staff may record while in this state (e.g. West Midlands Stage 2 options a-e). */
  decisions: DecisionOption[];
  source: string;
}

/** Named checks a transition may require; the lifecycle engine implements each one. */
export const TRANSITION_GUARDS = [
  'decision-recorded',
  'outcome-given',
  'appeal-allowed',
  'within-appeal-window',
  'appeal-outcome-given',
] as const;
export type TransitionGuard = (typeof TRANSITION_GUARDS)[number];

export interface Transition {
  /** Action id, e.g. `start-investigation`, `close`, `appeal`. */
  action: string;
  label: string;
  from: string[];
  to: string;
  /** Roles allowed to take the action; `any` means any member of the complaints team. */
  actors: RoleId[] | 'any';
  guards?: TransitionGuard[];
  source: string;
}

/** An action allowed in every state of the given kinds, declared once (pause, resume, record-update, note). */
export interface CommonAction {
  action: string;
  label: string;
  inKinds: StateKind[];
  /** Target state; omitted when the action leaves the state unchanged. */
  to?: string;
  actors: RoleId[] | 'any';
  guards?: TransitionGuard[];
  source: string;
}

export interface Lifecycle {
  /** Start states for a new case. */
  initial: { inScope: string; redirected: string; notEligible: string; needsReview: string };
  states: LifecycleState[];
  transitions: Transition[];
  commonActions: CommonAction[];
}

export interface OutcomeOption {
  id: string;
  label: string;
  labelCy?: string;
  upheld: boolean;
  source: string;
}

export interface AppealRules {
  allowed: boolean;
  /** Roles whose personal handling of a case removes the right of appeal (Wiltshire §4.8: Chief Executive). */
  noAppealWhenHandledBy: RoleId[];
  outcomes: OutcomeOption[];
  source: string;
}

export interface PolicyProfile {
  id: string;
  /** e.g. "Office of the Police and Crime Commissioner for Wiltshire and Swindon". */
  name: string;
  nameCy?: string;
  shortName: string;
  /** Prefix of case references, e.g. `WIL` in `WIL-2026-0042`. */
  referencePrefix: string;
  nation: 'england' | 'wales';
  /** Languages correspondence and the form are offered in; `cy` for Welsh public bodies. */
  languages: Language[];
  sourceDocument: string;
  roles: RoleDefinition[];
  eligibility: EligibilityRules;
  redirects: RedirectRule[];
  routing: RoutingRule[];
  lifecycle: Lifecycle;
  outcomes: OutcomeOption[];
  appeal: AppealRules;
  clocks: ClockRules;
  /** Wiltshire: progress updates go to the staff member complained about too. */
  updatesToSubject: boolean;
  /** Whether the member of staff complained about gets a copy of the complaint and updates. */
  subjectCopy?: SubjectCopyRule;
  safeguarding?: SafeguardingRule;
  /** Questions that, answered "yes", put the person outside this procedure (000 §5). */
  exclusions?: ExclusionQuestion[];
  /** Free-text record-keeping duty (e.g. West Midlands HR Governance Group). */
  recordKeeping?: string;
  /** How the public reaches the office, as the policy gives it; the default of the Settings contact rows. */
  officeContact?: OfficeContact;
}

/** The office's own contact details, printed on every letter to the public. Blank parts are left out. */
export interface OfficeContact {
  address?: string;
  phone?: string;
  email?: string;
}
