/**
 * Letters for complainants who asked for post, and calls for those who asked for a phone call. Staff
 * mark each done by changing its Status on the Outbox tab (print → printed, phone → phoned), so the
 * sheet stays the one record of what went out.
 */
import { londonDate } from '../../core/calendar';
import { escapeHtml, textToHtml } from '../../core/letters/render';
import { longDate } from '../../core/letters/values';
import type { Language, PolicyProfile } from '../../core/model';
import { COL } from '../cases';
import type { Settings } from '../settings';
import { TABS } from '../tabs';
import { Table } from '../table';
import { OUTBOX, STATUS, unliteral } from './outbox';

/** The dialog's HTML: every value is escaped, as names and addresses come from the public. */
export function lettersToPrintHtml(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  now: Date,
  profile: Pick<PolicyProfile, 'name' | 'nameCy'>,
): string {
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
    // A posted letter is headed as a letter: the office's address, the date, and who it is for.
    const language: Language = String(letters.value(row, OUTBOX.language)) === 'cy' ? 'cy' : 'en';
    const name = caseRow && caseTable ? String(caseTable.value(caseRow, COL.name)).trim() : '';
    const lines = (text: string) =>
      text
        .split(/\s*(?:\n|,)\s*/)
        .filter(Boolean)
        .map(escapeHtml)
        .join('<br>');
    const head = print
      ? `<div class="head">
<p class="from">${[escapeHtml(language === 'cy' && profile.nameCy ? profile.nameCy : profile.name), lines(settings.officeContact.address ?? '')].filter(Boolean).join('<br>')}</p>
<p class="date">${escapeHtml(longDate(londonDate(now), language))}</p>
<p class="to">${[escapeHtml(name), lines(contact)].filter(Boolean).join('<br>')}</p>
</div>
`
      : '';
    return `<section class="letter">
<p class="task"><strong>${escapeHtml(ref)}</strong>: ${task} ${where}. When done, set its Status on the Outbox tab to "${done}".</p>
${head}<h3>${escapeHtml(unliteral(letters.value(row, OUTBOX.subject)))}</h3>
${textToHtml(unliteral(letters.value(row, OUTBOX.body)))}
</section>`;
  });
  return `<style>
body{font-family:Arial,sans-serif} .letter{page-break-after:always;margin-bottom:2em}
.head .from{text-align:right} .head .to{margin-top:1.5em}
@media print{.task,.no-print{display:none}}
</style>
<p class="no-print"><button onclick="window.print()">Print letters</button> ${wanted.length} to do.</p>
${parts.join('\n')}`;
}
