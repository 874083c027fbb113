/**
 * Letters that are true (issue 9, Deliver 3), as pure decisions: the rule that matched, consent, staff
 * guidance, working-day promises, the office's contact block and who signs.
 */
import { describe, expect, it } from 'vitest';
import { makeCalendar } from '../../src/core/calendar';
import { newCaseRecord } from '../../src/core/case-record';
import { computeClocks, nextUpdateBy } from '../../src/core/clocks';
import { firstLetters } from '../../src/core/correspondence';
import { KIND_INFO } from '../../src/core/letters/kinds';
import {
  defaultTemplates,
  hasStaffGuidance,
  pickTemplate,
  renderLetter,
} from '../../src/core/letters/render';
import { letterValues, officeContactBlock, signatureFor } from '../../src/core/letters/values';
import { intake } from '../../src/core/intake';
import { BUILT_IN_PROFILES, getProfile } from '../../src/core/profile';
import { redirectRuleOf, route } from '../../src/core/routing';
import type { CaseRecord, Submission } from '../../src/core/model';
import { SUBMISSION } from './fixtures';

const submission: Submission = SUBMISSION;

const calendar = makeCalendar();

function caseFor(policy: string, overrides: Partial<Submission> = {}, extra: Partial<CaseRecord> = {}) {
  const profile = getProfile(policy);
  const checked = intake({ ...submission, ...overrides });
  if (!checked.ok) throw new Error('invalid');
  const routed = route(profile, checked.complaint);
  const record = newCaseRecord({
    reference: 'REF-1',
    policyId: policy,
    receivedAt: new Date('2026-03-02T10:00:00Z'),
    state: routed.inScope ? profile.lifecycle.initial.inScope : profile.lifecycle.initial.redirected,
    complaint: checked.complaint,
    route: routed,
    ...extra,
  });
  return { profile, record };
}

function letter(policy: string, kind: 'redirect' | 'acknowledgement', overrides: Partial<Submission> = {}) {
  const { profile, record } = caseFor(policy, overrides);
  const language = overrides.language ?? 'en';
  const values = letterValues(
    profile,
    record,
    computeClocks(profile, record, record.receivedAt, calendar),
    language,
  );
  const variant = kind === 'redirect' ? (record.route?.redirectTo ?? '') : '';
  const template = pickTemplate(defaultTemplates(profile), kind, language, variant)!;
  return renderLetter(template, values).text;
}

describe('the letter comes from the redirect rule that matched', () => {
  const police = [
    ['dyfed-powys', '000 §5 "Staff and Officers under the direction and control of the Chief Constable"'],
    [
      'west-midlands',
      '001 ¶2 "All complaints about police officers and plice staff must be submitted to West Midlands Police"',
    ],
    ['wiltshire', '002 §3 "Complaints about members of Wiltshire Police are subject to separate procedures"'],
  ] as const;
  it.each(police)(
    '%s: a complaint about a police officer gets the force letter, not the crime one (%s)',
    (policy) => {
      const { profile, record } = caseFor(policy, { subject: 'police' });
      expect(record.route?.ruleId).toBe('police-to-force');
      const text = letter(policy, 'redirect', { subject: 'police' });
      const rule = profile.redirects.find((r) => r.id === 'police-to-force')!;
      expect(text).toContain(rule.contact);
      expect(text).toContain(rule.explanation);
      expect(text).not.toMatch(
        /crime must be reported|criminal behaviour must be reported|possible crime|999/,
      );
    },
  );

  it('a complaint alleging a crime still gets the crime letter', () => {
    for (const policy of ['dyfed-powys', 'west-midlands', 'wiltshire']) {
      const { record } = caseFor(policy, { allegesCrime: true });
      expect(record.route?.ruleId).toBe('criminal-allegation');
      expect(letter(policy, 'redirect', { allegesCrime: true })).toContain('999');
    }
  });

  it('an older row without the rule id falls back to the first rule with the same target', () => {
    const profile = getProfile('wiltshire');
    const { record } = caseFor('wiltshire', { subject: 'police' });
    const old = { ...record.route!, ruleId: undefined };
    expect(redirectRuleOf(profile, old)?.id).toBe('criminal-allegation');
    expect(redirectRuleOf(profile, record.route)?.id).toBe('police-to-force');
  });

  it('the default police opening, English and Welsh, does not say "or about a possible crime"', () => {
    for (const t of defaultTemplates(getProfile('dyfed-powys')).filter((x) => x.kind === 'redirect'))
      expect(t.body).not.toMatch(/possible crime|trosedd bosibl/);
  });
});

