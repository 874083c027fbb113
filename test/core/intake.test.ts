import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { intake, sanitiseText, TEXT_LIMITS } from '../../src/core/intake';

const valid = {
  channel: 'form',
  name: 'Alex Jones',
  email: 'alex@example.com',
  preferredContact: 'email',
  relationship: 'affected',
  subject: 'staff',
  description: 'Nobody answered my letter of 3 March about the grant.',
};

function problemsOf(raw: unknown) {
  const r = intake(raw);
  if (r.ok) throw new Error('expected problems');
  return r;
}

describe('intake: valid submissions', () => {
  it('accepts a minimal valid submission and defaults the language to English', () => {
    const r = intake(valid);
    expect(r).toEqual({ ok: true, complaint: { ...valid, language: 'en' } });
  });

  it.each([
    ['yes', true],
    ['no', false],
    ['true', true],
    ['Ie', true],
    ['Na', false],
    [' YES ', true],
    [false, false],
  ])('reads %j as %s', (answer, expected) => {
    const r = intake({ ...valid, safeguarding: answer, consentToShare: answer });
    expect(r.ok && r.complaint.safeguarding).toBe(expected);
    expect(r.ok && r.complaint.consentToShare).toBe(expected);
  });

  it('reads enum answers loosely (case, spaces, Welsh names)', () => {
    const r = intake({ ...valid, relationship: 'On behalf', preferredContact: 'Email', language: 'Cymraeg' });
    expect(r.ok && [r.complaint.relationship, r.complaint.preferredContact, r.complaint.language]).toEqual([
      'on-behalf',
      'email',
      'cy',
    ]);
  });

  it('trims text and drops empty optional answers', () => {
    const r = intake({ ...valid, name: '  Alex Jones \n', subjectName: '   ', desiredOutcome: '' });
    expect(r.ok && r.complaint.name).toBe('Alex Jones');
    expect(r.ok && 'subjectName' in r.complaint).toBe(false);
    expect(r.ok && 'desiredOutcome' in r.complaint).toBe(false);
  });

  it('chooses a contact method from the details given when none was chosen', () => {
    const { preferredContact: _p, ...rest } = valid;
    const r = intake({ ...rest, email: undefined, address: '1 High St, Carmarthen' });
    expect(r.ok && r.complaint.preferredContact).toBe('post');
  });

  it('accepts UK phone numbers in the usual shapes', () => {
    for (const phone of ['01267 226440', '+44 (0)1267 226440', '07700-900123']) {
      const r = intake({ ...valid, preferredContact: 'phone', phone });
      expect(r.ok, phone).toBe(true);
    }
  });

  it('keeps Welsh letters, emoji and line breaks exactly', () => {
    const description = 'Roedd y swyddog yn anghwrtais ŵ ŷ â ê î ô û 🙂👍🏽\nAil linell\r\nTrydedd\tlinell';
    const name = 'Siân Llŷr-Ŵen';
    const r = intake({ ...valid, name, description, language: 'cy' });
    expect(r.ok && r.complaint.description).toBe(description);
    expect(r.ok && r.complaint.name).toBe(name);
  });
});

