import { describe, expect, it } from 'vitest';
import { renderSheet, renderSheetTable } from '../../emulator/render';
import { freshSheet } from './fixtures';

describe('the HTML rendering of a tab', () => {
  it('keeps frozen columns at the left edge (sticky) and leaves the others to scroll', () => {
    const { sheet } = freshSheet();
    sheet.getRange(1, 1, 2, 3).setValues([
      ['Reference', 'Status', 'Complainant'],
      ['WIL-2026-0001', 'Overdue', 'Ann Jones'],
    ]);
    sheet.setColumnWidth(1, 120);
    sheet.setFrozenRows(1);
    const plain = renderSheetTable(sheet, new Date('2026-03-10T09:00:00Z'));
    expect(plain).not.toContain('frozen');

    sheet.setFrozenColumns(1);
    const html = renderSheetTable(sheet, new Date('2026-03-10T09:00:00Z'));
    const cells = [...html.matchAll(/<(th|td)([^>]*)>([^<]*)</g)].map((m) => ({ attrs: m[2]!, text: m[3]! }));
    const frozen = cells.filter((c) => c.attrs.includes('class="frozen"')).map((c) => c.text);
    expect(frozen).toEqual(['Reference', 'WIL-2026-0001']);
    for (const c of cells.filter((c) => c.attrs.includes('frozen')))
      expect(c.attrs).toContain('left:0px;width:120px');
    expect(renderSheet(sheet, new Date('2026-03-10T09:00:00Z'))).toContain('td.frozen{position:sticky');
  });
});