describe('consent decides the wording (001 ¶10 "consent will be sought from the complainant before personal data is shared")', () => {
  const passedOn = BUILT_IN_PROFILES.flatMap((p) =>
    p.redirects
      .filter((r) => ['police-and-crime-panel', 'police-force', 'partner-organisation'].includes(r.target))
      .filter((r) => r.reportDirectly !== true)
      .map((r) => [p.id, r.id] as const),
  );
  const overridesFor = (policy: string, ruleId: string): Partial<Submission> => {
    const rule = getProfile(policy).redirects.find((r) => r.id === ruleId)!;
    return {
      ...(rule.when.subjects ? { subject: rule.when.subjects[0] } : {}),
      ...(rule.when.relationships ? { relationship: rule.when.relationships[0] } : {}),
      ...(rule.when.allegesCrime ? { allegesCrime: true } : {}),
    };
  };

  it.each(passedOn)(
    '%s %s: never both promises to send it on and asks them to contact the body',
    (policy, ruleId) => {
      const base = overridesFor(policy, ruleId);
      const languages = getProfile(policy).languages;
      for (const language of languages) {
        const without = letter(policy, 'redirect', { ...base, language, consentToShare: false });
        const withConsent = letter(policy, 'redirect', { ...base, language, consentToShare: true });
        expect(without).not.toMatch(/We will send|Byddwn yn anfon eich cwyn|Byddwn yn ei hanfon/);
        expect(without).toMatch(/contact them yourself|cysylltwch â nhw eich hun/);
        expect(withConsent).not.toMatch(/contact them yourself|cysylltwch â nhw eich hun/);
        expect(withConsent).toMatch(/We will send it|Byddwn yn ei hanfon/);
      }
    },
  );

  it.each(['dyfed-powys', 'west-midlands', 'wiltshire'])(
    '%s: a crime "must be submitted directly" (001 ¶11): no offer to pass it on, with or without consent',
    (policy) => {
      for (const consentToShare of [true, false]) {
        const text = letter(policy, 'redirect', { allegesCrime: true, consentToShare });
        expect(text).not.toMatch(/We will send|contact them yourself|send it to them for you/);
        const { profile, record } = caseFor(policy, { allegesCrime: true, consentToShare });
        expect(firstLetters(profile, record).map((l) => l.kind)).toEqual(['redirect']);
      }
    },
  );

  it('no redirect explanation in any profile tells them to complain themselves or promises to send it on', () => {
    for (const p of BUILT_IN_PROFILES)
      for (const r of p.redirects)
        expect(`${r.explanation} ${r.explanationCy ?? ''}`).not.toMatch(
          /please complain to|gwnewch eich cwyn/i,
        );
  });

  it('no redirect explanation in any profile promises to send the complaint on', () => {
    for (const p of BUILT_IN_PROFILES)
      for (const r of p.redirects)
        expect(`${r.explanation} ${r.explanationCy ?? ''}`).not.toMatch(
          /we will (send|pass|forward)|byddwn yn anfon/i,
        );
  });

  it('a safeguarding concern passes it on without consent, and says so', () => {
    const text = letter('west-midlands', 'redirect', { subject: 'partner-organisation', safeguarding: true });
    expect(text).toContain('risk to someone’s safety');
    expect(text).not.toContain('contact them yourself');
  });

  it('where the office passes it on, a to-do task for staff is queued with the body’s contact; none otherwise', () => {
    const kinds = (o: Partial<Submission>) => {
      const { profile, record } = caseFor('wiltshire', o);
      return firstLetters(profile, record);
    };
    expect(kinds({ subject: 'pcc' }).map((l) => l.kind)).toEqual(['redirect']);
    const consented = kinds({ subject: 'pcc', consentToShare: true });
    expect(consented.map((l) => l.kind)).toEqual(['redirect', 'pass-on']);
    const task = consented[1]!;
    expect(task.key).toBe('REF-1|pass-on|-|0');
    expect(task.extra.passOnReason).toMatch(/agreed/);
    expect(kinds({ subject: 'pcc', safeguarding: true }).map((l) => l.kind)).toEqual(['redirect', 'pass-on']);
    // Grievance and whistleblowing stay inside the office: nothing is passed on.
    expect(kinds({ whistleblowing: true, consentToShare: true }).map((l) => l.kind)).toEqual(['redirect']);
    const profile = getProfile('wiltshire');
    const { record } = caseFor('wiltshire', { subject: 'pcc', consentToShare: true });
    const values = letterValues(
      profile,
      record,
      computeClocks(profile, record, record.receivedAt, calendar),
      'en',
      {
        ...task.extra,
      },
    );
    const body = renderLetter(pickTemplate(defaultTemplates(profile), 'pass-on', 'en', '')!, values).text;
    expect(body).toContain(profile.redirects.find((r) => r.id === 'pcc-to-panel')!.contact);
    expect(body).toContain('set this row’s Status to done'.replace('’', "'"));
  });
});

