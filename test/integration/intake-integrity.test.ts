/**
 * "Nothing lost, sent twice or misplaced": form responses are known by what they are, not where they sit;
 * an intake stopped at any point is finished exactly once; no cell goes over Google's limit.
 */
import { deferredAuditEntries } from '../../src/gas/audit';
import { describe, expect, it } from 'vitest';
import type { Submission } from '../../src/core/model';
import { submissionToAnswers } from '../../src/gas/form-questions';
import { BASE, Office } from './harness';
import { londonDate } from '../../src/core/calendar';

/** A deadline cell's London day: deadlines are date cells. */
const day = (cell: unknown): string =>
  Object.prototype.toString.call(cell) === '[object Date]' ? londonDate(cell as Date) : String(cell);

/** A response's timestamp as its identity keeps it: to the second (a date read back from a cell can be a hair off). */
const withoutStamp = (rows: Record<string, unknown>[]) =>
  rows.map(({ ['Last updated by script']: _stamp, ...rest }) => rest);
const toSecond = (d: Date): Date => new Date(Math.round(d.getTime() / 1000) * 1000);

const NEXT_MORNING = new Date('2026-03-03T09:00:00Z');

function responsesTab(office: Office) {
  const sheet = office.emu.spreadsheet.getSheets().find((s) => s.getFormUrl());
  if (!sheet) throw new Error('no responses tab');
  return sheet;
}

function answers(office: Office, overrides: Partial<Submission> = {}) {
  return submissionToAnswers(office.profile, { ...BASE, ...overrides });
}

/** A submission whose own trigger fails (the lock is held elsewhere): only the recovery can make its case. */
function submitMissed(office: Office, overrides: Partial<Submission> = {}): void {
  office.emu.lock.holdByAnotherProcess(true);
  const [inv] = office.emu.submitForm(answers(office, overrides));
  office.emu.lock.holdByAnotherProcess(false);
  expect(inv!.error).not.toBeNull();
}

/**
 * The form-submit event Google would send again for a response row (a duplicated event). It comes from
 * the installed form-submit trigger, so it carries that trigger's id: an event from a trigger that is not
 * the recorded set is a previous owner's leftover, which the product rightly ignores.
 */
function refire(office: Office, row: number) {
  const trigger = office.emu.triggers.find((t) => t.handler === 'onComplaintSubmitted');
  if (!trigger) throw new Error('no form-submit trigger');
  const sheet = responsesTab(office);
  const width = sheet.getLastColumn();
  const header = sheet.getRange(1, 1, 1, width).getValues()[0]!.map(String);
  const range = sheet.getRange(row, 1, 1, width);
  const values = range.getDisplayValues()[0]!;
  const namedValues = Object.fromEntries(header.map((h, i) => [h, [values[i]!]]));
  return office.emu.run('onComplaintSubmitted', {
    values,
    namedValues,
    range,
    source: office.emu.spreadsheet,
    authMode: 'FULL',
    triggerUid: trigger.id,
  });
}

const names = (office: Office) => office.cases().map((c) => c['Complainant']);
const references = (office: Office) => office.cases().map((c) => c['Reference']);

function health(office: Office, handler: string): { ok: unknown; note: string } {
  const row = office.emu.sheetValues('Settings').find((r) => r[0] === `health:${handler}`)!;
  return { ok: row[2], note: String(row[3]) };
}

function outboxKeys(office: Office): string[] {
  return office
    .mail()
    .map((r) => String(r['Key']))
    .sort();
}

/** Creation entries on the Audit tab and those waiting to go there with the next sender run (audit.ts). */
function auditCreations(office: Office): string[] {
  const waiting = deferredAuditEntries(office.emu.properties.script)
    .filter((e) => e.action === 'case created')
    .map((e) => e.reference);
  return [
    ...office
      .rows('Audit')
      .filter((r) => r['Action'] === 'case created')
      .map((r) => String(r['Reference'])),
    ...waiting,
  ];
}

