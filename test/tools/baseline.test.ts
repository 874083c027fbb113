/** The bench's naive baseline does the jobs it is compared on, so the comparison is fair. */
import { describe, expect, it } from 'vitest';
import { submissionToAnswers } from '../../src/gas/form-questions';
import { baselineBundle } from '../../tools/baseline/bundle';
import { BASE, Office } from '../integration/harness';

describe('the naive baseline of npm run bench', () => {
  const bundle = baselineBundle();

  it('makes a case and mails it inline on submit, reading the whole Cases tab to number it', () => {
    const office = new Office('wiltshire', undefined, { bundlePath: bundle });
    office.seedCases(30, 5);
    const answers = submissionToAnswers(office.profile, BASE);
    const named = Object.fromEntries(Object.entries(answers).map(([q, a]) => [q, [a]]));
    const inv = office.emu.run('naiveOnFormSubmit', { namedValues: named });
    expect(inv.error).toBeNull();
    expect(office.cases()).toHaveLength(31);
    expect(office.cases()[30]!['Complainant']).toBe(BASE.name);
    expect(inv.stats.calls['MailApp.sendEmail']).toBe(2);
    expect(inv.stats.cellsRead).toBeGreaterThan(30 * 40);
  });

  it('checks every open case a cell at a time and sends the queue a row at a time', () => {
    const office = new Office('wiltshire', undefined, { bundlePath: bundle });
    office.seedCases(20, 5);
    const check = office.emu.run('naiveDailyCheck');
    expect(check.result).toBe(5);
    expect(check.stats.calls['Range.getValue']).toBeGreaterThan(20);
    office.submit({ name: 'Queued Person', email: 'queued@example.org' });
    const send = office.emu.run('naiveSendQueue');
    expect(send.result).toBeGreaterThan(0);
    expect(send.stats.calls['MailApp.sendEmail']).toBe(send.result);
  });
});