describe('bracketed guidance for staff', () => {
  it('is found in the default outcome, appeal outcome and progress update drafts, English and Welsh', () => {
    const templates = defaultTemplates(getProfile('dyfed-powys'));
    for (const kind of ['outcome', 'appeal-outcome', 'progress-update'] as const)
      for (const language of ['en', 'cy'] as const) {
        const t = templates.find((x) => x.kind === kind && x.language === language)!;
        expect(hasStaffGuidance(t.body), `${kind} ${language}`).toBe(true);
        expect(hasStaffGuidance(t.body.replace(/^\[.*\]$/m, 'We found that you were right.'))).toBe(false);
      }
  });

  it('only as a line wholly in brackets, not brackets within a sentence', () => {
    expect(hasStaffGuidance('Dear Ann,\n\n  [Explain the reasons.]  \n\nYours')).toBe(true);
    expect(hasStaffGuidance('Dear Ann,\r\n[Explain]\r\nYours')).toBe(true);
    expect(hasStaffGuidance('We wrote to you (see [1]) on Monday.')).toBe(false);
  });

  it('no other default letter holds any', () => {
    for (const p of BUILT_IN_PROFILES)
      for (const t of defaultTemplates(p))
        if (!['outcome', 'appeal-outcome', 'progress-update'].includes(t.kind))
          expect(hasStaffGuidance(t.body), `${t.kind} ${t.variant}`).toBe(false);
  });
});

describe('every date promised to the public falls on a working day', () => {
  const wilts = getProfile('wiltshire');
  it('002 §4.5 "an update every 28 days": an update due on a Saturday is promised for the Friday before', () => {
    // Received Saturday 4 April 2026 + 28 days = Saturday 2 May; Friday 1 May is the promise.
    const { record } = caseFor('wiltshire', {}, { receivedAt: new Date('2026-04-04T10:00:00Z') });
    const c = computeClocks(wilts, record, record.receivedAt, calendar);
    expect(c.updateBy).toBe('2026-05-01');
  });

  it('a promise landing on a bank holiday or an office closure day moves to the working day before', () => {
    // Received Monday 27 April + 28 days = Monday 25 May (Spring bank holiday): Friday 22 May.
    const { record } = caseFor('wiltshire', {}, { receivedAt: new Date('2026-04-27T10:00:00Z') });
    expect(computeClocks(wilts, record, record.receivedAt, calendar).updateBy).toBe('2026-05-22');
    const closed = makeCalendar(['2026-05-22']);
    expect(computeClocks(wilts, record, record.receivedAt, closed).updateBy).toBe('2026-05-21');
  });

  it('002 §4.7 "Appeals must be raised within 28 days": a window ending on a Sunday runs to the Monday', () => {
    // Closed Sunday 8 March + 28 days = Sunday 5 April (Easter Sunday): the window runs to Tuesday 7 April,
    // the first working day after Easter Monday.
    const { record } = caseFor(
      'wiltshire',
      {},
      { state: 'closed', closedAt: new Date('2026-03-08T10:00:00Z') },
    );
    const c = computeClocks(wilts, record, new Date('2026-03-09T10:00:00Z'), calendar);
    expect(c.appealBy).toBe('2026-04-07');
  });

  it('the progress update promises the next cycle, not the date this one was due', () => {
    const { record } = caseFor('wiltshire');
    const c = computeClocks(wilts, record, new Date('2026-03-26T08:00:00Z'), calendar);
    expect(c.updateBy).toBe('2026-03-30');
    expect(nextUpdateBy(wilts, c, calendar)).toBe('2026-04-27');
    expect(nextUpdateBy(getProfile('west-midlands'), c, calendar)).toBeNull();
  });
});

