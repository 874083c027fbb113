/**
 * Drill 8: staff edit Cases while the daily sweep runs, at each of its calls: a workflow change
 * ("Acknowledged on") and a note. The sweep must not overwrite either; a change the script cannot check
 * yet may be put back only if staff are told (a toast), never silently.
 */
import { DrillOffice, isSheetReadOrWrite, selectPoints } from '../office';
import { addFindings, emptyReport, type DrillReport } from '../report';
import { plainSubmission } from '../submissions';
import { cellOf, isDateValue, readTab } from '../tabs';

// The day the sweep runs: a day staff could have sent the acknowledgement on.
const TYPED = new Date('2026-03-03T00:00:00Z');

function prepare(office: DrillOffice): void {
  for (let id = 1; id <= 3; id++) office.submit(plainSubmission(id));
  // Letters not sent yet, so "Acknowledged on" is still blank for staff to fill in.
  office.plantSentinels();
}

/** `every` call of the sweep, or only before each distinct sheet read or write (where a race does its harm). */
export function editsDrill(selection: 'every' | 'writes'): DrillReport {
  const report = emptyReport('staff edits racing the sweep');
  const clean = new DrillOffice();
  prepare(clean);
  const mark = clean.emu.invocations.length;
  clean.nextMorning();
  const sweep = clean.emu.invocations.slice(mark).find((i) => i.fn === 'runDailySweep');
  if (!sweep) {
    report.misplaced += 1;
    report.notes.push('no sweep ran');
    return report;
  }
  const sequence = sweep.stats.sequence;
  const points =
    selection === 'every'
      ? selectPoints(sequence, 'every')
      : selectPoints(sequence, 'distinct', isSheetReadOrWrite);
  for (const n of points) {
    const office = new DrillOffice();
    prepare(office);
    const [first, second] = office.references();
    let toasts = 0;
    office.emu.interleave({
      fn: 'runDailySweep',
      atCall: n,
      do: () => {
        const before = office.emu.ui.toasts.length;
        office.edit(first!, 'Acknowledged on', TYPED);
        // A note is staff's own: the sentinel moves to what they typed now.
        const note = office.sentinels.find((s) => s.reference === second && s.header === 'Notes');
        if (note) {
          note.value = `${note.value} (edited during the sweep)`;
          office.edit(second!, 'Notes', note.value);
        }
        toasts = office.emu.ui.toasts.length - before;
      },
    });
    office.nextMorning();
    office.expectFaultHappened(`edits at sweep call ${n}`);
    const tab = readTab(office.emu, 'Cases');
    const row = tab?.rows.find(({ cells }) => cellOf(tab, cells, 'Reference') === first);
    const acknowledged = row ? cellOf(tab!, row.cells, 'Acknowledged on') : '';
    const extra: string[] = [];
    let lost = 0;
    if (!(isDateValue(acknowledged) && acknowledged.getTime() === TYPED.getTime()) && toasts === 0) {
      lost += 1;
      extra.push(`the "Acknowledged on" staff typed for ${first} was undone without telling them`);
    }
    office.drain();
    const findings = office.check();
    findings.lost += lost;
    findings.notes.push(...extra);
    addFindings(report, findings, `edits before sweep call ${n} (${sequence[n - 1]})`);
  }
  return report;
}
