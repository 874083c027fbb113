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
  const start = (id: number) => {
    if (started.has(id) || id > total) return;
    started.add(id);
    office.submit(plainSubmission(id));
  };
  for (let first = 1; first <= total; first += GROUP) {
    for (let id = first + 1; id < first + GROUP && id <= total; id++) {
      const at = random.int(1, 45);
      office.emu.interleave({ fn: 'onComplaintSubmitted', atCall: at, do: () => start(id) });
    }
    start(first);
    // Hooks whose call never came (their host execution was shorter) are started as plain submissions.
    for (let id = first + 1; id < first + GROUP && id <= total; id++) start(id);
  }
  const errors = office.emu.interleaveErrors.length;
  office.plantSentinels();
  office.nextMorning();
  office.drain();
  const findings = office.check();
  if (errors > 0) findings.notes.push(`${errors} interleaved submissions threw on the host side`);
  addFindings(report, findings, 'after the burst, a sweep and the sender');
  report.runs += office.submitted.size - 1;
  return report;
}