describe('intake: problems', () => {
  it('lists every problem at once', () => {
    const r = problemsOf({
      channel: 'pigeon',
      email: 'not-an-email',
      phone: 'call me',
      preferredContact: 'post',
      relationship: 'neighbour',
      subject: 'the mayor',
      description: 'bad',
      safeguarding: 'maybe',
    });
    expect(r.problems.map((p) => p.field).sort()).toEqual(
      [
        'address',
        'channel',
        'description',
        'email',
        'name',
        'phone',
        'relationship',
        'safeguarding',
        'subject',
      ].sort(),
    );
  });

  it('asks for a way to contact the person when there is none', () => {
    const { email: _e, ...rest } = valid;
    expect(problemsOf(rest).problems).toEqual([
      {
        field: 'preferredContact',
        message:
          'Please tell us how we can contact you: an email address, a phone number or a postal address.',
      },
    ]);
  });

  it.each([
    ['email', { preferredContact: 'email', email: undefined, phone: '01267 226440' }, 'email'],
    ['post', { preferredContact: 'post' }, 'address'],
    ['phone', { preferredContact: 'phone' }, 'phone'],
  ])('needs the detail matching a preferred contact of %s', (_m, change, field) => {
    const r = problemsOf({ ...valid, ...change });
    expect(r.problems.map((p) => p.field)).toEqual([field]);
  });

  it('requires channel, name, relationship, subject and description', () => {
    const r = problemsOf({ email: 'a@b.co', preferredContact: 'email' });
    expect(r.problems.map((p) => p.field).sort()).toEqual([
      'channel',
      'description',
      'name',
      'relationship',
      'subject',
    ]);
  });

  it('lists the allowed answers for a wrong choice', () => {
    const r = problemsOf({ ...valid, preferredContact: 'fax' });
    expect(r.problems[0]?.message).toContain('email, post or phone');
  });

  it.each(['alex', 'alex@', '@example.com', 'alex@example', 'a b@example.com', 'alex@@example.com'])(
    'refuses the email %j',
    (email) => {
      expect(problemsOf({ ...valid, email }).problems.map((p) => p.field)).toEqual(['email']);
    },
  );

  it.each(['123', 'call me maybe', '0123456789012345678901', '01267 22644O', '=1+2'])(
    'refuses the phone %j',
    (phone) => {
      expect(problemsOf({ ...valid, phone }).problems.map((p) => p.field)).toEqual(['phone']);
    },
  );

  it('refuses wrong types without throwing', () => {
    const r = problemsOf({ ...valid, name: { first: 'A' }, description: ['x'], allegesCrime: {} });
    expect(r.problems.map((p) => p.field).sort()).toEqual(['allegesCrime', 'description', 'name']);
  });

  it.each([null, undefined, 'text', 42, []])('refuses a submission that is not an object (%j)', (raw) => {
    expect(problemsOf(raw).problems).toEqual([{ field: 'submission', message: expect.any(String) }]);
  });

  it('never repeats what the person typed', () => {
    const secret = 'Zebedee-Quux-7731';
    const r = problemsOf({
      channel: secret,
      name: secret.repeat(50),
      email: `${secret}@`,
      phone: secret,
      preferredContact: secret,
      relationship: secret,
      subject: secret,
      description: 'x'.repeat(20_001),
      consentToShare: secret,
    });
    for (const p of r.problems) expect(p.message).not.toContain(secret);
  });

  it.each(Object.entries(TEXT_LIMITS))(
    'treats %s over %i characters as a problem and keeps it cut in partial',
    (field, limit) => {
      const long = 'a'.repeat(limit + 1);
      const r = problemsOf({ ...valid, [field]: long });
      expect(r.problems.some((p) => p.field === field && /up to [\d,]+ characters/.test(p.message))).toBe(
        true,
      );
      expect((r.partial as Record<string, string>)[field]).toHaveLength(limit);
    },
  );

  it('counts emoji as one character each against the limit', () => {
    const r = intake({ ...valid, name: '🙂'.repeat(200) });
    expect(r.ok).toBe(true);
  });

  it('salvages every field it can, sanitised the same way', () => {
    const r = problemsOf({
      ...valid,
      channel: undefined,
      name: '=HYPERLINK("http://evil")',
      desiredOutcome: '@sum',
    });
    expect(r.partial).toMatchObject({
      name: `'=HYPERLINK("http://evil")`,
      desiredOutcome: `'@sum`,
      email: 'alex@example.com',
      relationship: 'affected',
      language: 'en',
    });
  });
});

describe('formula injection', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+44 7700 900123', "'+44 7700 900123"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['\tplain', "'\tplain"],
    ['  =1', "'  =1"],
    ['\n=cmd', "'\n=cmd"],
  ])('sanitiseText(%j) is literal', (input, expected) => {
    expect(sanitiseText(input)).toBe(expected);
  });

  it.each(['=', '+', '-', '@'])(
    'intake neutralises %s at the start of every text field, even after spaces',
    (ch) => {
      const r = intake({
        ...valid,
        name: `${ch}cmd|' /C calc'!A0`,
        subjectName: `  ${ch}x`,
        description: `${ch}IMPORTXML("http://x", "//a") and more text`,
        desiredOutcome: `${ch}1`,
        adjustments: `${ch}1`,
        address: `${ch}1 Street`,
      });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      for (const key of ['name', 'description', 'desiredOutcome', 'adjustments', 'address'] as const) {
        expect(r.complaint[key]?.startsWith(`'${ch}`), key).toBe(true);
      }
      // Trimmed first, so leading spaces are gone before the apostrophe goes on.
      expect(r.complaint.subjectName).toBe(`'${ch}x`);
    },
  );

  it('leaves ordinary text, including inner formula characters, alone', () => {
    for (const s of ['Hello = world', 'a-b', 'me@example.com', "'already quoted", 'Croeso i Gymru ŵŷ']) {
      expect(sanitiseText(s)).toBe(s);
    }
  });

  it('removes control characters but keeps tabs and line breaks', () => {
    expect(sanitiseText('a\u0000b\u0007c\u001bd\u007fe\u0085f\ng\th\r\ni')).toBe('abcdef\ng\th\r\ni');
  });

  it('never returns text a spreadsheet would read as a formula, and is idempotent', () => {
    const alphabet = fc.constantFrom(
      '=',
      '+',
      '-',
      '@',
      '\t',
      '\r',
      '\n',
      ' ',
      '\u0000',
      '\u0007',
      'a',
      'ŵ',
      '🙂',
      "'",
      '1',
    );
    const arb = fc.oneof(
      fc.string(),
      fc.string({ unit: 'grapheme' }),
      fc.array(alphabet).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(arb, (s) => {
        const once = sanitiseText(s);
        expect(/^(?:[\t\r]|\s*[=+\-@])/.test(once)).toBe(false);
        expect(sanitiseText(once)).toBe(once);
        // Nothing but control characters is ever lost.
        // eslint-disable-next-line no-control-regex
        const kept = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '');
        expect([kept, `'${kept}`]).toContain(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('intake never lets a formula through in any text field', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const r = intake({ ...valid, name: a || 'x', description: `${b}${'x'.repeat(12)}` });
        const c = r.ok ? r.complaint : r.partial;
        for (const v of Object.values(c)) {
          if (typeof v === 'string') expect(/^(?:[\t\r]|\s*[=+\-@])/.test(v)).toBe(false);
        }
      }),
    );
  });
});
