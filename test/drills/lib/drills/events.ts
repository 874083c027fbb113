/**
 * Form events as Google really delivers them now and then: the same response's trigger fired twice, and
 * a spurious event with every answer blank fired for a response before or after its real one. The
 * emulator fires each response once, so the drill fires the handler itself with the event a trigger
 * would carry (built host-side from the response row).
 */
import { DrillOffice } from '../office';
import { addFindings, emptyReport, type DrillReport } from '../report';
import { plainSubmission } from '../submissions';

type Order = 'repeated' | 'blank first' | 'blank after';
const ORDERS: readonly Order[] = ['repeated', 'blank first', 'blank after'];

function responsesSheet(office: DrillOffice) {
  const name = office.emu.sheetValues('Settings').find((r) => r[0] === 'responses-tab')?.[2];
  const sheet = name ? office.emu.spreadsheet.getSheetByName(String(name)) : null;
  if (!sheet) throw new Error('The drill cannot find the form responses tab');
  return sheet;
}

/** The event a form-submit trigger carries for a response row; `blank` empties every answer. */
function eventFor(office: DrillOffice, row: number, blank: boolean): Record<string, unknown> {
  const sheet = responsesSheet(office);
  const width = sheet.getLastColumn();
  const headers = sheet.getRange(1, 1, 1, width).getDisplayValues()[0]!;
  const cells = sheet.getRange(row, 1, 1, width).getDisplayValues()[0]!;
  const values = cells.map((c, i) => (blank && i > 0 ? '' : c));
  const namedValues = Object.fromEntries(headers.map((h, i) => [h, [values[i]!]]));
  const trigger = office.emu.triggers.find((t) => t.eventType === 'ON_FORM_SUBMIT');
  return {
    values,
    namedValues,
    range: sheet.getRange(row, 1, 1, width),
    source: office.emu.spreadsheet,
    triggerUid: trigger?.id ?? '',
    authMode: 'FULL',
  };
}

function fire(office: DrillOffice, event: Record<string, unknown>): void {
  try {
    office.emu.run('onComplaintSubmitted', event);
  } catch {
    // A handler that throws on a strange event is the drill's to judge by the tabs, not here.
  }
}

export function eventsDrill(perOrder: number): DrillReport {
  const report = emptyReport('repeated and blank form events');
  const office = new DrillOffice();
  const emu = office.emu;
  let id = 0;
  for (const order of ORDERS) {
    for (let i = 0; i < perOrder; i++) {
      const submission = plainSubmission(++id);
      if (order === 'blank first') {
        // The real event is held back so the blank one arrives first.
        const held = emu.triggers.filter((t) => t.eventType === 'ON_FORM_SUBMIT');
        for (const t of held) emu.triggers.splice(emu.triggers.indexOf(t), 1);
        office.submit(submission);
        emu.triggers.push(...held);
        const row = responsesSheet(office).getLastRow();
        fire(office, eventFor(office, row, true));
        fire(office, eventFor(office, row, false));
      } else {
        office.submit(submission);
        const row = responsesSheet(office).getLastRow();
        fire(office, eventFor(office, row, order === 'blank after'));
      }
    }
  }
  office.plantSentinels();
  office.nextMorning();
  office.drain();
  addFindings(report, office.check(), 'after repeated and blank events');
  report.runs += office.submitted.size - 1;
  return report;
}
