/**
 * Drill 6: a week with no triggers (Google's trigger outage, or the owner's account suspended): the
 * form keeps collecting responses, nothing fires. When triggers come back, the first daily sweep must
 * make a case of every response and the sender must send every letter, once.
 */
import { DrillOffice, restoreTriggers } from '../office';
import { addFindings, emptyReport, type DrillReport } from '../report';
import { plainSubmission } from '../submissions';

const DAY = 86_400_000;

export function outageDrill(perDay: number, days = 7): DrillReport {
  const report = emptyReport(`${days}-day trigger outage`);
  const office = new DrillOffice();
  const emu = office.emu;
  let id = 0;
  for (let i = 0; i < perDay; i++) office.submit(plainSubmission(++id));
  office.plantSentinels();
  // Their letters are queued but not sent when the triggers stop: they must still go, once.
  const saved = emu.triggers.splice(0, emu.triggers.length);
  for (let day = 0; day < days; day++) {
    emu.advanceBy(DAY);
    for (let i = 0; i < perDay; i++) office.submit(plainSubmission(++id));
  }
  restoreTriggers(emu, saved);
  office.nextMorning();
  office.drain();
  office.plantSentinels();
  addFindings(report, office.check(), `after ${days} days without triggers`);
  report.runs += office.submitted.size - 1;
  return report;
}
