/**
 * Staff reshaping a tab host-side, as they do in the browser while a script runs: a column inserted,
 * moved or deleted. The emulator has no Sheet.moveColumns, so a move is done on the grid directly, which
 * is what Sheets does (cells, with their formats and rules, travel with the column).
 */
import type { Emulator } from '../../../../emulator/index';
import { emptyCell } from '../../../../emulator/spreadsheet/cells';
import { TEAM_COLUMN } from '../sentinels';
import { readTab } from '../tabs';

export type Reshape = 'insert' | 'move' | 'delete';
export const RESHAPES: readonly Reshape[] = ['insert', 'move', 'delete'];

/** The column each reshape moves on each tab: chosen so that every column right of it shifts. */
const MOVED: Record<string, string> = { Cases: 'What happened', Outbox: 'Status' };

function moveColumn(emu: Emulator, tab: string, from: number, to: number): void {
  const sheet = emu.spreadsheet.getSheetByName(tab)!;
  for (const row of sheet.grid) {
    while (row.length < Math.max(from, to)) row.push(emptyCell());
    const [cell] = row.splice(from - 1, 1);
    row.splice(to - 1, 0, cell!);
  }
}

/** Applies one reshape to a tab; returns what it did, for the drill's notes. */
export function reshape(emu: Emulator, tab: string, kind: Reshape): string {
  const sheet = emu.spreadsheet.getSheetByName(tab);
  const view = readTab(emu, tab);
  if (!sheet || !view) return `no ${tab} tab`;
  switch (kind) {
    case 'insert':
      sheet.insertColumnBefore(2);
      return `${tab}: a blank column inserted at B`;
    case 'move': {
      const from = view.headers.indexOf(MOVED[tab]!) + 1;
      if (from < 1) return `${tab}: nothing to move`;
      moveColumn(emu, tab, from, 1);
      return `${tab}: "${MOVED[tab]}" moved to A`;
    }
    case 'delete': {
      const at = view.headers.indexOf(TEAM_COLUMN) + 1;
      if (at < 1) return `${tab}: nothing to delete`;
      sheet.deleteColumn(at);
      return `${tab}: staff's "${TEAM_COLUMN}" column deleted`;
    }
  }
}

/**
 * Puts the staff's own column in the middle of a tab (after the second column), so deleting it shifts
 * every script column after it, as deleting a column of one's own does in a real office.
 */
export function addMiddleTeamColumn(emu: Emulator, tab: string): void {
  const sheet = emu.spreadsheet.getSheetByName(tab);
  const view = readTab(emu, tab);
  if (!sheet || !view) return;
  const existing = view.headers.indexOf(TEAM_COLUMN);
  if (existing >= 0) sheet.deleteColumn(existing + 1);
  sheet.insertColumnAfter(2);
  sheet.getRange(1, 3).setValue(TEAM_COLUMN);
}