describe('form responses are identified by what they are, never by row number', () => {
  it('deleting a response row (spam, retention) neither drops nor doubles later submissions', () => {
    const office = new Office('wiltshire');
    office.submit({ name: 'Spam Sender' });
    office.submit({ name: 'Bea Second' });
    responsesTab(office).deleteRow(2);
    office.submit({ name: 'Cy Third' });
    submitMissed(office, { name: 'Di Missed' });
    office.emu.advanceTo(NEXT_MORNING);
    expect(names(office)).toEqual(['Spam Sender', 'Bea Second', 'Cy Third', 'Di Missed']);
    office.emu.run('runDailySweep');
    expect(new Set(references(office)).size).toBe(4);
  });

  it('sorting the responses tab neither drops nor doubles: the recovery makes only the missed response', () => {
    const office = new Office('wiltshire');
    office.submit({ name: 'Zoe Last' });
    office.submit({ name: 'Abe First' });
    submitMissed(office, { name: 'Mo Missed' });
    const sheet = responsesTab(office);
    const nameColumn = sheet
      .getRange(1, 1, 1, sheet.getLastColumn())
      .getValues()[0]!
      .indexOf('Your full name');
    sheet.sort(nameColumn + 1, true);
    office.emu.advanceTo(NEXT_MORNING);
    office.submit({ name: 'Al After' });
    office.emu.run('runDailySweep');
    expect(names(office)).toEqual(['Zoe Last', 'Abe First', 'Mo Missed', 'Al After']);
  });

  it('renaming the responses tab: the recovery still finds it by its link to the form', () => {
    const office = new Office('west-midlands');
    submitMissed(office, { name: 'Rene Renamed' });
    responsesTab(office).setName('Complaints received');
    office.emu.advanceTo(NEXT_MORNING);
    expect(names(office)).toEqual(['Rene Renamed']);
  });

  it('Settings deleted and Set up run again: the same form is kept, and later submissions make one case each', () => {
    const office = new Office('wiltshire');
    office.submit({ name: 'Before Reset' });
    const ss = office.emu.spreadsheet;
    ss.deleteSheet(ss.getSheetByName('Settings')!);
    office.emu.run('setupSpreadsheet', 'wiltshire');
    office.fillDirectory();
    expect(office.emu.forms).toHaveLength(1);
    office.submit({ name: 'After Reset' });
    submitMissed(office, { name: 'Missed After Reset' });
    office.emu.advanceTo(NEXT_MORNING);
    office.emu.run('runDailySweep');
    expect(names(office)).toEqual(['Before Reset', 'After Reset', 'Missed After Reset']);
    expect(references(office)).toEqual(['WIL-2026-0001', 'WIL-2026-0002', 'WIL-2026-0003']);
  });

  it('re-creating a deleted form: responses to the new form make one case each, old ones are not made again', () => {
    const office = new Office('wiltshire');
    office.submit({ name: 'Old Form' });
    const old = office.emu.forms[0]!;
    old.removeDestination();
    office.emu.forms.splice(0, 1);
    office.emu.run('setupSpreadsheet', 'wiltshire');
    const [fresh] = office.emu.forms;
    expect(fresh!.id).not.toBe(old.id);
    office.emu.submitForm(answers(office, { name: 'New Form' }), fresh!.id);
    submitMissed(office, { name: 'New Form Missed' });
    office.emu.advanceTo(NEXT_MORNING);
    office.emu.run('runDailySweep');
    expect(names(office)).toEqual(['Old Form', 'New Form', 'New Form Missed']);
  });

  it('a duplicated event for one response makes no second case and queues no second letter', () => {
    const office = new Office('wiltshire');
    office.submit({ name: 'Once Only' });
    const keys = outboxKeys(office);
    const inv = refire(office, 2);
    expect(inv.error).toBeNull();
    expect(names(office)).toEqual(['Once Only']);
    expect(outboxKeys(office)).toEqual(keys);
    expect(auditCreations(office)).toEqual(['WIL-2026-0001']);
  });

  it('two identical submissions are two responses: both become cases', () => {
    const office = new Office('wiltshire');
    office.submit({ name: 'Same Person' });
    office.emu.advanceBy(1_000);
    office.submit({ name: 'Same Person' });
    expect(references(office)).toEqual(['WIL-2026-0001', 'WIL-2026-0002']);
  });
});

