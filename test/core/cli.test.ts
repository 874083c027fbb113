import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../tools/cli/args';
import { runCli } from '../../tools/cli/main';

const noStdin = () => Promise.reject(new Error('stdin not expected'));
const run = (line: string, stdin = '') => runCli(line.split(' ').filter(Boolean), async () => stdin);

describe('argument parsing', () => {
  it('reads commands, positionals and --name value / --name=value', () => {
    expect(parseArgs(['clocks', '--policy', 'wiltshire', '--received=2026-06-01T09:00:00Z'])).toEqual({
      command: 'clocks',
      positional: [],
      options: { policy: 'wiltshire', received: '2026-06-01T09:00:00Z' },
    });
    expect(parseArgs(['policy', 'wiltshire']).positional).toEqual(['wiltshire']);
    expect(parseArgs([]).command).toBe('help');
    expect(parseArgs(['clocks', '--help']).command).toBe('help');
  });

  it.each([
    ['frob', /unknown command "frob"/],
    ['clocks --policy', /--policy needs a value/],
    ['clocks --policy --received x', /--policy needs a value/],
    ['route --received x', /unknown option --received for "route"/],
  ])('%s is refused', (line, message) => {
    expect(() => parseArgs(line.split(' '))).toThrow(message);
  });
});

describe('commands', () => {
  it('policies lists every built-in profile, one a line', async () => {
    const r = await runCli(['policies'], noStdin);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.map((l) => l.split('\t')[0])).toEqual(['dyfed-powys', 'west-midlands', 'wiltshire']);
  });

  it('policy <id> prints the summary', async () => {
    const r = await run('policy west-midlands');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('West Midlands');
  });

  it.each([
    [
      'clocks --policy wiltshire --received 2026-06-01T09:00:00Z',
      { acknowledgeBy: '2026-06-08', updateBy: '2026-06-29', appealBy: null },
    ],
    [
      'clocks --policy wiltshire --received 2026-06-01T09:00:00Z --closed 2026-06-10',
      { acknowledgeBy: '2026-06-08', updateBy: null, appealBy: '2026-07-08', appealAcknowledgeBy: null },
    ],
    [
      'clocks --policy wiltshire --received 2026-06-01T09:00:00Z --closed 2026-06-10 --appealed 2026-06-26T10:00:00+01:00',
      { appealBy: '2026-07-08', appealAcknowledgeBy: '2026-07-03', appealDecisionBy: '2026-07-17' },
    ],
    [
      'clocks --policy west-midlands --received 2026-06-01T09:00:00Z --closed 2026-06-10',
      { updateBy: null, appealBy: '2026-06-30', appealAcknowledgeBy: null, appealDecisionBy: null },
    ],
    [
      'clocks --policy dyfed-powys --received 2026-06-01T09:00:00Z --closed 2026-06-10',
      { acknowledgeBy: '2026-06-08', updateBy: null, appealBy: null },
    ],
    [
      // 00:30 BST on Tuesday 2 June is 2 June.
      'clocks --policy dyfed-powys --received 2026-06-01T23:30:00Z',
      { acknowledgeBy: '2026-06-09', updateBy: '2026-06-30' },
    ],
    [
      'clocks --policy wiltshire --received 2026-06-01 --closures 2026-06-03,2026-06-04',
      { acknowledgeBy: '2026-06-10' },
    ],
    [
      'clocks --policy wiltshire --received 2026-12-23T10:00:00Z',
      { acknowledgeBy: '2027-01-04', updateBy: '2027-01-20' },
    ],
  ])('%s', async (line, expected) => {
    const r = await run(line);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual([
      'acknowledgeBy',
      'updateBy',
      'appealBy',
      'appealAcknowledgeBy',
      'appealDecisionBy',
    ]);
    expect(out).toMatchObject(expected);
  });

  it.each([
    ['clocks --policy nope --received 2026-06-01', /unknown policy "nope"/],
    ['clocks --policy wiltshire', /missing option --received/],
    ['clocks --policy wiltshire --received yesterday', /--received must be an ISO 8601 instant/],
    ['clocks --policy wiltshire --received 2026-02-30T10:00:00Z', /--received/],
    ['clocks --policy wiltshire --received 2026-06-01 --closed 10/06/2026', /--closed must be a date/],
    ['clocks --policy wiltshire --received 2026-06-01 --closed 2026-05-01', /before receipt/],
    ['clocks --policy wiltshire --received 2026-06-01 --appealed 2026-06-20', /--appealed needs --closed/],
    ['clocks --policy wiltshire --received 2026-06-01 --closures 2026-06-03,soon', /--closures/],
    ['policy', /missing policy id/],
    ['route', /missing option --policy/],
  ])('%s: one line on stderr, exit 2', async (line, message) => {
    const r = await run(line);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

// Intake and routing are written alongside this CLI; these tests run as soon as both exist.
const routingReady = ['intake', 'routing'].every((m) =>
  existsSync(new URL(`../../src/core/${m}.ts`, import.meta.url)),
);

describe.runIf(routingReady)('route', () => {
  const submission = {
    channel: 'form',
    name: 'Alex Example',
    email: 'alex@example.org',
    preferredContact: 'email',
    language: 'en',
    relationship: 'affected',
    subject: 'staff',
    description: 'A member of staff did not reply to my letters about the community safety grant.',
  };

  it('routes a valid submission', async () => {
    const r = await run('route --policy wiltshire', JSON.stringify(submission));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      inScope: true,
      redirectTo: null,
      appealBody: 'chief-executive',
    });
  });

  it('redirects a complaint about the PCC', async () => {
    const r = await run('route --policy dyfed-powys', JSON.stringify({ ...submission, subject: 'pcc' }));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ inScope: false, redirectTo: 'police-and-crime-panel' });
  });

  it.each([
    ['{"name": ', /stdin is not valid JSON/],
    [JSON.stringify({ ...submission, description: '' }), /submission failed intake: description/],
  ])('refuses %s with one line, exit 2', async (stdin, message) => {
    const r = await run('route --policy wiltshire', stdin);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('end to end through npx tsx', () => {
  const cli = (args: string[], stdin = '') =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile('npx', ['tsx', 'tools/cli.ts', ...args], (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
      child.stdin?.end(stdin);
    });
  // npm may warn about the user's config on stderr; only our own lines matter.
  const ours = (stderr: string) => stderr.split('\n').filter((l) => l && !l.startsWith('npm warn'));

  it('prints clocks as JSON, exit 0', async () => {
    const r = await cli(['clocks', '--policy', 'wiltshire', '--received', '2026-05-30T10:00:00Z']);
    expect(r.code).toBe(0);
    // 28 days from Saturday 30 May is Saturday 27 June: the office promises the Friday before.
    expect(JSON.parse(r.stdout)).toMatchObject({ acknowledgeBy: '2026-06-05', updateBy: '2026-06-26' });
  });

  it('unknown command: one line, exit 2, no stack trace', async () => {
    const r = await cli(['frob']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(ours(r.stderr)).toEqual(['error: unknown command "frob" (try --help)']);
  });

  it('bad date: one line, exit 2', async () => {
    const r = await cli(['clocks', '--policy', 'wiltshire', '--received', '2026-13-01T00:00:00Z']);
    expect(r.code).toBe(2);
    expect(ours(r.stderr)).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it.runIf(routingReady)('malformed JSON on stdin: one line, exit 2', async () => {
    const r = await cli(['route', '--policy', 'wiltshire'], '{oops');
    expect(r.code).toBe(2);
    expect(ours(r.stderr)).toHaveLength(1);
  });

  it('--help prints usage, exit 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage:/);
  });
});
