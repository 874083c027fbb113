/**
 * Staff reshaping a tab host-side, as they do in the browser while a script runs: a column inserted,
 * moved or deleted, each with the emulated Sheet's own method (cells, with their formats and rules, travel
 * with the column, as in Sheets). Host-side calls are not the script's, so they count no service call.
 */
import type { Emulator } from '../../../../emulator/index';
import { TEAM_COLUMN } from '../sentinels';
import { readTab } from '../tabs';

export type Reshape = 'insert' | 'move' | 'delete';
export const RESHAPES: readonly Reshape[] = ['insert', 'move', 'delete'];

/** The column each reshape moves on each tab: chosen so that every column right of it shifts. */
const MOVED: Record<string, string> = { Cases: 'What happened', Outbox: 'Status' };

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
      sheet.moveColumns(sheet.getRange(1, from), 1);
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
