/** Drives the built bundle in the emulator the way an office would: set up, submit, edit, let time pass. */
import { Emulator, type Invocation } from '../../emulator/index';
import { makeCalendar } from '../../src/core/calendar';
import { computeClocks } from '../../src/core/clocks';
import { intake } from '../../src/core/intake';
import { initialState } from '../../src/core/lifecycle';
import { newCaseRecord } from '../../src/core/case-record';
import type { Submission } from '../../src/core/model';
import { getProfile } from '../../src/core/profile';
import { route } from '../../src/core/routing';
import { CASE_HEADERS, newCaseRow } from '../../src/gas/cases';
import { submissionToAnswers } from '../../src/gas/form-questions';
import { ROWS_AHEAD } from '../../src/gas/shape-cache';

export const BASE: Submission = {
  channel: 'form',
  name: 'Alex Morgan',
  email: 'alex.morgan@example.org',
  preferredContact: 'email',
  language: 'en',
  relationship: 'affected',
  subject: 'staff',
  description: 'A member of staff did not return my calls about my victim support referral for six weeks.',
};

export class Office {
  readonly emu: Emulator;
  readonly profile;
  constructor(
    readonly policy: string,
    now = new Date('2026-03-02T09:00:00Z'),
    options: { mailQuota?: number; bundlePath?: string } = {},
  ) {
    this.emu = new Emulator({ now, mailQuota: options.mailQuota ?? 100, bundlePath: options.bundlePath });
    this.profile = getProfile(policy);
    this.emu.run('setupSpreadsheet', policy);
    this.fillDirectory();
  }

  /** Each role's email as `<role-id>@opcc.example`, as an administrator would type them. */
  fillDirectory(): void {
    const sheet = this.emu.spreadsheet.getSheetByName('Settings')!;
    this.emu.sheetValues('Settings').forEach((row, i) => {
      const key = String(row[0]);
      if (key.startsWith('role:')) sheet.getRange(i + 1, 3).setValue(`${key.slice(5)}@opcc.example`);
      if (key === 'team-email') sheet.getRange(i + 1, 3).setValue('complaints-team@opcc.example');
    });
  }

  submit(overrides: Partial<Submission> = {}): Invocation {
    const invocations = this.emu.submitForm(submissionToAnswers(this.profile, { ...BASE, ...overrides }));
    const inv = invocations[0]!;
    if (inv.error) throw inv.error;
    return inv;
  }

  rows(tab: string): Record<string, unknown>[] {
    const [header = [], ...rows] = this.emu.sheetValues(tab);
    return rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
  }

  cases(): Record<string, unknown>[] {
    return this.rows('Cases');
  }

  outbox(): Record<string, unknown>[] {
    return this.rows('Outbox');
  }

  /** The digest and notices to staff, kept off the Outbox. */
  staffMail(): Record<string, unknown>[] {
    return this.rows('Staff mail');
  }

  /** The mail tab holding a key: letters are on the Outbox, notices to staff on Staff mail. */
  mailTabOf(key: string): 'Outbox' | 'Staff mail' {
    if (this.outbox().some((r) => r['Key'] === key)) return 'Outbox';
    if (this.staffMail().some((r) => r['Key'] === key)) return 'Staff mail';
    throw new Error(`No row keyed ${key} on the Outbox or Staff mail`);
  }

  /** Every queued row: letters on the Outbox, then notices on Staff mail. */
  mail(): Record<string, unknown>[] {
    return [...this.outbox(), ...this.staffMail()];
  }

  /** The A1 address of a case's cell, found by reference and header as staff would find it. */
  cell(reference: string, header: string): string {
    const values = this.emu.sheetValues('Cases');
    const headers = values[0]!.map(String);
    const row = values.findIndex((r) => r[headers.indexOf('Reference')] === reference);
    const col = headers.indexOf(header);
    if (row < 0 || col < 0) throw new Error(`No cell for ${reference} / ${header}`);
    let letters = '';
    for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26))
      letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    return `${letters}${row + 1}`;
  }

  edit(reference: string, header: string, value: unknown): Invocation {
    const inv = this.emu.edit('Cases', this.cell(reference, header), value)[0]!;
    if (inv.error) throw inv.error;
    return inv;
  }

  /**
   * Writes `count` realistic cases straight into the Cases tab (not through the script), to measure
   * how the script's cost behaves with many existing cases. The first `openCount` are open and unanswered;
   * the rest are concluded, as most of a long-running office's records are.
   */
  seedCases(count: number, openCount = count, receivedFrom = new Date('2025-06-02T09:00:00Z')): void {
    const sheet = this.emu.spreadsheet.getSheetByName('Cases')!;
    const headers = this.emu.sheetValues('Cases')[0]!.map(String);
    const calendar = makeCalendar();
    const checked = intake(BASE);
    if (!checked.ok) throw new Error('seed submission invalid');
    const routed = route(this.profile, checked.complaint);
    const rows: unknown[][] = [];
    const finalStates = this.profile.lifecycle.states.filter((s) => s.kind === 'final');
    const concluded = finalStates[finalStates.length - 1]!.id;
    for (let i = 0; i < count; i++) {
      const receivedAt = new Date(receivedFrom.getTime() + (i % 200) * 86_400_000);
      const open = i < openCount;
      const record = newCaseRecord({
        reference: `SEED-${String(i + 1).padStart(6, '0')}`,
        policyId: this.profile.id,
        receivedAt,
        state: open ? initialState(this.profile, routed, true) : concluded,
        // Each from a different person, as an office's cases mostly are (their cases are not linked).
        complaint: { ...checked.complaint, email: `person${i + 1}@example.org` },
        route: routed,
        acknowledgedAt: open ? null : receivedAt,
        closedAt: open ? null : new Date(receivedAt.getTime() + 20 * 86_400_000),
      });
      const values = newCaseRow(
        this.profile,
        record,
        [],
        computeClocks(this.profile, record, receivedAt, calendar),
        receivedAt,
      );
      rows.push(headers.map((h) => values[h] ?? ''));
    }
    const first = sheet.getLastRow() + 1;
    // Rows to spare below, as the daily sweep keeps them (shape-refresh.ts): an office's usual state.
    const wanted = first + rows.length + ROWS_AHEAD;
    if (sheet.getMaxRows() < wanted) sheet.insertRowsAfter(sheet.getMaxRows(), wanted - sheet.getMaxRows());
    sheet.getRange(first, 1, rows.length, headers.length).setValues(rows);
  }
}

export { CASE_HEADERS };
