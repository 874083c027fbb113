/** The pure parts of issue 11: linking a person's cases, removing their data from text, and the figures. */
import { describe, expect, it } from 'vitest';
import { getProfile } from '../../src/core/profile';
import { REMOVED, scrubText } from '../../src/core/anonymise';
import {
  arrangementParagraph,
  contactPhrase,
  withArrangementParagraph,
} from '../../src/core/contact-arrangement';
import { normalisePhone, parsePersonQuery, relatedCases } from '../../src/core/people';
import { buildReport, quarterOf, reportPeriods, type CaseFacts } from '../../src/core/reports';

describe('one person, however they write their details', () => {
  it('reads +44, 0044, spaces, dashes and a number Sheets stored without its 0 as one phone number', () => {
    for (const written of [
      '07700 900123',
      '+44 7700 900123',
      '0044-7700-900-123',
      '7700900123',
      '(07700) 900123',
    ])
      expect(normalisePhone(written)).toBe('07700900123');
    expect(normalisePhone('ext 123')).toBe('');
  });

  it('links cases through a shared email or phone, and through each other', () => {
    const links = relatedCases([
      { reference: 'A', email: 'Alex@Example.org ', phone: '' },
      { reference: 'B', email: '', phone: '07700 900123' },
      { reference: 'C', email: 'alex@example.org', phone: '+44 7700 900123' },
      { reference: 'D', email: 'someone.else@example.org', phone: '' },
      { reference: 'E', email: '', phone: '' },
    ]);
    expect(links.get('A')).toEqual(['B', 'C']);
    expect(links.get('B')).toEqual(['A', 'C']);
    expect(links.get('D')).toEqual([]);
    expect(links.get('E')).toEqual([]);
  });

  it('takes an email, a phone or a name to search by, and refuses what would find everyone', () => {
    expect(parsePersonQuery(' Alex@Example.org')).toEqual({ kind: 'email', value: 'alex@example.org' });
    expect(parsePersonQuery('07700 900123')).toEqual({ kind: 'phone', value: '07700900123' });
    expect(parsePersonQuery('Alex  Morgan')).toEqual({ kind: 'name', value: 'alex morgan' });
    expect(parsePersonQuery('Al')).toBeNull();
    expect(parsePersonQuery('@')).toBeNull();
  });
});

describe('removing a person from text', () => {
  const alex = {
    name: 'Alex Morgan',
    email: 'alex@example.org',
    phone: '07700 900123',
    address: '14 Canal Walk, Swindon SN1 2AB',
  };
  it('takes out their name, email, phone however spaced, address and postcode, and leaves other words', () => {
    const text =
      'Dear Alex Morgan, we wrote to alex@example.org and called +44 7700 900123. Post went to 14 Canal Walk, Swindon SN1 2AB (SN1 2AB). Alex Morganson is someone else.';
    const out = scrubText(text, alex);
    expect(out).not.toMatch(/Alex Morgan\b|alex@example|7700|Canal Walk|SN1 2AB/);
    expect(out).toContain('Alex Morganson');
    expect(out).toContain(`Dear ${REMOVED},`);
  });
});

const facts = (over: Partial<CaseFacts>): CaseFacts => ({
  received: '2026-04-10',
  channel: 'Online form',
  subject: 'Office staff member',
  route: 'Handled here',
  acknowledged: '2026-04-13',
  acknowledgeBy: '2026-04-17',
  updates: [],
  updateMissedSince: null,
  outcome: null,
  closed: null,
  appealReceived: null,
  appealUpheld: null,
  ...over,
});

