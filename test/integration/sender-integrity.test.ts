/**
 * DESIGN §2 "Rows are matched by reference and columns by header at the moment of writing, not from
 * positions read earlier in the run (a sort or an inserted column mid-run must not misplace data)" and
 * §3 "A retried run never sends twice", drilled at every service call of a sender run with 10 letters
 * queued. Needs a fresh `npm run build` (the harness loads build/Code.js).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/index';
import { OUTBOX } from '../../src/gas/mail';
import { DIED_WHILE_SENDING, JOURNAL_PREFIX, LEASE_MS } from '../../src/gas/mail/sender';
import { journalEntries } from '../../src/gas/mail/send-journal';
import { attempt, cloneOf, columnOf, moveColumn, records, sameValue, type Row } from './drill';
import { Office } from './harness';

/** The columns the sender writes; every other cell of a row must come out as it went in. */
const SENDER_COLUMNS = [OUTBOX.status, OUTBOX.attempts, OUTBOX.error, OUTBOX.nextAttempt, OUTBOX.sentAt];

/** Letters on the Outbox and the team's notices on Staff mail: the sender drains both. */
const mailRecords = (emu: Emulator): Row[] => [...records(emu, 'Outbox'), ...records(emu, 'Staff mail')];

let queued: Emulator;
let before: Row[];
let cleanRun: string[];

beforeAll(() => {
  const office = new Office('wiltshire');
  // Each submission queues an acknowledgement (Outbox) and the team's notice (Staff mail): 10 letters.
  for (let i = 0; i < 5; i++) office.submit({ name: `Person ${i}`, email: `p${i}@example.org` });
  queued = office.emu;
  before = mailRecords(queued);
  expect(records(queued, 'Outbox')).toHaveLength(5);
  cleanRun = cloneOf(queued).run('sendQueuedMail').stats.sequence;
});

const letterOf = (to: unknown, subject: unknown) => `${String(to)}\n${String(subject)}`;

/** Runs the sender until it has nothing left, past any lease a stopped run left behind. */
function drain(emu: Emulator): void {
  for (let i = 0; i < 3; i++) {
    emu.advanceBy(LEASE_MS + 60_000);
    attempt(emu, 'sendQueuedMail');
  }
}

interface Figures {
  sentTwice: number;
  lost: number;
  misplaced: number;
  flagged: number;
}

/** Counts what went wrong for the 10 letters after a drill; `detail` names the first few problems. */
function audit(emu: Emulator, detail: string[], label: string): Figures {
  const figures: Figures = { sentTwice: 0, lost: 0, misplaced: 0, flagged: 0 };
  const copies = new Map<string, number>();
  for (const mail of emu.mail.sent) {
    const key = letterOf(mail.to, mail.subject);
    copies.set(key, (copies.get(key) ?? 0) + 1);
  }
  const after = new Map(mailRecords(emu).map((r) => [String(r[OUTBOX.key]), r]));
  const headers = (emu.sheetValues('Outbox')[0] ?? []).map(String);
  const note = (problem: string) => {
    if (detail.length < 10) detail.push(`${label}: ${problem}`);
  };
  before.forEach((old, i) => {
    const key = String(old[OUTBOX.key]);
    const row = after.get(key);
    const n = copies.get(letterOf(old[OUTBOX.to], old[OUTBOX.subject])) ?? 0;
    if (n > 1) {
      figures.sentTwice += 1;
      note(`letter ${i} sent ${n} times`);
    }
    if (!row) {
      figures.misplaced += 1;
      note(`letter ${i} has no row`);
      return;
    }
    const flagged = row[OUTBOX.status] === 'failed' && row[OUTBOX.error] === DIED_WHILE_SENDING;
    if (flagged) figures.flagged += 1;
    if (n === 0 && !flagged) {
      figures.lost += 1;
      note(`letter ${i} never sent, status ${String(row[OUTBOX.status])}`);
    }
    if (n === 1 && !flagged) {
      const right =
        row[OUTBOX.status] === 'sent' &&
        row[OUTBOX.attempts] === 1 &&
        row[OUTBOX.sentAt] instanceof Date &&
        row[OUTBOX.error] === '' &&
        row[OUTBOX.nextAttempt] === '';
      if (!right) {
        figures.misplaced += 1;
        note(`letter ${i} status columns wrong: ${SENDER_COLUMNS.map((h) => String(row[h])).join(' / ')}`);
      }
    }
    for (const header of headers) {
      if (SENDER_COLUMNS.includes(header as never)) continue;
      // A column staff inserted has no header and must stay empty; the others keep what they held.
      const expected = header === '' ? '' : old[header];
      if (!sameValue(row[header], expected)) {
        figures.misplaced += 1;
        note(`letter ${i} "${header}" changed`);
      }
    }
  });
  return figures;
}

