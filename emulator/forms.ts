/**
 * FormApp: forms, the item types the product uses, and the link of responses into a spreadsheet tab
 * (developers.google.com/apps-script/reference/forms/form#setdestinationtype,-id).
 */
import type { EmulatedSpreadsheet } from './spreadsheet/spreadsheet';
import type { EmulatedSheet } from './spreadsheet/sheet';
import { googleEnum, type Accepts, type Conforms } from './types';
import { FORM_RESPONSE, ITEM_RESPONSE } from './spreadsheet/google-members';
import { guardUnemulated } from './spreadsheet/not-emulated';

// EmulatedForm is bound member by member (its destination getters return null without a destination,
// which Google's typing does not admit); items and FormApp conform to Google's whole interface.
type GForm = GoogleAppsScript.Forms.Form;

export const ItemType = {
  TEXT: 'TEXT',
  PARAGRAPH_TEXT: 'PARAGRAPH_TEXT',
  MULTIPLE_CHOICE: 'MULTIPLE_CHOICE',
  LIST: 'LIST',
  CHECKBOX: 'CHECKBOX',
  SECTION_HEADER: 'SECTION_HEADER',
  PAGE_BREAK: 'PAGE_BREAK',
  DATE: 'DATE',
} as const;
type ItemTypeName = (typeof ItemType)[keyof typeof ItemType];

const ANSWERABLE: ItemTypeName[] = ['TEXT', 'PARAGRAPH_TEXT', 'MULTIPLE_CHOICE', 'LIST', 'CHECKBOX', 'DATE'];

export class EmulatedItem implements Conforms<GoogleAppsScript.Forms.Item, EmulatedItem> {
  title = '';
  helpText = '';
  required = false;
  choices: string[] = [];
  constructor(
    readonly id: number,
    readonly type: ItemTypeName,
  ) {}
  getId(): number {
    return this.id;
  }
  getType(): GoogleAppsScript.Forms.ItemType {
    return googleEnum(this.type);
  }
  setTitle(title: string): this {
    this.title = title;
    return this;
  }
  getTitle(): string {
    return this.title;
  }
  setHelpText(text: string): this {
    this.helpText = text;
    return this;
  }
  getHelpText(): string {
    return this.helpText;
  }
  setRequired(required: boolean): this {
    this.required = required;
    return this;
  }
  isRequired(): boolean {
    return this.required;
  }
  setChoiceValues(values: string[]): this {
    this.choices = [...values];
    return this;
  }
  createChoice(value: string): { getValue(): string } {
    return { getValue: () => value };
  }
  setChoices(choices: { getValue(): string }[]): this {
    this.choices = choices.map((c) => c.getValue());
    return this;
  }
  getChoices(): { getValue(): string }[] {
    return this.choices.map((value) => ({ getValue: () => value }));
  }
  showOtherOption(_enabled: boolean): this {
    return this;
  }
  setValidation(_validation: unknown): this {
    return this;
  }
  asTextItem(): this {
    return this;
  }
  asParagraphTextItem(): this {
    return this;
  }
  asMultipleChoiceItem(): this {
    return this;
  }
  asListItem(): this {
    return this;
  }
  asCheckboxItem(): this {
    return this;
  }
  isAnswerable(): boolean {
    return ANSWERABLE.includes(this.type);
  }
}

