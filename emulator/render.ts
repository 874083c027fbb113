/**
 * Renders tabs to static HTML as a person would see them: display values, cell backgrounds with
 * conditional-format rules applied, the frozen header rows and frozen columns kept in view while the page
 * scrolls (sticky), hidden columns left out, dropdown cells marked.
 *
 * Conditional formulas are evaluated by spreadsheet/formula.ts at the given instant (TODAY() is that
 * day in the spreadsheet's time zone); a formula outside what it reads throws. `whenTextEqualTo` compares
 * display values, ignoring case.
 */
import { displayValue, type CellValue } from './spreadsheet/cells';
import { formulaHolds, type FormulaValue } from './spreadsheet/formula';
import type { EmulatedConditionalFormatRule } from './spreadsheet/rules';
import type { EmulatedSheet } from './spreadsheet/sheet';
import type { EmulatedSpreadsheet } from './spreadsheet/spreadsheet';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Whether a rule colours the cell at (row, column), both 1-based. */
export function ruleMatches(
  sheet: EmulatedSheet,
  rule: EmulatedConditionalFormatRule,
  row: number,
  column: number,
  now: Date,
): boolean {
  const range = rule.ranges.find(
    (r) => row >= r.row && row <= r.getLastRow() && column >= r.column && column <= r.getLastColumn(),
  );
  if (!range) return false;
  const tz = sheet.spreadsheet.getSpreadsheetTimeZone();
  if (rule.condition.type === 'text-equal') {
    const v = sheet.peek(row, column)?.value ?? '';
    return displayValue(v, tz).toLowerCase() === rule.condition.value.toLowerCase();
  }
  return formulaHolds(rule.condition.value, {
    cell: (r, c) => (sheet.peek(r, c)?.value ?? '') as FormulaValue,
    now,
    timeZone: tz,
    rowOffset: row - range.row,
    columnOffset: column - range.column,
  });
}

/** The background a person sees in a cell at `now`: the first matching conditional rule's, else the cell's. */
export function effectiveBackground(
  sheet: EmulatedSheet,
  row: number,
  column: number,
  now: Date,
): string | null {
  const rule = sheet.conditionalRules.find((r) => ruleMatches(sheet, r, row, column, now));
  return rule?.background ?? sheet.peek(row, column)?.background ?? null;
}

function cellStyle(sheet: EmulatedSheet, row: number, column: number, now: Date): string {
  const cell = sheet.peek(row, column);
  const rule = sheet.conditionalRules.find((r) => ruleMatches(sheet, r, row, column, now));
  const background = rule?.background ?? cell?.background ?? null;
  const styles: string[] = [];
  if (background) styles.push(`background:${background}`);
  const color = rule?.fontColor ?? cell?.fontColor ?? null;
  if (color) styles.push(`color:${color}`);
  if (rule?.bold || cell?.fontWeight === 'bold' || row <= sheet.frozenRows) styles.push('font-weight:bold');
  return styles.join(';');
}