describe('a recovered case keeps the response’s own timestamp as Received (its clocks start then)', () => {
  it('a recovered response keeps what the person typed where Sheets reinterpreted it (a formula, a date)', () => {
    const office = new Office('wiltshire');
    submitMissed(office, {
      name: '01/02/2026',
      description: '=SUM(1,2) is what the officer wrote on my form',
    });
    office.emu.advanceTo(new Date('2026-03-03T10:00:00Z'));
    office.emu.run('runDailySweep');
    const [row] = office.cases();
    expect(row!['Complainant']).toBe('01/02/2026');
    expect(row!['What happened']).toBe('=SUM(1,2) is what the officer wrote on my form');
  });

  it('a response missed on Monday and recovered days later is received on Monday', () => {
    const office = new Office('wiltshire');
    const submittedAt = toSecond(office.emu.now);
    submitMissed(office, { name: 'Late Recovery' });
    // The daily trigger is out for three days (an outage): the first sweep after it comes back recovers.
    const daily = office.emu.triggers.find((t) => t.handler === 'runDailySweep')!;
    office.emu.triggers.splice(office.emu.triggers.indexOf(daily), 1);
    office.emu.advanceTo(new Date('2026-03-05T10:00:00Z'));
    office.emu.run('runDailySweep');
    const [row] = office.cases();
    expect(row!['Received']).toEqual(submittedAt);
    expect(day(row!['Acknowledge by'])).toBe('2026-03-09');
    expect(row!['Response ID']).toMatch(/^2026-03-02T09:00:\d\dZ [0-9a-z]{11}$/);
    expect(String(row!['Response ID']).slice(0, 20)).toBe(submittedAt.toISOString().replace('.000', ''));
  });
});

describe('blank and broken form events are ignored with a health note, no personal data', () => {
  it('an event with no answers, or no event at all, makes no case and says so in trigger health', () => {
    const office = new Office('wiltshire');
    office.emu.run('onComplaintSubmitted', { namedValues: {}, values: [] });
    expect(health(office, 'onComplaintSubmitted').note).toMatch(/no answers/);
    office.emu.run('onComplaintSubmitted', {
      namedValues: { Timestamp: ['2/3/2026 9:00:00'], 'Your full name': [''] },
    });
    office.emu.run('onComplaintSubmitted');
    expect(office.cases()).toHaveLength(0);
    expect(health(office, 'onComplaintSubmitted').ok).toBeInstanceOf(Date);
  });

  it('an event without e.range is not made into a case by the event; the morning check makes it once', () => {
    const office = new Office('wiltshire');
    const named = answers(office, { name: 'No Range' });
    office.emu.lock.holdByAnotherProcess(true);
    office.emu.submitForm(named);
    office.emu.lock.holdByAnotherProcess(false);
    const namedValues = Object.fromEntries(Object.entries(named).map(([k, v]) => [k, [v]]));
    office.emu.run('onComplaintSubmitted', { namedValues });
    expect(office.cases()).toHaveLength(0);
    const note = health(office, 'onComplaintSubmitted').note;
    expect(note).toMatch(/without its response row/);
    expect(note).not.toContain('No Range');
    office.emu.advanceTo(NEXT_MORNING);
    expect(names(office)).toEqual(['No Range']);
  });
});

