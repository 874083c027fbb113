/** Issue 9 in the pure core: a Needs-review case is chased by the complaints team; the date staff say a complaint arrived. */
import { describe, expect, it } from 'vitest';
import { makeCalendar } from '../../src/core/calendar';
import { newCaseRecord } from '../../src/core/case-record';
import { computeClocks } from '../../src/core/clocks';
import { COMPLAINTS_TEAM_ROLE, dueLetters } from '../../src/core/correspondence';
import { getProfile } from '../../src/core/profile';
import { staffReceivedAt } from '../../src/core/staff-intake';

const calendar = makeCalendar();
const RECEIVED = new Date('2026-03-02T10:00:00Z'); // a Monday

function reviewCase(policy: string) {
  const profile = getProfile(policy);
  const record = newCaseRecord({
    reference: 'REF-1',
    policyId: policy,
    receivedAt: RECEIVED,
    state: profile.lifecycle.initial.needsReview,
    complaint: { name: 'Alex Morgan', email: 'alex@example' },
    route: null,
  });
  return { profile, record };
}

const at = (iso: string) => new Date(iso);

describe.each(['dyfed-powys', 'west-midlands', 'wiltshire'])(
  '%s: a Needs-review case is chased',
  (policy) => {
    it('the acknowledgement (5 working days from receipt, due 2026-03-09) is named and reminded to the team', () => {
      const { profile, record } = reviewCase(policy);
      const now = at('2026-03-05T07:00:00Z');
      const clocks = computeClocks(profile, record, now, calendar);
      expect(clocks.acknowledgeBy).toBe('2026-03-09');
      expect(clocks.statusReason).toBe('Acknowledgement due 09/03/2026');
      const letters = dueLetters(profile, record, clocks, now, calendar);
      expect(letters.map((l) => [l.kind, l.variant, l.toRole])).toEqual([
        ['update-due', 'needs-review', COMPLAINTS_TEAM_ROLE],
      ]);
    });

    it('once missed, the complaints team gets the escalation, once per missed deadline', () => {
      const { profile, record } = reviewCase(policy);
      const now = at('2026-03-10T07:00:00Z');
      const clocks = computeClocks(profile, record, now, calendar);
      const letters = dueLetters(profile, record, clocks, now, calendar);
      expect(letters).toHaveLength(1);
      expect(letters[0]).toMatchObject({
        kind: 'overdue',
        toRole: COMPLAINTS_TEAM_ROLE,
        cycle: 'ack-2026-03-09',
        extra: { overdueWhat: expect.stringContaining('acknowledgement') as unknown as string },
      });
    });

    it('nothing is sent to the complainant before staff accept the case', () => {
      const { profile, record } = reviewCase(policy);
      const now = at('2026-04-30T07:00:00Z');
      const letters = dueLetters(
        profile,
        record,
        computeClocks(profile, record, now, calendar),
        now,
        calendar,
      );
      expect(letters.every((l) => l.audience === 'staff' && l.toRole === COMPLAINTS_TEAM_ROLE)).toBe(true);
    });
  },
);

describe('the date a staff-logged complaint was received', () => {
  const now = at('2026-03-02T15:30:00Z');
  it('defaults to now; today is now', () => {
    expect(staffReceivedAt(undefined, now)).toEqual({ ok: true, at: now });
    expect(staffReceivedAt('2026-03-02', now)).toEqual({ ok: true, at: now });
  });
  it('an earlier day is that London day', () => {
    expect(staffReceivedAt('2026-02-27', now)).toEqual({ ok: true, at: at('2026-02-27T00:00:00Z') });
    // British Summer Time: midnight in London is 23:00 UTC the day before.
    expect(staffReceivedAt('2025-07-01', now)).toEqual({ ok: true, at: at('2025-06-30T23:00:00Z') });
  });
  it('refuses a future day, a day over a year ago and what is not a date, in plain words', () => {
    expect(staffReceivedAt('2026-03-03', now)).toMatchObject({ ok: false, message: /future/ });
    expect(staffReceivedAt('2025-03-01', now)).toMatchObject({ ok: false, message: /over a year ago/ });
    expect(staffReceivedAt('02/03/2026', now)).toMatchObject({ ok: false, message: /date it was received/ });
  });
});

describe('accept: every policy takes a Needs-review case into its first stage', () => {
  it.each(['dyfed-powys', 'west-midlands', 'wiltshire'])(
    '%s has `accept` from needs-review to its in-scope stage',
    (policy) => {
      const profile = getProfile(policy);
      const { initial } = profile.lifecycle;
      const accept = profile.lifecycle.transitions.find((t) => t.action === 'accept');
      expect(accept?.from).toContain(initial.needsReview);
      expect(accept?.to).toBe(initial.inScope);
      expect(accept?.actors).toBe('any');
    },
  );
});