export class EmulatedForm
  implements
    Pick<GForm, 'getId' | 'getTitle' | 'getDescription' | 'getPublishedUrl' | 'getEditUrl'>,
    Accepts<
      GForm,
      | 'setTitle'
      | 'setDescription'
      | 'setConfirmationMessage'
      | 'setCollectEmail'
      | 'setLimitOneResponsePerUser'
      | 'setAllowResponseEdits'
      | 'setProgressBar'
      | 'setShowLinkToRespondAgain'
      | 'setAcceptingResponses'
      | 'requiresLogin'
      | 'setRequireLogin'
      | 'getItems'
      | 'deleteItem'
      | 'addTextItem'
      | 'addParagraphTextItem'
      | 'addMultipleChoiceItem'
      | 'addListItem'
      | 'addCheckboxItem'
      | 'addSectionHeaderItem'
      | 'addPageBreakItem'
      | 'addDateItem'
      | 'getDestinationType'
      // null without a destination, which Google's typing does not admit.
      | 'getDestinationId'
      | 'removeDestination'
      | 'getResponses'
      | 'getResponse'
      | 'deleteResponse'
      | 'deleteAllResponses'
    >
{
  readonly items: EmulatedItem[] = [];
  /** The Form's own store of responses, apart from any spreadsheet the responses are copied to. */
  readonly responses: EmulatedFormResponse[] = [];
  private nextResponse = 1;
  description = '';
  confirmationMessage = '';
  collectEmail = false;
  destinationId: string | null = null;
  destinationSheet: EmulatedSheet | null = null;
  /**
   * Form.setRequireLogin: "Sets whether the form requires respondents to log in to an account in the same
   * domain or a subdomain before responding. The default is false unless a domain administrator changes
   * the default." (developers.google.com/apps-script/reference/forms/form#setRequireLogin(Boolean)). A
   * form that requires it cannot be answered by the public (Emulator.submitForm refuses).
   */
  requireLogin: boolean;
  private nextItemId = 1;

  constructor(
    readonly id: string,
    private title: string,
    requireLogin = false,
  ) {
    this.requireLogin = requireLogin;
  }

  requiresLogin(): boolean {
    return this.requireLogin;
  }
  setRequireLogin(requireLogin: boolean): this {
    if (typeof requireLogin !== 'boolean')
      throw new Error('Exception: Invalid argument: requireLogin must be true or false.');
    this.requireLogin = requireLogin;
    return this;
  }

  getId(): string {
    return this.id;
  }
  getTitle(): string {
    return this.title;
  }
  setTitle(title: string): this {
    this.title = title;
    return this;
  }
  setDescription(description: string): this {
    this.description = description;
    return this;
  }
  getDescription(): string {
    return this.description;
  }
  setConfirmationMessage(message: string): this {
    this.confirmationMessage = message;
    return this;
  }
  setCollectEmail(collect: boolean): this {
    this.collectEmail = collect;
    return this;
  }
  setLimitOneResponsePerUser(_limit: boolean): this {
    return this;
  }
  setAllowResponseEdits(_allow: boolean): this {
    return this;
  }
  setProgressBar(_enabled: boolean): this {
    return this;
  }
  setShowLinkToRespondAgain(_enabled: boolean): this {
    return this;
  }
  setAcceptingResponses(_enabled: boolean): this {
    return this;
  }
  getPublishedUrl(): string {
    return `https://docs.google.com/forms/d/e/${this.id}/viewform`;
  }
  getEditUrl(): string {
    return `https://docs.google.com/forms/d/${this.id}/edit`;
  }
  getItems(): EmulatedItem[] {
    return [...this.items];
  }
  deleteItem(item: { getId(): number } | number): void {
    const i = typeof item === 'number' ? item : this.items.findIndex((it) => it.id === item.getId());
    if (i >= 0) this.items.splice(i, 1);
  }
  private add(type: ItemTypeName): EmulatedItem {
    const item = new EmulatedItem(this.nextItemId++, type);
    this.items.push(item);
    return item;
  }
  addTextItem(): EmulatedItem {
    return this.add('TEXT');
  }
  addParagraphTextItem(): EmulatedItem {
    return this.add('PARAGRAPH_TEXT');
  }
  addMultipleChoiceItem(): EmulatedItem {
    return this.add('MULTIPLE_CHOICE');
  }
  addListItem(): EmulatedItem {
    return this.add('LIST');
  }
  addCheckboxItem(): EmulatedItem {
    return this.add('CHECKBOX');
  }
  addSectionHeaderItem(): EmulatedItem {
    return this.add('SECTION_HEADER');
  }
  addPageBreakItem(): EmulatedItem {
    return this.add('PAGE_BREAK');
  }
  addDateItem(): EmulatedItem {
    return this.add('DATE');
  }
  getDestinationId(): string | null {
    return this.destinationId;
  }
  getDestinationType(): string | null {
    return this.destinationId ? 'SPREADSHEET' : null;
  }
  removeDestination(): this {
    if (this.destinationSheet)
      this.destinationSheet.spreadsheet.formDestinations.delete(this.destinationSheet);
    this.destinationId = null;
    this.destinationSheet = null;
    return this;
  }
  questionTitles(): string[] {
    return this.items.filter((i) => i.isAnswerable()).map((i) => i.title);
  }

  /** A member of the public's response, kept as Forms keeps it (Emulator.submitForm). */
  record(
    timestamp: Date,
    answers: Readonly<Record<string, string | string[]>>,
    email = '',
  ): EmulatedFormResponse {
    const itemResponses = this.items
      .filter((i) => i.isAnswerable())
      .flatMap((item) => {
        const a = answers[item.title];
        const blank = a === undefined || (Array.isArray(a) ? a.length === 0 : a === '');
        return blank ? [] : [new EmulatedItemResponse(item, a)];
      });
    const id = `response-${this.id}-${this.nextResponse++}`;
    const response = new EmulatedFormResponse(
      id,
      new Date(timestamp.getTime()),
      itemResponses,
      this.collectEmail ? email : '',
    );
    this.responses.push(response);
    return response;
  }

  /**
   * Form.getResponses() and getResponses(timestamp): "Gets an array of all of the form's responses after a
   * given date and time" (developers.google.com/apps-script/reference/forms/form#getresponsestimestamp).
   */
  getResponses(timestamp?: GoogleAppsScript.Base.Date | Date): EmulatedFormResponse[] {
    const from = timestamp ? (timestamp as Date).getTime() : null;
    return this.responses.filter((r) => from === null || r.timestamp.getTime() >= from);
  }
  getResponse(responseId: string): EmulatedFormResponse {
    const found = this.responses.find((r) => r.getId() === responseId);
    if (!found)
      throw new Error('Exception: No response with ID ' + String(responseId) + ' exists for this form.');
    return found;
  }
  /**
   * Form.deleteResponse(responseId): "Deletes a single response from the form's response store. This method
   * does not delete copies of responses stored in external response destinations (such as spreadsheets)"
   * (developers.google.com/apps-script/reference/forms/form#deleteresponseresponseid): the responses tab
   * keeps its row.
   */
  deleteResponse(responseId: string): this {
    const i = this.responses.findIndex((r) => r.getId() === responseId);
    if (i < 0)
      throw new Error('Exception: No response with ID ' + String(responseId) + ' exists for this form.');
    this.responses.splice(i, 1);
    return this;
  }
  deleteAllResponses(): this {
    this.responses.length = 0;
    return this;
  }
}

