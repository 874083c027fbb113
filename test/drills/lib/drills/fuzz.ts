/**
 * Drill 1: fuzzed submissions. Hostile and unusual text (unicode, Welsh, right-to-left, emoji, HTML,
 * leading = + - @, control characters, descriptions just under the 50,000-character cell limit) from a
 * seeded stream, through the form trigger, the next daily sweep and the sender.
 */
import { DrillOffice } from '../office';
import { addFindings, emptyReport, type DrillReport } from '../report';
import { drillSubmission } from '../submissions';

/** Submissions per office: an office's Outbox is read whole per submission, so very large ones are slow. */
const BATCH = 250;

export function fuzzDrill(submissions: number, seed = 20260302): DrillReport {
  const report = emptyReport('fuzzed submissions');
  for (let first = 0, batch = 0; first < submissions; first += BATCH, batch++) {
    // Every other office writes in Welsh too, so Welsh letters and questions are drilled.
    const welsh = batch % 2 === 1;
    const office = new DrillOffice(welsh ? 'dyfed-powys' : 'wiltshire');
    const count = Math.min(BATCH, submissions - first);
    let rejected = 0;
    for (let id = first; id < first + count; id++) {
      try {
        office.submit(drillSubmission(seed, id, { welsh }));
      } catch {
        // The Form itself refused it (a required answer blank after trimming): not a submission.
        rejected += 1;
      }
    }
    office.plantSentinels();
    office.nextMorning();
    office.drain();
    const findings = office.check();
    if (rejected > 0) findings.notes.push(`${rejected} generated answers were refused by the Form itself`);
    addFindings(report, findings, `${office.policy} office ${batch + 1}`);
    report.runs += count - 1;
  }
  return report;
}
