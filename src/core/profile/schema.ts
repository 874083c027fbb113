/**
 * The zod schema of a policy profile, plus the cross-field checks a schema alone cannot express (every
 * role and state a rule names must exist). zod/mini keeps the Apps Script bundle small.
 */
// A namespace import lets esbuild drop what is unused; `import { z }` drags in every locale (~400 kB).
import * as z from 'zod/mini';
import {
  LANGUAGES,
  REDIRECT_TARGETS,
  RELATIONSHIPS,
  SUBJECTS,
  TRANSITION_GUARDS,
  type PolicyProfile,
} from '../model';

const text = z.string().check(z.trim(), z.minLength(1));
const source = z.string().check(z.trim(), z.minLength(1, 'every rule must name its source paragraph'));
const id = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens'));
const subject = z.enum(SUBJECTS);
const relationship = z.enum(RELATIONSHIPS);
const stateKind = z.enum(['review', 'open', 'closed', 'appeal', 'final']);
const actors = z.union([z.literal('any'), z.array(id)]);
const guards = z.optional(z.array(z.enum(TRANSITION_GUARDS)));
const days = z.number().check(z.int(), z.minimum(0));

const clockRule = z.object({
  days,
  unit: z.enum(['working', 'calendar']),
  source,
  note: z.optional(z.string()),
});

const outcome = z.object({
  id,
  label: text,
  labelCy: z.optional(text),
  upheld: z.boolean(),
  source,
});

export const policyProfileSchema = z.object({
  id,
  name: text,
  nameCy: z.optional(text),
  shortName: text,
  referencePrefix: z.string().check(z.regex(/^[A-Z]{2,5}$/, 'must be 2 to 5 capital letters')),
  nation: z.enum(['england', 'wales']),
  languages: z.array(z.enum(LANGUAGES)).check(z.minLength(1)),
  sourceDocument: text,
  roles: z
    .array(z.object({ id, title: text, titleCy: z.optional(text), reportsTo: z.optional(z.nullable(id)) }))
    .check(z.minLength(1)),
  eligibility: z.object({
    service: z.array(relationship),
    conduct: z.array(relationship),
    explanation: text,
    explanationCy: z.optional(text),
    source,
  }),
  redirects: z.array(
    z.object({
      id,
      when: z.object({
        subjects: z.optional(z.array(subject)),
        relationships: z.optional(z.array(relationship)),
        allegesCrime: z.optional(z.boolean()),
        whistleblowing: z.optional(z.boolean()),
      }),
      reportDirectly: z.optional(z.boolean()),
      target: z.enum(REDIRECT_TARGETS),
      contact: text,
      contactCy: z.optional(text),
      explanation: text,
      explanationCy: z.optional(text),
      source,
    }),
  ),
  routing: z.array(
    z.object({
      subject,
      informalResolver: z.nullable(id),
      handler: id,
      decisionMaker: id,
      appealBody: z.nullable(id),
      escalated: z.optional(z.boolean()),
      note: z.optional(z.string()),
      source,
    }),
  ),
  lifecycle: z.object({
    initial: z.object({ inScope: id, redirected: id, notEligible: id, needsReview: id }),
    states: z
      .array(
        z.object({
          id,
          label: text,
          labelCy: z.optional(text),
          kind: stateKind,
          decisions: z.array(z.object({ id, label: text, source })),
          source,
        }),
      )
      .check(z.minLength(1)),
    transitions: z.array(
      z.object({
        action: id,
        label: text,
        from: z.array(id).check(z.minLength(1)),
        to: id,
        actors,
        guards,
        source,
      }),
    ),
    commonActions: z.array(
      z.object({
        action: id,
        label: text,
        inKinds: z.array(stateKind).check(z.minLength(1)),
        to: z.optional(id),
        actors,
        guards,
        source,
      }),
    ),
  }),
  outcomes: z.array(outcome).check(z.minLength(1)),
  appeal: z.object({
    allowed: z.boolean(),
    noAppealWhenHandledBy: z.array(id),
    outcomes: z.array(outcome),
    source,
  }),
  clocks: z.object({
    acknowledge: z.nullable(clockRule),
    update: z.nullable(clockRule),
    appealWindow: z.nullable(clockRule),
    appealAcknowledge: z.nullable(clockRule),
    appealDecision: z.nullable(clockRule),
    review: z.optional(z.nullable(clockRule)),
    retention: z.nullable(
      z.object({
        years: z.number().check(z.int(), z.minimum(1)),
        from: z.enum(['last-contact', 'closure']),
        source,
      }),
    ),
    dueSoonWorkingDays: days,
  }),
  updatesToSubject: z.boolean(),
  subjectCopy: z.optional(z.object({ required: z.boolean(), source, note: z.optional(z.string()) })),
  safeguarding: z.optional(z.object({ alertRole: id, source, note: z.optional(z.string()) })),
  exclusions: z.optional(
    z.array(
      z.object({
        id,
        question: text,
        questionCy: z.optional(text),
        explanation: text,
        explanationCy: z.optional(text),
        source,
      }),
    ),
  ),
  recordKeeping: z.optional(z.string()),
  officeContact: z.optional(
    z.object({ address: z.optional(text), phone: z.optional(text), email: z.optional(text) }),
  ),
});

