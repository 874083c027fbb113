/**
 * Drill 2: Google's time limit at every state-changing call of intake, of the daily sweep and of the
 * sender. Each kill point gets a fresh office brought to the same state; after the kill the office goes
 * on as it would (the 10-minute sender, the next morning's sweep, the sender again), then everything is checked against
 * what the same scenario produces without the kill.
 */
import type { Invocation } from '../../../../emulator/index';
import { DrillOffice, isStateChanging, selectPoints, type PointSelection } from '../office';
import { addFindings, emptyReport, type DrillReport } from '../report';
import { plainSubmission } from '../submissions';

interface Scenario {
  name: string;
  fn: string;
  /** Brings a fresh office to the moment before the execution under test. */
  prepare(office: DrillOffice): void;
  /** Starts the execution under test. */
  act(office: DrillOffice): void;
}

function withCases(office: DrillOffice, count: number, drain: boolean): void {
  for (let id = 1; id <= count; id++) office.submit(plainSubmission(id));
  office.plantSentinels();
  if (drain) office.drain();
}

export const KILL_SCENARIOS: Scenario[] = [
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
];

/** The execution of `fn` among those an action started (the first one). */
function executionOf(invocations: readonly Invocation[], fn: string): Invocation | undefined {
  return invocations.find((i) => i.fn === fn);
}

export function killDrill(selection: PointSelection): DrillReport {
  const report = emptyReport('kill at every state-changing call');
  for (const scenario of KILL_SCENARIOS) {
    const clean = new DrillOffice();
    scenario.prepare(clean);
    const mark = clean.emu.invocations.length;
    scenario.act(clean);
    clean.drain();
    const run = executionOf(clean.emu.invocations.slice(mark), scenario.fn);
    if (!run) {
      report.notes.push(`${scenario.name}: the action started no ${scenario.fn}`);
      report.misplaced += 1;
      continue;
    }
    const sequence = run.stats.sequence;
    clean.nextMorning();
    clean.drain();
    const expected = clean.sentLetters();
    const baseline = clean.check();
    addFindings(report, baseline, `${scenario.name} without a kill`);

    for (const n of selectPoints(sequence, selection, isStateChanging)) {
      const office = new DrillOffice();
      scenario.prepare(office);
      office.emu.interleave({ fn: scenario.fn, atCall: n, do: 'kill' });
      scenario.act(office);
      office.expectFaultHappened(`kill at ${scenario.name} call ${n}`);
      // The 10-minute sender goes on running after the kill, as it does in production, through the
      // morning: a sweep stopped before it could mark itself is owed from 08:15.
      office.drain();
      office.emu.advanceBy(75 * 60_000);
      office.drain();
      office.nextMorning();
      office.drain();
      const inDoubtAllowed = sequence[n - 1] === 'MailApp.sendEmail' ? 1 : 0;
      addFindings(
        report,
        office.check({ expected, inDoubtAllowed }),
        `${scenario.name} killed at call ${n} (${sequence[n - 1]})`,
      );
    }
  }
  return report;
}
