/**
 * Two limits that hold in every tab: no cell over Google's 50,000 characters (a write past it fails on
 * Google, so the emulator accepting it only hides the failure), and no live formula (a complainant's
 * "=IMPORTXML(...)" must stay text wherever the script copies it).
 */
import type { Emulator } from '../../../emulator/index';
import { noFindings, type Findings } from './report';
import { columnLetter } from './tabs';

export const CELL_LIMIT = 50_000;

export function checkCells(emu: Emulator): Findings {
  const findings = noFindings();
  for (const sheet of emu.spreadsheet.getSheets()) {
    const name = sheet.getName();
    sheet.grid.forEach((row, r) =>
      row.forEach((cell, c) => {
        const where = `${name}!${columnLetter(c)}${r + 1}`;
        const size = Math.max(String(cell.value).length, cell.formula.length);
        if (size > CELL_LIMIT) {
          findings.oversizedCells += 1;
          findings.notes.push(`${where} holds ${size} characters (limit ${CELL_LIMIT})`);
        }
        if (cell.formula !== '') {
          findings.liveFormulas += 1;
          findings.notes.push(`${where} is a live formula`);
        }
      }),
    );
  }
  return findings;
}
