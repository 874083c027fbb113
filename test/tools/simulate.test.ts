import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const run = (args: string[]) =>
  spawnSync('npx', ['tsx', 'tools/simulate.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });

describe('npm run simulate', () => {
  it('replays a scenario file and writes cases, outbox and audit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'simulate-'));
    const scenario = {
      start: '2026-03-02T08:00:00Z',
      end: '2026-03-20T18:00:00Z',
      events: [
        {
          at: '2026-03-02T10:00:00Z',
          submit: {
            channel: 'form',
            name: 'Rhian Evans',
            email: 'rhian@example.org',
            preferredContact: 'email',
            language: 'cy',
            relationship: 'affected',
            subject: 'staff',
            description: 'Ni chefais ateb i fy e-bost am dair wythnos.',
          },
        },
        {
          at: '2026-03-03T10:00:00Z',
          submit: {
            channel: 'email',
            name: 'Bob',
            email: 'bob@example.org',
            preferredContact: 'email',
            relationship: 'affected',
            subject: 'pcc',
            description: 'The Commissioner ignored my letters.',
          },
        },
        {
          at: '2026-03-04T09:00:00Z',
          sheet: { tab: 'Cases', op: 'moveColumn', header: 'Stage', before: 'Reference' },
        },
        { at: '2026-03-05T10:00:00Z', action: { case: 1, do: 'pause' } },
        { at: '2026-03-06T10:00:00Z', sheet: { tab: 'Cases', op: 'deleteColumn', header: 'Case owner' } },
      ],
    };
    writeFileSync(join(dir, 'scenario.json'), JSON.stringify(scenario));
    const result = run([
      '--policy',
      'dyfed-powys',
      '--scenario',
      join(dir, 'scenario.json'),
      '--out',
      join(dir, 'out'),
    ]);
    expect(result.status).toBe(0);
    const cases = JSON.parse(readFileSync(join(dir, 'out/cases.json'), 'utf8')) as Record<string, unknown>[];
    expect(cases.map((c) => c['Reference'])).toEqual(['DP-2026-0001', 'DP-2026-0002']);
    expect(Object.keys(cases[0]!).slice(0, 2)).toEqual(['Stage', 'Reference']);
    expect(cases[0]!['Status']).toBe('Paused');
    const outbox = JSON.parse(readFileSync(join(dir, 'out/outbox.json'), 'utf8')) as Record<
      string,
      unknown
    >[];
    const ack = outbox.find((l) => l['kind'] === 'acknowledgement')!;
    expect(ack['subject']).toBe('Rydym wedi cael eich cwyn (DP-2026-0001)');
    expect(ack['sentAt']).not.toBeNull();
    expect(outbox.filter((l) => l['ref'] === 'DP-2026-0002').map((l) => l['kind'])).toEqual(['redirect']);
    expect(JSON.parse(readFileSync(join(dir, 'out/audit.json'), 'utf8')).length).toBeGreaterThan(2);
    // A refused event is listed and the run still succeeds.
    expect(JSON.parse(readFileSync(join(dir, 'out/problems.json'), 'utf8'))).toEqual([
      { event: 4, at: '2026-03-06T10:00:00Z', reason: expect.stringMatching(/no "Case owner" column/) },
    ]);
    expect(result.stderr).toMatch(/^Problems: 1$/m);
  });

  it('refuses bad arguments with one line on stderr and exit code 2', () => {
    const missing = run(['--policy', 'wiltshire']);
    expect(missing.status).toBe(2);
    // npx may add its own warnings about the machine's npm configuration; the command's own output is one line.
    const own = missing.stderr.split('\n').filter((l) => l.trim() && !l.startsWith('npm warn'));
    expect(own).toHaveLength(1);
    expect(missing.stderr).toMatch(/--scenario is required/);
    const unknown = run(['--policy', 'nowhere', '--scenario', 'x.json', '--out', 'o']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown policy profile "nowhere"/);
    const dir = mkdtempSync(join(tmpdir(), 'simulate-'));
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({ start: 'soon', end: '2026-01-01T00:00:00Z', events: [] }),
    );
    const bad = run(['--policy', 'wiltshire', '--scenario', join(dir, 'bad.json'), '--out', dir]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/scenario start: must be an ISO date-time/);
  });
});
