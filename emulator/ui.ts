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

class EmulatedMenu {
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
  addSubMenu(menu: EmulatedMenu): this {
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

interface HtmlLike {
  getContent(): string;
  getTitle(): string;
}

export class EmulatedUi {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;
  constructor(private readonly recorder: UiRecorder) {}
  createMenu(name: string): EmulatedMenu {
    return new EmulatedMenu(this.recorder, name);
  }
  createAddonMenu(): EmulatedMenu {
    return new EmulatedMenu(this.recorder, 'Add-on');
  }
  alert(a: string, b?: unknown, c?: unknown): string {
    const hasTitle = typeof b === 'string';
    const title = hasTitle ? a : '';
    const message = hasTitle ? (b as string) : a;
    const buttons = hasTitle ? c : b;
    this.recorder.alerts.push({ title, message });
    const fallback = buttons === ButtonSet.YES_NO || buttons === ButtonSet.YES_NO_CANCEL ? 'YES' : 'OK';
    return this.recorder.nextAnswer(fallback).button;
  }
  prompt(a: string, b?: unknown, _c?: unknown): { getResponseText(): string; getSelectedButton(): string } {
    const hasTitle = typeof b === 'string';
    this.recorder.alerts.push({ title: hasTitle ? a : '', message: hasTitle ? (b as string) : a });
    const answer = this.recorder.nextAnswer('CANCEL');
    return { getResponseText: () => answer.text, getSelectedButton: () => answer.button };
  }
  showSidebar(html: HtmlLike): void {
    this.recorder.sidebars.push({ title: html.getTitle(), html: html.getContent() });
  }
  showModalDialog(html: HtmlLike, title: string): void {
    this.recorder.dialogs.push({ title, html: html.getContent() });
  }
  showModelessDialog(html: HtmlLike, title: string): void {
    this.showModalDialog(html, title);
  }
}