// The compiler proves the schema and the model describe the same shape: if either drifts, this fails.
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesModel: Mutual<z.infer<typeof policyProfileSchema>, PolicyProfile> = true;
void schemaMatchesModel;

/** A profile that cannot be used; the message names every offending field path. */
export class ProfileError extends Error {
  readonly problems: string[];
  constructor(profileId: string, problems: string[]) {
    super(`Policy profile ${profileId} is not valid: ${problems.join('; ')}`);
    this.name = 'ProfileError';
    this.problems = problems;
  }
}

type Path = readonly PropertyKey[];

export function formatPath(path: Path): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(profile)' : out;
}

interface RawIssue {
  code: string;
  path: Path;
  message: string;
  expected?: unknown;
  values?: unknown[];
  minimum?: unknown;
}

// zod/mini ships without its English messages (to stay small), so the plain words are made here.
function describeIssue(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.message && issue.message !== 'Invalid input'
        ? issue.message
        : `expected ${String(issue.expected)}`;
    case 'invalid_value':
      return `must be one of ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return issue.message && issue.message !== 'Invalid input'
        ? issue.message
        : `must have at least ${String(issue.minimum)}`;
    case 'unrecognized_keys':
      return 'has unknown fields';
    case 'invalid_union':
      return 'must be "any" or a list of role ids';
    default:
      return issue.message || 'is not valid';
  }
}

/** Validates untrusted profile data (e.g. a JSON profile from Settings) and returns it typed. */
export function parseProfile(json: unknown): PolicyProfile {
  const result = policyProfileSchema.safeParse(json);
  const idGuess =
    typeof json === 'object' && json !== null && typeof (json as { id?: unknown }).id === 'string'
      ? `"${(json as { id: string }).id}"`
      : '(no id)';
  if (!result.success) {
    const problems = (result.error.issues as unknown as RawIssue[]).map(
      (issue) => `${formatPath(issue.path)}: ${describeIssue(issue)}`,
    );
    throw new ProfileError(idGuess, problems);
  }
  const profile = result.data;
  const problems = crossFieldProblems(profile);
  if (problems.length > 0) throw new ProfileError(idGuess, problems);
  return profile;
}

/** The checks that need the whole profile at once. Exported so tests can see them directly. */
export function crossFieldProblems(profile: PolicyProfile): string[] {
  const problems: string[] = [];
  const add = (path: Path, message: string): void => {
    problems.push(`${formatPath(path)}: ${message}`);
  };
  const unique = (items: readonly { id: string }[], base: string): void => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) add([base, i, 'id'], `duplicate id "${item.id}"`);
      seen.add(item.id);
    });
  };

  const roles = new Set(profile.roles.map((r) => r.id));
  const role = (value: string | null, path: Path): void => {
    if (value !== null && !roles.has(value)) add(path, `unknown role "${value}"`);
  };
  const actorList = (value: string[] | 'any', path: Path): void => {
    if (value !== 'any') value.forEach((r, i) => role(r, [...path, i]));
  };
  const states = new Map(profile.lifecycle.states.map((s) => [s.id, s]));
  const state = (value: string, path: Path): void => {
    if (!states.has(value)) add(path, `unknown state "${value}"`);
  };

  unique(profile.roles, 'roles');
  profile.roles.forEach((r, i) => {
    if (r.reportsTo != null) role(r.reportsTo, ['roles', i, 'reportsTo']);
  });
  // The chain above any role ends: no role reports, however indirectly, to itself.
  profile.roles.forEach((r, i) => {
    const seen = new Set<string>([r.id]);
    let up = r.reportsTo ?? null;
    while (up !== null) {
      if (seen.has(up)) {
        add(['roles', i, 'reportsTo'], `"${r.id}" reports, in a loop, to itself`);
        break;
      }
      seen.add(up);
      up = profile.roles.find((x) => x.id === up)?.reportsTo ?? null;
    }
  });
  if (profile.safeguarding) role(profile.safeguarding.alertRole, ['safeguarding', 'alertRole']);
  unique(profile.exclusions ?? [], 'exclusions');
  unique(profile.redirects, 'redirects');
  unique(profile.outcomes, 'outcomes');
  unique(profile.lifecycle.states, 'lifecycle.states');
  profile.lifecycle.states.forEach((s, i) => unique(s.decisions, `lifecycle.states[${i}].decisions`));
  unique(profile.appeal.outcomes, 'appeal.outcomes');

  const subjects = new Set<string>();
  profile.routing.forEach((rule, i) => {
    if (subjects.has(rule.subject)) add(['routing', i, 'subject'], `"${rule.subject}" is routed twice`);
    subjects.add(rule.subject);
    if (rule.informalResolver !== null) role(rule.informalResolver, ['routing', i, 'informalResolver']);
    role(rule.handler, ['routing', i, 'handler']);
    role(rule.decisionMaker, ['routing', i, 'decisionMaker']);
    role(rule.appealBody, ['routing', i, 'appealBody']);
    if (!profile.appeal.allowed && rule.appealBody !== null) {
      add(['routing', i, 'appealBody'], 'the profile allows no appeal, so this must be null');
    }
  });
  profile.appeal.noAppealWhenHandledBy.forEach((r, i) => role(r, ['appeal', 'noAppealWhenHandledBy', i]));
  if (profile.appeal.allowed && profile.appeal.outcomes.length === 0) {
    add(['appeal', 'outcomes'], 'an appeal is allowed, so at least one appeal outcome is needed');
  }

  const initial = profile.lifecycle.initial;
  for (const key of ['inScope', 'redirected', 'notEligible', 'needsReview'] as const) {
    state(initial[key], ['lifecycle', 'initial', key]);
  }
  if (states.get(initial.needsReview)?.kind !== 'review' && states.has(initial.needsReview)) {
    add(['lifecycle', 'initial', 'needsReview'], 'must be a state of kind "review"');
  }

  // An action id may appear in several transitions, but never twice from the same state.
  const actionFrom = new Set<string>();
  profile.lifecycle.transitions.forEach((t, i) => {
    t.from.forEach((from, j) => {
      state(from, ['lifecycle', 'transitions', i, 'from', j]);
      const key = `${t.action}\u0000${from}`;
      if (actionFrom.has(key)) {
        add(['lifecycle', 'transitions', i, 'action'], `"${t.action}" is declared twice from "${from}"`);
      }
      actionFrom.add(key);
    });
    state(t.to, ['lifecycle', 'transitions', i, 'to']);
    actorList(t.actors, ['lifecycle', 'transitions', i, 'actors']);
  });
  const transitionIds = new Set(profile.lifecycle.transitions.map((t) => t.action));
  const commonIds = new Set<string>();
  profile.lifecycle.commonActions.forEach((c, i) => {
    if (commonIds.has(c.action) || transitionIds.has(c.action)) {
      add(['lifecycle', 'commonActions', i, 'action'], `duplicate action "${c.action}"`);
    }
    commonIds.add(c.action);
    if (c.to !== undefined) state(c.to, ['lifecycle', 'commonActions', i, 'to']);
    actorList(c.actors, ['lifecycle', 'commonActions', i, 'actors']);
  });
  return problems;
}
