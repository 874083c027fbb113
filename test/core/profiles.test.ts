import { describe, expect, it } from 'vitest';
import { BUILT_IN_PROFILES, getProfile, profileSummary, roleTitle } from '../../src/core/profile';
import { parseProfile, ProfileError } from '../../src/core/profile/schema';
import type { PolicyProfile } from '../../src/core/model';
import { STANDARD_ROLES } from '../../src/core/model';

const clone = (p: PolicyProfile): PolicyProfile => JSON.parse(JSON.stringify(p)) as PolicyProfile;

function refusal(mutate: (p: PolicyProfile) => void, base = 'wiltshire'): string {
  const p = clone(getProfile(base));
  mutate(p);
  try {
    parseProfile(p);
  } catch (e) {
    expect(e).toBeInstanceOf(ProfileError);
    return (e as Error).message;
  }
  throw new Error('profile was accepted');
}

describe('built-in profiles', () => {
  it.each(BUILT_IN_PROFILES.map((p) => [p.id, p] as const))('%s validates', (_id, profile) => {
    expect(parseProfile(JSON.parse(JSON.stringify(profile)))).toEqual(profile);
  });

  it('has the three ids and prefixes', () => {
    expect(BUILT_IN_PROFILES.map((p) => [p.id, p.referencePrefix])).toEqual([
      ['dyfed-powys', 'DP'],
      ['west-midlands', 'WM'],
      ['wiltshire', 'WIL'],
    ]);
  });

  it('uses only standard role ids', () => {
    for (const p of BUILT_IN_PROFILES) {
      for (const r of p.roles) expect(STANDARD_ROLES as readonly string[]).toContain(r.id);
    }
  });

  it('Dyfed-Powys is Welsh and bilingual throughout', () => {
    const dp = getProfile('dyfed-powys');
    expect(dp.nation).toBe('wales');
    expect(dp.languages).toEqual(['en', 'cy']);
    expect(dp.nameCy).toBe('Swyddfa Comisiynydd yr Heddlu a Throseddu Dyfed-Powys');
    expect(roleTitle(dp, 'chief-executive', 'cy')).toBe('Prif Weithredwr');
    expect(dp.redirects.find((r) => r.target === 'police-and-crime-panel')?.contactCy).toContain(
      'Panel Heddlu a Throseddu Dyfed-Powys',
    );
    for (const r of dp.redirects) {
      expect(r.explanationCy, r.id).toBeTruthy();
      expect(r.contactCy, r.id).toBeTruthy();
    }
    for (const r of dp.roles) expect(r.titleCy, r.id).toBeTruthy();
    for (const s of dp.lifecycle.states) expect(s.labelCy, s.id).toBeTruthy();
    for (const o of dp.outcomes) expect(o.labelCy, o.id).toBeTruthy();
    expect(dp.eligibility.explanationCy).toBeTruthy();
  });

  it('every rule names a seed paragraph of its own document, or says it is office practice', () => {
    const prefix: Record<string, string> = { 'dyfed-powys': '000', 'west-midlands': '001', wiltshire: '002' };
    for (const p of BUILT_IN_PROFILES) {
      const sources = [
        p.eligibility.source,
        p.appeal.source,
        ...p.redirects.map((r) => r.source),
        ...p.routing.map((r) => r.source),
        ...p.lifecycle.states.map((s) => s.source),
        ...p.lifecycle.states.flatMap((s) => s.decisions.map((d) => d.source)),
        ...p.lifecycle.transitions.map((t) => t.source),
        ...p.lifecycle.commonActions.map((c) => c.source),
        ...p.outcomes.map((o) => o.source),
      ];
      for (const s of sources)
        expect(s.startsWith(prefix[p.id] ?? '?') || s.startsWith('Office practice'), `${p.id}: ${s}`).toBe(
          true,
        );
    }
  });

  it('clocks follow the policies', () => {
    const [dp, wm, wil] = ['dyfed-powys', 'west-midlands', 'wiltshire'].map(getProfile);
    for (const p of [dp, wm, wil]) {
      expect(p?.clocks.acknowledge).toMatchObject({ days: 5, unit: 'working' });
      expect(p?.clocks.dueSoonWorkingDays).toBe(2);
    }
    expect(dp?.clocks.update).toMatchObject({ days: 28, unit: 'calendar' });
    expect(wm?.clocks.update).toBeNull();
    expect(wil?.clocks.update).toMatchObject({ days: 28, unit: 'calendar' });
    expect(dp?.clocks.appealWindow).toBeNull();
    expect(wm?.clocks.appealWindow).toMatchObject({ days: 20, unit: 'calendar' });
    expect(wil?.clocks.appealWindow).toMatchObject({ days: 28, unit: 'calendar' });
    expect(wil?.clocks.appealAcknowledge).toMatchObject({ days: 5, unit: 'working' });
    expect(wil?.clocks.appealDecision).toMatchObject({ days: 15, unit: 'working' });
    expect(wil?.clocks.retention).toMatchObject({ years: 6, from: 'last-contact' });
    expect(dp?.clocks.retention).toBeNull();
    expect(wm?.clocks.retention).toBeNull();
    expect(BUILT_IN_PROFILES.filter((p) => p.updatesToSubject).map((p) => p.id)).toEqual(['wiltshire']);
    expect(dp?.appeal.allowed).toBe(false);
    expect(wil?.appeal.noAppealWhenHandledBy).toEqual(['chief-executive']);
  });

  it('every profile starts reviewable cases in a needs-review state of kind review', () => {
    for (const p of BUILT_IN_PROFILES) {
      const id = p.lifecycle.initial.needsReview;
      expect(p.lifecycle.states.find((s) => s.id === id)?.kind).toBe('review');
    }
  });
});

