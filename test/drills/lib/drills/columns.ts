/**
 * Drill 3: a column inserted, moved or deleted in the gap before each service call of intake, of the
 * sweep, of the sender and of a staff edit. The script must find every column by its header at the
 * moment it writes; a value written by position read earlier lands under the wrong header.
 */
import type { Invocation } from '../../../../emulator/index';
import { DrillOffice, isSheetReadOrWrite, selectPoints } from '../office';
import { addFindings, emptyReport, type DrillReport } from '../report';
import { TEAM_COLUMN } from '../sentinels';
import { plainSubmission } from '../submissions';
import { RESHAPES, addMiddleTeamColumn, reshape } from './reshape';

interface Scenario {
  name: string;
  fn: string;
  prepare(office: DrillOffice): void;
  act(office: DrillOffice): void;
}

function withCases(office: DrillOffice, count: number, drain: boolean): void {
  addMiddleTeamColumn(office.emu, 'Cases');
  addMiddleTeamColumn(office.emu, 'Outbox');
  for (let id = 1; id <= count; id++) office.submit(plainSubmission(id));
  office.plantSentinels();
  if (drain) office.drain();
}

/** A date staff type in "Acknowledged on": a workflow change the edit trigger checks and records. */
const ACKNOWLEDGED = new Date('2026-03-03T00:00:00Z');

export const COLUMN_SCENARIOS: Scenario[] = [
  {
    name: 'intake',
    fn: 'onComplaintSubmitted',
    prepare: (o) => withCases(o, 2, true),
    act: (o) => void o.submit(plainSubmission(3)),
  },
  {
    name: 'sweep',
    fn: 'runDailySweep',
    prepare: (o) => withCases(o, 3, true),
    act: (o) => void o.nextMorning(),
  },
  {
    name: 'sender',
    fn: 'sendQueuedMail',
    prepare: (o) => withCases(o, 3, false),
    act: (o) => void o.emu.advanceBy(10 * 60_000),
  },
  {
    name: 'staff edit',
    fn: 'onStaffEdit',
    prepare: (o) => withCases(o, 3, true),
    act: (o) => void o.edit(o.references()[1]!, 'Acknowledged on', ACKNOWLEDGED),
  },
];

/**
 * `every`: each reshape before each call of each run (the long drill). `writes`: before each distinct
 * sheet read or write only, the reshape kind taking turns, so every kind meets every run in a few seconds.
 */
export type ColumnSelection = 'every' | 'writes';

export function columnDrill(selection: ColumnSelection): DrillReport {
  const report = emptyReport('columns reshaped during runs');
  for (const scenario of COLUMN_SCENARIOS) {
    const clean = new DrillOffice();
    scenario.prepare(clean);
    const mark = clean.emu.invocations.length;
    scenario.act(clean);
    const run: Invocation | undefined = clean.emu.invocations.slice(mark).find((i) => i.fn === scenario.fn);
    if (!run) {
      report.misplaced += 1;
      report.notes.push(`${scenario.name}: the action started no ${scenario.fn}`);
      continue;
    }
    const sequence = run.stats.sequence;
    clean.nextMorning();
    clean.drain();
    const expected = clean.sentLetters();
    addFindings(report, clean.check(), `${scenario.name} untouched`);

    const points =
      selection === 'every'
        ? selectPoints(sequence, 'every')
        : selectPoints(sequence, 'distinct', isSheetReadOrWrite);
    points.forEach((n, i) => {
      const kinds = selection === 'every' ? RESHAPES : [RESHAPES[i % RESHAPES.length]!];
      for (const kind of kinds) {
        const office = new DrillOffice();
        scenario.prepare(office);
        const did: string[] = [];
        office.emu.interleave({
          fn: scenario.fn,
          atCall: n,
          do: (emu) => {
            for (const tab of ['Cases', 'Outbox']) did.push(reshape(emu, tab, kind));
            // Staff deleted their own column: what they had typed in it went with it, as they meant.
            if (kind === 'delete') {
              const kept = office.sentinels.filter((s) => s.header !== TEAM_COLUMN);
              office.sentinels.splice(0, office.sentinels.length, ...kept);
            }
          },
        });
        scenario.act(office);
        office.expectFaultHappened(`column ${kind} at ${scenario.name} call ${n}`);
        office.nextMorning();
        office.drain();
        const findings = office.check({ expected });
        findings.notes.push(...did.filter((d) => d.startsWith('no ') || d.includes('nothing to')));
        addFindings(
          report,
          findings,
          `${scenario.name}, column ${kind} before call ${n} (${sequence[n - 1]})`,
        );
      }
    });
  }
  return report;
}
