/**
 * Values staff typed, planted host-side (as typing them would leave them, without firing any trigger):
 * each must still be in its own row under its own header after the drill, and nowhere else.
 */
import type { Emulator } from '../../../emulator/index';
import { noFindings, type Findings } from './report';
import { cellOf, readTab, safeHeader } from './tabs';

/** A column staff add to the Cases tab for themselves: the script must leave it alone. */
export const TEAM_COLUMN = 'Team notes';
const MARK = 'STAFF-SENTINEL';

export interface Sentinel {
  tab: string;
  reference: string;
  header: string;
  value: string;
}

/** Adds the staff column at the right of the Cases tab if it is not there yet. */
export function addTeamColumn(emu: Emulator): void {
  const sheet = emu.spreadsheet.getSheetByName('Cases');
  const tab = readTab(emu, 'Cases');
  if (!sheet || !tab || tab.headers.includes(TEAM_COLUMN)) return;
  const column = tab.headers.length + 1;
  if (column > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), 1);
  sheet.getRange(1, column).setValue(TEAM_COLUMN);
}

/** Types a sentinel into Notes and the team's own column of every case that has none yet. */
export function plantSentinels(emu: Emulator, planted: Sentinel[]): void {
  const sheet = emu.spreadsheet.getSheetByName('Cases');
  const tab = readTab(emu, 'Cases');
  if (!sheet || !tab) return;
  const have = new Set(planted.map((s) => `${s.reference}|${s.header}`));
  for (const { row, cells } of tab.rows) {
    const reference = String(cellOf(tab, cells, 'Reference'));
    if (!reference) continue;
    for (const header of ['Notes', TEAM_COLUMN]) {
      const column = tab.headers.indexOf(header);
      if (column < 0 || have.has(`${reference}|${header}`)) continue;
      const value = `${MARK} ${header} ${reference}`;
      sheet.getRange(row, column + 1).setValue(value);
      planted.push({ tab: 'Cases', reference, header, value });
    }
  }
}

export function checkSentinels(emu: Emulator, planted: readonly Sentinel[]): Findings {
  const findings = noFindings();
  const tab = readTab(emu, 'Cases');
  const home = new Map(planted.map((s) => [s.value, s]));
  for (const s of planted) {
    const rows = tab?.rows.filter(({ cells }) => cellOf(tab, cells, 'Reference') === s.reference) ?? [];
    if (!rows.some(({ cells }) => cellOf(tab!, cells, s.header) === s.value)) {
      findings.misplaced += 1;
      findings.notes.push(
        `what staff typed under ${safeHeader(s.header)} for ${s.reference} is no longer there`,
      );
    }
  }
  for (const sheet of emu.spreadsheet.getSheets()) {
    const name = sheet.getName();
    const values = emu.sheetValues(name);
    const headers = (values[0] ?? []).map(String);
    values.forEach((cells, r) =>
      cells.forEach((value, c) => {
        if (typeof value !== 'string' || !value.includes(MARK)) return;
        const s = home.get(value);
        const reference = name === 'Cases' ? String(cells[headers.indexOf('Reference')] ?? '') : '';
        if (s && name === s.tab && headers[c] === s.header && reference === s.reference) return;
        findings.misplaced += 1;
        findings.notes.push(
          `what staff typed under ${safeHeader(s?.header ?? '')} for ${s?.reference ?? '?'} turned up at ${name} row ${r + 1} under ${safeHeader(headers[c] ?? '')}`,
        );
      }),
    );
  }
  return findings;
}
