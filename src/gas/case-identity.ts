/**
 * A case's identity is its Reference. Every clock, letter and audit entry finds the case by it, so a
 * Reference changed, cleared or made a copy of another's would drop the case out of all of them. Staff
 * cannot change it: the edit is refused, put back and audited.
 *
 * The hidden case-data cell says which case a row holds (cases.ts), so whichever of the two cells an edit
 * did not touch is the truth:
 *   - the Reference cell typed, cleared or pasted over: put back to the reference the case data names;
 *   - a row of visible cells pasted over another case (the hidden column left alone): the row is rebuilt
 *     from its case data: reference, complaint, workflow cells as last accepted, deadlines recomputed;
 *   - the case-data cell itself edited: put back (a single cell carries its old value);
 *   - a whole row, hidden cell included, pasted as a copy of a case that is already on the tab: the copy
 *     is cleared, and staff are told that Undo brings back a case it overwrote, since neither cell is left
 *     to say which case that was.
 * Apps Script gives no old values for a paste, so a paste over only the hidden cell cannot be undone by
 * the script: it is audited and staff are asked to Undo.
 */
import { computeClocks } from '../core/clocks';
import type { AuditEntry } from '../core/model';
import { COL, caseIdentity, hasCaseData, restoredCaseValues } from './cases';
import { changedValues, writeRowCells } from './cell-writes';
import { appendAudit } from './audit';
import type { RunContext } from './context';
import { Table, readHeaders, type Cell, type RowValues } from './table';
import type { StaffEdit } from './workflow';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const text = (cell: Cell | undefined): string =>
  cell === undefined || cell === '' ? '' : String(cell).trim();

interface Fix {
  /** Sheet row as read. */
  row: number;
  /** The reference the row is checked to still hold at write time (Reference cell or case data). */
  holds: { header: string; value: string };
  values: RowValues;
  audit: AuditEntry;
}

/**
 * Checks every row an edit of the Reference or case-data column touched; puts back what changed a case's
 * identity. Returns the sheet rows it handled, which the workflow checks then leave alone.
 */
