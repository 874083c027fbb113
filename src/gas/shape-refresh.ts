/**
 * Writing the shape cache (shape-cache.ts) from the tabs, and keeping prepared rows below each tab's data.
 * Run by Set up and the daily sweep, and by a form submission that found no copy.
 */
import { TABS } from './tabs';
import { LETTER_ROW_HEIGHT } from './mail/outbox';
import { rowFormats } from './intake';
import { readHeaders, type Cell } from './table';
import { flushDeferredAudit } from './audit';
import { withScriptLock } from './context';
import { APPEND_TABS, ROWS_AHEAD, dropShape, shapeFrom, shapeProperties, type Shape } from './shape-cache';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The copy as the tabs are now, or null when a tab it needs is missing (Set up has not run). */
export function readShape(ss: Spreadsheet): Shape | null {
  const headers: Partial<Shape['headers']> = {};
  for (const tab of APPEND_TABS) {
    const sheet = ss.getSheetByName(tab);
    if (!sheet) return null;
    headers[tab] = readHeaders(sheet);
  }
  const templates = ss.getSheetByName(TABS.templates);
  return {
    headers: headers as Shape['headers'],
    templates: templates ? (templates.getDataRange().getValues() as Cell[][]) : null,
    url: ss.getUrl(),
  };
}

/** Writes a fresh copy (one setProperties), or drops it when the tabs are not all there. */
export function storeShape(
  ss: Spreadsheet,
  props: GoogleAppsScript.Properties.Properties = PropertiesService.getScriptProperties(),
): void {
  let shape: Shape | null = null;
  try {
    shape = readShape(ss);
  } catch {
    // A tab reshaped while it was read: no copy, so submissions take the long way until the next one.
  }
  if (shape) props.setProperties(shapeProperties(shape));
  else dropShape(props);
}

/**
 * Keeps prepared rows below each tab's data: when fewer than half of ROWS_AHEAD are left, rows are added
 * up to ROWS_AHEAD and prepared: Cases rows get their formats (text columns as text, day columns as
 * days, other columns as they are), the mail tabs' rows their one-line height. The last ROWS_AHEAD rows
 * with data are done again, so rows appended past the prepared ones (a busy day) get them too.
 * Submissions write text literally, so an unprepared row keeps its text all the same; this is what staff
 * see.
 */
export function prepareRowsAhead(ss: Spreadsheet, setup = false): void {
  for (const tab of APPEND_TABS) {
    const sheet = ss.getSheetByName(tab);
    if (!sheet) continue;
    try {
      prepare(sheet, tab, setup);
    } catch {
      // Reshaped while it was prepared: the next sweep prepares it.
    }
  }
}

function prepare(sheet: Sheet, tab: string, setup: boolean): void {
  const last = Math.max(1, sheet.getLastRow());
  const max = sheet.getMaxRows();
  // Set up formats Cases itself but leaves the mail tabs' heights to this.
  if (setup && (tab === TABS.outbox || tab === TABS.staffMail) && max > last)
    sheet.setRowHeightsForced(last + 1, max - last, LETTER_ROW_HEIGHT);
  // Most days there are enough: nothing to do.
  if (max - last >= ROWS_AHEAD / 2) return;
  sheet.insertRowsAfter(max, ROWS_AHEAD - (max - last));
  // The new rows, and the last rows with data in case a busy day appended past the prepared ones.
  const first = Math.max(2, last - ROWS_AHEAD + 1);
  const count = last + ROWS_AHEAD - first + 1;
  if (tab === TABS.cases) {
    const headers = readHeaders(sheet);
    if (headers.length > 0) {
      const block = sheet.getRange(first, 1, count, headers.length);
      const current = block.getNumberFormats();
      block.setNumberFormats(current.map((row) => rowFormats(headers, row)));
    }
  } else if (tab === TABS.outbox || tab === TABS.staffMail) {
    sheet.setRowHeightsForced(first, count, LETTER_ROW_HEIGHT);
  }
}

/**
 * What form submissions rely on, put right: the Audit entries they left appended, a fresh copy of the
 * headers and templates, and prepared rows below each tab's data. Daily (the sweep), after Set up, and
 * after a submission that found no copy. Under the lock: submissions count prepared rows down under it.
 */
export function refreshForSubmissions(ss: Spreadsheet): void {
  withScriptLock(60_000, () => {
    flushDeferredAudit(ss);
    prepareForSubmissions(ss);
  });
}

/** A fresh copy and prepared rows (Set up, which appends deferred Audit entries itself when it may). */
export function prepareForSubmissions(ss: Spreadsheet, setup = false): void {
  const props = PropertiesService.getScriptProperties();
  storeShape(ss, props);
  prepareRowsAhead(ss, setup);
}

/** After a submission that took the long way: the copy is made when there is none. */
export function ensureShape(ss: Spreadsheet): void {
  if (!shapeFrom(PropertiesService.getScriptProperties().getProperties())) refreshForSubmissions(ss);
}
