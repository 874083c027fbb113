import { describe, expect, it } from 'vitest';
import { OUTBOX, STATUS } from '../../src/gas/mail';
import { Office } from './harness';

describe('running the office', () => {
  it('logs a complaint received by phone through the same intake as the form', () => {
    const office = new Office('west-midlands');
    const inv = office.emu.run(
      'logComplaint',
      {
        channel: 'phone',
        name: 'Joan Price',
        phone: '0121 496 0000',
        preferredContact: 'phone',
        relationship: 'affected',
        subject: 'deputy-chief-executive',
        description: 'The Deputy Chief Executive did not reply to my complaint about a grant decision.',
      },
      '3f1c2a9e-7b4d-4e8a-9c1f-5d6e7f8a9b0c',
    );
    expect(inv.result).toEqual({ reference: 'WM-2026-0001', ok: true, problems: [] });
    const [row] = office.cases();
    expect(row!['Received by']).toBe('Phone');
    expect(row!['Phone']).toBe('0121 496 0000');
    expect(row!['Decision maker']).toBe('Chief Executive');
    expect(office.mail().find((r) => r[OUTBOX.kind] === 'acknowledgement')![OUTBOX.status]).toBe(
      STATUS.phone,
    );
  });

  it('shows the dialog for logging a complaint, whose form calls an entry point', () => {
    const office = new Office('wiltshire');
    office.emu.run('showLogComplaintDialog');
    expect(office.emu.ui.dialogs[0]!.title).toBe('Log a complaint');
    expect(office.emu.ui.dialogs[0]!.html).toContain('.logComplaint(data, submissionId)');
  });

  it('reports template problems in plain English before anything is sent', () => {
    const office = new Office('wiltshire');
    const sheet = office.emu.spreadsheet.getSheetByName('Templates')!;
    const rows = office.emu.sheetValues('Templates');
    const row = rows.findIndex((r) => r[0] === 'acknowledgement') + 1;
    sheet.getRange(row, rows[0]!.indexOf('Subject') + 1).setValue('Your complaint {{refernce}}');
    const inv = office.emu.run('checkTemplates');
    expect(inv.result).toContain(
      'acknowledgement (en): {{refernce}} is not a placeholder we know (did you mean {{reference}}?).',
    );
    expect(office.emu.ui.alerts.at(-1)!.title).toBe('Letter templates');
  });

  it('records each trigger’s last success and last error on the Settings tab, without personal data', () => {
    const office = new Office('wiltshire');
    office.submit({ name: 'Private Person', email: 'private@example.org' });
    const sweep = office.emu.run('runDailySweep');
    const health = () =>
      Object.fromEntries(
        office.emu
          .sheetValues('Settings')
          .filter((r) => String(r[0]).startsWith('health:'))
          .map((r) => [String(r[0]).slice(7), { ok: r[2], error: r[3] }]),
      );
    // Service calls take time (emulator/cost.ts): the success is dated within the sweep's run.
    const ok = (health()['runDailySweep']!.ok as Date).getTime();
    expect(ok).toBeGreaterThanOrEqual(sweep.at.getTime());
    expect(ok).toBeLessThanOrEqual(sweep.at.getTime() + sweep.executionTimeMs);
    expect(health()['onComplaintSubmitted']!.ok).toBeInstanceOf(Date);
    // A broken Cases tab makes the sweep fail: the error is recorded, then raised for Google to report.
    office.emu.spreadsheet.getSheetByName('Cases')!.setName('Old cases');
    expect(() => office.emu.run('runDailySweep')).toThrow(/no Cases tab/);
    expect(String(health()['runDailySweep']!.error)).toMatch(/no Cases tab/);
    const everything = JSON.stringify(office.emu.invocations.flatMap((i) => i.logs));
    expect(everything).not.toContain('Private Person');
    expect(everything).not.toContain('private@example.org');
  });

  it('lists letters to print for complainants who asked for post', () => {
    const office = new Office('wiltshire');
    office.submit({ preferredContact: 'post', address: '4 Mill Road, Trowbridge', email: undefined });
    office.emu.run('showLettersToPrint');
    const html = office.emu.ui.dialogs.at(-1)!.html;
    expect(html).toContain('Print and post to 4 Mill Road, Trowbridge');
    expect(html).toContain('We have received your complaint (WIL-2026-0001)');
  });
});
