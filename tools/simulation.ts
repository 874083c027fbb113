/**
 * Replays a scenario on the built bundle in the emulator, as the office would live it: complaints come in
 * through the form (or staff log them), staff edit the Cases tab, and the real triggers fire as the
 * virtual clock moves. Used by `npm start` (the demo) and `npm run simulate`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { Emulator } from '../emulator/index';
import type { PolicyProfile, Submission } from '../src/core/model';
import { getProfile } from '../src/core/profile';
import { COL } from '../src/gas/cases';
import { OUTBOX } from '../src/gas/mail';
import { submissionToAnswers } from '../src/gas/form-questions';

const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO date-time');

const scenarioSchema = z.object({
  start: instant,
  end: instant,
  events: z.array(
    z.union([
      z.object({ at: instant, submit: z.record(z.string(), z.unknown()) }),
      z.object({
        at: instant,
        action: z
          .object({ case: z.number().int().positive(), do: z.string().min(1), as: z.string().optional() })
          .catchall(z.unknown()),
      }),
    ]),
  ),
});

export type Scenario = z.infer<typeof scenarioSchema>;

export class ScenarioError extends Error {}

export function parseScenario(json: unknown): Scenario {
  const result = scenarioSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ScenarioError(`scenario ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return result.data;
}

export interface SimulationResult {
  emu: Emulator;
  profile: PolicyProfile;
  cases: Record<string, unknown>[];
  outbox: Record<string, unknown>[];
  audit: Record<string, unknown>[];
  errors: string[];
}

function rows(emu: Emulator, tab: string): Record<string, unknown>[] {
  const [header = [], ...data] = emu.sheetValues(tab);
  return data.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
}

function a1(column: number, row: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row}`;
}

/** The London calendar day of an instant, as a Date at UTC midnight (how a typed date arrives). */
function typedDate(at: Date): Date {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(at);
  return new Date(`${day}T00:00:00Z`);
}

