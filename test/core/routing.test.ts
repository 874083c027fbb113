import { describe, expect, it } from 'vitest';
import { route } from '../../src/core/routing';
import { BUILT_IN_PROFILES, getProfile } from '../../src/core/profile';
import { parseProfile } from '../../src/core/profile/schema';
import type { Complaint, PolicyProfile, Relationship, Subject } from '../../src/core/model';

const base: Complaint = {
  channel: 'form',
  name: 'Alex Jones',
  email: 'alex@example.com',
  preferredContact: 'email',
  language: 'en',
  relationship: 'affected',
  subject: 'staff',
  description: 'Nobody answered my letter about the grant.',
};
const c = (over: Partial<Complaint>): Complaint => ({ ...base, ...over });

type Row = [
  profile: string,
  subject: Subject,
  handler: string,
  decisionMaker: string,
  appealBody: string | null,
  escalated: boolean,
];
const routingRows: Row[] = [
  // Wiltshire 002 §4.9, row by row, plus the two subjects the table does not name.
  ['wiltshire', 'staff', 'complaints-team-leader', 'director-of-operations', 'chief-executive', false],
  ['wiltshire', 'senior-manager', 'complaints-team-leader', 'chief-executive', 'chief-executive', true],
  ['wiltshire', 'chief-finance-officer', 'complaints-team-leader', 'chief-executive', 'pcc', true],
  ['wiltshire', 'chief-executive', 'complaints-team-leader', 'chief-finance-officer', 'pcc', true],
  [
    'wiltshire',
    'deputy-chief-executive',
    'complaints-team-leader',
    'chief-executive',
    'chief-executive',
    true,
  ],
  ['wiltshire', 'organisation', 'complaints-team-leader', 'director-of-operations', 'chief-executive', false],
  // West Midlands 001 ¶9-10, ¶18.
  ['west-midlands', 'staff', 'deputy-chief-executive', 'deputy-chief-executive', 'chief-executive', false],
  [
    'west-midlands',
    'senior-manager',
    'deputy-chief-executive',
    'deputy-chief-executive',
    'chief-executive',
    false,
  ],
  [
    'west-midlands',
    'chief-finance-officer',
    'deputy-chief-executive',
    'deputy-chief-executive',
    'chief-executive',
    false,
  ],
  [
    'west-midlands',
    'organisation',
    'deputy-chief-executive',
    'deputy-chief-executive',
    'chief-executive',
    false,
  ],
  ['west-midlands', 'deputy-chief-executive', 'chief-executive', 'chief-executive', 'chief-executive', true],
  ['west-midlands', 'chief-executive', 'pcc', 'pcc', null, true],
  // Dyfed-Powys 000 §6, no right of review (§9).
  ['dyfed-powys', 'staff', 'chief-executive', 'chief-executive', null, false],
  ['dyfed-powys', 'senior-manager', 'chief-executive', 'chief-executive', null, false],
  ['dyfed-powys', 'deputy-chief-executive', 'chief-executive', 'chief-executive', null, false],
  ['dyfed-powys', 'chief-finance-officer', 'chief-executive', 'chief-executive', null, false],
  ['dyfed-powys', 'organisation', 'chief-executive', 'chief-executive', null, false],
  ['dyfed-powys', 'chief-executive', 'pcc', 'pcc', null, true],
];

describe('routing table', () => {
  it('covers every routing row of every profile', () => {
    const covered = new Set(routingRows.map(([p, s]) => `${p}/${s}`));
    for (const p of BUILT_IN_PROFILES)
      for (const r of p.routing) expect(covered).toContain(`${p.id}/${r.subject}`);
  });

  it.each(routingRows)(
    '%s: about %s',
    (profileId, subject, handler, decisionMaker, appealBody, escalated) => {
      const profile = getProfile(profileId);
      const r = route(profile, c({ subject }));
      expect(r).toMatchObject({ inScope: true, redirectTo: null, handler, decisionMaker, appealBody });
      expect(r.flags.includes('no-appeal')).toBe(appealBody === null);
      expect(r.flags.includes('escalated-senior-subject')).toBe(escalated);
      expect(r.flags.includes('updates-to-subject')).toBe(
        profileId === 'wiltshire' && subject !== 'organisation',
      );
      expect(r.sources).toEqual([profile.routing.find((x) => x.subject === subject)?.source]);
      expect(r.reason).toMatch(/^A complaint about /);
    },
  );

  it('names informal resolution by the Complaints Team Leader in Wiltshire', () => {
    expect(route(getProfile('wiltshire'), c({})).reason).toContain(
      'Complaints Team Leader first tries to resolve it informally',
    );
  });
});

