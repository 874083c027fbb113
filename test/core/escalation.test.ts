import { describe, expect, it } from 'vitest';
import { makeCalendar } from '../../src/core/calendar';
import { newCaseRecord } from '../../src/core/case-record';
import { computeClocks } from '../../src/core/clocks';
import { ESCALATE_AFTER_WORKING_DAYS, dueLetters, nextRoleUp } from '../../src/core/correspondence';
import { initialState } from '../../src/core/lifecycle';
import type { CaseRecord, Complaint, Subject } from '../../src/core/model';
import { BUILT_IN_PROFILES, getProfile } from '../../src/core/profile';
import { route } from '../../src/core/routing';

const calendar = makeCalendar();
const complaint = (subject: Subject): Complaint => ({
  channel: 'form',
  name: 'Alex Morgan',
  email: 'alex@example.org',
  preferredContact: 'email',
  language: 'en',
  relationship: 'affected',
  subject,
  description: 'Nobody answered my letters for six weeks.',
});

/** A Wiltshire case closed on 2 March and appealed on 9 March (appeal decision due 15 working days later). */
function appealed(policy: string, subject: Subject): CaseRecord {
  const profile = getProfile(policy);
  const c = complaint(subject);
  const r = route(profile, c);
  const appealState = profile.lifecycle.states.find((s) => s.kind === 'appeal')!.id;
  return {
    ...newCaseRecord({
      reference: 'REF-1',
      policyId: policy,
      receivedAt: new Date('2026-02-02T10:00:00Z'),
      state: initialState(profile, r, true),
      complaint: c,
      route: r,
    }),
    state: appealState,
    outcome: profile.outcomes[0]!.id,
    acknowledgedAt: new Date('2026-02-03T10:00:00Z'),
    closedAt: new Date('2026-03-02T10:00:00Z'),
    appealedAt: new Date('2026-03-09T10:00:00Z'),
    appealAcknowledgedAt: new Date('2026-03-10T10:00:00Z'),
  };
}

function escalations(policy: string, record: CaseRecord, now: Date) {
  const profile = getProfile(policy);
  const clocks = computeClocks(profile, record, now, calendar);
  return {
    clocks,
    letters: dueLetters(profile, record, clocks, now, calendar).filter((l) => l.kind === 'overdue'),
  };
}

describe('escalations go to the person who can act', () => {
  it('002 §4.20 "The appeal body aims to respond within 15 working days": overdue goes to the appeal body (Chief Executive), never the Director of Operations whose decision is under appeal', () => {
    const record = appealed('wiltshire', 'staff');
    const { clocks, letters } = escalations('wiltshire', record, new Date('2026-04-01T07:00:00Z'));
    expect(clocks.appealDecisionBy).toBe('2026-03-30');
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ toRole: 'chief-executive', variant: 'appeal-decision' });
    expect(letters[0]!.toRole).not.toBe(record.route!.decisionMaker);
  });

  it(`002 §4.9 table: still undecided ${ESCALATE_AFTER_WORKING_DAYS} working days later, it goes one role up (the PCC), as a new letter`, () => {
    const record = appealed('wiltshire', 'staff');
    const first = escalations('wiltshire', record, new Date('2026-04-01T07:00:00Z')).letters[0]!;
    // 30 March + 5 working days (3 and 6 April are bank holidays) = 9 April; the next day it goes up.
    const later = escalations('wiltshire', record, new Date('2026-04-10T07:00:00Z')).letters;
    expect(later).toHaveLength(1);
    expect(later[0]).toMatchObject({ toRole: 'pcc', variant: 'escalated' });
    expect(later[0]!.key).not.toBe(first.key);
    expect(later[0]!.extra.overdueWhat).toMatch(/still not decided 5 working days later/);
    // At the top of the office it stays with the PCC: the key does not change again.
    const much = escalations('wiltshire', record, new Date('2026-05-20T07:00:00Z')).letters;
    expect(much[0]).toMatchObject({ toRole: 'pcc', key: later[0]!.key });
  });

  it('the next role up skips the person complained about and the decision maker', () => {
    const wilts = getProfile('wiltshire');
    expect(nextRoleUp(wilts, 'complaints-team-leader')).toBe('director-of-operations');
    expect(nextRoleUp(wilts, 'chief-finance-officer', ['chief-executive'])).toBe('pcc');
    expect(nextRoleUp(wilts, 'pcc')).toBeNull();
    const record = appealed('wiltshire', 'chief-executive'); // decided by the CFO, appeal to the PCC
    const { letters } = escalations('wiltshire', record, new Date('2026-05-20T07:00:00Z'));
    expect(letters[0]!.toRole).toBe('pcc');
  });

  it('every role in every profile reaches the top (the PCC) by reportsTo', () => {
    for (const p of BUILT_IN_PROFILES) {
      for (const r of p.roles) {
        let at: string | null = r.id;
        for (let i = 0; i < 10 && at !== null && at !== 'pcc'; i++) at = nextRoleUp(p, at);
        expect(at, `${p.id}: ${r.id}`).toBe('pcc');
      }
    }
  });

  it('001 ¶18 "may appeal to the Chief Executive": a West Midlands appeal overdue goes to the Chief Executive, then the PCC', () => {
    const record = appealed('west-midlands', 'staff');
    // West Midlands sets no appeal decision deadline: nothing to escalate.
    expect(escalations('west-midlands', record, new Date('2026-06-01T07:00:00Z')).letters).toEqual([]);
    expect(nextRoleUp(getProfile('west-midlands'), 'chief-executive')).toBe('pcc');
  });

  it('other deadlines still escalate to the decision maker', () => {
    const profile = getProfile('wiltshire');
    const c = complaint('staff');
    const r = route(profile, c);
    const record = newCaseRecord({
      reference: 'REF-2',
      policyId: 'wiltshire',
      receivedAt: new Date('2026-03-02T10:00:00Z'),
      state: initialState(profile, r, true),
      complaint: c,
      route: r,
    });
    const { letters } = escalations('wiltshire', record, new Date('2026-03-16T07:00:00Z'));
    expect(letters.map((l) => l.toRole)).toEqual(['director-of-operations']);
  });
});
