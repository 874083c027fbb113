/**
 * Every rule cites the paragraph that says it: each seed reference in a profile's `source` fields names a
 * paragraph that exists in that seed, and a few rules are checked against the seed's own words.
 * Where a rule is the office's practice rather than the seed's, its source says "Office practice".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PolicyProfile } from '../../src/core/model';
import { BUILT_IN_PROFILES, getProfile } from '../../src/core/profile';

const ROOT = join(__dirname, '..', '..');
const seedOf = (profile: PolicyProfile): string => readFileSync(join(ROOT, profile.sourceDocument), 'utf8');
const SEEDS: Record<string, string> = Object.fromEntries(
  BUILT_IN_PROFILES.map((p) => [p.sourceDocument.match(/seeds\/(\d{3})_/)![1]!, seedOf(p)]),
);

/** Every `source` string anywhere in a profile, with where it was found. */
function sources(value: unknown, path = ''): { path: string; source: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => sources(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      k === 'source' && typeof v === 'string'
        ? [{ path: `${path}.${k}`, source: v }]
        : sources(v, `${path}.${k}`),
    );
  }
  return [];
}

/** "000 §3, §6" → [['000','§3'],['000','§6']]; a reference without its own document number takes the last one. */
function references(source: string): { doc: string; ref: string }[] {
  const out: { doc: string; ref: string }[] = [];
  let doc = '';
  for (const m of source.matchAll(/(\b00[0-2]\b)|([§¶]\s?\d+(?:\.\d+)?(?:\([a-z]\))?(?:-\d+(?:\.\d+)?)?)/g)) {
    if (m[1]) doc = m[1];
    else if (m[2] && doc) out.push({ doc, ref: m[2].replace(/\s/g, '') });
  }
  return out;
}

/** Whether paragraph `n` (e.g. "5", "4.6") exists in the seed `doc`. */
function exists(doc: string, n: string): boolean {
  const text = SEEDS[doc]!;
  const esc = n.replace('.', '\\.');
  if (doc === '000') return new RegExp(`(^|\\])\\s*${esc}\\.0\\s`, 'm').test(text);
  if (doc === '001') return new RegExp(`^\\s*-?\\s*${esc}\\.\\s`, 'm').test(text);
  // 002: "## 3. Application…" for sections, "- 4.6. The member…" or "4.9. The following…" for paragraphs.
  return n.includes('.')
    ? new RegExp(`^\\s*-?\\s*${esc}\\.\\s`, 'm').test(text)
    : new RegExp(`^#+\\s*\\**${esc}\\.\\s`, 'm').test(text);
}

/** The text of a numbered paragraph, to its next blank line. */
function paragraph(doc: string, n: string): string {
  const text = SEEDS[doc]!;
  const esc = n.replace('.', '\\.');
  const m = new RegExp(`^\\s*-?\\s*${esc}\\.\\s[\\s\\S]*?(?=\\n\\s*\\n)`, 'm').exec(text);
  return m ? m[0] : '';
}

describe('every source names a paragraph that exists in the seed', () => {
  for (const profile of BUILT_IN_PROFILES) {
    it(`${profile.id}: every § and ¶ cited is a real paragraph of its seed`, () => {
      const missing: string[] = [];
      for (const { path, source } of sources(profile)) {
        for (const { doc, ref } of references(source)) {
          const numbers = ref
            .slice(1)
            .replace(/\([a-z]\)/, '')
            .split('-');
          // A range "4.1-4.3" or "7-11": both ends must exist.
          for (const n of numbers) if (!exists(doc, n)) missing.push(`${path}: ${doc} ${ref}`);
        }
      }
      expect(missing).toEqual([]);
      // The check saw the profile's citations (a parser that found none would pass vacuously).
      expect(sources(profile).flatMap((s) => references(s.source)).length).toBeGreaterThan(40);
    });
  }

  it('finds a made-up paragraph missing (the check can fail)', () => {
    expect(exists('000', '17')).toBe(false);
    expect(exists('001', '20')).toBe(false);
    expect(exists('002', '4.22')).toBe(false);
    expect(exists('002', '4.21')).toBe(true);
    expect(exists('000', '5')).toBe(true);
  });
});

