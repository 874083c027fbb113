/**
 * Routing: which body or role deals with a complaint, read entirely from the profile. Order matters and is
 * the same for every profile: redirects (first match wins), then who may complain, then the routing table.
 */
import type {
  Complaint,
  PolicyProfile,
  RedirectCondition,
  RedirectRule,
  RedirectTarget,
  RoleId,
  Route,
  RouteFlag,
  RoutingRule,
  Subject,
} from './model';
import { roleTitle } from './profile';

const SUBJECT_WORDS: Record<Subject, string> = {
  staff: 'a member of staff',
  'senior-manager': 'a member of the senior management team',
  'deputy-chief-executive': 'the Deputy Chief Executive',
  'chief-executive': 'the Chief Executive',
  'chief-finance-officer': 'the Chief Finance Officer',
  pcc: 'the Police and Crime Commissioner',
  'deputy-pcc': 'the Deputy Police and Crime Commissioner',
  police: 'police officers or police staff',
  organisation: 'the office, its policies or its service',
  'partner-organisation': 'a partner or commissioned organisation',
};

/** Redirects that hand the matter, and possibly personal data, to another body (001 ¶10). */
const OTHER_BODIES: ReadonlySet<RedirectTarget> = new Set([
  'police-and-crime-panel',
  'police-force',
  'partner-organisation',
]);

/** Complaints about an organisation are about service or policy; the rest are about a person's conduct (000 §4). */
export function complaintKind(subject: Subject): 'service' | 'conduct' {
  return subject === 'organisation' || subject === 'partner-organisation' ? 'service' : 'conduct';
}

export function matchesRedirect(when: RedirectCondition, complaint: Complaint): boolean {
  if (when.subjects && !when.subjects.includes(complaint.subject)) return false;
  if (when.relationships && !when.relationships.includes(complaint.relationship)) return false;
  if (when.allegesCrime !== undefined && (complaint.allegesCrime ?? false) !== when.allegesCrime)
    return false;
  if (when.whistleblowing !== undefined && (complaint.whistleblowing ?? false) !== when.whistleblowing)
    return false;
  return true;
}

function baseFlags(complaint: Complaint): RouteFlag[] {
  const flags: RouteFlag[] = [];
  if (complaint.safeguarding === true) flags.push('safeguarding');
  if (complaint.allegesCrime === true) flags.push('criminal-allegation');
  if (complaint.whistleblowing === true) flags.push('whistleblowing');
  return flags;
}

function safeguardingNote(complaint: Complaint): string {
  return complaint.safeguarding === true
    ? ' A safeguarding concern was raised: pass it to the designated safeguarding lead straight away.'
    : '';
}

function redirected(rule: RedirectRule, complaint: Complaint): Route {
  const flags = baseFlags(complaint);
  // Safeguarding overrides consent: it may not be possible to ask first (001 ¶10).
  if (
    OTHER_BODIES.has(rule.target) &&
    rule.reportDirectly !== true &&
    complaint.consentToShare !== true &&
    complaint.safeguarding !== true
  ) {
    flags.push('consent-needed');
  }
  const consent = flags.includes('consent-needed')
    ? ' Ask the complainant for consent before sharing their details with that body.'
    : '';
  return {
    inScope: false,
    redirectTo: rule.target,
    reason: `${rule.explanation} Contact: ${rule.contact}.${consent}${safeguardingNote(complaint)}`,
    handler: null,
    decisionMaker: null,
    appealBody: null,
    flags,
    sources: [rule.source],
    ruleId: rule.id,
  };
}

/**
 * The redirect rule a route came from: the one that matched, by id. Rows routed before the id was kept
 * fall back to the first rule with the same target.
 */
export function redirectRuleOf(profile: PolicyProfile, route: Route | null): RedirectRule | undefined {
  if (!route?.redirectTo) return undefined;
  const byId = route.ruleId ? profile.redirects.find((r) => r.id === route.ruleId) : undefined;
  return byId ?? profile.redirects.find((r) => r.target === route.redirectTo);
}

function inScope(profile: PolicyProfile, rule: RoutingRule, complaint: Complaint): Route {
  const title = (id: RoleId): string => roleTitle(profile, id, 'en');
  const flags = baseFlags(complaint);
  if (rule.appealBody === null) flags.push('no-appeal');
  if (rule.escalated === true) flags.push('escalated-senior-subject');
  if (profile.updatesToSubject && complaint.subject !== 'organisation') flags.push('updates-to-subject');

  const parts = [`A complaint about ${SUBJECT_WORDS[complaint.subject]}.`];
  if (rule.informalResolver !== null)
    parts.push(`The ${title(rule.informalResolver)} first tries to resolve it informally.`);
  parts.push(
    rule.handler === rule.decisionMaker
      ? `The ${title(rule.decisionMaker)} deals with it and decides.`
      : `The ${title(rule.handler)} deals with it; the ${title(rule.decisionMaker)} decides.`,
  );
  parts.push(
    rule.appealBody === null
      ? 'The outcome is final: there is no right of appeal.'
      : `Any appeal goes to the ${title(rule.appealBody)}.`,
  );
  if (rule.note) parts.push(rule.note);
  return {
    inScope: true,
    redirectTo: null,
    reason: parts.join(' ') + safeguardingNote(complaint),
    handler: rule.handler,
    decisionMaker: rule.decisionMaker,
    appealBody: rule.appealBody,
    flags,
    sources: [rule.source],
  };
}

export function route(profile: PolicyProfile, complaint: Complaint): Route {
  const redirect = profile.redirects.find((r) => matchesRedirect(r.when, complaint));
  if (redirect) return redirected(redirect, complaint);

  // 000 §5 "Who can't make a complaint": a "yes" to one of the profile's questions, in its own words.
  const excluded = (profile.exclusions ?? []).find((q) => complaint.exclusions?.includes(q.id));
  if (excluded) {
    return {
      inScope: false,
      redirectTo: 'not-eligible',
      reason: excluded.explanation,
      handler: null,
      decisionMaker: null,
      appealBody: null,
      flags: baseFlags(complaint),
      sources: [excluded.source],
    };
  }

  const kind = complaintKind(complaint.subject);
  if (!profile.eligibility[kind].includes(complaint.relationship)) {
    return {
      inScope: false,
      redirectTo: 'not-eligible',
      reason: profile.eligibility.explanation,
      handler: null,
      decisionMaker: null,
      appealBody: null,
      flags: baseFlags(complaint),
      sources: [profile.eligibility.source],
    };
  }

  const rule = profile.routing.find((r) => r.subject === complaint.subject);
  if (!rule) {
    // Not routed and not redirected: a person must decide, so the case starts in review.
    return {
      inScope: false,
      redirectTo: null,
      reason: `This policy does not say who deals with a complaint about ${SUBJECT_WORDS[complaint.subject]}. A member of the complaints team needs to decide.`,
      handler: null,
      decisionMaker: null,
      appealBody: null,
      flags: baseFlags(complaint),
      sources: [],
    };
  }
  return inScope(profile, rule, complaint);
}