describe('no cell the script writes exceeds 50,000 characters', () => {
  const longest = (office: Office) =>
    Math.max(
      ...office.emu.spreadsheet
        .getSheets()
        .flatMap((s) => office.emu.sheetValues(s.getName()).flat())
        .map((v) => String(v).length),
    );

  it('a submission of 20,000 quote characters becomes a case; its full description stays in the response row', () => {
    const office = new Office('wiltshire');
    const quotes = '"'.repeat(20_000);
    office.submit({ description: quotes, desiredOutcome: '"'.repeat(5_000), adjustments: '"'.repeat(5_000) });
    const [row] = office.cases();
    expect(row!['What happened']).toBe(quotes);
    expect(String(row!['Case data (do not edit)'])).toContain('[truncated: full text in the form response]');
    const response = office.rows(responsesTab(office).getName())[0]!;
    expect(Object.values(response)).toContain(quotes);
    expect(longest(office)).toBeLessThanOrEqual(50_000);
    // The case still works: the sweep gives it deadlines, a staff change is accepted.
    office.emu.run('runDailySweep');
    expect(day(office.cases()[0]!['Acknowledge by'])).toBe('2026-03-09');
    office.edit('WIL-2026-0001', 'Acknowledged on', new Date('2026-03-02T00:00:00Z'));
    expect(office.cases()[0]!['Acknowledged on']).toEqual(new Date('2026-03-02T00:00:00Z'));
    expect(longest(office)).toBeLessThanOrEqual(50_000);
  });
});

describe('one bad record never stops the run for the others', () => {
  it('recovery skips a response that fails, records it in trigger health and on the Dashboard, and retries it next time', () => {
    const office = new Office('wiltshire');
    submitMissed(office, { name: 'First Missed' });
    submitMissed(office, { name: 'Second Missed' });
    office.emu.advanceBy(31 * 60_000);
    // The first recovered response fails when its reference is saved (a full property store); the
    // store is freed at once, so only that one response is affected. The run's first setProperties is
    // the sweep's own start mark; the second saves the first response's reference.
    let filled = false;
    let saves = 0;
    office.emu.interleave({
      fn: 'runDailySweep',
      atCall: (key) => key === 'Properties.setProperties' && ++saves === 2,
      do: (emu) => {
        emu.properties.script['junk'] = 'x'.repeat(520_000);
        filled = true;
      },
    });
    office.emu.interleave({
      fn: 'runDailySweep',
      atCall: () => filled,
      do: (emu) => {
        delete emu.properties.script['junk'];
      },
    });
    office.emu.run('runDailySweep');
    expect(names(office)).toEqual(['Second Missed']);
    expect(day(office.cases()[0]!['Acknowledge by'])).toBe('2026-03-09');
    const note = health(office, 'recoverMissedResponses').note;
    expect(note).toMatch(/could not be made into a case/);
    expect(note).not.toContain('First Missed');
    const dashboard = Object.fromEntries(office.emu.sheetValues('Dashboard').map((r) => [r[0], r[1]]));
    expect(dashboard['Form responses not yet made into cases']).toBe(1);
    office.emu.advanceTo(NEXT_MORNING);
    expect(names(office)).toEqual(['Second Missed', 'First Missed']);
    expect(health(office, 'recoverMissedResponses').note).not.toMatch(/could not/);
  });

  it('a response row whose timestamp was overwritten is reported as a count, and the others are recovered', () => {
    const office = new Office('wiltshire');
    submitMissed(office, { name: 'Good Row' });
    office.submit({ name: 'Broken Row' });
    responsesTab(office).getRange(3, 1).setValue('not a date');
    office.emu.advanceTo(NEXT_MORNING);
    expect(names(office)).toEqual(['Broken Row', 'Good Row']);
    expect(health(office, 'recoverMissedResponses').note).toMatch(/1 row\(s\) .* no timestamp/);
  });
});

