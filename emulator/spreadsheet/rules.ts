import {
  BOOLEAN_CONDITION,
  CONDITIONAL_FORMAT_RULE,
  CONDITIONAL_FORMAT_RULE_BUILDER,
  DATA_VALIDATION,
  DATA_VALIDATION_BUILDER,
  PROTECTION,
} from './google-members';
import { guardUnemulated } from './not-emulated';
import { EmulatedUser } from '../services';
import { emulated, googleEnum, type Conforms } from '../types';
import { EmulatedRange } from './range';
import type { EmulatedSheet } from './sheet';

/** SpreadsheetApp.DataValidationCriteria values the product uses. */
export const DataValidationCriteria = {
  VALUE_IN_LIST: 'VALUE_IN_LIST',
  CHECKBOX: 'CHECKBOX',
  DATE_IS_VALID_DATE: 'DATE_IS_VALID_DATE',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
} as const;

export class EmulatedDataValidation implements Conforms<
  GoogleAppsScript.Spreadsheet.DataValidation,
  EmulatedDataValidation
> {
  constructor(
    readonly criteria: string,
    readonly values: unknown[],
    readonly allowInvalid: boolean,
    readonly helpText: string,
  ) {}
  getCriteriaType(): GoogleAppsScript.Spreadsheet.DataValidationCriteria {
    return googleEnum(this.criteria);
  }
  getCriteriaValues(): unknown[] {
    return this.values;
  }
  getAllowInvalid(): boolean {
    return this.allowInvalid;
  }
  getHelpText(): string {
    return this.helpText;
  }
  copy(): EmulatedDataValidationBuilder {
    const b = new EmulatedDataValidationBuilder();
    b.criteria = this.criteria;
    b.values = this.values;
    b.allowInvalid = this.allowInvalid;
    b.helpText = this.helpText;
    return b;
  }
}

export class EmulatedDataValidationBuilder implements Conforms<
  GoogleAppsScript.Spreadsheet.DataValidationBuilder,
  EmulatedDataValidationBuilder
> {
  criteria: string = DataValidationCriteria.VALUE_IN_LIST;
  values: unknown[] = [];
  allowInvalid = true;
  helpText = '';
  requireValueInList(values: string[], showDropdown = true): this {
    this.criteria = DataValidationCriteria.VALUE_IN_LIST;
    this.values = [[...values], showDropdown];
    return this;
  }
  requireCheckbox(): this {
    this.criteria = DataValidationCriteria.CHECKBOX;
    this.values = [];
    return this;
  }
  requireDate(): this {
    this.criteria = DataValidationCriteria.DATE_IS_VALID_DATE;
    this.values = [];
    return this;
  }
  requireNumberBetween(start: number, end: number): this {
    this.criteria = DataValidationCriteria.NUMBER_BETWEEN;
    this.values = [start, end];
    return this;
  }
  setAllowInvalid(allow: boolean): this {
    this.allowInvalid = allow;
    return this;
  }
  setHelpText(text: string): this {
    this.helpText = text;
    return this;
  }
  build(): EmulatedDataValidation {
    return new EmulatedDataValidation(this.criteria, this.values, this.allowInvalid, this.helpText);
  }
}

/**
 * Conditional-format rules. For rendering, the emulator evaluates the forms the product uses:
 * `whenTextEqualTo(text)` and `whenFormulaSatisfied('=$F2="overdue"')` (a column-absolute, row-relative
 * reference compared with a string, optionally wrapped in AND/OR of such comparisons). Other formulas
 * are kept but never match when rendered.
 */
export class EmulatedConditionalFormatRule implements Conforms<
  GoogleAppsScript.Spreadsheet.ConditionalFormatRule,
  EmulatedConditionalFormatRule
> {
  constructor(
    readonly ranges: EmulatedRange[],
    readonly condition: { type: 'formula' | 'text-equal'; value: string },
    readonly background: string | null,
    readonly fontColor: string | null,
    readonly bold: boolean | null = null,
  ) {}
  getRanges(): EmulatedRange[] {
    return this.ranges;
  }
  getBooleanCondition(): EmulatedBooleanCondition {
    return new EmulatedBooleanCondition(this.condition, this.background, this.fontColor, this.bold);
  }
  getGradientCondition(): null {
    return null;
  }
  copy(): EmulatedConditionalFormatRuleBuilder {
    const b = new EmulatedConditionalFormatRuleBuilder();
    b.ranges = [...this.ranges];
    b.condition = this.condition;
    b.background = this.background;
    b.fontColor = this.fontColor;
    b.bold = this.bold;
    return b;
  }
}

export class EmulatedBooleanCondition implements Conforms<
  GoogleAppsScript.Spreadsheet.BooleanCondition,
  EmulatedBooleanCondition
> {
  constructor(
    private readonly condition: { type: 'formula' | 'text-equal'; value: string },
    private readonly background: string | null,
    private readonly fontColor: string | null,
    private readonly bold: boolean | null,
  ) {}
  getBold(): boolean | null {
    return this.bold;
  }
  getCriteriaType(): GoogleAppsScript.Spreadsheet.BooleanCriteria {
    return googleEnum(this.condition.type === 'formula' ? 'CUSTOM_FORMULA' : 'TEXT_EQUAL_TO');
  }
  getCriteriaValues(): string[] {
    return [this.condition.value];
  }
  getBackground(): string | null {
    return this.background;
  }
  getFontColor(): string | null {
    return this.fontColor;
  }
}