export function renderSheetTable(sheet: EmulatedSheet, now: Date): string {
  const rows = sheet.getLastRow();
  const cols = sheet.getLastColumn();
  const tz = sheet.spreadsheet.getSpreadsheetTimeZone();
  const visible = Array.from({ length: cols }, (_, i) => i + 1).filter((c) => !sheet.hiddenColumns.has(c));
  // A frozen column stays at the left edge while the rest scrolls past it, as in Sheets. Its width is fixed
  // so the next frozen column knows where to stick.
  const frozenLeft = new Map<number, number>();
  let left = 0;
  for (const c of visible.filter((c) => c <= sheet.frozenColumns)) {
    frozenLeft.set(c, left);
    left += frozenWidth(sheet, c) + 1;
  }
  const out: string[] = [`<table class="sheet" data-sheet="${escape(sheet.getName())}">`];
  for (let r = 1; r <= rows; r++) {
    const tag = r <= sheet.frozenRows ? 'th' : 'td';
    const sized = sheet.rowHeights.get(r);
    const fixed = sized?.forced || (sized && !sheet.rowGrows(r)) ? sized.height : 0;
    const cells = visible.map((c) => {
      const cell = sheet.peek(r, c);
      const text = cell ? displayValue(cell.value, tz, cell.numberFormat) : '';
      const classes = [cell?.validation ? 'dropdown' : '', frozenLeft.has(c) ? 'frozen' : ''].filter(Boolean);
      const style = cellStyle(sheet, r, c, now);
      const width = frozenLeft.has(c)
        ? `left:${frozenLeft.get(c)!}px;width:${frozenWidth(sheet, c)}px;min-width:${frozenWidth(sheet, c)}px;max-width:${frozenWidth(sheet, c)}px;`
        : r === 1 && sheet.columnWidths.has(c)
          ? `min-width:${Math.min(sheet.columnWidths.get(c)!, 400)}px;`
          : '';
      // Only WRAP breaks a line to fit the column; in a row of fixed height the rest stay on one line.
      const clip = cell?.wrap === 'CLIP' || (fixed && cell?.wrap !== 'WRAP') ? 'white-space:nowrap;' : '';
      const html = escape(text).replace(/\n/g, '<br>');
      // A forced height cuts what does not fit, as Sheets does: the cell shows its first line.
      const content = fixed ? `<div class="fixed" style="max-height:${fixed - 5}px">${html}</div>` : html;
      const classAttr = classes.length ? ` class="${classes.join(' ')}"` : '';
      return `<${tag}${classAttr} style="${width}${clip}${style}">${content}</${tag}>`;
    });
    out.push(
      fixed
        ? `<tr class="fixed" style="height:${fixed}px">${cells.join('')}</tr>`
        : `<tr>${cells.join('')}</tr>`,
    );
  }
  out.push('</table>');
  return out.join('\n');
}

/** The width a frozen column is drawn at: its set width (capped, as other columns are), else Sheets' 100 px. */
function frozenWidth(sheet: EmulatedSheet, column: number): number {
  return Math.min(sheet.columnWidths.get(column) ?? 100, 400);
}

const PAGE_STYLE = `body{font-family:Arial,Helvetica,sans-serif;font-size:13px;margin:16px;color:#202124}
table.sheet{border-collapse:collapse;margin-bottom:24px}
table.sheet th,table.sheet td{border:1px solid #dadce0;padding:4px 6px;vertical-align:top;max-width:320px;overflow:hidden;text-overflow:ellipsis}
table.sheet th{background:#f1f3f4;position:sticky;top:0;z-index:1}
table.sheet td.frozen{position:sticky;background:#fff;z-index:2;box-shadow:2px 0 0 #9aa0a6}
table.sheet th.frozen{position:sticky;z-index:3;box-shadow:2px 0 0 #9aa0a6}
tr.fixed td,tr.fixed th{padding:2px 6px}
div.fixed{overflow:hidden;line-height:16px}
tr.fixed td.dropdown>div.fixed{display:inline-block;vertical-align:top}
td.dropdown::after{content:" \\25BE";color:#5f6368}
h2{font-size:15px;margin:24px 0 8px}
nav a{margin-right:12px}`;

