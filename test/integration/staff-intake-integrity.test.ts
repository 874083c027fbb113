/**
 * Complaints logged by staff through the dialog are as safe as form responses: one filled-in form makes
 * one case, however many times it is sent, and a run stopped part-way is finished by the next attempt.
 */
import { describe, expect, it } from 'vitest';
import { KILLED_MESSAGE, type Invocation } from '../../emulator/index';
import { BAD_SUBMISSION_ID } from '../../src/core/staff-intake';
import { Office } from './harness';

const PHONED = {
  channel: 'phone',
  name: 'Joan Price',
  phone: '0121 496 0000',
  preferredContact: 'phone',
  relationship: 'affected',
  subject: 'staff',
  description: 'A member of staff did not return my calls about my victim support referral for six weeks.',
};
const ID = '3f1c2a9e-7b4d-4e8a-9c1f-5d6e7f8a9b0c';

const references = (office: Office) => office.cases().map((c) => String(c['Reference']));
const caseLetters = (office: Office) =>
  office
    .mail()
    .map((r) => String(r['Key']))
    .filter((k) => k.startsWith('WIL-2026-0001|'))
    .sort();
const creations = (office: Office) =>
  office
    .rows('Audit')
    .filter((r) => r['Action'] === 'case created')
    .map((r) => String(r['Reference']));

function log(office: Office, id: string = ID): Invocation {
  return office.emu.run('logComplaint', PHONED, id);
}

/** A logComplaint run that is stopped: the error it ends with, as the dialog's failure handler gets it. */
function killedLog(office: Office, n: number): void {
  office.emu.interleave({ fn: 'logComplaint', atCall: n, do: 'kill' });
  expect(() => log(office), `killed at call ${n}`).toThrow(KILLED_MESSAGE);
}

function cleanRun() {
  const office = new Office('wiltshire');
  const inv = log(office);
  return { calls: inv.stats.sequence, cases: office.cases(), keys: caseLetters(office) };
}

/**
 * A case row without the instants of the run that wrote it. Time moves with every service call, so a
 * retry after a run stopped before its row was written records its own, slightly later, instant; the
 * clean run's exact instant is not the property under test.
 */
function withoutInstants(row: Record<string, unknown>): Record<string, unknown> {
  const {
    ['Received']: _received,
    ['Last contact']: _contact,
    ['Last updated by script']: _stamp,
    ['Case data (do not edit)']: data,
    ...rest
  } = row;
  const {
    receivedAt: _at,
    lastContactAt: _last,
    ...record
  } = JSON.parse(String(data)) as Record<string, unknown>;
  return { ...rest, record };
}

/** The case was received at one instant, recorded alike everywhere, no earlier than the clean run's. */
function expectOneReceivedInstant(row: Record<string, unknown>, clean: Record<string, unknown>): void {
  const received = row['Received'] as Date;
  expect(received).toBeInstanceOf(Date);
  expect(row['Last contact']).toEqual(received);
  const record = JSON.parse(String(row['Case data (do not edit)'])) as { receivedAt: string };
  expect(record.receivedAt).toBe(received.toISOString());
  expect(received.getTime()).toBeGreaterThanOrEqual((clean['Received'] as Date).getTime());
}

function expectOneCompleteCase(office: Office, keys: string[]): void {
  expect(references(office)).toEqual(['WIL-2026-0001']);
  expect(office.cases()[0]!['Response ID']).toBe(`staff:${ID}`);
  expect(caseLetters(office)).toEqual(keys);
  expect(creations(office)).toEqual(['WIL-2026-0001']);
}

