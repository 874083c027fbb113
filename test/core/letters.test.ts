import { describe, expect, it } from 'vitest';
import { makeCalendar } from '../../src/core/calendar';
import { newCaseRecord } from '../../src/core/case-record';
import { computeClocks } from '../../src/core/clocks';
import { dueLetters, firstLetters, letterKey } from '../../src/core/correspondence';
import { KIND_INFO, LETTER_KINDS } from '../../src/core/letters/kinds';
import {
  checkTemplate,
  checkTemplates,
  defaultTemplates,
  pickTemplate,
  renderLetter,
} from '../../src/core/letters/render';
import { letterValues, longDate } from '../../src/core/letters/values';
import { intake } from '../../src/core/intake';
import { BUILT_IN_PROFILES, getProfile } from '../../src/core/profile';
import { route } from '../../src/core/routing';
import type { Submission } from '../../src/core/model';
import { SUBMISSION } from './fixtures';

const submission: Submission = SUBMISSION;

function caseFor(policy: string, overrides: Partial<Submission> = {}) {
  const profile = getProfile(policy);
  const checked = intake({ ...submission, ...overrides });
  if (!checked.ok) throw new Error('invalid');
  const routed = route(profile, checked.complaint);
  const record = newCaseRecord({
    reference: 'REF-1',
    policyId: policy,
    receivedAt: new Date('2026-03-02T10:00:00Z'),
    state: profile.lifecycle.initial.inScope,
    complaint: checked.complaint,
    route: routed,
  });
  return { profile, record };
}

describe('default letters', () => {
  it.each(BUILT_IN_PROFILES.map((p) => [p.id, p] as const))(
    'all pass the template check for %s',
    (_id, profile) => {
      expect(checkTemplates(defaultTemplates(profile))).toEqual([]);
    },
  );

  it('exist in Welsh for the Welsh office only, for every letter to a complainant', () => {
    const welsh = defaultTemplates(getProfile('dyfed-powys')).filter((t) => t.language === 'cy');
    expect(welsh.map((t) => t.kind)).toEqual(
      expect.arrayContaining(['acknowledgement', 'redirect', 'not-eligible', 'outcome', 'appeal-outcome']),
    );
    expect(defaultTemplates(getProfile('wiltshire')).some((t) => t.language === 'cy')).toBe(false);
  });

  it('cover every letter kind, and every redirect target with its own letter', () => {
    const templates = defaultTemplates(getProfile('west-midlands'));
    for (const kind of LETTER_KINDS) expect(templates.some((t) => t.kind === kind)).toBe(true);
    const variants = templates.filter((t) => t.kind === 'redirect').map((t) => t.variant);
    expect(variants.sort()).toEqual([
      'grievance',
      'partner-organisation',
      'police-and-crime-panel',
      'police-force',
      'whistleblowing',
    ]);
  });

  it('never promise an appeal where the policy gives none', () => {
    const { profile, record } = caseFor('dyfed-powys');
    const clocks = computeClocks(profile, record, new Date('2026-03-02T10:00:00Z'), makeCalendar());
    const ack = renderLetter(
      pickTemplate(defaultTemplates(profile), 'acknowledgement', 'en', '')!,
      letterValues(profile, record, clocks, 'en'),
    );
    expect(ack.text).toMatch(/final/);
    expect(ack.text).not.toMatch(/review within|appeal/i);
    const wilts = caseFor('wiltshire');
    const wClocks = computeClocks(
      wilts.profile,
      wilts.record,
      new Date('2026-03-02T10:00:00Z'),
      makeCalendar(),
    );
    const wAck = renderLetter(
      pickTemplate(defaultTemplates(wilts.profile), 'acknowledgement', 'en', '')!,
      letterValues(wilts.profile, wilts.record, wClocks, 'en'),
    );
    expect(wAck.text).toMatch(/ask for a review within 28 days/);
  });
});

