/**
 * Drill 5: the Settings tab deleted (by mistake, as happens), submissions arriving meanwhile, then
 * Set up run again and the directory filled in again. Nothing submitted while Settings was gone may be
 * lost, and setting up again must not make a second case of anything.
 */
import { DrillOffice } from '../office';
import { addFindings, emptyReport, type DrillReport } from '../report';
import { plainSubmission } from '../submissions';

export function settingsDrill(perPhase: number): DrillReport {
  const report = emptyReport('Settings deleted, Set up run again');
  const office = new DrillOffice();
  let id = 0;
  const phase = () => {
    for (let i = 0; i < perPhase; i++) office.submit(plainSubmission(++id));
  };
  phase();
  office.drain();
  const emu = office.emu;
  emu.spreadsheet.deleteSheet(emu.spreadsheet.getSheetByName('Settings')!);
  phase();
  try {
    emu.run('setupSpreadsheet', office.policy);
  } catch (error) {
    report.notes.push(`Set up failed the second time: ${(error as Error).message}`);
  }
  office.office.fillDirectory();
  phase();
  office.plantSentinels();
  office.nextMorning();
  office.drain();
  const findings = office.check();
  const submitTriggers = emu.triggers.filter((t) => t.eventType === 'ON_FORM_SUBMIT').length;
  if (submitTriggers !== 1)
    findings.notes.push(`${submitTriggers} form-submit triggers after Set up ran again`);
  addFindings(report, findings, 'after Settings was deleted and Set up ran again');
  report.runs += office.submitted.size - 1;
  return report;
}
