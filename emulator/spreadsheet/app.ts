import type { Conforms } from '../types';
import { SPREADSHEET_APP } from './google-members';
import { guardUnemulated } from './not-emulated';
import type { UiRecorder } from '../ui';
import { EmulatedUi } from '../ui';
import {
  DataValidationCriteria,
  EmulatedConditionalFormatRuleBuilder,
  EmulatedDataValidationBuilder,
} from './rules';
import type { EmulatedSpreadsheet } from './spreadsheet';

/** SpreadsheetApp for a container-bound script: the bound spreadsheet is the active one. */
export class EmulatedSpreadsheetApp implements Conforms<
  GoogleAppsScript.Spreadsheet.SpreadsheetApp,
  EmulatedSpreadsheetApp
> {
  readonly ProtectionType = { RANGE: 'RANGE', SHEET: 'SHEET' };
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly WrapStrategy = { WRAP: 'WRAP', OVERFLOW: 'OVERFLOW', CLIP: 'CLIP' };
  readonly BorderStyle = { SOLID: 'SOLID' };
  readonly BooleanCriteria = { CUSTOM_FORMULA: 'CUSTOM_FORMULA', TEXT_EQUAL_TO: 'TEXT_EQUAL_TO' };

  constructor(
    private readonly spreadsheets: EmulatedSpreadsheet[],
    private readonly recorder: UiRecorder,
    /** True inside a simple trigger: the Ui refuses what needs the user's authorisation. */
    private readonly simpleTrigger = false,
  ) {}

  getActiveSpreadsheet(): EmulatedSpreadsheet {
    return this.spreadsheets[0]!;
  }
  getActive(): EmulatedSpreadsheet {
    return this.getActiveSpreadsheet();
  }
  getActiveSheet(): ReturnType<EmulatedSpreadsheet['getActiveSheet']> {
    return this.getActiveSpreadsheet().getActiveSheet();
  }
  /** The range the person at the keyboard has selected on the active sheet, or null (see Spreadsheet). */
  getActiveRange(): ReturnType<EmulatedSpreadsheet['getActiveRange']> {
    return this.getActiveSpreadsheet().getActiveRange();
  }
  openById(id: string): EmulatedSpreadsheet {
    const ss = this.spreadsheets.find((s) => s.getId() === id);
    if (!ss)
      throw new Error(
        'Exception: Unexpected error while getting the method or property openById on object SpreadsheetApp.',
      );
    return ss;
  }
  flush(): void {}
  getUi(): EmulatedUi {
    return new EmulatedUi(this.recorder, this.simpleTrigger);
  }
  newDataValidation(): EmulatedDataValidationBuilder {
    return new EmulatedDataValidationBuilder();
  }
  newConditionalFormatRule(): EmulatedConditionalFormatRuleBuilder {
    return new EmulatedConditionalFormatRuleBuilder();
  }
}

guardUnemulated(EmulatedSpreadsheetApp, SPREADSHEET_APP);
