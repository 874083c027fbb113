import { SPREADSHEET } from './google-members';
import { guardUnemulated, notEmulated } from './not-emulated';
import type { UiRecorder } from '../ui';
import { EmulatedSheet } from './sheet';
import type { EmulatedRange } from './range';
import { emulated, type Conforms } from '../types';
import { EFFECTIVE_USER } from '../services';
import type { SpreadsheetAccess } from './rules';

type GSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export class EmulatedSpreadsheet implements Conforms<GSpreadsheet, EmulatedSpreadsheet> {
  readonly sheets: EmulatedSheet[] = [];
  active: EmulatedSheet | null = null;
  /** What the person at the keyboard has selected (Emulator.select); null until they select something. */
  selection: EmulatedRange | null = null;
  private nextSheetId = 0;
  /** Sheet name → form id, for tabs that receive form responses. */
  readonly formDestinations = new Map<EmulatedSheet, string>();
  /** Whose edit rights protections check (rules.ts); the Emulator points it at its executions. */
  access: SpreadsheetAccess = { owner: EFFECTIVE_USER, currentUser: () => EFFECTIVE_USER };

  constructor(
    private readonly id: string,
    private name: string,
    private readonly timeZone: string,
    private readonly ui: UiRecorder,
  ) {
    this.insertSheet('Sheet1');
  }

  getId(): string {
    return this.id;
  }
  getName(): string {
    return this.name;
  }
  rename(name: string): void {
    this.name = name;
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }
  getSpreadsheetTimeZone(): string {
    return this.timeZone;
  }
  getNumSheets(): number {
    return this.sheets.length;
  }
  getSheets(): EmulatedSheet[] {
    return [...this.sheets];
  }
  getSheetByName(name: string): EmulatedSheet | null {
    return this.sheets.find((s) => s.getName() === name) ?? null;
  }
  getActiveSheet(): EmulatedSheet {
    return this.active ?? this.sheets[0]!;
  }
  /**
   * "Returns the selected range in the active sheet, or null if there is no active range"
   * (developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getActiveRange()). A selection on
   * another tab is not the active sheet's: null, as nothing is selected where the person is looking.
   */
  getActiveRange(): EmulatedRange | null {
    const range = this.selection;
    return range && range.getSheet() === this.getActiveSheet() ? range : null;
  }
  setActiveSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet | EmulatedSheet): EmulatedSheet {
    this.active = emulated(sheet, EmulatedSheet, 'SpreadsheetApp.Spreadsheet.setActiveSheet');
    return this.active;
  }

  /**
   * Spreadsheet.moveActiveSheet(pos): "Moves the active sheet to the given position in the list of sheets.
   * Throws an exception if the position is negative or greater than the number of sheets"; pos is
   * 1-indexed (developers.google.com/apps-script/reference/spreadsheet/spreadsheet#moveActiveSheet(Integer)).
   * Stricter than Google where it cannot know: 0 and fractions are refused too.
   */
  moveActiveSheet(pos: number): void {
    if (!Number.isInteger(pos) || pos < 1 || pos > this.sheets.length)
      throw new Error(
        `Exception: The position ${pos} is out of range: it must be between 1 and ${this.sheets.length}.`,
      );
    const sheet = this.getActiveSheet();
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    this.sheets.splice(pos - 1, 0, sheet);
  }

  /** Follows Google's refusal of a duplicate tab name (Spreadsheet.insertSheet). */
  insertSheet(name?: string | number | object, index?: number | object, options?: object): EmulatedSheet {
    // insertSheet(options) copies a template sheet; the emulator does not, and says so.
    if (options !== undefined || (typeof name === 'object' && name !== null) || typeof index === 'object')
      notEmulated('Spreadsheet', 'insertSheet(options)');
    let sheetName = typeof name === 'string' ? name : `Sheet${this.sheets.length + 1}`;
    for (let n = this.sheets.length + 1; typeof name !== 'string' && this.getSheetByName(sheetName); n++)
      sheetName = `Sheet${n}`;
    if (this.getSheetByName(sheetName)) {
      throw new Error(
        `Exception: A sheet with the name "${sheetName}" already exists. Please enter another name.`,
      );
    }
    const sheet = new EmulatedSheet(this, sheetName, this.nextSheetId++);
    const at = typeof name === 'number' ? name : typeof index === 'number' ? index : undefined;
    if (at === undefined || at >= this.sheets.length) this.sheets.push(sheet);
    else this.sheets.splice(at, 0, sheet);
    return sheet;
  }
  deleteSheet(googleSheet: GoogleAppsScript.Spreadsheet.Sheet | EmulatedSheet): void {
    const sheet = emulated(googleSheet, EmulatedSheet, 'SpreadsheetApp.Spreadsheet.deleteSheet');
    if (this.sheets.length === 1)
      throw new Error("Exception: You can't remove all the sheets in a document.");
    const i = this.sheets.indexOf(sheet);
    if (i >= 0) this.sheets.splice(i, 1);
    this.formDestinations.delete(sheet);
  }
  getRange(a1: string): ReturnType<EmulatedSheet['getRange']> {
    const [sheetName, ref] = a1.includes('!') ? a1.split('!') : [this.getActiveSheet().getName(), a1];
    const sheet = this.getSheetByName(sheetName!.replace(/^'|'$/g, ''));
    if (!sheet) throw new Error('Exception: Range not found');
    return sheet.getRange(ref!);
  }
  toast(message: string, title?: string, _timeoutSeconds?: number | null): void {
    this.ui.toasts.push(title ? `${title}: ${message}` : message);
  }
  getFormUrl(): string | null {
    const first = this.formDestinations.values().next();
    return first.done ? null : `https://docs.google.com/forms/d/${first.value}/viewform`;
  }
  formUrlForSheet(sheet: EmulatedSheet): string | null {
    const id = this.formDestinations.get(sheet);
    return id ? `https://docs.google.com/forms/d/${id}/viewform` : null;
  }
  getOwner(): { getEmail(): string } {
    return { getEmail: () => 'owner@opcc.example' };
  }
}

guardUnemulated(EmulatedSpreadsheet, SPREADSHEET);
