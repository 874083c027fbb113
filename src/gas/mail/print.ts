/**
 * Letters for complainants who asked for post, and calls for those who asked for a phone call. Staff
 * mark each done by changing its Status on the Outbox tab (print → printed, phone → phoned), so the
 * sheet stays the one record of what went out.
 */
import { escapeHtml, textToHtml } from '../../core/letters/render';
import { COL } from '../cases';
import { TABS } from '../tabs';
import { Table } from '../table';
import { OUTBOX, STATUS, unliteral } from './outbox';

/** The dialog's HTML: every value is escaped, as names and addresses come from the public. */
export function lettersToPrintHtml(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  const outbox = ss.getSheetByName(TABS.outbox);
  if (!outbox) return '<p>There is no Outbox tab. Run Complaints › Set up… to repair it.</p>';
  const letters = Table.read(outbox);
  const status = (row: unknown[]) => String(letters.value(row as never, OUTBOX.status)).trim();
  const wanted = letters.rows.filter((row) => status(row) === STATUS.print || status(row) === STATUS.phone);
  if (wanted.length === 0) return '<p>Nothing to print and no calls to make.</p>';

  // Contact details stay on the Cases tab (one read), not copied into the Outbox.
  const cases = ss.getSheetByName(TABS.cases);
  const caseTable = cases ? Table.read(cases) : null;
  const byRef = caseTable?.has(COL.reference) ? caseTable.byKey(COL.reference) : new Map();

  const parts = wanted.map((row) => {
    const ref = String(letters.value(row, OUTBOX.reference));
    const print = status(row) === STATUS.print;
    const caseRow = byRef.get(ref);
    const contact =
      caseRow && caseTable ? String(caseTable.value(caseRow, print ? COL.address : COL.phone)) : '';
    const task = print ? 'Print and post to' : 'Phone';
    const done = print ? STATUS.printed : STATUS.phoned;
    const where = contact ? escapeHtml(contact) : '(no contact details on the Cases tab: check the case)';
    return `<section class="letter">
<p class="task"><strong>${escapeHtml(ref)}</strong>: ${task} ${where}. When done, set its Status on the Outbox tab to "${done}".</p>
<h3>${escapeHtml(unliteral(letters.value(row, OUTBOX.subject)))}</h3>
${textToHtml(unliteral(letters.value(row, OUTBOX.body)))}
</section>`;
  });
  return `<style>
body{font-family:Arial,sans-serif} .letter{page-break-after:always;margin-bottom:2em}
@media print{.task,.no-print{display:none}}
</style>
<p class="no-print"><button onclick="window.print()">Print letters</button> ${wanted.length} to do.</p>
${parts.join('\n')}`;
}