function page(title: string, body: string): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title><style>${PAGE_STYLE}</style></head><body>\n${body}\n</body></html>\n`;
}

export function renderSheet(sheet: EmulatedSheet, now: Date): string {
  return page(
    sheet.getName(),
    `<h2>${escape(sheet.getName())}</h2>\n${renderSheetTable(sheet, now)}${renderCharts(sheet)}`,
  );
}

const SERIES_COLOURS = ['#1a73e8', '#e8710a', '#188038', '#a142f4', '#d93025', '#12b5cb', '#f9ab00'];

/**
 * A sheet's charts as a person would see them below its cells: column and bar charts drawn from their
 * first range (first column the categories, each further column a series, the header row naming them),
 * stacked when the "isStacked" option says so. Other types are named, not drawn.
 */
export function renderCharts(sheet: EmulatedSheet): string {
  const tz = sheet.spreadsheet.getSpreadsheetTimeZone();
  return sheet.charts.specs
    .map((chart) => {
      const title = String(chart.options['title'] ?? '');
      const r = chart.ranges[0]!;
      const values = sheet.getRange(r.row, r.column, r.rows, r.columns).getValues();
      if (chart.type !== 'COLUMN' && chart.type !== 'BAR')
        return `<figure class="chart"><figcaption>${escape(title)} (a ${chart.type.toLowerCase()} chart)</figcaption></figure>`;
      const headers = chart.numHeaders !== 0 ? values[0]! : values[0]!.map((_, i) => `Series ${i}`);
      const body = chart.numHeaders !== 0 ? values.slice(1) : values;
      const names = headers.slice(1).map((h) => displayValue(h as CellValue, tz));
      const stacked = chart.options['isStacked'] === true;
      const rows = body.map((row) => ({
        label: displayValue(row[0] as CellValue, tz),
        values: row.slice(1).map((v) => (typeof v === 'number' ? v : 0)),
      }));
      const top = Math.max(
        1,
        ...rows.map((row) => (stacked ? row.values.reduce((a, b) => a + b, 0) : Math.max(0, ...row.values))),
      );
      const width = 640;
      const height = 300;
      const left = 48;
      const bottom = 40;
      const plotH = height - bottom - 40;
      const slot = (width - left - 16) / Math.max(1, rows.length);
      const bars: string[] = [];
      rows.forEach((row, i) => {
        let base = 0;
        row.values.forEach((v, s) => {
          const w = stacked ? slot * 0.6 : (slot * 0.7) / row.values.length;
          const x = left + i * slot + slot * 0.15 + (stacked ? 0 : s * w);
          const h = (v / top) * plotH;
          const y = height - bottom - h - (stacked ? (base / top) * plotH : 0);
          if (stacked) base += v;
          if (h > 0)
            bars.push(
              `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" fill="${SERIES_COLOURS[s % SERIES_COLOURS.length]}"><title>${escape(`${row.label}, ${names[s] ?? ''}: ${v}`)}</title></rect>`,
            );
        });
        bars.push(
          `<text x="${(left + i * slot + slot / 2).toFixed(1)}" y="${height - bottom + 16}" font-size="11" text-anchor="middle">${escape(row.label)}</text>`,
        );
      });
      const ticks = [0, Math.round(top / 2), top]
        .map((t) => {
          const y = height - bottom - (t / top) * plotH;
          return `<line x1="${left}" x2="${width - 8}" y1="${y}" y2="${y}" stroke="#e0e0e0"/><text x="${left - 6}" y="${y + 4}" font-size="11" text-anchor="end">${t}</text>`;
        })
        .join('');
      let at = left;
      const legend = names
        .map((n, s) => {
          const x = at;
          at += 24 + n.length * 7;
          return `<rect x="${x}" y="${height - 14}" width="10" height="10" fill="${SERIES_COLOURS[s % SERIES_COLOURS.length]}"/><text x="${x + 14}" y="${height - 5}" font-size="11">${escape(n)}</text>`;
        })
        .join('');
      return `<figure class="chart"><svg role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg"><title>${escape(title)}</title><text x="${width / 2}" y="20" font-size="14" font-weight="bold" text-anchor="middle">${escape(title)}</text>${ticks}${bars.join('')}${legend}</svg></figure>`;
    })
    .join('\n');
}

export function renderSpreadsheet(ss: EmulatedSpreadsheet, now: Date): string {
  const sheets = ss.getSheets();
  const nav = `<nav>${sheets.map((s, i) => `<a href="#tab-${i}">${escape(s.getName())}</a>`).join('')}</nav>`;
  const tabs = sheets
    .map(
      (s, i) =>
        `<section id="tab-${i}"><h2>${escape(s.getName())}</h2>\n${renderSheetTable(s, now)}${renderCharts(s)}</section>`,
    )
    .join('\n');
  return page(ss.getName(), `<h1>${escape(ss.getName())}</h1>\n${nav}\n${tabs}`);
}