function drill(reshape: (emu: Emulator) => void): { figures: Figures; detail: string[]; runs: number } {
  const total: Figures = { sentTwice: 0, lost: 0, misplaced: 0, flagged: 0 };
  const detail: string[] = [];
  for (let call = 1; call <= cleanRun.length; call++) {
    const emu = cloneOf(queued);
    emu.interleave({ fn: 'sendQueuedMail', atCall: call, do: reshape });
    attempt(emu, 'sendQueuedMail');
    expect(emu.interleaveErrors).toEqual([]);
    drain(emu);
    const f = audit(emu, detail, `change before call ${call} (${cleanRun[call - 1]})`);
    total.sentTwice += f.sentTwice;
    total.lost += f.lost;
    total.misplaced += f.misplaced;
    total.flagged += f.flagged;
  }
  return { figures: total, detail, runs: cleanRun.length };
}

describe('the sender writes where it means to whatever staff do to the Outbox meanwhile (DESIGN §2, §3)', () => {
  it('queues 10 letters and sends each once in a clean run, the drills’ baseline', () => {
    const emu = cloneOf(queued);
    emu.run('sendQueuedMail');
    expect(before).toHaveLength(10);
    expect(audit(emu, [], 'clean')).toEqual({ sentTwice: 0, lost: 0, misplaced: 0, flagged: 0 });
  });

  it('"an inserted column mid-run must not misplace data": a column inserted at every call, no letter twice, lost or misplaced', () => {
    const result = drill((emu) => emu.spreadsheet.getSheetByName('Outbox')!.insertColumnAfter(2));
    expect(result).toMatchObject({
      figures: { sentTwice: 0, lost: 0, misplaced: 0, flagged: 0 },
      detail: [],
    });
    expect(result.runs).toBeGreaterThan(60);
  });

  it('"staff will reorder, hide and add columns": a column deleted at every call, no letter twice, lost or misplaced', () => {
    const result = drill((emu) =>
      emu.spreadsheet.getSheetByName('Outbox')!.deleteColumn(columnOf(emu, 'Outbox', OUTBOX.variant)),
    );
    expect(result).toMatchObject({
      figures: { sentTwice: 0, lost: 0, misplaced: 0, flagged: 0 },
      detail: [],
    });
  });

  it('"columns are found by header, never by position": Status moved to the first column at every call', () => {
    const result = drill((emu) => moveColumn(emu, 'Outbox', OUTBOX.status, 1));
    expect(result).toMatchObject({
      figures: { sentTwice: 0, lost: 0, misplaced: 0, flagged: 0 },
      detail: [],
    });
  });

  it('"a retried run never sends twice": killed at every call, the next runs send each letter at most once and every other one eventually', () => {
    const total: Figures = { sentTwice: 0, lost: 0, misplaced: 0, flagged: 0 };
    const detail: string[] = [];
    const mails = cleanRun.filter((key) => key === 'MailApp.sendEmail').length;
    for (let call = 1; call <= cleanRun.length; call++) {
      const emu = cloneOf(queued);
      emu.interleave({ fn: 'sendQueuedMail', atCall: call, do: 'kill' });
      expect(attempt(emu, 'sendQueuedMail').killed).toBe(true);
      drain(emu);
      const f = audit(emu, detail, `killed at call ${call} (${cleanRun[call - 1]})`);
      // Only a letter that was inside MailApp when the run died has an unknowable fate.
      if (f.flagged > 1) detail.push(`killed at call ${call}: ${f.flagged} letters to check`);
      total.sentTwice += f.sentTwice;
      total.lost += f.lost;
      total.misplaced += f.misplaced;
      total.flagged += f.flagged;
    }
    expect(mails).toBe(10);
    // A kill just before each sendEmail, or just after it before its journal mark, leaves one letter to
    // check: 2 per letter.
    expect({ total, detail }).toEqual({
      total: { sentTwice: 0, lost: 0, misplaced: 0, flagged: 2 * mails },
      detail: [],
    });
  });

  it('"a failed final write leaves the journal": Status deleted before the results are written is reported, nothing is resent, and the rows are settled once Status is back', () => {
    const emu = cloneOf(queued);
    const finalWrite = cleanRun.lastIndexOf('Lock.waitLock') + 2;
    emu.interleave({
      fn: 'sendQueuedMail',
      atCall: finalWrite,
      do: (e) => e.spreadsheet.getSheetByName('Outbox')!.deleteColumn(columnOf(e, 'Outbox', OUTBOX.status)),
    });
    const inv = attempt(emu, 'sendQueuedMail');
    expect(inv.error?.message).toMatch(/The "Outbox" tab has no "Status" column/);
    expect(emu.mail.sent).toHaveLength(10);
    const journal = [...journalEntries(emu.properties.script)];
    expect(journal).toHaveLength(10);
    expect(journal.every(([, v]) => v.startsWith('sent:'))).toBe(true);
    const health = emu.sheetValues('Settings').find((r) => r[0] === 'health:sendQueuedMail')!;
    expect(String(health[3])).toMatch(/no "Status" column/);
    // Setup puts an empty Status column back; the next run settles every row from the journal.
    emu.run('setupSpreadsheet', 'wiltshire');
    drain(emu);
    expect(emu.mail.sent).toHaveLength(10);
    expect(mailRecords(emu).map((r) => r[OUTBOX.status])).toEqual(new Array(10).fill('sent'));
    expect(Object.keys(emu.properties.script).filter((k) => k.startsWith(JOURNAL_PREFIX))).toEqual([]);
  });
});

