/**
 * Structural changes staff make to a tab between runs of the script: inserting, deleting and moving
 * columns, sorting, deleting a row, renaming the tab. The product must cope with them (it finds columns by
 * header and rows by reference), so a scenario can replay them to prove it does.
 *
 * They change the emulated sheet directly and run no trigger: Google reports structural changes to onChange
 * triggers, the product installs none, and the emulator has no way to fire one. (Sheets may also send an
 * edit event for a column dragged with its data, or a sort; that is not replayed.) Typing a header into a
 * new column is an ordinary edit, so it goes through the edit triggers like any other.
 */
import { z } from 'zod';
import type { Emulator } from '../../emulator/index';

type Sheet = NonNullable<ReturnType<Emulator['spreadsheet']['getSheetByName']>>;

export const SHEET_OPS = [
  'insertColumn',
  'deleteColumn',
  'moveColumn',
  'sort',
  'deleteRow',
  'rename',
] as const;

const text = z.string().trim().min(1, 'must not be empty');

const sheetEventSchema = z.discriminatedUnion('op', [
  z.strictObject({ tab: text, op: z.literal('insertColumn'), before: text, header: text.optional() }),
  z.strictObject({ tab: text, op: z.literal('deleteColumn'), header: text }),
  z.strictObject({ tab: text, op: z.literal('moveColumn'), header: text, before: text }),
  z.strictObject({ tab: text, op: z.literal('sort'), by: text, descending: z.boolean().optional() }),
  z.strictObject({ tab: text, op: z.literal('deleteRow'), row: z.number().int().positive() }),
  z.strictObject({ tab: text, op: z.literal('rename'), to: text }),
]);

export type SheetEvent = z.infer<typeof sheetEventSchema>;

/**
 * Checks the shape of a `sheet` event. An unknown op is named with the list of known ones, which is more
 * use to someone fixing a scenario by hand than zod's generic discriminator message.
 */
export function parseSheetEvent(
  raw: unknown,
): { ok: true; event: SheetEvent } | { ok: false; path: string[]; message: string } {
  const op = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).op : undefined;
  if (typeof op !== 'string' || !(SHEET_OPS as readonly string[]).includes(op)) {
    const known = SHEET_OPS.join(', ');
    return {
      ok: false,
      path: ['op'],
      message:
        op === undefined
          ? `is required (one of ${known})`
          : `unknown sheet op ${JSON.stringify(op)} (expected one of ${known})`,
    };
  }
  const result = sheetEventSchema.safeParse(raw);
  if (result.success) return { ok: true, event: result.data };
  const issue = result.error.issues[0]!;
  return { ok: false, path: issue.path.map(String), message: issue.message };
}

export function a1(column: number, row: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row}`;
}

/** Header texts as the product reads them: trimmed, so a stray space typed by staff still matches. */
export function headersOf(sheet: Sheet): string[] {
  const width = sheet.getLastColumn();
  if (width === 0) return [];
  return sheet
    .getRange(1, 1, 1, width)
    .getValues()[0]!
    .map((h) => String(h).trim());
}

function tabNamed(emu: Emulator, name: string): Sheet {
  const sheet = emu.spreadsheet.getSheetByName(name);
  if (!sheet) {
    const names = emu.spreadsheet.getSheets().map((s) => `"${s.getName()}"`);
    throw new Error(`there is no tab named "${name}" (the tabs are ${names.join(', ')})`);
  }
  return sheet;
}

/** 1-based position of a header; the first one wins when two columns share it, as in the product. */
function columnOf(sheet: Sheet, header: string): number {
  const headers = headersOf(sheet);
  const index = headers.indexOf(header);
  if (index < 0) {
    const named = headers.filter(Boolean).map((h) => `"${h}"`);
    throw new Error(
      `the "${sheet.getName()}" tab has no "${header}" column (its columns are ${named.join(', ') || 'none'})`,
    );
  }
  return index + 1;
}

/** Google's refusals start "Exception: "; a scenario's reader wants only the sentence after it. */
function plain(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/^Exception:\s*/, '');
}

/**
 * Applies one structural change. Throws, with a sentence saying why, when Sheets would refuse it or it
 * names something that is not there; the caller reports that and carries on with the scenario.
 */
export function applySheetEvent(emu: Emulator, event: SheetEvent): void {
  const sheet = tabNamed(emu, event.tab);
  switch (event.op) {
    case 'insertColumn': {
      const column = columnOf(sheet, event.before);
      sheet.insertColumnBefore(column);
      if (event.header === undefined) return;
      const failed = emu.edit(sheet.getName(), a1(column, 1), event.header).find((i) => i.error);
      if (failed)
        throw new Error(`the column was inserted, but typing its header failed: ${plain(failed.error)}`);
      return;
    }
    case 'deleteColumn': {
      try {
        sheet.deleteColumn(columnOf(sheet, event.header));
      } catch (error) {
        throw new Error(plain(error), { cause: error });
      }
      return;
    }
    case 'moveColumn': {
      if (event.header === event.before)
        throw new Error(`a column cannot be moved before itself ("${event.header}")`);
      const from = columnOf(sheet, event.header);
      const before = columnOf(sheet, event.before);
      // Already in place: Sheets leaves the tab as it is.
      if (from + 1 === before) return;
      // Dragging a column in Sheets: its cells (values, formats, notes, validation), width and hidden state
      // go with it, which the emulator's Sheet.moveColumns does as Sheets does.
      sheet.moveColumns(sheet.getRange(1, from), before);
      return;
    }
    case 'sort': {
      const column = columnOf(sheet, event.by);
      // Without a frozen header row, "Sort sheet" in Sheets sorts the header in among the data.
      if (sheet.getFrozenRows() < 1)
        throw new Error(
          `the "${sheet.getName()}" tab has no frozen header row, so sorting it would move the header`,
        );
      sheet.sort(column, !event.descending);
      return;
    }
    case 'deleteRow': {
      const last = sheet.getLastRow();
      if (event.row === 1) throw new Error(`row 1 is the header of the "${sheet.getName()}" tab`);
      if (event.row > last)
        throw new Error(
          last < 2
            ? `the "${sheet.getName()}" tab has no data rows, so there is no row ${event.row}`
            : `the "${sheet.getName()}" tab's data ends at row ${last}, so there is no row ${event.row}`,
        );
      try {
        sheet.deleteRow(event.row);
      } catch (error) {
        throw new Error(plain(error), { cause: error });
      }
      return;
    }
    case 'rename': {
      try {
        sheet.setName(event.to);
      } catch (error) {
        throw new Error(plain(error), { cause: error });
      }
      return;
    }
  }
}