describe('rendering', () => {
  it('escapes every inserted value in the HTML and keeps the plain text as written', () => {
    const letter = renderLetter(
      { subject: 'Hi {{name}}', body: 'Dear {{name}},\n\nA & B "quoted"' },
      { name: '<b>Jo</b>' },
    );
    expect(letter.html).toBe('<p>Dear &lt;b&gt;Jo&lt;/b&gt;,</p>\n<p>A &amp; B &quot;quoted&quot;</p>');
    expect(letter.text).toBe('Dear <b>Jo</b>,\n\nA & B "quoted"');
    expect(letter.subject).toBe('Hi <b>Jo</b>');
  });

  it('reports unknown placeholders with a suggestion, missing required ones and unpaired braces', () => {
    expect(
      checkTemplate('acknowledgement', { subject: 'Ref {{refrence}}', body: 'Dear {{name}} {{' }),
    ).toEqual([
      '{{refrence}} is not a placeholder we know (did you mean {{reference}}?).',
      'Some {{ and }} do not pair up.',
      'It must include {{reference}}.',
    ]);
  });

  it('writes dates long-form in English and Welsh', () => {
    expect(longDate('2026-03-06', 'en')).toBe('Friday 6 March 2026');
    expect(longDate('2026-03-06', 'cy')).toBe('Dydd Gwener 6 Mawrth 2026');
  });
});

describe('which letters are due', () => {
  it('acknowledges an in-scope case and assigns it; redirects an out-of-scope one', () => {
    const inScope = caseFor('wiltshire');
    expect(firstLetters(inScope.profile, inScope.record).map((l) => l.kind)).toEqual([
      'acknowledgement',
      'case-assigned',
    ]);
    const panel = caseFor('wiltshire', { subject: 'pcc' });
    expect(firstLetters(panel.profile, panel.record).map((l) => [l.kind, l.variant])).toEqual([
      ['redirect', 'police-and-crime-panel'],
    ]);
  });

  it('gives stable idempotency keys, one update reminder per cycle and one escalation per missed deadline', () => {
    const { profile, record } = caseFor('wiltshire');
    const calendar = makeCalendar();
    const seen = new Map<string, number>();
    for (let day = 0; day < 60; day++) {
      const now = new Date(Date.UTC(2026, 2, 2 + day, 7));
      for (const l of dueLetters(
        profile,
        record,
        computeClocks(profile, record, now, calendar),
        now,
        calendar,
      )) {
        seen.set(l.key, (seen.get(l.key) ?? 0) + 1);
      }
    }
    const keys = [...seen.keys()];
    // Wiltshire keeps the member of staff complained about informed too (002 §4.6): a second, separate key.
    expect(keys.filter((k) => k.includes('|update-due|') || k.includes('|subject-update|'))).toEqual([
      'REF-1|update-due|-|2026-03-30',
      'REF-1|subject-update|progress|2026-03-30',
    ]);
    expect(keys.filter((k) => k.includes('|overdue|')).sort()).toEqual([
      'REF-1|overdue|-|ack-2026-03-09',
      'REF-1|overdue|-|update-2026-03-30',
    ]);
    expect(letterKey('REF-1', 'digest', '', '2026-03-02')).toBe('REF-1|digest|-|2026-03-02');
  });
});

describe('appeal reminders', () => {
  it('reminds the handler as the appeal window closes, and the appeal body as a decision comes due', () => {
    const { profile, record } = caseFor('wiltshire');
    const calendar = makeCalendar();
    const closed = {
      ...record,
      state: 'closed',
      outcome: 'not-upheld-vexatious',
      closedAt: new Date('2026-04-01T10:00:00Z'),
    };
    const near = new Date('2026-04-27T07:00:00Z');
    const windowReminders = dueLetters(
      profile,
      closed,
      computeClocks(profile, closed, near, calendar),
      near,
      calendar,
    );
    expect(windowReminders.map((l) => [l.kind, l.variant, l.toRole, l.cycle])).toEqual([
      ['update-due', 'appeal-window', 'complaints-team-leader', '2026-04-29'],
    ]);
    const early = new Date('2026-04-10T07:00:00Z');
    expect(
      dueLetters(profile, closed, computeClocks(profile, closed, early, calendar), early, calendar),
    ).toEqual([]);
    const appealed = {
      ...closed,
      state: 'appeal',
      appealedAt: new Date('2026-04-20T10:00:00Z'),
      appealAcknowledgedAt: new Date('2026-04-20T11:00:00Z'),
    };
    const later = new Date('2026-05-08T07:00:00Z');
    const decision = dueLetters(
      profile,
      appealed,
      computeClocks(profile, appealed, later, calendar),
      later,
      calendar,
    );
    expect(decision.map((l) => [l.variant, l.toRole])).toContainEqual(['appeal-decision', 'chief-executive']);
  });
});

