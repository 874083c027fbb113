/**
 * Issue 9, "Done when": a replay of the demo shows no bracketed guidance in any letter that went out, no
 * letter to an address the case no longer has, no date promised on a non-working day, and no case without
 * a named next deadline. Run for each built-in policy on the built bundle.
 */
import { describe, expect, it } from 'vitest';
import { makeCalendar } from '../../src/core/calendar';
import { getProfile } from '../../src/core/profile';
import { demoScenario } from '../../tools/scenario/demo';
import { simulate, type SimulationResult } from '../../tools/simulation';

const GUIDANCE_LINE = /^[ \t]*\[[^\]\n]*\][ \t]*$/m;
const MONTHS_EN =
  'January February March April May June July August September October November December'.split(' ');
const MONTHS_CY =
  'Ionawr Chwefror Mawrth Ebrill Mai Mehefin Gorffennaf Awst Medi Hydref Tachwedd Rhagfyr'.split(' ');
const LONG_DATE = new RegExp(
  `(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Dydd (?:Llun|Mawrth|Mercher|Iau|Gwener|Sadwrn|Sul)) (\\d{1,2}) (${[...MONTHS_EN, ...MONTHS_CY].join('|')}) (\\d{4})`,
  'g',
);

/** Every long date in a letter, as YYYY-MM-DD. */
function datesIn(text: string): string[] {
  return [...text.matchAll(LONG_DATE)].map((m) => {
    const month = (MONTHS_EN.indexOf(m[2]!) + 1 || MONTHS_CY.indexOf(m[2]!) + 1).toString().padStart(2, '0');
    return `${m[3]}-${month}-${m[1]!.padStart(2, '0')}`;
  });
}

const results = new Map<string, SimulationResult>();
function demo(policy: string): SimulationResult {
  if (!results.has(policy)) results.set(policy, simulate(policy, demoScenario(getProfile(policy))));
  return results.get(policy)!;
}

/** Letters that reached a member of the public: emails to them, and letters staff printed or phoned. */
function publicLetters(result: SimulationResult) {
  const staff = /@opcc\.example$/;
  const emails = result.emu.mail.sent
    .filter((m) => !staff.test(m.to))
    .map((m) => ({ to: m.to, body: m.body, at: m.at }));
  const tasks = result.outbox
    .filter((r) => r.Status === 'printed' || r.Status === 'phoned')
    .map((r) => ({ to: '', body: String(r.Body).replace(/^'/, ''), at: r['Sent at'] as Date }));
  return [...emails, ...tasks];
}

// Sixty simulated days are thousands of trigger runs through the bundle: about 30 s on a quiet machine,
// several times that on a loaded CI runner, so the replay gets its own time limit.
const REPLAY_TIMEOUT_MS = 300_000;

describe.each(['wiltshire', 'west-midlands', 'dyfed-powys'])('the %s demo, replayed', (policy) => {
  it('runs without a refused event or a failed trigger', { timeout: REPLAY_TIMEOUT_MS }, () => {
    expect(demo(policy).problems).toEqual([]);
  });

  it('sends no letter with staff guidance in square brackets still in it', () => {
    const letters = publicLetters(demo(policy));
    expect(letters.length).toBeGreaterThan(5);
    for (const letter of letters) expect(letter.body).not.toMatch(GUIDANCE_LINE);
  });

  it('sends no letter to an email address the case no longer has', () => {
    const result = demo(policy);
    const byReference = new Map(result.cases.map((c) => [String(c.Reference), String(c.Email)]));
    const changed = new Map<string, Date>();
    for (const entry of result.audit) {
      if (String(entry.Action).includes('Email') || String(entry.Detail).startsWith('Email'))
        changed.set(String(entry.Reference), new Date(String(entry.When ?? entry.At ?? entry.at)));
    }
    for (const mail of result.emu.mail.sent) {
      const reference = /\(([A-Z]{3}-\d{4}-\d{4})\)/.exec(mail.subject)?.[1];
      if (!reference || /@opcc\.example$/.test(mail.to)) continue;
      const current = byReference.get(reference);
      const since = changed.get(reference);
      if (since === undefined || mail.at >= since)
        expect(mail.to, `${reference}: ${mail.subject}`).toBe(current);
    }
    // The demo changes one complainant's email: where a letter went to them later (their progress update,
    // under a policy that sets an update interval), it went to the new one.
    if (getProfile(policy).clocks.update)
      expect(result.emu.mail.sent.some((m) => m.to === 'g.lloyd@example.org')).toBe(true);
  });

  it('promises no date that falls on a weekend or bank holiday', () => {
    const calendar = makeCalendar();
    for (const letter of publicLetters(demo(policy))) {
      const sentOn = letter.at.toISOString().slice(0, 10);
      // Dates after the letter went are promises (dates before it are what already happened).
      for (const day of datesIn(letter.body).filter((d) => d > sentOn))
        expect(calendar.isWorkingDay(day), `${day} in:\n${letter.body}`).toBe(true);
    }
  });

  it('leaves no case without a named next deadline, unless there is nothing more to do', () => {
    for (const c of demo(policy).cases) {
      if (c['Status'] === 'Closed') continue;
      expect(String(c['What is due']), String(c.Reference)).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    }
  });
});
