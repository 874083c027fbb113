/**
 * Form events as Google really delivers them now and then: the same response's trigger fired twice, and
 * a spurious event with every answer blank (or with no answers at all) for no response, before or after
 * a real one. The emulator delivers each as reported (`submitForm(..., { duplicateEvent: true })`,
 * `fireBlankFormSubmit`), through the installed triggers, so the handler meets them as it would on Google.
 */
import type { Invocation } from '../../../../emulator/index';
import { DrillOffice } from '../office';
import { addFindings, emptyReport, type DrillReport } from '../report';
import { plainSubmission } from '../submissions';

type Order = 'repeated' | 'blank first' | 'blank after' | 'empty after';
const ORDERS: readonly Order[] = ['repeated', 'blank first', 'blank after', 'empty after'];

const HANDLER = 'onComplaintSubmitted';

/**
 * A drill whose fault never happened proves nothing: each event must have reached the handler `times`
 * times (a run that fails on a strange event is the drill's to judge by the tabs, so errors are not thrown).
 */
function delivered(invocations: readonly Invocation[], times: number, what: string): void {
  const runs = invocations.filter((i) => i.fn === HANDLER).length;
  if (runs !== times) throw new Error(`The drill's ${what} reached ${HANDLER} ${runs} times, not ${times}`);
}

function blank(office: DrillOffice, empty = false): void {
  delivered(office.emu.fireBlankFormSubmit({ empty }), 1, empty ? 'empty event' : 'blank event');
}

export function eventsDrill(perOrder: number): DrillReport {
  const report = emptyReport('repeated and blank form events');
  const office = new DrillOffice();
  let id = 0;
  for (const order of ORDERS) {
    for (let i = 0; i < perOrder; i++) {
      const submission = plainSubmission(++id);
      switch (order) {
        case 'repeated':
          delivered(office.submit(submission, { duplicateEvent: true }), 2, 'repeated event');
          break;
        case 'blank first':
          blank(office);
          office.submit(submission);
          break;
        case 'blank after':
          office.submit(submission);
          blank(office);
          break;
        case 'empty after':
          office.submit(submission);
          blank(office, true);
          break;
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