type RedirectRow = [profile: string, change: Partial<Complaint>, target: string, ruleId: string];
const redirectRows: RedirectRow[] = [];
for (const id of ['dyfed-powys', 'west-midlands', 'wiltshire']) {
  redirectRows.push(
    [id, { allegesCrime: true }, 'police-force', 'criminal-allegation'],
    [id, { subject: 'pcc' }, 'police-and-crime-panel', 'pcc-to-panel'],
    [id, { subject: 'deputy-pcc' }, 'police-and-crime-panel', 'pcc-to-panel'],
    [id, { subject: 'police' }, 'police-force', 'police-to-force'],
    [id, { whistleblowing: true }, 'whistleblowing', 'whistleblowing'],
    [id, { relationship: 'opcc-staff' }, 'grievance', 'opcc-staff-grievance'],
    [id, { relationship: 'opcc-staff', subject: 'organisation' }, 'grievance', 'opcc-staff-grievance'],
    [id, { subject: 'partner-organisation' }, 'partner-organisation', 'partner-organisation'],
  );
}
redirectRows.push([
  'dyfed-powys',
  { relationship: 'police-staff' },
  'police-force',
  'police-staff-ineligible',
]);

describe('redirects', () => {
  it('covers every redirect rule of every profile', () => {
    const covered = new Set(redirectRows.map(([p, , , rule]) => `${p}/${rule}`));
    for (const p of BUILT_IN_PROFILES)
      for (const r of p.redirects) expect(covered).toContain(`${p.id}/${r.id}`);
  });

  it.each(redirectRows)('%s: %j goes to %s', (profileId, change, target, ruleId) => {
    const profile = getProfile(profileId);
    const r = route(profile, c(change));
    const rule = profile.redirects.find((x) => x.id === ruleId);
    expect(r).toMatchObject({
      inScope: false,
      redirectTo: target,
      handler: null,
      decisionMaker: null,
      appealBody: null,
    });
    expect(r.sources).toEqual([rule?.source]);
    expect(r.reason).toContain(rule?.contact);
  });

  it('first match wins: a crime alleged against the PCC goes to the police', () => {
    for (const p of BUILT_IN_PROFILES)
      expect(route(p, c({ subject: 'pcc', allegesCrime: true })).redirectTo).toBe('police-force');
  });

  it('an OPCC staff member may still complain about the PCC to the panel', () => {
    expect(route(getProfile('wiltshire'), c({ relationship: 'opcc-staff', subject: 'pcc' })).redirectTo).toBe(
      'police-and-crime-panel',
    );
  });

  it('a whistleblowing disclosure from staff goes to the whistleblowing policy, not grievance', () => {
    expect(
      route(getProfile('west-midlands'), c({ relationship: 'opcc-staff', whistleblowing: true })).redirectTo,
    ).toBe('whistleblowing');
  });

  it.each(['west-midlands', 'wiltshire'])('%s: police staff may complain about OPCC staff', (id) => {
    expect(route(getProfile(id), c({ relationship: 'police-staff' })).inScope).toBe(true);
  });
});

describe('flags', () => {
  const wm = getProfile('west-midlands');
  it('asks for consent before passing to another body', () => {
    expect(route(wm, c({ subject: 'pcc' })).flags).toContain('consent-needed');
    expect(route(wm, c({ subject: 'police' })).flags).toContain('consent-needed');
    expect(route(wm, c({ subject: 'partner-organisation' })).flags).toContain('consent-needed');
  });
  it('needs no consent when it was given, or for safeguarding, or for internal routes', () => {
    expect(route(wm, c({ subject: 'pcc', consentToShare: true })).flags).not.toContain('consent-needed');
    const safeguarding = route(wm, c({ subject: 'partner-organisation', safeguarding: true }));
    expect(safeguarding.flags).toEqual(['safeguarding']);
    expect(safeguarding.reason).toContain('designated safeguarding lead');
    expect(route(wm, c({ relationship: 'opcc-staff' })).flags).not.toContain('consent-needed');
    expect(route(wm, c({ whistleblowing: true })).flags).toEqual(['whistleblowing']);
    expect(route(wm, c({})).flags).not.toContain('consent-needed');
  });
  it('001 ¶11 "if the complaint alleges criminal behaviour, this must be submitted directly to West Midlands Police": marks it, and asks no consent (nothing is passed on)', () => {
    expect(route(wm, c({ allegesCrime: true })).flags).toEqual(['criminal-allegation']);
    expect(route(wm, c({ allegesCrime: true })).ruleId).toBe('criminal-allegation');
  });
  it('keeps the safeguarding flag on in-scope complaints', () => {
    expect(route(getProfile('wiltshire'), c({ safeguarding: true })).flags).toEqual([
      'safeguarding',
      'updates-to-subject',
    ]);
  });
});

