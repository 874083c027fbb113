import { describe, expect, it } from 'vitest';
import {
  LEDGER_KEEP_DAYS,
  RECOVERY_WINDOW_DAYS,
  ledgerEntry,
  ledgerWrite,
  recoveryCutoff,
  responseIdentity,
  staleLedgerKeys,
} from '../../src/core/responses';
import { MAX_CELL_CHARS, TRUNCATED_NOTE, fitText } from '../../src/core/text';

const AT = new Date('2026-03-02T09:00:00.000Z');

describe('a form response is identified by its timestamp and a fingerprint of its answers', () => {
  it('is the same however the row was read: trailing blank columns, padding, a sub-second rounding', () => {
    const a = responseIdentity(AT, ['Alex', 'alex@example.org', 'email', '']);
    const b = responseIdentity(new Date(AT.getTime() + 3), ['Alex ', 'alex@example.org', 'email', '', '']);
    expect(a).toEqual(b);
    expect(a!.id).toBe(`2026-03-02T09:00:00Z ${a!.hash}`);
    expect(a!.day).toBe('2026-03-02');
    expect(a!.hash).toMatch(/^[0-9a-z]{11}$/);
  });

  it('differs when one answer or the second differs, and is null without a date to go by', () => {
    const a = responseIdentity(AT, ['Alex', 'email']);
    expect(responseIdentity(AT, ['Alex', 'post'])!.hash).not.toBe(a!.hash);
    expect(responseIdentity(new Date(AT.getTime() + 1_000), ['Alex', 'email'])!.hash).not.toBe(a!.hash);
    // The answer order is the tab's column order: the same words in other questions are another response.
    expect(responseIdentity(AT, ['email', 'Alex'])!.hash).not.toBe(a!.hash);
    expect(responseIdentity('2/3/2026 9:00:00', ['Alex'])).toBeNull();
  });
});

describe('the intake ledger records each response made into a case, in small values keyed by day', () => {
  it('records a response as started, then complete, under the reference it was given', () => {
    const props: Record<string, string> = {};
    const id = responseIdentity(AT, ['Alex'])!;
    expect(ledgerEntry(props, id)).toBeNull();
    const started = ledgerWrite(props, id, { reference: 'WIL-2026-0001', complete: false });
    props[started.key] = started.value;
    expect(ledgerEntry(props, id)).toEqual({ reference: 'WIL-2026-0001', complete: false });
    const done = ledgerWrite(props, id, { reference: 'WIL-2026-0001', complete: true });
    expect(done.key).toBe(started.key);
    props[done.key] = done.value;
    expect(ledgerEntry(props, id)).toEqual({ reference: 'WIL-2026-0001', complete: true });
  });

  it('keeps every value under Apps Script’s 9 KB by starting a new value for a busy day', () => {
    const props: Record<string, string> = {};
    const ids = Array.from({ length: 600 }, (_, i) => responseIdentity(AT, [`Person ${i}`])!);
    ids.forEach((id, i) => {
      const w = ledgerWrite(props, id, {
        reference: `WIL-2026-${String(i).padStart(4, '0')}`,
        complete: true,
      });
      props[w.key] = w.value;
    });
    expect(Object.keys(props).length).toBeGreaterThan(1);
    expect(Math.max(...Object.values(props).map((v) => v.length))).toBeLessThan(9 * 1024);
    expect(ledgerEntry(props, ids[599]!)).toEqual({ reference: 'WIL-2026-0599', complete: true });
    expect(ledgerEntry(props, ids[0]!)).toEqual({ reference: 'WIL-2026-0000', complete: true });
  });

  it('drops days the recovery can no longer reach, and keeps those it can', () => {
    const now = new Date('2026-06-01T07:00:00Z');
    const props: Record<string, string> = {};
    for (const at of [new Date('2026-04-01T09:00:00Z'), new Date('2026-05-20T09:00:00Z')]) {
      const w = ledgerWrite(props, responseIdentity(at, ['x'])!, { reference: 'R', complete: true });
      props[w.key] = w.value;
    }
    props['intake:since'] = '2026-01-01T00:00:00.000Z';
    expect(staleLedgerKeys(props, now)).toEqual(['intake:day:2026-04-01']);
    expect(LEDGER_KEEP_DAYS).toBeGreaterThan(RECOVERY_WINDOW_DAYS);
    expect(recoveryCutoff(new Date('2026-01-01T00:00:00Z'), now).toISOString()).toBe(
      '2026-05-02T07:00:00.000Z',
    );
    expect(recoveryCutoff(new Date('2026-05-30T00:00:00Z'), now).toISOString()).toBe(
      '2026-05-30T00:00:00.000Z',
    );
  });
});

describe('no cell the script writes exceeds 50,000 characters', () => {
  it('cuts long text to the limit with a visible note, never splitting an emoji', () => {
    const cut = fitText('a'.repeat(60_000));
    expect(cut).toHaveLength(MAX_CELL_CHARS);
    expect(cut.endsWith(TRUNCATED_NOTE)).toBe(true);
    expect(fitText('short')).toBe('short');
    const emoji = fitText('😀'.repeat(100), 51);
    expect(emoji.length).toBeLessThanOrEqual(51);
    expect(emoji.replace(TRUNCATED_NOTE, '')).toMatch(/^(😀)*$/u);
  });
});