export class EmulatedConditionalFormatRuleBuilder implements Conforms<
  GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder,
  EmulatedConditionalFormatRuleBuilder
> {
  ranges: EmulatedRange[] = [];
  condition: { type: 'formula' | 'text-equal'; value: string } | null = null;
  background: string | null = null;
  fontColor: string | null = null;
  bold: boolean | null = null;
  whenFormulaSatisfied(formula: string): this {
    this.condition = { type: 'formula', value: formula };
    return this;
  }
  whenTextEqualTo(text: string): this {
    this.condition = { type: 'text-equal', value: text };
    return this;
  }
  setBackground(color: string | null): this {
    this.background = color;
    return this;
  }
  setFontColor(color: string | null): this {
    this.fontColor = color;
    return this;
  }
  setBold(bold: boolean | null): this {
    this.bold = bold;
    return this;
  }
  setRanges(ranges: (GoogleAppsScript.Spreadsheet.Range | EmulatedRange)[]): this {
    this.ranges = ranges.map((r) =>
      emulated(r, EmulatedRange, 'SpreadsheetApp.ConditionalFormatRuleBuilder.setRanges'),
    );
    return this;
  }
  build(): EmulatedConditionalFormatRule {
    if (!this.condition) throw new Error('Exception: A conditional format rule must have a condition.');
    if (this.ranges.length === 0)
      throw new Error('Exception: A conditional format rule must have at least one range.');
    return new EmulatedConditionalFormatRule(
      this.ranges,
      this.condition,
      this.background,
      this.fontColor,
      this.bold,
    );
  }
}

/**
 * Who is editing the spreadsheet: its owner, and the account the current execution runs as (or the person
 * at the keyboard between executions). A protection is the same object whoever runs the script, so it asks
 * here rather than fixing one account.
 */
export interface SpreadsheetAccess {
  readonly owner: string;
  currentUser(): string;
}

export class EmulatedProtection implements Conforms<
  GoogleAppsScript.Spreadsheet.Protection,
  EmulatedProtection
> {
  private description = '';
  private warningOnly = false;
  /** Google makes the user who protects a range one of its editors: whoever the script runs as then. */
  private editors: string[];
  constructor(
    readonly sheet: EmulatedSheet,
    public range: EmulatedRange | null,
  ) {
    this.editors = [sheet.spreadsheet.access.currentUser()];
  }
  setDescription(description: string): this {
    this.description = description;
    return this;
  }
  getDescription(): string {
    return this.description;
  }
  setWarningOnly(warningOnly: boolean): this {
    this.warningOnly = warningOnly;
    return this;
  }
  isWarningOnly(): boolean {
    return this.warningOnly;
  }
  addEditor(emailAddress: string | { getEmail(): string }): this {
    const email = typeof emailAddress === 'string' ? emailAddress : emailAddress.getEmail();
    if (!this.editors.includes(email)) this.editors.push(email);
    return this;
  }
  addEditors(emails: string[]): this {
    emails.forEach((e) => this.addEditor(e));
    return this;
  }
  /** Takes addresses or User objects (`p.removeEditors(p.getEditors())` is the usual idiom). */
  removeEditors(emailAddresses: (string | { getEmail(): string })[]): this {
    const emails = emailAddresses.map((e) => (typeof e === 'string' ? e : e.getEmail()));
    this.editors = this.editors.filter((e) => !emails.includes(e));
    return this;
  }
  removeEditor(emailAddress: string | { getEmail(): string }): this {
    return this.removeEditors([emailAddress]);
  }
  getEditors(): EmulatedUser[] {
    return this.editors.map((email) => new EmulatedUser(email));
  }
  /**
   * "Determines whether the user has permission to edit the protected range or sheet. The spreadsheet
   * owner is always able to edit protected ranges and sheets."
   * (developers.google.com/apps-script/reference/spreadsheet/protection#canEdit()). The user is the one
   * the script runs as now, not a fixed account: setup run by another person sees their own rights.
   */
  canEdit(): boolean {
    const { owner, currentUser } = this.sheet.spreadsheet.access;
    const me = currentUser();
    return me === owner || this.editors.includes(me);
  }
  private domainEdit = false;
  setDomainEdit(editable: boolean): this {
    this.domainEdit = editable;
    return this;
  }
  canDomainEdit(): boolean {
    return this.domainEdit;
  }
  getRange(): EmulatedRange | null {
    return this.range;
  }
  getProtectionType(): GoogleAppsScript.Spreadsheet.ProtectionType {
    return googleEnum(this.range ? 'RANGE' : 'SHEET');
  }
  remove(): void {
    const i = this.sheet.protections.indexOf(this);
    if (i >= 0) this.sheet.protections.splice(i, 1);
  }
}

guardUnemulated(EmulatedDataValidation, DATA_VALIDATION);
guardUnemulated(EmulatedDataValidationBuilder, DATA_VALIDATION_BUILDER);
guardUnemulated(EmulatedConditionalFormatRule, CONDITIONAL_FORMAT_RULE);
guardUnemulated(EmulatedConditionalFormatRuleBuilder, CONDITIONAL_FORMAT_RULE_BUILDER);
guardUnemulated(EmulatedBooleanCondition, BOOLEAN_CONDITION);
guardUnemulated(EmulatedProtection, PROTECTION);
