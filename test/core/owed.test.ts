import { describe, expect, it } from 'vitest';
import { makeCalendar } from '../../src/core/calendar';
import { newCaseRecord } from '../../src/core/case-record';
import { computeClocks, owedLetter } from '../../src/core/clocks';
import { initialState } from '../../src/core/lifecycle';
import type { Complaint } from '../../src/core/model';
import { getProfile } from '../../src/core/profile';
import { route } from '../../src/core/routing';
import { SUBMISSION } from './fixtures';

const calendar = makeCalendar();
const complaint: Complaint = SUBMISSION;

function closedCase(policy: string) {
  const profile = getProfile(policy);
  const r = route(profile, complaint);
  const record = {
    ...newCaseRecord({
      reference: 'REF-1',
      policyId: policy,
      receivedAt: new Date('2026-03-02T10:00:00Z'),
      state: initialState(profile, r, true),
      complaint,
      route: r,
    }),
    state: 'closed',
    outcome: profile.outcomes[0]!.id,
    acknowledgedAt: new Date('2026-03-03T10:00:00Z'),
    closedAt: new Date('2026-03-20T10:00:00Z'),
  };
  return { profile, record };
}

describe('"met" only when nothing is owed to anyone', () => {
  const now = new Date('2026-03-23T07:00:00Z');

  it('an unsent outcome letter keeps a closed Wiltshire case off green, and says what is owed', () => {
    const { profile, record } = closedCase('wiltshire');
    expect(computeClocks(profile, record, now, calendar).status).toBe('met');
    const owing = computeClocks(profile, record, now, calendar, {
      owed: [owedLetter('outcome', 'awaiting-approval')!],
    });
    expect(owing).toMatchObject({ status: 'due-soon', statusReason: 'Outcome letter waiting for approval' });
  });

  it('000 §9 "You will receive a letter from the person considering your complaint to inform you of the outcome": a final Dyfed-Powys case is not "closed" while that letter waits to be printed', () => {
    const { profile, record } = closedCase('dyfed-powys');
    expect(computeClocks(profile, record, now, calendar).status).toBe('closed');
    const owing = computeClocks(profile, record, now, calendar, { owed: [owedLetter('outcome', 'print')!] });
    expect(owing).toMatchObject({
      status: 'due-soon',
      statusReason: 'Outcome letter waiting to be printed and posted',
    });
  });

  it('owes for every unsent status, and nothing once sent, printed, phoned or cancelled', () => {
    for (const status of ['awaiting-approval', 'approved', 'queued', 'print', 'phone', 'failed', 'sending'])
      expect(owedLetter('appeal-outcome', status), status).toMatch(/^Appeal outcome letter /);
    for (const status of ['sent', 'printed', 'phoned', 'cancelled', 'constructor', ''])
      expect(owedLetter('outcome', status), status).toBeNull();
    // Staff reminders are not owed to anyone outside the office.
    expect(owedLetter('update-due', 'failed')).toBeNull();
  });

  it('an overdue deadline still reads overdue: what is owed does not hide it', () => {
    const { profile, record } = closedCase('wiltshire');
    const open = { ...record, state: 'stage-1', closedAt: null, outcome: null, acknowledgedAt: null };
    const clocks = computeClocks(profile, open, now, calendar, {
      owed: ['Outcome letter waiting for approval'],
    });
    expect(clocks.status).toBe('overdue');
  });
});
