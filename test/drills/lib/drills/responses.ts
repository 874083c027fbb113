/**
 * Drill 4: staff tidy the form responses tab between submissions, as offices do: delete a spam row, sort
 * the tab, rename it. A response is what it says, not the row it sits on, so none of this may lose a
 * submission or make a second case of one.
 */
import { DrillOffice } from '../office';
import { addFindings, emptyReport, type DrillReport } from '../report';
import { plainSubmission } from '../submissions';

function responsesTab(office: DrillOffice) {
  const settings = office.emu.sheetValues('Settings');
  const name = settings.find((r) => r[0] === 'responses-tab')?.[2];
  const sheet = name ? office.emu.spreadsheet.getSheetByName(String(name)) : null;
  if (!sheet) throw new Error('The drill cannot find the form responses tab');
  return sheet;
}

export function responsesDrill(perPhase: number): DrillReport {
  const report = emptyReport('response rows deleted, sorted, tab renamed');
  const office = new DrillOffice();
  const sheet = responsesTab(office);
  let id = 0;
  const phase = () => {
    for (let i = 0; i < perPhase; i++) office.submit(plainSubmission(++id));
  };
  phase();
  // A spam row deleted by staff: its case already exists and must stay the only one.
  sheet.deleteRow(2);
  phase();
  // Sorted newest first by staff (the header row is frozen, as Forms leaves it).
  const last = sheet.getLastRow();
  if (last > 2) sheet.getRange(2, 1, last - 1, sheet.getLastColumn()).sort({ column: 1, ascending: false });
  phase();
  sheet.setName('Form responses (old)');
  phase();
  // A second spam row deleted after the rename.
  sheet.deleteRow(3);
  phase();
  office.plantSentinels();
  office.nextMorning();
  office.drain();
  addFindings(report, office.check(), 'after deletes, a sort and a rename');
  report.runs += office.submitted.size - 1;
  return report;
}
