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
}

export const SLA_STATUSES = ['on-track', 'due-soon', 'overdue', 'met', 'paused', 'closed'] as const;
export type SlaStatus = (typeof SLA_STATUSES)[number];

export interface Clocks {
  acknowledgeBy: LocalDate | null;
  updateBy: LocalDate | null;
  appealBy: LocalDate | null;
  appealAcknowledgeBy: LocalDate | null;
  appealDecisionBy: LocalDate | null;
  retainUntil: LocalDate | null;
  status: SlaStatus;
  /** Plain English: which clock drives the status, e.g. "Acknowledgement due 2026-03-04". */
  statusReason: string;
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