describe('the figures offices publish', () => {
  it('uses financial quarters: April to June is Q1, January to March Q4 of the year before', () => {
    expect(quarterOf('2026-04-01')).toEqual({ label: 'Q1 2026/27', from: '2026-04-01', to: '2026-06-30' });
    expect(quarterOf('2027-02-28')).toEqual({ label: 'Q4 2026/27', from: '2027-01-01', to: '2027-03-31' });
    expect(reportPeriods('2026-11-24', '2024-05-01').map((p) => p.label)).toEqual([
      'Q1 2025/26',
      'Q2 2025/26',
      'Q3 2025/26',
      'Q4 2025/26',
      'Q1 2026/27',
      'Q2 2026/27',
      'Q3 2026/27',
      '2024/25',
      '2025/26',
      '2026/27',
    ]);
  });

  it('counts acknowledgements within 5 working days, updates on time, outcomes, appeals, the median days to close and redirects', () => {
    const report = buildReport(
      [
        facts({
          outcome: { label: 'Upheld', upheld: true },
          closed: '2026-05-10',
          appealReceived: '2026-05-20',
          appealUpheld: false,
          updates: [{ sent: '2026-05-01', due: '2026-05-08' }],
        }),
        facts({
          acknowledged: '2026-04-20',
          outcome: { label: 'Not upheld', upheld: false },
          closed: '2026-06-09',
          updates: [{ sent: '2026-05-12', due: '2026-05-08' }],
        }),
        facts({ acknowledged: null, route: 'Redirected: the force', updateMissedSince: '2026-05-08' }),
      ],
      '2026-11-24',
    );
    const value = (measure: string, period = 'Q1 2026/27') =>
      report.lines.find((l) => l.measure === measure)!.values[
        report.periods.findIndex((p) => p.label === period)
      ];
    expect(value('Complaints received')).toBe(3);
    expect(value('Acknowledged within 5 working days (%)')).toBe(50);
    expect(value('Updates sent on time (%)')).toBe(33.3);
    expect(value('Upheld')).toBe(1);
    expect(value('Not upheld')).toBe(1);
    expect(value('Median days to close')).toBe(45);
    expect(value('Appeals made')).toBe(1);
    expect(value('Appeals upheld')).toBe(0);
    expect(value('the force')).toBe(1);
    expect(value('Complaints received', 'Q2 2026/27')).toBe(0);
    expect(value('Complaints received', '2026/27')).toBe(3);
    expect(report.lines.every((l) => l.howCounted.length > 20)).toBe(true);
    expect(report.chart.header).toEqual(['Quarter', 'Online form']);
  });
});

describe('an unreasonable-contact arrangement in a letter (000 §11)', () => {
  const roles = getProfile('dyfed-powys').roles;

  it('says who to contact, how, and when it is reviewed, in English and in Welsh, after the greeting', () => {
    const a = { pointOfContact: 'Sian Evans', channel: 'post' as const, reviewBy: '2026-12-01' };
    expect(arrangementParagraph(a, roles, 'en')).toBe(
      'As we have told you, please contact Sian Evans only, by post. We will review this arrangement by Tuesday 1 December 2026.',
    );
    expect(arrangementParagraph(a, roles, 'cy')).toBe(
      'Fel y dywedon ni wrthych, cysylltwch â Sian Evans yn unig, drwy’r post. Byddwn yn adolygu’r trefniant hwn erbyn Dydd Mawrth 1 Rhagfyr 2026.',
    );
    expect(
      arrangementParagraph({ pointOfContact: '', channel: null, reviewBy: '2026-12-01' }, roles, 'en'),
    ).toBeNull();
    expect(withArrangementParagraph('Dear Sam,\n\nBody.', 'Para.')).toBe('Dear Sam,\n\nPara.\n\nBody.');
  });

  it('names one of the office\'s roles as "our …", says "ag" before a vowel in Welsh, and one channel alone reads naturally', () => {
    const role = { pointOfContact: ' chief  executive', channel: 'phone' as const, reviewBy: null };
    expect(arrangementParagraph(role, roles, 'en')).toBe(
      'As we have told you, please contact our Chief Executive only, by phone.',
    );
    expect(arrangementParagraph(role, roles, 'cy')).toBe(
      'Fel y dywedon ni wrthych, cysylltwch â’n Prif Weithredwr yn unig, dros y ffôn.',
    );
    expect(arrangementParagraph({ ...role, pointOfContact: 'Arweinydd diogelu' }, roles, 'cy')).toBe(
      'Fel y dywedon ni wrthych, cysylltwch â’n harweinydd diogelu yn unig, dros y ffôn.',
    );
    expect(arrangementParagraph({ ...role, pointOfContact: 'Alun Owen' }, roles, 'cy')).toBe(
      'Fel y dywedon ni wrthych, cysylltwch ag Alun Owen yn unig, dros y ffôn.',
    );
    expect(contactPhrase('Ynyr Jones', roles, 'cy')).toBe('ag Ynyr Jones');
    expect(contactPhrase('Yasmin Khan', roles, 'cy')).toBe('â Yasmin Khan');
    const channelOnly = { pointOfContact: '', channel: 'email' as const, reviewBy: null };
    expect(arrangementParagraph(channelOnly, roles, 'en')).toBe(
      'As we have told you, please contact us by email only.',
    );
    expect(arrangementParagraph(channelOnly, roles, 'cy')).toBe(
      'Fel y dywedon ni wrthych, cysylltwch â ni drwy e-bost yn unig.',
    );
  });
});
