/**
 * What staff read in place of the ids the core speaks: the Cases tab, the Dashboard, the sidebar and the
 * staff dialog all show these, and a cell staff change is read back whether it holds the label or the id
 * (rows written before labels existed hold ids).
 */
import type {
  Channel,
  ContactMethod,
  Language,
  LocalDate,
  Relationship,
  RouteFlag,
  SlaStatus,
  Subject,
} from './model';

export const RELATIONSHIP_LABELS: Readonly<Record<Relationship, string>> = {
  affected: 'Person affected',
  'on-behalf': 'On behalf of someone else',
  witness: 'Witness',
  'opcc-staff': 'Works for the Commissioner’s office',
  'police-staff': 'Police officer or police staff',
};

export const SUBJECT_LABELS: Readonly<Record<Subject, string>> = {
  staff: 'Office staff member',
  'senior-manager': 'Senior manager',
  'deputy-chief-executive': 'Deputy Chief Executive',
  'chief-executive': 'Chief Executive',
  'chief-finance-officer': 'Chief Finance Officer',
  pcc: 'Police and Crime Commissioner',
  'deputy-pcc': 'Deputy Police and Crime Commissioner',
  police: 'Police officer or police staff',
  organisation: 'The office as a whole',
  'partner-organisation': 'A partner organisation',
};

export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  form: 'Online form',
  email: 'Email',
  post: 'Post',
  phone: 'Phone',
  social: 'Social media',
};

export const CONTACT_LABELS: Readonly<Record<ContactMethod, string>> = {
  email: 'Email',
  post: 'Post',
  phone: 'Phone',
};

export const LANGUAGE_LABELS: Readonly<Record<Language, string>> = {
  en: 'English',
  cy: 'Welsh',
};

export const FLAG_LABELS: Readonly<Record<RouteFlag, string>> = {
  safeguarding: 'Safeguarding',
  'criminal-allegation': 'Criminal allegation',
  whistleblowing: 'Whistleblowing',
  'consent-needed': 'Consent needed to share',
  'no-appeal': 'No right of appeal',
  'escalated-senior-subject': 'About a senior person',
  'updates-to-subject': 'Updates go to the person complained about',
};

/** The words the status column shows; the row colour repeats them, never replaces them. */
export const STATUS_LABELS: Readonly<Record<SlaStatus | 'needs-review', string>> = {
  overdue: 'Overdue',
  'needs-review': 'Needs review',
  'due-soon': 'Due soon',
  'on-track': 'On track',
  paused: 'Paused',
  met: 'Met',
  closed: 'Closed',
};

/**
 * The id a cell means, whether it holds the id itself or its label (any case, surrounding spaces
 * ignored), or null when it is neither.
 */
export function idFromLabel<Id extends string>(
  labels: Readonly<Record<Id, string>>,
  cell: string,
): Id | null {
  const wanted = cell.trim().toLowerCase();
  if (!wanted) return null;
  for (const [id, label] of Object.entries(labels) as [Id, string][])
    if (id.toLowerCase() === wanted || label.toLowerCase() === wanted) return id;
  return null;
}

/** A London day as staff read it in the sheet: `dd/mm/yyyy`. */
export function formatDay(day: LocalDate): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}