describe('the office contact block and who signs', () => {
  it('000 §6 "Email: OPCC@dyfed-powys.police.uk Post: ... Llangunnor SA31 2PF" fills the Dyfed-Powys contact', () => {
    const dp = getProfile('dyfed-powys');
    expect(dp.officeContact?.email).toBe('OPCC@dyfed-powys.police.uk');
    expect(dp.officeContact?.address).toContain('Llangunnor SA31 2PF');
    expect(getProfile('wiltshire').officeContact?.email).toBe('complaints@wiltshire.police.uk');
    expect(getProfile('west-midlands').officeContact).toBeUndefined();
  });

  it('leaves out blank parts, in English and Welsh', () => {
    expect(officeContactBlock({ address: 'A, B', phone: '', email: 'x@y.uk' }, 'en')).toBe(
      'Address: A, B\nEmail: x@y.uk',
    );
    expect(officeContactBlock({ phone: '01234 567890' }, 'cy')).toBe('Ffôn: 01234 567890');
    expect(officeContactBlock({}, 'en')).toBe('');
  });

  it('a letter with no office contact ends with the office name, with no blank lines left behind', () => {
    const text = letter('west-midlands', 'acknowledgement');
    expect(
      text.endsWith('Complaints Team\nOffice of the Police and Crime Commissioner for the West Midlands'),
    ).toBe(true);
  });

  it('000 §9 "You will receive a letter from the person considering your complaint": the outcome is signed by the decision maker', () => {
    const { profile, record } = caseFor('dyfed-powys');
    expect(signatureFor(profile, record, 'outcome', 'en')).toBe('Chief Executive');
    expect(signatureFor(profile, record, 'outcome', 'cy')).toBe('Prif Weithredwr');
    expect(signatureFor(profile, record, 'acknowledgement', 'en')).toBe('Complaints Team');
    expect(signatureFor(profile, record, 'acknowledgement', 'cy')).toBe('Tîm Cwynion');
    const w = caseFor('wiltshire');
    expect(signatureFor(w.profile, w.record, 'outcome', 'en')).toBe('Director of Operations');
    expect(signatureFor(w.profile, w.record, 'appeal-outcome', 'en')).toBe('Chief Executive');
    // 002 §4.8 "the handling of a complaint may be undertaken by the Chief Executive": then they sign it.
    const personal = { ...w.record, handledBy: 'chief-executive' };
    expect(signatureFor(w.profile, personal, 'outcome', 'en')).toBe('Chief Executive');
    expect(KIND_INFO.outcome.signedBy).toBe('decision-maker');
    expect(KIND_INFO['appeal-outcome'].signedBy).toBe('appeal-body');
  });
});

describe('redirect letters give a usable contact', () => {
  it('000 §6 "Dyfed Powys Police And Crime Panel (dppoliceandcrimepanel.wales)": every police and panel redirect says how to reach them', () => {
    for (const p of BUILT_IN_PROFILES)
      for (const r of p.redirects.filter((x) =>
        ['police-force', 'police-and-crime-panel'].includes(x.target),
      )) {
        for (const contact of [r.contact, r.contactCy].filter((c): c is string => c !== undefined))
          expect(contact, `${p.id} ${r.id}`).toMatch(/\b\d{3}\b|[a-z0-9-]+\.(uk|wales|org\.uk|gov\.uk)\b/i);
      }
    expect(getProfile('dyfed-powys').redirects.find((r) => r.id === 'pcc-to-panel')!.contact).toContain(
      'dppoliceandcrimepanel.wales',
    );
  });
});

describe('the acknowledgement says who looks at the complaint and who decides, once', () => {
  it('001 ¶10 "the Deputy Chief Executive shall decide on the responsibility for dealing with a complaint either by responding to the complainant personally": one sentence when one person does both', () => {
    const text = letter('west-midlands', 'acknowledgement');
    expect(text).toContain('Our Deputy Chief Executive will look at your complaint and decide what happens.');
    expect(text.match(/Deputy Chief Executive/g)).toHaveLength(1);
  });

  it('002 §4.9 (informal resolution by the Complaints Team Leader, decision by the Director of Operations): two people, two sentences', () => {
    expect(letter('wiltshire', 'acknowledgement')).toContain(
      'Our Complaints Team Leader will look at your complaint first. Our Director of Operations will decide what happens.',
    );
  });

  it('000 §6 "The Chief Executive is the Appropriate Authority", in Welsh: one sentence', () => {
    const text = letter('dyfed-powys', 'acknowledgement', { language: 'cy' });
    expect(text).toContain(
      'Pwy fydd yn edrych ar eich cwyn ac yn penderfynu beth sy’n digwydd: Prif Weithredwr.',
    );
  });
});