describe('trigger health is written by key and header at the moment of writing (DESIGN §2)', () => {
  it('"a sort or an inserted column mid-run must not misplace data": Settings reshaped just before the health write', () => {
    const emu = cloneOf(queued);
    const settingsBefore = new Map(records(emu, 'Settings').map((r) => [String(r['Key']), r]));
    const healthWrite = cleanRun.lastIndexOf('Range.setValues') + 1;
    emu.interleave({
      fn: 'sendQueuedMail',
      atCall: healthWrite,
      do: (e) => {
        const sheet = e.spreadsheet.getSheetByName('Settings')!;
        sheet.insertColumnBefore(1);
        sheet.sort(columnOf(e, 'Settings', 'Key'), false);
      },
    });
    const inv = emu.run('sendQueuedMail');
    const after = records(emu, 'Settings');
    const health = after.find((r) => r['Key'] === 'health:sendQueuedMail')!;
    // The stamp is the run's start as the script saw it; time moves with each call, so it lies within the run.
    const stamp = (health['Value'] as Date).getTime();
    expect(stamp).toBeGreaterThanOrEqual(inv.at.getTime());
    expect(stamp).toBeLessThanOrEqual(inv.at.getTime() + inv.executionTimeMs);
    // Form submissions' last run, kept in a property until this run, is copied in the same write.
    const submitted = after.find((r) => r['Key'] === 'health:onComplaintSubmitted')!;
    expect(submitted['Value']).toBeInstanceOf(Date);
    for (const row of after) {
      const old = settingsBefore.get(String(row['Key']))!;
      for (const [header, value] of Object.entries(row)) {
        if ((row === health || row === submitted) && header === 'Value') continue;
        expect([row['Key'], header, sameValue(value, header === '' ? '' : old[header])]).toEqual([
          row['Key'],
          header,
          true,
        ]);
      }
    }
  });
});
