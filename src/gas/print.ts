/** Letters for complainants who asked for post, and calls for those who asked for a phone call. */
import { escapeHtml, textToHtml } from '../core/letters/render';
import { COL } from './cases';
import { OUTBOX, STATUS } from './mail/outbox';
import { TABS } from './tabs';
import { Table } from './table';

export function lettersToPrintHtml(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  const outbox = ss.getSheetByName(TABS.outbox);
  const cases = ss.getSheetByName(TABS.cases);
  if (!outbox || !cases) return '<p>Run Complaints › Set up… first.</p>';
  const letters = Table.read(outbox);
  const caseTable = Table.read(cases);
  const byRef = caseTable.byKey(COL.reference);
  const wanted = letters.rows.filter((row) =>
    [STATUS.print, STATUS.phone].includes(String(letters.value(row, OUTBOX.status)) as 'print-and-post'),
  );
  if (wanted.length === 0) return '<p>Nothing to print and no calls to make.</p>';
  const parts = wanted.map((row) => {
    const ref = String(letters.value(row, OUTBOX.reference));
    const caseRow = byRef.get(ref);
    const contact = caseRow
      ? String(
          caseTable.value(
            caseRow,
            String(letters.value(row, OUTBOX.status)) === STATUS.print ? COL.address : COL.phone,
          ),
        )
      : '';
    const task = String(letters.value(row, OUTBOX.status)) === STATUS.print ? 'Print and post to' : 'Phone';
    return `<section style="page-break-after:always">
<p><strong>${escapeHtml(ref)}</strong>: ${task} ${escapeHtml(contact)}. When done, set its Status on the Outbox tab to "${STATUS.done}".</p>
<h3>${escapeHtml(String(letters.value(row, OUTBOX.subject)))}</h3>
${textToHtml(String(letters.value(row, OUTBOX.body)).replace(/^'/, ''))}
</section>`;
  });
  return `<div style="font-family:Arial,sans-serif">${parts.join('\n')}</div>`;
}