describe('a complaint logged by staff is known by its submission id', () => {
  it('the same submission id twice makes one case; the second call returns its reference', () => {
    const office = new Office('wiltshire');
    const first = log(office);
    const keys = caseLetters(office);
    expect(keys).toEqual(['WIL-2026-0001|acknowledgement|-|0', 'WIL-2026-0001|case-assigned|-|0']);
    const counter = { ...office.emu.properties.script };
    const second = log(office);
    expect(second.result).toEqual(first.result);
    expect(first.result).toEqual({ reference: 'WIL-2026-0001', ok: true, problems: [] });
    expectOneCompleteCase(office, keys);
    // The second call only looks: no reference is used, and no property, row or letter is written.
    expect(office.emu.properties.script).toEqual(counter);
    expect(second.stats.calls['Properties.setProperty'] ?? 0).toBe(0);
    expect(second.stats.totalCalls).toBeLessThan(first.stats.totalCalls / 2);
  });

  it('two complaints with the same answers but different ids are two cases', () => {
    const office = new Office('wiltshire');
    log(office, ID);
    log(office, 'k2v8x0q4m7t1r5w9z3b6n0c2');
    expect(references(office)).toEqual(['WIL-2026-0001', 'WIL-2026-0002']);
    expect(office.cases()[1]!['Response ID']).toBe('staff:k2v8x0q4m7t1r5w9z3b6n0c2');
  });

  it('a submission that needs review is still known by its id, and a repeat says so again', () => {
    const office = new Office('wiltshire');
    const vague = { ...PHONED, description: '' };
    const first = office.emu.run('logComplaint', vague, ID);
    // The dialog is told what to look at, field by field, in words that never repeat what was typed.
    expect(first.result).toEqual({
      reference: 'WIL-2026-0001',
      ok: false,
      problems: [{ field: 'description', message: 'Please tell us what your complaint is about.' }],
    });
    expect(office.emu.run('logComplaint', vague, ID).result).toEqual(first.result);
    expect(references(office)).toEqual(['WIL-2026-0001']);
  });

  it.each([
    ['missing', []],
    ['undefined', [undefined]],
    ['empty', ['']],
    ['too short', ['abc123']],
    ['too long', ['a'.repeat(65)]],
    ['with spaces', ['3f1c2a9e 7b4d 4e8a 9c1f']],
    ['with markup', ['<script>alert(1)</script>']],
    ['with a path', ['../../intake:since/xxxxxxxx']],
    ['not text', [1234567890123456]],
  ])('a submission id %s is refused with a clear message; nothing is recorded', (_, id: unknown[]) => {
    const office = new Office('wiltshire');
    const before = { ...office.emu.properties.script };
    // As a dialog opened before ids were sent, or a tampered one, would call it.
    expect(() => office.emu.run('logComplaint', PHONED, ...id)).toThrow(BAD_SUBMISSION_ID);
    expect(office.cases()).toHaveLength(0);
    expect(office.mail()).toHaveLength(0);
    expect(office.emu.properties.script).toEqual(before);
  });
});

describe('logComplaint is idempotent and complete: stopped at any point, the next attempt finishes one case', () => {
  it(
    'killed at call N for every N of a logComplaint run, then sent again: exactly one case with its first letters',
    { timeout: 240_000 },
    () => {
      const clean = cleanRun();
      expect(clean.calls.length).toBeGreaterThan(20);
      for (let n = 1; n <= clean.calls.length; n++) {
        const office = new Office('wiltshire');
        killedLog(office, n);
        const again = log(office);
        expect(again.result, `after a kill at call ${n} (${clean.calls[n - 1]})`).toEqual({
          reference: 'WIL-2026-0001',
          ok: true,
          problems: [],
        });
        expectOneCompleteCase(office, clean.keys);
        expect(office.cases().map(withoutInstants)).toEqual(clean.cases.map(withoutInstants));
        expectOneReceivedInstant(office.cases()[0]!, clean.cases[0]!);
        // A third attempt (the dialog's success handler never ran) changes nothing.
        expect(log(office).result).toEqual(again.result);
        expectOneCompleteCase(office, clean.keys);
      }
    },
  );

  it(
    'the same submission sent again (a google.script.run retry) during any call of the first makes one case',
    { timeout: 240_000 },
    () => {
      const clean = cleanRun();
      for (let n = 1; n <= clean.calls.length; n++) {
        const office = new Office('wiltshire');
        const results: unknown[] = [];
        office.emu.interleave({ fn: 'logComplaint', atCall: n, do: () => results.push(log(office).result) });
        results.push(log(office).result);
        expect(office.emu.pendingInterleaves).toBe(0);
        // The retry either made the case, found it made, or waited for the lock and was refused.
        expect(office.emu.interleaveErrors.every((e) => /lock/i.test(e.message))).toBe(true);
        expect(new Set(results.map((r) => JSON.stringify(r)))).toEqual(
          new Set([JSON.stringify({ reference: 'WIL-2026-0001', ok: true, problems: [] })]),
        );
        expectOneCompleteCase(office, clean.keys);
      }
    },
  );

  it('a run stopped after its reference was saved is finished under that reference by an attempt the next day', () => {
    const clean = cleanRun();
    const office = new Office('wiltshire', new Date('2026-03-02T23:59:00Z'));
    const saved = clean.calls.indexOf('Properties.setProperties') + 2;
    killedLog(office, saved);
    expect(office.cases()).toHaveLength(0);
    office.emu.advanceTo(new Date('2026-03-03T08:30:00Z'));
    expect(log(office).result).toEqual({ reference: 'WIL-2026-0001', ok: true, problems: [] });
    expectOneCompleteCase(office, clean.keys);
    expect(log(office).result).toEqual({ reference: 'WIL-2026-0001', ok: true, problems: [] });
    expect(references(office)).toEqual(['WIL-2026-0001']);
  });
});