export function guardIdentity(
  ctx: RunContext,
  sheet: Sheet,
  headers: string[],
  e: StaffEdit,
  who: string,
  now: Date,
): Set<number> {
  const { profile, calendar, ss } = ctx;
  const range = e.range;
  const top = Math.max(range.getRow(), 2);
  const height = range.getRow() + range.getNumRows() - top;
  if (height <= 0) return new Set();
  const first = range.getColumn() - 1;
  const inRange = (header: string) => {
    const i = headers.indexOf(header);
    return i >= first && i < first + range.getNumColumns();
  };
  const single = range.getNumRows() === 1 && range.getNumColumns() === 1;
  const refIn = inRange(COL.reference);
  const dataIn = inRange(COL.data);
  const rows = sheet.getRange(top, 1, height, headers.length).getValues() as Cell[][];
  const table = Table.fromValues(sheet.getName(), headers, rows, top);
  const refColumn = headers.indexOf(COL.reference);
  // Every reference on the tab, to tell a copy of a case from the case itself.
  const last = sheet.getLastRow();
  const allRefs =
    refColumn >= 0 && last >= 2
      ? sheet
          .getRange(2, refColumn + 1, last - 1, 1)
          .getValues()
          .map((r) => text(r[0] as Cell))
      : [];
  const rangeHeaders = headers.slice(first, first + range.getNumColumns());
  const fixes: Fix[] = [];
  const warnings: AuditEntry[] = [];
  const entry = (
    reference: string,
    action: string,
    from: string,
    to: string,
    detail: string,
  ): AuditEntry => ({
    at: now,
    reference,
    actor: who,
    action,
    from,
    to,
    detail,
  });

  rows.forEach((row, i) => {
    const sheetRow = top + i;
    const shown = text(table.value(row, COL.reference));
    const named = caseIdentity(table, row);
    if (refIn && !dataIn) {
      // The case data is untouched: it says which case this is. Rows older than it have e.oldValue alone,
      // and a row with no case data is no case: a reference typed there is refused too.
      const truth = named ?? (single ? (hasCaseData(table, row) ? text(e.oldValue) : '') : null);
      if (truth === null || truth === shown) return;
      const holds = named ? { header: COL.data, value: named } : { header: COL.reference, value: shown };
      const rebuilt =
        shown !== '' && rangeHeaders.length > 1
          ? restoredCaseValues(profile, table, row, (r) => computeClocks(profile, r, now, calendar), now)
          : null;
      if (rebuilt) {
        const wanted: RowValues = {};
        for (const h of rangeHeaders) if (h in rebuilt) wanted[h] = rebuilt[h]!;
        // Staff's free text in the pasted row belongs to the case it was copied from.
        for (const h of [COL.notes, COL.subjectEmail]) if (rangeHeaders.includes(h)) wanted[h] = '';
        const values = changedValues(wanted, (h) => table.value(row, h));
        fixes.push({
          row: sheetRow,
          holds,
          values,
          audit: entry(
            truth,
            'refused: row pasted over',
            truth,
            shown,
            `A copy of another case was pasted over this case's row; the row was rebuilt from the case data. ` +
              `Notes and the email of the person complained about in the paste were cleared: use Undo (Ctrl+Z) to get this case's own back.`,
          ),
        });
      } else {
        fixes.push({
          row: sheetRow,
          holds,
          values: { [COL.reference]: truth },
          audit: entry(
            truth,
            'refused: Reference',
            truth,
            shown,
            truth === ''
              ? 'References are given by the script when a case is made: this row holds no case.'
              : shown === ''
                ? 'A case keeps its reference: it was cleared and has been put back.'
                : 'A case keeps its reference: the new one was refused and the reference put back.',
          ),
        });
      }
      return;
    }
    if (dataIn && !refIn) {
      if (single) {
        const old = e.oldValue ?? '';
        if (text(table.value(row, COL.data)) === text(old)) return;
        fixes.push({
          row: sheetRow,
          holds: { header: COL.reference, value: shown },
          values: { [COL.data]: old },
          audit: entry(
            shown,
            'refused: Case data',
            '',
            '',
            'The hidden case data is written by the script only: put back.',
          ),
        });
      } else if (shown && named !== shown) {
        warnings.push(
          entry(
            shown,
            'refused: case data pasted',
            '',
            named ?? '',
            'The hidden case data of this row was pasted over and cannot be put back by the script: use Undo (Ctrl+Z).',
          ),
        );
      }
      return;
    }
    // Both cells pasted: the row is whatever was copied. A case already elsewhere on the tab makes it a copy.
    if (!shown) return;
    const elsewhere = allRefs.some(
      (r, j) => r === shown && j + 2 !== sheetRow && (j + 2 < top || j + 2 >= top + height),
    );
    const earlierInPaste = rows.slice(0, i).some((r) => text(table.value(r, COL.reference)) === shown);
    if (!elsewhere && !earlierInPaste) return;
    const cleared: RowValues = {};
    for (const h of rangeHeaders) if (h) cleared[h] = '';
    fixes.push({
      row: sheetRow,
      holds: { header: COL.reference, value: shown },
      values: cleared,
      audit: entry(
        shown,
        'refused: copy of a case',
        '',
        `row ${sheetRow}`,
        `A copy of this case was pasted into row ${sheetRow}; the copy was cleared, as a case appears once. ` +
          `If it was pasted over another case, use Undo (Ctrl+Z) to get that case back.`,
      ),
    });
  });

  const done = new Set<number>();
  if (fixes.length > 0) {
    // Written where each row is now: headers read again, and each row checked to still hold its case.
    const current = readHeaders(sheet);
    for (const fix of fixes) {
      const column = current.indexOf(fix.holds.header);
      if (column < 0) continue;
      const cell = sheet.getRange(fix.row, column + 1).getValue() as Cell;
      const holds =
        fix.holds.header === COL.data
          ? caseIdentity(Table.fromValues(sheet.getName(), [COL.data], [[cell]]), [cell]) === fix.holds.value
          : text(cell) === fix.holds.value;
      if (!holds) continue;
      writeRowCells(sheet, current, fix.row, fix.values);
      done.add(fix.row);
    }
  }
  const audit = [...fixes.filter((f) => done.has(f.row)).map((f) => f.audit), ...warnings];
  if (audit.length > 0) {
    const refs = [...new Set(audit.map((a) => a.reference).filter(Boolean))].join(', ');
    ss.toast(
      warnings.length > 0 || fixes.some((f) => f.audit.action === 'refused: copy of a case')
        ? `A case's row was pasted over (${refs}). Use Undo (Ctrl+Z) if a case was lost; see the Audit tab.`
        : `A case keeps its reference; the change was put back (${refs}).`,
      'Change refused',
    );
    appendAudit(ss, audit);
  }
  // Rows whose identity was in question are not checked again as workflow edits.
  for (const f of fixes) done.add(f.row);
  return done;
}