describe('who may complain (000 §4)', () => {
  const rows: [Relationship, Subject, boolean][] = [
    ['affected', 'staff', true],
    ['affected', 'organisation', true],
    ['on-behalf', 'staff', true],
    ['on-behalf', 'organisation', true],
    ['witness', 'staff', true],
    ['witness', 'senior-manager', true],
    ['witness', 'chief-executive', true],
    ['witness', 'organisation', false],
  ];
  it.each(BUILT_IN_PROFILES.flatMap((p) => rows.map(([rel, subj, ok]) => [p.id, rel, subj, ok] as const)))(
    '%s: %s about %s eligible=%s',
    (profileId, relationship, subject, ok) => {
      const profile = getProfile(profileId);
      const r = route(profile, c({ relationship, subject }));
      expect(r.inScope).toBe(ok);
      if (!ok) {
        expect(r.redirectTo).toBe('not-eligible');
        expect(r.reason).toBe(profile.eligibility.explanation);
        expect(r.sources).toEqual([profile.eligibility.source]);
      }
    },
  );
});

describe('a fourth profile, written as data only', () => {
  const kent = parseProfile({
    ...JSON.parse(JSON.stringify(getProfile('wiltshire'))),
    id: 'kent',
    name: 'Office of the Police and Crime Commissioner for Kent',
    shortName: 'OPCC Kent',
    referencePrefix: 'KNT',
    roles: [
      { id: 'chief-executive', title: 'Chief Executive' },
      { id: 'pcc', title: 'Police and Crime Commissioner' },
      { id: 'head-of-governance', title: 'Head of Governance' },
    ],
    safeguarding: { alertRole: 'head-of-governance', source: 'Office practice' },
    eligibility: {
      service: ['affected'],
      conduct: ['affected', 'witness'],
      explanation: 'Only the person affected may complain.',
      source: 'KENT 2',
    },
    redirects: [
      {
        id: 'pcc',
        when: { subjects: ['pcc'] },
        target: 'police-and-crime-panel',
        contact: 'Kent and Medway Police and Crime Panel',
        explanation: 'The Panel deals with complaints about the PCC.',
        source: 'KENT 3',
      },
    ],
    routing: [
      {
        subject: 'staff',
        informalResolver: null,
        handler: 'head-of-governance',
        decisionMaker: 'head-of-governance',
        appealBody: 'chief-executive',
        source: 'KENT 4',
      },
      {
        subject: 'chief-executive',
        informalResolver: null,
        handler: 'pcc',
        decisionMaker: 'pcc',
        appealBody: null,
        escalated: true,
        source: 'KENT 4',
      },
    ],
    appeal: {
      allowed: true,
      noAppealWhenHandledBy: [],
      outcomes: [{ id: 'done', label: 'Decided', upheld: false, source: 'KENT 5' }],
      source: 'KENT 5',
    },
    lifecycle: {
      ...getProfile('wiltshire').lifecycle,
      transitions: getProfile('wiltshire').lifecycle.transitions.map((t) =>
        t.action === 'decide-appeal' ? { ...t, actors: ['chief-executive'] } : t,
      ),
      commonActions: getProfile('wiltshire').lifecycle.commonActions.filter(
        (a) => a.action !== 'handle-personally',
      ),
    },
    updatesToSubject: false,
  }) as PolicyProfile;

  it('routes by its own table, redirects and eligibility', () => {
    expect(route(kent, c({}))).toMatchObject({
      inScope: true,
      handler: 'head-of-governance',
      appealBody: 'chief-executive',
      sources: ['KENT 4'],
    });
    expect(route(kent, c({})).reason).toContain('The Head of Governance deals with it and decides.');
    expect(route(kent, c({ subject: 'chief-executive' })).flags).toEqual([
      'no-appeal',
      'escalated-senior-subject',
    ]);
    expect(route(kent, c({ subject: 'pcc' })).redirectTo).toBe('police-and-crime-panel');
    expect(route(kent, c({ relationship: 'on-behalf' })).redirectTo).toBe('not-eligible');
  });

  it('sends a subject its table does not name to review rather than guessing', () => {
    const r = route(kent, c({ subject: 'organisation' }));
    expect(r).toMatchObject({ inScope: false, redirectTo: null, handler: null });
    expect(r.reason).toContain('needs to decide');
  });
});