describe('text answers stay text on every row (row 5,000 as row 2)', () => {
  it('a phone number keeps its leading zero, and "=", "+", "-", "@" stay literal, below the formatted rows', () => {
    const office = new Office('wiltshire');
    office.seedCases(4_998);
    const odd = {
      name: '@Robin Hill',
      phone: '01632960001',
      description: '-2 days after the meeting nobody called me back, which was not acceptable.',
      desiredOutcome: '=1+2',
      preferredContact: 'phone' as const,
    };
    office.submit(odd);
    const cases = office.cases();
    expect(cases).toHaveLength(4_999);
    const row = cases[4_998]!;
    expect(row['Phone']).toBe('01632960001');
    expect(row['Complainant']).toBe('@Robin Hill');
    expect(row['What happened']).toBe(odd.description);
    expect(row['What they want to happen']).toBe('=1+2');
    const formulas = office.emu.spreadsheet.getSheetByName('Cases')!.getDataRange().getFormulas();
    expect(formulas.flat().filter(Boolean)).toEqual([]);
  });
});

describe('the responses tab keeps answers as typed (Forms stores them as typed entries)', () => {
  const typed = { name: '=1+2', phone: '01632960001', preferredContact: 'phone' as const };
  const answerCells = (office: Office, row: number) => {
    const sheet = responsesTab(office);
    const range = sheet.getRange(row, 2, 1, sheet.getLastColumn() - 1);
    return { values: range.getValues()[0]!, formulas: range.getFormulas()[0]!.filter(Boolean) };
  };

  it('setup formats the answer columns as plain text: a leading zero and a leading "=" stay as typed', () => {
    const office = new Office('wiltshire');
    office.submit(typed);
    const { values, formulas } = answerCells(office, 2);
    expect(values).toContain('01632960001');
    expect(values).toContain('=1+2');
    expect(formulas).toEqual([]);
    expect(responsesTab(office).getRange(2, 1).getValue()).toBeInstanceOf(Date);
  });

  it('the morning check adds formatted rows when the responses near the end of the grid', () => {
    const office = new Office('wiltshire');
    office.submit({ name: 'First Row' });
    const sheet = responsesTab(office);
    // As if the tab had filled up: no formatted row left below the last response.
    sheet.deleteRows(3, sheet.getMaxRows() - 2);
    office.emu.advanceTo(NEXT_MORNING);
    expect(sheet.getMaxRows()).toBeGreaterThan(200);
    expect(sheet.getRange(sheet.getMaxRows(), 2).getNumberFormat()).toBe('@');
    office.submit(typed);
    const { values, formulas } = answerCells(office, 3);
    expect(values).toContain('01632960001');
    expect(formulas).toEqual([]);
  });
});

