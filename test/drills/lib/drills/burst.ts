/**
 * Drill 7: a burst of submissions arriving while other submissions are being handled. Each one is
 * started inside another's execution, at a seeded call, so they interleave as Google interleaves form
 * triggers; the ones refused the lock must still become cases (the daily sweep recovers them).
 */
import { DrillOffice } from '../office';
import { Random } from '../random';
import { addFindings, emptyReport, type DrillReport } from '../report';
import { plainSubmission } from '../submissions';

/** Submissions per top-level one: keeps the nesting of executions (and the host's stack) bounded. */
const GROUP = 25;

export function burstDrill(total: number, seed = 7): DrillReport {
  const report = emptyReport(`burst of ${total} interleaved submissions`);
  const office = new DrillOffice();
  const random = new Random(seed);
  const started = new Set<number>();
  let nested = 0;
  const start = (id: number, inside = false) => {
    if (started.has(id) || id > total) return;
    started.add(id);
    if (inside) nested += 1;
    office.submit(plainSubmission(id));
  };
  for (let first = 1; first <= total; first += GROUP) {
    for (let id = first + 1; id < first + GROUP && id <= total; id++) {
      const at = random.int(1, 45);
      office.emu.interleave({ fn: 'onComplaintSubmitted', atCall: at, do: () => start(id, true) });
    }
    start(first);
    // Hooks whose call never came (their host execution was shorter) are started as plain submissions.
    for (let id = first + 1; id < first + GROUP && id <= total; id++) start(id);
  }
  const [error] = office.emu.interleaveErrors;
  if (error) throw new Error(`An interleaved submission failed on the host side: ${error.message}`);
  if (nested === 0) throw new Error('No submission was started inside another: the drill drilled nothing');
  office.plantSentinels();
  office.nextMorning();
  office.drain();
  const findings = office.check();
  findings.notes.push(`${nested} of ${total} submissions started inside another's execution`);
  addFindings(report, findings, 'after the burst, a sweep and the sender');
  report.runs += office.submitted.size - 1;
  return report;
}
