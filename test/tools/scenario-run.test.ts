/**
 * Issue 11, Deliver 5: `{"at", "run": "<entry point>", "args": [...]}` runs a menu entry point as staff
 * would, and `simulate` writes every dialog or sidebar it shows to `<out>/dialogs/NN-<entry>.html`.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, writeResults } from '../../tools/simulation';

const person = {
  channel: 'form',
  name: 'Dana Price',
  email: 'dana.price@example.org',
  preferredContact: 'post',
  address: '3 Mill Lane, Chippenham SN15 1AA',
  language: 'en',
  relationship: 'on-behalf',
  subject: 'organisation',
  description:
    'My father wrote to the office twice about his burglary support and had no reply to either letter.',
};

describe('"run" events in a scenario', () => {
  it('runs the entry points named, and writes each dialog and sidebar they show', () => {
    const scenario = parseScenario({
      start: '2026-03-02T08:00:00Z',
      end: '2026-03-05T18:00:00Z',
      events: [
        { at: '2026-03-02T09:00:00Z', submit: person },
        { at: '2026-03-03T10:00:00Z', run: 'findPersonData', args: ['dana.price@example.org'] },
        { at: '2026-03-03T10:05:00Z', run: 'showCaseSidebar' },
        { at: '2026-03-03T10:10:00Z', run: 'applyRetention' },
        { at: '2026-03-03T10:15:00Z', run: 'noSuchEntryPoint' },
      ],
    });
    const result = simulate('wiltshire', scenario);
    expect(result.dialogs.map((d) => [d.entry, d.title])).toEqual([
      ['findPersonData', 'Everything we hold about a person'],
      ['showCaseSidebar', 'Case details'],
    ]);
    // Nothing is past retention yet: the alert says so, and nothing changed.
    expect(result.emu.ui.alerts.at(-1)!.message).toBe('No record is past its retention date.');
    expect(result.problems.map((p) => p.event)).toEqual([4]);
    const out = mkdtempSync(join(tmpdir(), 'scenario-run-'));
    writeResults(result, out);
    expect(readdirSync(join(out, 'dialogs'))).toEqual(['01-findPersonData.html', '02-showCaseSidebar.html']);
    expect(readFileSync(join(out, 'dialogs', '01-findPersonData.html'), 'utf8')).toContain(
      'dana.price@example.org',
    );
    expect(existsSync(join(out, 'reports.html'))).toBe(true);
  });

  it('says which field is wrong in a "run" event', () => {
    const bad = (event: unknown) => {
      try {
        parseScenario({ start: '2026-03-02T08:00:00Z', end: '2026-03-03T08:00:00Z', events: [event] });
        return 'accepted';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(bad({ at: '2026-03-02T09:00:00Z', run: 'find person' })).toBe(
      'scenario events.0.run: must be the name of an entry point, e.g. "applyRetention"',
    );
    expect(bad({ at: '2026-03-02T09:00:00Z', run: 'findPersonData', args: 'Sam' })).toMatch(
      /^scenario events\.0\.args: /,
    );
  });
});