describe('getProfile and roleTitle', () => {
  it('lists the known ids for an unknown profile', () => {
    expect(() => getProfile('kent')).toThrow(/dyfed-powys, west-midlands, wiltshire/);
  });
  it('falls back to English where there is no Welsh title', () => {
    expect(roleTitle(getProfile('wiltshire'), 'director-of-operations', 'cy')).toBe('Director of Operations');
    expect(roleTitle(getProfile('dyfed-powys'), 'complaints-team', 'cy')).toBe('Tîm cwynion');
  });
});

describe('profileSummary', () => {
  it('reads as plain English with every part an administrator checks', () => {
    const text = profileSummary(getProfile('wiltshire'));
    expect(text).toContain('Office of the Police and Crime Commissioner for Wiltshire and Swindon');
    expect(text).toContain('Roles:');
    expect(text).toMatch(
      /staff: informal resolution by Complaints Team Leader; handled by Complaints Team Leader, decided by Director of Operations, appeal to Chief Executive/,
    );
    expect(text).toContain('Stage 2: handling review');
    expect(text).toContain('(c) Formal investigation');
    expect(text).toContain('Upheld: apology and disciplinary action');
    expect(text).toContain('appeal window: 28 calendar days');
    expect(text).toContain('No appeal when handled personally by Chief Executive');
    expect(text).toContain('6 years from last-contact');
    expect(profileSummary(getProfile('dyfed-powys'))).toContain('there is no right of appeal');
    expect(profileSummary(getProfile('west-midlands'))).toContain('progress updates: no figure set');
  });
});

