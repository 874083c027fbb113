import { MENU, PROMPT_RESPONSE, UI } from './spreadsheet/google-members';
import { guardUnemulated } from './spreadsheet/not-emulated';
import { emulated, googleEnum, type Conforms } from './types';

/** SpreadsheetApp.getUi(): menus, alerts, prompts, sidebars and dialogs are recorded, never shown. */

export interface MenuRecord {
  name: string;
  items: { caption: string; functionName: string }[];
}
export interface AlertRecord {
  title: string;
  message: string;
}
export interface HtmlRecord {
  title: string;
  html: string;
}
export type ButtonName = 'OK' | 'CANCEL' | 'YES' | 'NO' | 'CLOSE';

export class UiRecorder {
  readonly menus: MenuRecord[] = [];
  readonly alerts: AlertRecord[] = [];
  readonly sidebars: HtmlRecord[] = [];
  readonly dialogs: HtmlRecord[] = [];
  readonly toasts: string[] = [];
  private answers: { button: ButtonName; text: string }[] = [];

  /** Scripts the next alert or prompt answer; without one, alerts answer OK and prompts CANCEL. */
  respondWith(button: ButtonName, text = ''): void {
    this.answers.push({ button, text });
  }
  nextAnswer(fallback: ButtonName): { button: ButtonName; text: string } {
    return this.answers.shift() ?? { button: fallback, text: '' };
  }
}

export const Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' } as const;
export const ButtonSet = {
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
} as const;

export class EmulatedMenu implements Conforms<GoogleAppsScript.Base.Menu, EmulatedMenu> {
  private readonly record: MenuRecord;
  constructor(
    private readonly recorder: UiRecorder,
    name: string,
  ) {
    this.record = { name, items: [] };
  }
  addItem(caption: string, functionName: string): this {
    this.record.items.push({ caption, functionName });
    return this;
  }
  addSeparator(): this {
    this.record.items.push({ caption: '---', functionName: '' });
    return this;
  }
  addSubMenu(googleMenu: GoogleAppsScript.Base.Menu | EmulatedMenu): this {
    const menu = emulated(googleMenu, EmulatedMenu, 'Menu.addSubMenu');
    for (const item of menu.record.items)
      this.record.items.push({ ...item, caption: `${menu.record.name} › ${item.caption}` });
    return this;
  }
  addToUi(): void {
    const existing = this.recorder.menus.findIndex((m) => m.name === this.record.name);
    if (existing >= 0) this.recorder.menus.splice(existing, 1);
    this.recorder.menus.push(this.record);
  }
}

const BUTTON_SETS: unknown[] = Object.values(ButtonSet);

/** Sorts out the (prompt), (prompt, buttons) and (title, prompt[, buttons]) overloads. */
function overload(a: string, b: unknown, c: unknown): { title: string; message: string; buttons: unknown } {
  if (b === undefined || (c === undefined && BUTTON_SETS.includes(b)))
    return { title: '', message: String(a), buttons: b ?? ButtonSet.OK };
  return { title: String(a), message: String(b), buttons: c ?? ButtonSet.OK };
}

export class EmulatedPromptResponse implements Conforms<
  GoogleAppsScript.Base.PromptResponse,
  EmulatedPromptResponse
> {
  constructor(
    private readonly text: string,
    private readonly button: ButtonName,
  ) {}
  getResponseText(): string {
    return this.text;
  }
  getSelectedButton(): GoogleAppsScript.Base.Button {
    return googleEnum(this.button);
  }
}

interface HtmlLike {
  getContent(): string;
  getTitle(): string;
}

/**
 * A sidebar or dialog needs the script.container.ui scope (developers.google.com/apps-script/reference/base/ui#showSidebar(Object),
 * "Authorization"), and simple triggers "cannot access services that require authorization"
 * (developers.google.com/apps-script/guides/triggers#restrictions): onOpen, onEdit or onSelectionChange
 * cannot open one. Google reports it as a missing permission.
 */
function refuseFromSimpleTrigger(member: string): never {
  throw new Error(
    `Exception: You do not have permission to call Ui.${member}. Required permissions: https://www.googleapis.com/auth/script.container.ui`,
  );
}

export class EmulatedUi implements Conforms<GoogleAppsScript.Base.Ui, EmulatedUi> {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;
  constructor(
    private readonly recorder: UiRecorder,
    /** True inside a simple trigger, which runs without the user's authorisation. */
    private readonly simpleTrigger = false,
  ) {}
  createMenu(name: string): EmulatedMenu {
    return new EmulatedMenu(this.recorder, name);
  }
  createAddonMenu(): EmulatedMenu {
    return new EmulatedMenu(this.recorder, 'Add-on');
  }
  /**
   * Ui.alert(prompt), alert(prompt, buttons), alert(title, prompt, buttons)
   * (developers.google.com/apps-script/reference/base/ui#alertprompt): recorded, and answered with the
   * button scripted by respondWith, else OK (YES for a YES_NO set, which has no OK).
   */
  alert(a: string, b?: unknown, c?: unknown): GoogleAppsScript.Base.Button {
    const { title, message, buttons } = overload(a, b, c);
    this.recorder.alerts.push({ title, message });
    const fallback = buttons === ButtonSet.YES_NO || buttons === ButtonSet.YES_NO_CANCEL ? 'YES' : 'OK';
    return googleEnum(this.recorder.nextAnswer(fallback).button);
  }
  /** Ui.prompt with the same overloads; answered by respondWith(button, text), else CLOSE with "". */
  prompt(a: string, b?: unknown, c?: unknown): EmulatedPromptResponse {
    const { title, message } = overload(a, b, c);
    this.recorder.alerts.push({ title, message });
    const answer = this.recorder.nextAnswer('CLOSE');
    return new EmulatedPromptResponse(answer.text, answer.button);
  }
  showSidebar(html: HtmlLike): void {
    if (this.simpleTrigger) refuseFromSimpleTrigger('showSidebar');
    this.recorder.sidebars.push({ title: html.getTitle(), html: html.getContent() });
  }
  showModalDialog(html: HtmlLike, title: string): void {
    if (this.simpleTrigger) refuseFromSimpleTrigger('showModalDialog');
    this.recorder.dialogs.push({ title, html: html.getContent() });
  }
  showModelessDialog(html: HtmlLike, title: string): void {
    if (this.simpleTrigger) refuseFromSimpleTrigger('showModelessDialog');
    this.showModalDialog(html, title);
  }
}

guardUnemulated(EmulatedUi, UI);
guardUnemulated(EmulatedMenu, MENU);
guardUnemulated(EmulatedPromptResponse, PROMPT_RESPONSE);