export class EmulatedItemResponse {
  constructor(
    private readonly item: EmulatedItem,
    private readonly answer: string | string[],
  ) {}
  getItem(): EmulatedItem {
    return this.item;
  }
  /** A checkbox item's answer is a list of the choices ticked; any other item's, its text. */
  getResponse(): string | string[] {
    return Array.isArray(this.answer) ? [...this.answer] : this.answer;
  }
}

export class EmulatedFormResponse {
  constructor(
    private readonly id: string,
    readonly timestamp: Date,
    private readonly itemResponses: EmulatedItemResponse[],
    private readonly email: string,
  ) {}
  getId(): string {
    return this.id;
  }
  getTimestamp(): Date {
    return new Date(this.timestamp.getTime());
  }
  getItemResponses(): EmulatedItemResponse[] {
    return [...this.itemResponses];
  }
  /** Empty unless the form collects respondents' email addresses. */
  getRespondentEmail(): string {
    return this.email;
  }
}

guardUnemulated(EmulatedFormResponse, FORM_RESPONSE);
guardUnemulated(EmulatedItemResponse, ITEM_RESPONSE);

export class FormRegistry {
  readonly forms: EmulatedForm[] = [];
  /** A Workspace domain whose administrator made "respondents must sign in" the default for new forms. */
  requireLoginByDefault = false;
  private seq = 0;
  constructor(private readonly spreadsheets: (id: string) => EmulatedSpreadsheet | null) {}
  create(title: string): EmulatedForm {
    const form = new EmulatedForm(`form-${++this.seq}`, title, this.requireLoginByDefault);
    this.forms.push(form);
    return form;
  }
  byId(id: string): EmulatedForm {
    const form = this.forms.find((f) => f.id === id);
    if (!form)
      throw new Error(
        `Exception: No item with the given ID could be found, or you do not have permission to access it.`,
      );
    return form;
  }
  /** Links responses into a new tab "Form responses N" whose header is Timestamp and the question titles. */
  setDestination(form: EmulatedForm, spreadsheetId: string): void {
    const ss = this.spreadsheets(spreadsheetId);
    if (!ss) throw new Error('Exception: Unable to open the spreadsheet.');
    form.removeDestination();
    let n = 1;
    while (ss.getSheetByName(`Form responses ${n}`)) n++;
    const sheet = ss.insertSheet(`Form responses ${n}`, 0);
    const header = ['Timestamp', ...form.questionTitles()];
    sheet.getRange(1, 1, 1, header.length).setValues([header]);
    sheet.setFrozenRows(1);
    ss.formDestinations.set(sheet, form.id);
    form.destinationId = spreadsheetId;
    form.destinationSheet = sheet;
  }
}

export class EmulatedFormApp implements Conforms<GoogleAppsScript.Forms.FormApp, EmulatedFormApp> {
  readonly ItemType = ItemType;
  readonly DestinationType = { SPREADSHEET: 'SPREADSHEET' };
  constructor(private readonly registry: FormRegistry) {}
  create(title: string): EmulatedForm & { setDestination(type: string, id: string): EmulatedForm } {
    return this.withDestination(this.registry.create(title));
  }
  openById(id: string): EmulatedForm {
    return this.withDestination(this.registry.byId(id));
  }
  openByUrl(url: string): EmulatedForm {
    const id = /\/d\/(?:e\/)?([^/]+)/.exec(url)?.[1] ?? '';
    return this.openById(id);
  }
  getActiveForm(): null {
    return null;
  }
  private withDestination(
    form: EmulatedForm,
  ): EmulatedForm & { setDestination(type: string, id: string): EmulatedForm } {
    const registry = this.registry;
    return Object.assign(form, {
      setDestination(_type: string, id: string): EmulatedForm {
        registry.setDestination(form, id);
        return form;
      },
    });
  }
}