describe('spot checks against the seed text', () => {
  it('000 §12 is about human resources, not whistleblowing: the whistleblowing rule does not cite it as its source', () => {
    expect(SEEDS['000']).toMatch(/12\.0 Human Resources/);
    const rule = getProfile('dyfed-powys').redirects.find((r) => r.id === 'whistleblowing')!;
    expect(rule.source).toMatch(/^Office practice/);
  });

  it('000 §7 "Dealing with your complaint" says nothing of reporting crimes: the crime rules are office practice', () => {
    for (const id of ['dyfed-powys', 'wiltshire']) {
      const rule = getProfile(id).redirects.find((r) => r.id === 'criminal-allegation')!;
      expect(rule.source).toMatch(/^Office practice/);
      expect(rule.source).not.toMatch(/000 §7|002 §3/);
    }
    expect(getProfile('west-midlands').redirects.find((r) => r.id === 'criminal-allegation')!.source).toBe(
      '001 ¶11',
    );
    expect(SEEDS['001']).toMatch(/11\. In all cases, if the complaint alleges criminal behaviour/);
  });

  it('001 ¶18 "may appeal to the Chief Executive": the West Midlands appeal body is the Chief Executive for every subject with an appeal', () => {
    expect(paragraph('001', '18')).toContain('may appeal to the Chief Executive');
    const wm = getProfile('west-midlands');
    const bodies = wm.routing.map((r) => r.appealBody).filter((b) => b !== null);
    expect(new Set(bodies)).toEqual(new Set(['chief-executive']));
    expect(wm.routing.find((r) => r.subject === 'deputy-chief-executive')!.appealBody).toBe(
      'chief-executive',
    );
  });

  it('002 §4.6 and 001 ¶12 "should be provided with a copy of the complaint": both profiles say so; 000 does not', () => {
    expect(paragraph('002', '4.6')).toContain('should be provided with a copy of the complaint');
    expect(SEEDS['001']).toContain(
      'the member of staff subject to the complaint should be provided with a copy of the complaint',
    );
    expect(SEEDS['000']).not.toContain('copy of the complaint');
    expect(getProfile('wiltshire').subjectCopy).toMatchObject({ required: true, source: '002 §4.6' });
    expect(getProfile('west-midlands').subjectCopy).toMatchObject({ required: true, source: '001 ¶12' });
    expect(getProfile('dyfed-powys').subjectCopy?.required).toBe(false);
  });

  it('000 §5 "Who can\'t make a complaint": both exclusion questions quote the seed', () => {
    const dp = getProfile('dyfed-powys');
    expect(dp.exclusions!.map((e) => e.source)).toEqual(['000 §5', '000 §5']);
    expect(SEEDS['000']).toContain(
      'has been given the right to a review to the Independent for Police Conduct',
    );
    expect(dp.exclusions![0]!.explanation).toContain('given the right to a review');
    expect(SEEDS['000']).toContain(
      'advised to seek independent legal advice following a review of a complaint',
    );
    expect(dp.exclusions![1]!.explanation).toContain(
      'advised to seek independent legal advice following a review of a complaint',
    );
  });

  it('001 ¶3 "Complaints will be acknowledged within 5 working days", 002 §3 "acknowledged within five working days", 000 §8 "within 5 working days"', () => {
    expect(SEEDS['001']).toMatch(/3\. Complaints should be written[^\n]*acknowledged within 5 working days/);
    expect(SEEDS['002']).toContain('Complaints will be acknowledged within five working days.');
    expect(SEEDS['000']).toContain('acknowledgement of the complaint will be provided within 5 working days');
    for (const id of ['west-midlands', 'wiltshire', 'dyfed-powys'])
      expect(getProfile(id).clocks.acknowledge).toMatchObject({ days: 5, unit: 'working' });
  });
});