type Mutator = (p: PolicyProfile) => void;
const brokenCases: [string, Mutator, RegExp][] = [
  [
    'unknown decision maker',
    (p) => void (p.routing[2]!.decisionMaker = 'cheif-executive'),
    /routing\[2\]\.decisionMaker: unknown role "cheif-executive"/,
  ],
  [
    'unknown appeal body',
    (p) => void (p.routing[0]!.appealBody = 'mayor'),
    /routing\[0\]\.appealBody: unknown role "mayor"/,
  ],
  [
    'subject routed twice',
    (p) => void p.routing.push({ ...p.routing[0]! }),
    /routing\[6\]\.subject: "staff" is routed twice/,
  ],
  [
    'duplicate role',
    (p) => void p.roles.push({ id: 'pcc', title: 'PCC again' }),
    /roles\[6\]\.id: duplicate id "pcc"/,
  ],
  [
    'duplicate state',
    (p) => void p.lifecycle.states.push({ ...p.lifecycle.states[0]! }),
    /lifecycle\.states\[\d+\]\.id: duplicate id "needs-review"/,
  ],
  [
    'transition to unknown state',
    (p) => void (p.lifecycle.transitions[1]!.to = 'limbo'),
    /lifecycle\.transitions\[1\]\.to: unknown state "limbo"/,
  ],
  [
    'transition from unknown state',
    (p) => void (p.lifecycle.transitions[0]!.from = ['nowhere']),
    /lifecycle\.transitions\[0\]\.from\[0\]: unknown state "nowhere"/,
  ],
  [
    'unknown initial state',
    (p) => void (p.lifecycle.initial.inScope = 'stage-9'),
    /lifecycle\.initial\.inScope: unknown state "stage-9"/,
  ],
  [
    'common action to unknown state',
    (p: PolicyProfile) => void (p.lifecycle.commonActions.find((c) => c.action === 'withdraw')!.to = 'gone'),
    /lifecycle\.commonActions\[\d+\]\.to: unknown state "gone"/,
  ],
  [
    'transition actor unknown',
    (p: PolicyProfile) =>
      void (p.lifecycle.transitions.find((t) => t.action === 'decide-appeal')!.actors = ['pcc', 'sheriff']),
    /lifecycle\.transitions\[\d+\]\.actors\[1\]: unknown role "sheriff"/,
  ],
  [
    'appeal no-appeal role unknown',
    (p) => void (p.appeal.noAppealWhenHandledBy = ['ceo']),
    /appeal\.noAppealWhenHandledBy\[0\]: unknown role "ceo"/,
  ],
  [
    'empty source',
    (p) => void (p.routing[1]!.source = '  '),
    /routing\[1\]\.source: every rule must name its source paragraph/,
  ],
  [
    'missing source on a redirect',
    (p: PolicyProfile) => void delete (p.redirects[0] as Partial<PolicyProfile['redirects'][number]>).source,
    /redirects\[0\]\.source: expected string/,
  ],
  [
    'bad subject',
    (p) => void ((p.routing[0] as { subject: string }).subject = 'janitor'),
    /routing\[0\]\.subject: must be one of "staff"/,
  ],
  [
    'bad redirect target',
    (p) => void ((p.redirects[0] as { target: string }).target = 'the-moon'),
    /redirects\[0\]\.target: must be one of/,
  ],
  ['clock days negative', (p) => void (p.clocks.acknowledge!.days = -1), /clocks\.acknowledge\.days/],
  [
    'needs-review not a review state',
    (p) => void (p.lifecycle.initial.needsReview = 'stage-1'),
    /lifecycle\.initial\.needsReview: must be a state of kind "review"/,
  ],
];

describe('parseProfile refuses broken profiles, naming the field', () => {
  it.each(brokenCases)('%s', (_name, mutate, pattern) => {
    expect(refusal(mutate)).toMatch(pattern);
  });

  it('refuses an appeal body in a profile that allows no appeal', () => {
    expect(refusal((p) => void (p.routing[0]!.appealBody = 'pcc'), 'dyfed-powys')).toMatch(
      /routing\[0\]\.appealBody: the profile allows no appeal/,
    );
  });

  it('lists several problems at once', () => {
    const msg = refusal((p) => {
      p.routing[0]!.handler = 'x';
      p.routing[1]!.handler = 'y';
    });
    expect(msg).toMatch(/routing\[0\]\.handler.*routing\[1\]\.handler/);
  });

  it('refuses things that are not profiles at all', () => {
    expect(() => parseProfile(null)).toThrow(ProfileError);
    expect(() => parseProfile({ id: 'x' })).toThrow(/name: expected string/);
  });
});
