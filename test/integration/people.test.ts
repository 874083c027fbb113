/**
 * Issue 9, Deliver 4 and 5 through the built bundle: escalations to the right person, the digest, "met"
 * only when nothing is owed, the person complained about, safeguarding, Dyfed-Powys §5, refusals.
 */
import { describe, expect, it } from 'vitest';
import { Office } from './harness';

const setOutbox = (o: Office, key: string, header: string, value: unknown): void => {
  const values = o.emu.sheetValues('Outbox');
  const row = values.findIndex((r) => r[values[0]!.indexOf('Key')] === key);
  const col = values[0]!.indexOf(header);
  o.emu.spreadsheet
    .getSheetByName('Outbox')!
    .getRange(row + 1, col + 1)
    .setValue(value);
};

const caseRow = (o: Office, reference: string) => o.cases().find((c) => c['Reference'] === reference)!;

describe('"met" (green) only when nothing is owed to anyone', () => {
  it('002 §4.15 "The complainant will be informed of the outcome": a closed case stays off green while its outcome letter waits, and says so', () => {
    const o = new Office('wiltshire', new Date('2026-03-02T09:00:00Z'));
    o.submit();
    o.edit('WIL-2026-0001', 'Outcome', o.profile.outcomes[0]!.label);
    o.edit('WIL-2026-0001', 'Stage', 'Closed: appeal window open');
    const outcome = o.outbox().find((r) => r['Kind'] === 'outcome')!;
    expect(outcome['Status']).toBe('awaiting-approval');
    o.emu.advanceTo(new Date('2026-03-03T09:00:00Z'));
    o.emu.run('runDailySweep');
    let row = caseRow(o, 'WIL-2026-0001');
    expect(row['SLA status']).not.toBe('met');
    expect(row['What is due']).toBe('Outcome letter waiting for approval');
    // Once it has gone, nothing is owed: green.
    setOutbox(o, String(outcome['Key']), 'Status', 'sent');
    o.emu.advanceTo(new Date('2026-03-04T09:00:00Z'));
    o.emu.run('runDailySweep');
    row = caseRow(o, 'WIL-2026-0001');
    expect(row['SLA status']).toBe('met');
  });

  it('000 §9 "You will receive a letter ... to inform you of the outcome": a final Dyfed-Powys case is not shown closed while its outcome letter waits to be printed', () => {
    const o = new Office('dyfed-powys', new Date('2026-03-02T09:00:00Z'));
    o.submit({ preferredContact: 'post', address: '1 Heol y Brenin, Caerfyrddin' });
    o.edit('DP-2026-0001', 'Outcome', o.profile.outcomes[0]!.label);
    o.edit('DP-2026-0001', 'Stage', 'Closed: the outcome is final');
    const outcome = o.outbox().find((r) => r['Kind'] === 'outcome')!;
    setOutbox(o, String(outcome['Key']), 'Status', 'print');
    o.emu.advanceTo(new Date('2026-03-03T09:00:00Z'));
    o.emu.run('runDailySweep');
    const row = caseRow(o, 'DP-2026-0001');
    expect(row['SLA status']).toBe('due-soon');
    expect(row['What is due']).toBe('Outcome letter waiting to be printed and posted');
  });
});