describe('intake is idempotent and complete: killed at any point, exactly one case with its first letters', () => {
  const HALF_HOUR = 31 * 60_000;
  /** The case's own letters (the team digest depends on the day the case is first seen). */
  const caseLetters = (office: Office) => outboxKeys(office).filter((k) => k.startsWith('WIL-2026-0001|'));

  /** What an uninterrupted submit leaves, then after the next daily sweep, to compare interrupted ones with. */
  function cleanRun() {
    const office = new Office('wiltshire');
    const inv = office.submit({ name: 'Kim Killed' });
    const atSubmit = { cases: office.cases(), keys: caseLetters(office) };
    office.emu.advanceBy(HALF_HOUR);
    office.emu.run('runDailySweep');
    return { calls: inv.stats.sequence, atSubmit, afterSweep: caseLetters(office) };
  }

  function expectOneCompleteCase(office: Office, keys: string[], received: Date) {
    expect(references(office)).toEqual(['WIL-2026-0001']);
    expect(office.cases()[0]!['Received']).toEqual(received);
    expect(caseLetters(office)).toEqual(keys);
    expect(auditCreations(office)).toEqual(['WIL-2026-0001']);
  }

  it(
    'killed at call N for every N of a submit: after the next daily sweep exactly one case and its first letters',
    { timeout: 240_000 },
    () => {
      const clean = cleanRun();
      expect(clean.atSubmit.keys).toEqual([
        'WIL-2026-0001|acknowledgement|-|0',
        'WIL-2026-0001|case-assigned|-|0',
      ]);
      for (let n = 1; n <= clean.calls.length; n++) {
        const office = new Office('wiltshire');
        const received = toSecond(office.emu.now);
        office.emu.interleave({ fn: 'onComplaintSubmitted', atCall: n, do: 'kill' });
        const [inv] = office.emu.submitForm(answers(office, { name: 'Kim Killed' }));
        expect(inv!.killed, `killed at call ${n} (${clean.calls[n - 1]})`).toBe(true);
        office.emu.advanceBy(HALF_HOUR);
        office.emu.run('runDailySweep');
        expectOneCompleteCase(office, clean.afterSweep, received);
      }
    },
  );

  it(
    'killed at call N for every N of a submit: the event delivered again finishes the same case, once',
    { timeout: 240_000 },
    () => {
      const clean = cleanRun();
      for (let n = 1; n <= clean.calls.length; n++) {
        const office = new Office('wiltshire');
        const received = toSecond(office.emu.now);
        office.emu.interleave({ fn: 'onComplaintSubmitted', atCall: n, do: 'kill' });
        office.emu.submitForm(answers(office, { name: 'Kim Killed' }));
        expect(refire(office, 2).error).toBeNull();
        expect(refire(office, 2).error).toBeNull();
        expectOneCompleteCase(office, clean.atSubmit.keys, received);
        // When the script last touched the row moves with the work each run did; everything else is the same.
        expect(withoutStamp(office.cases())).toEqual(withoutStamp(clean.atSubmit.cases));
      }
    },
  );

  it(
    'a duplicated event arriving at any call of the first one makes no second case',
    { timeout: 240_000 },
    () => {
      const clean = cleanRun();
      for (let n = 1; n <= clean.calls.length; n++) {
        const office = new Office('wiltshire');
        const received = toSecond(office.emu.now);
        // The same response's event again, in a second execution started before the first's n-th call.
        office.emu.interleave({ fn: 'onComplaintSubmitted', atCall: n, do: () => refire(office, 2) });
        const [first] = office.emu.submitForm(answers(office, { name: 'Kim Killed' }));
        expect(first!.error, `second event at call ${n}`).toBeNull();
        expect(office.emu.pendingInterleaves).toBe(0);
        expectOneCompleteCase(office, clean.atSubmit.keys, received);
      }
    },
  );

  it(
    'the morning recovery killed at call N for every N: the next run finishes exactly one case',
    { timeout: 240_000 },
    () => {
      const missed = () => {
        const office = new Office('wiltshire');
        const received = toSecond(office.emu.now);
        submitMissed(office, { name: 'Kim Killed' });
        office.emu.advanceBy(HALF_HOUR);
        return { office, received };
      };
      const { office: reference } = missed();
      const sweep = reference.emu.run('runDailySweep');
      reference.emu.run('runDailySweep');
      const keys = caseLetters(reference);
      expect(keys).toHaveLength(2);
      // Up to the end of the recovery: the sweep proper is the sweep's own to drill.
      const recoveryCalls = sweep.stats.sequence.indexOf('Lock.releaseLock') + 1;
      expect(recoveryCalls).toBeGreaterThan(10);
      for (let n = 1; n <= recoveryCalls; n++) {
        const { office, received } = missed();
        office.emu.interleave({ fn: 'runDailySweep', atCall: n, do: 'kill' });
        expect(() => office.emu.run('runDailySweep')).toThrow(/maximum execution time/);
        office.emu.run('runDailySweep');
        expectOneCompleteCase(office, keys, received);
      }
    },
  );
});