export function simulate(policyId: string, scenario: Scenario): SimulationResult {
  const profile = getProfile(policyId);
  const emu = new Emulator({ now: new Date(scenario.start) });
  emu.run('setupSpreadsheet', policyId);
  const settings = emu.spreadsheet.getSheetByName('Settings')!;
  emu.sheetValues('Settings').forEach((row, i) => {
    const key = String(row[0]);
    if (key.startsWith('role:')) settings.getRange(i + 1, 3).setValue(`${key.slice(5)}@opcc.example`);
    if (key === 'team-email') settings.getRange(i + 1, 3).setValue('complaints-team@opcc.example');
    if (key === 'reply-to') settings.getRange(i + 1, 3).setValue('complaints@opcc.example');
  });

  const references: string[] = [];
  const errors: string[] = [];
  const events = [...scenario.events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const event of events) {
    emu.advanceTo(new Date(event.at));
    emu.setActiveUser('complaints-team@opcc.example');
    if ('submit' in event) {
      const submission = event.submit as Partial<Submission>;
      const before = new Set(rows(emu, 'Cases').map((c) => c[COL.reference]));
      if ((submission.channel ?? 'form') === 'form') {
        const failed = emu.submitForm(submissionToAnswers(profile, submission)).find((i) => i.error);
        if (failed) errors.push(`${event.at}: submission failed: ${failed.error!.message}`);
      } else {
        emu.run('logComplaint', submission);
      }
      const added = rows(emu, 'Cases')
        .map((c) => String(c[COL.reference]))
        .find((r) => !before.has(r));
      references.push(added ?? '');
      continue;
    }
    const { case: n, do: what, as, ...rest } = event.action;
    const reference = references[n - 1];
    if (!reference) {
      errors.push(`${event.at}: action on case ${n}, which has not been submitted`);
      continue;
    }
    if (as) emu.setActiveUser(`${as}@opcc.example`);
    try {
      applyStaffAction(emu, profile, reference, what, rest, new Date(event.at));
    } catch (error) {
      errors.push(
        `${event.at}: ${reference} ${what}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  emu.advanceTo(new Date(scenario.end));
  return {
    emu,
    profile,
    cases: rows(emu, 'Cases'),
    outbox: rows(emu, 'Outbox'),
    audit: rows(emu, 'Audit'),
    errors,
  };
}

/** A staff action done the way staff do it: by editing the case's cell on the Cases tab. */
function applyStaffAction(
  emu: Emulator,
  profile: PolicyProfile,
  reference: string,
  what: string,
  options: Record<string, unknown>,
  at: Date,
): void {
  const values = emu.sheetValues('Cases');
  const headers = values[0]!.map(String);
  const row = values.findIndex((r) => r[headers.indexOf(COL.reference)] === reference) + 1;
  const cell = (header: string) => a1(headers.indexOf(header) + 1, row);
  const current = String(values[row - 1]![headers.indexOf(COL.stage)]);
  const label = (list: readonly { id: string; label: string }[], id: unknown) =>
    list.find((x) => x.id === id || x.label === id)?.label ?? String(id);
  const edit = (header: string, value: unknown) => {
    const failed = emu.edit('Cases', cell(header), value).find((i) => i.error);
    if (failed) throw failed.error!;
  };
  switch (what) {
    case 'acknowledge':
      return edit(COL.acknowledged, typedDate(at));
    case 'record-update':
      return edit(COL.lastUpdate, typedDate(at));
    case 'pause':
      return edit(COL.paused, true);
    case 'resume':
      return edit(COL.paused, false);
    case 'decide':
      return edit(
        COL.decision,
        label(
          profile.lifecycle.states.flatMap((s) => s.decisions),
          options.decision,
        ),
      );
    case 'outcome':
      return edit(COL.outcome, label(profile.outcomes, options.outcome));
    case 'appeal':
      return edit(COL.appealReceived, typedDate(at));
    case 'appeal-decision':
      return edit(COL.appealOutcome, label(profile.appeal.outcomes, options.outcome));
    case 'close': {
      if (options.outcome) edit(COL.outcome, label(profile.outcomes, options.outcome));
      const from = profile.lifecycle.states.find((s) => s.label === current)?.id ?? '';
      const close = profile.lifecycle.transitions.find((t) => t.action === 'close' && t.from.includes(from));
      if (!close) throw new Error(`a case at "${current}" cannot be closed`);
      return edit(COL.stage, label(profile.lifecycle.states, close.to));
    }
    case 'approve': {
      const outbox = emu.sheetValues('Outbox');
      const oh = outbox[0]!.map(String);
      outbox.forEach((r, i) => {
        if (
          r[oh.indexOf(OUTBOX.reference)] === reference &&
          r[oh.indexOf(OUTBOX.status)] === 'awaiting-approval'
        ) {
          emu.edit('Outbox', a1(oh.indexOf(OUTBOX.status) + 1, i + 1), 'approved');
        }
      });
      return;
    }
    case 'stage':
      return edit(COL.stage, label(profile.lifecycle.states, options.to));
    default: {
      // A lifecycle action id (e.g. start-stage-2): move the Stage to where that action leads from here.
      const from = profile.lifecycle.states.find((s) => s.label === current)?.id;
      const transition = profile.lifecycle.transitions.find(
        (t) => t.action === what && from && t.from.includes(from),
      );
      if (!transition) throw new Error(`"${what}" is not an action open to this case at "${current}"`);
      return edit(COL.stage, label(profile.lifecycle.states, transition.to));
    }
  }
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export function writeResults(result: SimulationResult, outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  const { emu } = result;
  writeFileSync(join(outDir, 'cases.json'), json(result.cases.map(({ [COL.data]: _data, ...rest }) => rest)));
  writeFileSync(
    join(outDir, 'outbox.json'),
    json(
      result.outbox.map((r) => ({
        to: r[OUTBOX.to] || null,
        subject: r[OUTBOX.subject],
        body: String(r[OUTBOX.body]).replace(/^'/, ''),
        kind: r[OUTBOX.kind],
        ref: r[OUTBOX.reference] || null,
        status: r[OUTBOX.status],
        queuedAt: r[OUTBOX.queuedAt],
        sentAt: r[OUTBOX.sentAt] instanceof Date ? r[OUTBOX.sentAt] : null,
      })),
    ),
  );
  writeFileSync(join(outDir, 'audit.json'), json(result.audit));
  writeFileSync(join(outDir, 'mail-sent.json'), json(emu.mail.sent));
  writeFileSync(join(outDir, 'spreadsheet.html'), emu.renderSpreadsheet());
  for (const sheet of emu.spreadsheet.getSheets()) {
    writeFileSync(
      join(
        outDir,
        `${sheet
          .getName()
          .replace(/[^A-Za-z0-9]+/g, '-')
          .toLowerCase()}.html`,
      ),
      emu.renderSheet(sheet.getName()),
    );
  }
}

export function summary(result: SimulationResult, outDir: string): string {
  const byStatus: Record<string, number> = {};
  for (const c of result.cases)
    byStatus[String(c['SLA status'])] = (byStatus[String(c['SLA status'])] ?? 0) + 1;
  const byKind: Record<string, number> = {};
  for (const l of result.outbox) byKind[String(l[OUTBOX.kind])] = (byKind[String(l[OUTBOX.kind])] ?? 0) + 1;
  const list = (o: Record<string, number>) =>
    Object.entries(o)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  return [
    `${result.profile.name} (${result.profile.id})`,
    `Cases: ${result.cases.length} (${list(byStatus)})`,
    `Letters queued: ${result.outbox.length} (${list(byKind)}); emails sent: ${result.emu.mail.sent.length}`,
    `Audit entries: ${result.audit.length}; trigger runs: ${result.emu.invocations.length}`,
    ...result.errors.map((e) => `Problem: ${e}`),
    `Written to ${outDir}/: spreadsheet.html (every tab), cases.json, outbox.json, audit.json, mail-sent.json`,
  ].join('\n');
}