describe('letters for every policy', () => {
  const complainantKinds = LETTER_KINDS.filter((k) => KIND_INFO[k].audience === 'complainant');

  it('have a Welsh version of every letter to a complainant where the office writes in Welsh', () => {
    const all = defaultTemplates(getProfile('dyfed-powys'));
    const english = all.filter((t) => t.language === 'en' && complainantKinds.includes(t.kind));
    for (const t of english) {
      expect(all.some((w) => w.language === 'cy' && w.kind === t.kind && w.variant === t.variant)).toBe(true);
    }
    expect(pickTemplate(all, 'acknowledgement', 'cy', '')?.body).toMatch(/^Annwyl \{\{name\}\}/);
    expect(pickTemplate(all, 'acknowledgement', 'cy', '')?.body).toMatch(/Yn gywir/);
  });

  it('keep staff letters in English, and Welsh ones in Welsh', () => {
    const all = defaultTemplates(getProfile('dyfed-powys'));
    expect(all.filter((t) => t.language === 'cy' && KIND_INFO[t.kind].audience === 'staff')).toEqual([]);
    for (const t of all.filter((w) => w.language === 'cy')) {
      expect(t.body).not.toMatch(/\b(Dear|Thank you|Yours sincerely|complaint)\b/);
    }
  });

  it.each(['dyfed-powys', 'west-midlands', 'wiltshire'])(
    'fill every placeholder of every %s letter (no {{…}} left, no "undefined")',
    (policy) => {
      const { profile, record } = caseFor(policy);
      const clocks = computeClocks(profile, record, new Date('2026-03-02T10:00:00Z'), makeCalendar());
      for (const t of defaultTemplates(profile)) {
        const values = letterValues(profile, record, clocks, t.language, {
          caseLink: 'https://example.org/sheet',
          overdueWhat: 'x',
          today: 'Monday 2 March 2026',
          digestNew: 'none',
          digestDueToday: 'none',
          digestOverdue: 'none',
        });
        const letter = renderLetter(t, values);
        expect(letter.text).not.toMatch(/\{\{|\}\}|undefined|null/);
        expect(letter.subject).not.toMatch(/\n/);
      }
    },
  );
});

describe('promises about timescales', () => {
  const render = (policy: string, kind: 'acknowledgement' | 'outcome', change = {}) => {
    const { profile, record } = caseFor(policy);
    const r = { ...record, ...change };
    const now = new Date('2026-04-02T10:00:00Z');
    const clocks = computeClocks(profile, r, now, makeCalendar());
    return renderLetter(
      pickTemplate(defaultTemplates(profile), kind, 'en', '')!,
      letterValues(profile, r, clocks, 'en'),
    ).text;
  };
  const closed = {
    state: 'closed',
    outcome: 'not-upheld-vexatious',
    closedAt: new Date('2026-04-01T10:00:00Z'),
  };

  it('give the appeal deadline and who hears it in the outcome where there is an appeal', () => {
    const text = render('wiltshire', 'outcome', closed);
    expect(text).toMatch(/ask for a review\. Please reply to this letter by Wednesday 29 April 2026/);
    expect(text).toMatch(/Our Chief Executive will consider it/);
  });

  it('never promise an appeal when the Chief Executive handled the case personally (Wiltshire §4.8)', () => {
    for (const kind of ['acknowledgement', 'outcome'] as const) {
      const text = render('wiltshire', kind, { ...closed, handledBy: 'chief-executive' });
      expect(text).toMatch(/final/);
      expect(text).not.toMatch(/review|appeal/i);
    }
  });

  it('never promise an appeal in a Dyfed-Powys outcome, in English or Welsh', () => {
    const { profile, record } = caseFor('dyfed-powys', { language: 'cy' });
    const outcome = profile.outcomes[0]!.id;
    const r = { ...record, state: 'closed', outcome, closedAt: new Date('2026-04-01T10:00:00Z') };
    const clocks = computeClocks(profile, r, new Date('2026-04-02T10:00:00Z'), makeCalendar());
    for (const language of ['en', 'cy'] as const) {
      const values = letterValues(profile, r, clocks, language);
      expect(values.appealWindow).toBe('');
      const text = renderLetter(
        pickTemplate(defaultTemplates(profile), 'outcome', language, '')!,
        values,
      ).text;
      expect(text).not.toMatch(/review|appeal|adolygiad|apêl/i);
    }
  });

  it('derive update promises from the policy, and make none up where it sets no figure', () => {
    const wilts = caseFor('wiltshire');
    const wClocks = computeClocks(wilts.profile, wilts.record, wilts.record.receivedAt, makeCalendar());
    const w = letterValues(wilts.profile, wilts.record, wClocks, 'en');
    expect(w.updateEvery).toBe('every 28 days');
    expect(w.updateSentence).toBe(
      'We will update you on progress at least every 28 days. You will hear from us by Monday 30 March 2026 at the latest.',
    );
    const wm = caseFor('west-midlands');
    const m = letterValues(
      wm.profile,
      wm.record,
      computeClocks(wm.profile, wm.record, wm.record.receivedAt, makeCalendar()),
      'en',
    );
    expect(m.updateEvery).toBe('');
    expect(m.updateSentence).toBe('We will keep you informed while we deal with your complaint.');
    expect(m.appealWindow).toBe('20 days');
  });

  it('mention consent only where the complaint could be passed to another body', () => {
    const values = (overrides: Partial<Submission>) => {
      const { profile, record } = caseFor('west-midlands', overrides);
      return letterValues(
        profile,
        record,
        computeClocks(profile, record, record.receivedAt, makeCalendar()),
        'en',
      );
    };
    expect(values({ subject: 'pcc' }).consentSentence).toMatch(/not given us permission/);
    expect(values({ subject: 'pcc', consentToShare: true }).consentSentence).toMatch(/You told us we may/);
    expect(values({ relationship: 'opcc-staff' }).consentSentence).toBe('');
  });
});

describe('rendering hostile values', () => {
  it('escapes <script>, ampersands and both quotes in the HTML, and leaves the text alone', () => {
    const letter = renderLetter(
      { subject: 'Re: {{name}}', body: 'Dear {{name}},\n\nYou said: {{outcome}}\nThanks.' },
      { name: '<script>alert(1)</script>', outcome: `Tom & "Jerry" 'quoted'` },
    );
    expect(letter.html).toBe(
      '<p>Dear &lt;script&gt;alert(1)&lt;/script&gt;,</p>\n<p>You said: Tom &amp; &quot;Jerry&quot; &#39;quoted&#39;<br>Thanks.</p>',
    );
    expect(letter.text).toBe(`Dear <script>alert(1)</script>,\n\nYou said: Tom & "Jerry" 'quoted'\nThanks.`);
    expect(letter.html).not.toMatch(/<script/);
  });

  it('keeps the subject on one line whatever is put in it', () => {
    expect(renderLetter({ subject: 'About {{name}}', body: 'x' }, { name: 'A\nBcc: x@y.z' }).subject).toBe(
      'About A Bcc: x@y.z',
    );
  });

  it('does not put a value’s own {{…}} through the template again', () => {
    expect(
      renderLetter(
        { subject: 's', body: '{{name}} {{reference}}' },
        { name: '{{reference}}', reference: 'R' },
      ).text,
    ).toBe('{{reference}} R');
  });
});

describe('checking templates', () => {
  it('flags a placeholder that would come out blank in that kind of letter', () => {
    expect(
      checkTemplate('acknowledgement', {
        subject: '{{reference}}',
        body: 'See {{caseLink}} and {{digestNew}}',
      }),
    ).toEqual([
      '{{caseLink}} has no value in this kind of letter, so it would come out blank.',
      '{{digestNew}} has no value in this kind of letter, so it would come out blank.',
    ]);
  });

  it('catches empty parts, unknown kinds and half-written placeholders', () => {
    expect(checkTemplate('redirect', { subject: ' ', body: '' })).toEqual([
      'The subject is empty.',
      'The letter is empty.',
      'It must include {{reference}}.',
      'It must include {{redirectContact}}.',
    ]);
    expect(checkTemplate('thank-you', { subject: 'x', body: 'y' })).toEqual([
      '"thank-you" is not a kind of letter we send.',
    ]);
    expect(
      checkTemplate('not-eligible', { subject: '{{reference}}', body: 'Dear {{ name }, {name}}' }),
    ).toEqual(['Some {{ and }} do not pair up.']);
  });

  it('reports each problem once per template, with the template it belongs to', () => {
    const report = checkTemplates([
      {
        kind: 'outcome',
        language: 'cy',
        variant: '',
        subject: '{{reference}}',
        body: '{{outcom}} {{outcom}}',
      },
    ]);
    expect(report).toEqual([
      {
        kind: 'outcome',
        language: 'cy',
        variant: '',
        problems: [
          '{{outcom}} is not a placeholder we know (did you mean {{outcome}}?).',
          'It must include {{outcome}}.',
        ],
      },
    ]);
  });
});
