/**
 * ScriptApp triggers (developers.google.com/apps-script/guides/triggers/installable): time-driven and
 * spreadsheet triggers. An installable trigger belongs to the user who created it: it runs as that user
 * ("Installable triggers always run under the account of the person who created them", same guide),
 * `getProjectTriggers` lists only the current user's ("Gets all installable triggers associated with the
 * current project and current user", developers.google.com/apps-script/reference/script/script-app),
 * and the limit of 20 triggers is per user per script
 * (developers.google.com/apps-script/guides/services/quotas: "Triggers 20 / user / script").
 */
import { zonedInstant, zonedParts } from './spreadsheet/cells';
import type { Clock } from './clock';
import type { Accepts } from './types';

type GScriptApp = GoogleAppsScript.Script.ScriptApp;
type GTrigger = GoogleAppsScript.Script.Trigger;
type GTriggerBuilder = GoogleAppsScript.Script.TriggerBuilder;
type GClockTriggerBuilder = GoogleAppsScript.Script.ClockTriggerBuilder;
type GSpreadsheetTriggerBuilder = GoogleAppsScript.Script.SpreadsheetTriggerBuilder;

export const TRIGGER_LIMIT = 20;

export type EventType = 'CLOCK' | 'ON_FORM_SUBMIT' | 'ON_EDIT' | 'ON_OPEN' | 'ON_CHANGE';

export interface Schedule {
  kind: 'minutes' | 'hours' | 'days' | 'once';
  every: number;
  atHour?: number;
  nearMinute?: number;
  at?: number;
}

export interface TriggerRecord {
  id: string;
  /** The user who created the trigger: it runs as them. */
  owner: string;
  handler: string;
  eventType: EventType;
  sourceId: string | null;
  schedule: Schedule | null;
  timeZone: string;
  /** Next instant a time-driven trigger fires (ms). */
  next: number | null;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The first firing strictly after `after`. */
export function nextFiring(schedule: Schedule, after: number, timeZone: string): number | null {
  switch (schedule.kind) {
    case 'once':
      return schedule.at !== undefined && schedule.at > after ? schedule.at : null;
    case 'minutes': {
      const step = schedule.every * MINUTE;
      return Math.floor(after / step) * step + step;
    }
    case 'hours': {
      const step = schedule.every * HOUR;
      return Math.floor(after / step) * step + step;
    }
    case 'days': {
      // Daily triggers fire at the wall-clock hour in the script's time zone, so they follow BST/GMT.
      const p = zonedParts(new Date(after), timeZone);
      for (let d = 0; d <= schedule.every + 1; d++) {
        const candidate = zonedInstant(
          timeZone,
          p.year,
          p.month,
          p.day + d,
          schedule.atHour ?? 0,
          schedule.nearMinute ?? 0,
        ).getTime();
        if (candidate > after) return candidate;
      }
      return null;
    }
  }
}

export class TriggerRegistry {
  readonly triggers: TriggerRecord[] = [];
  private seq = 0;
  constructor(
    private readonly clock: Clock,
    private readonly timeZone: string,
  ) {}

  now(): number {
    return this.clock.now();
  }

  add(
    handler: string,
    eventType: EventType,
    sourceId: string | null,
    schedule: Schedule | null,
    owner: string,
  ): TriggerRecord {
    if (this.ownedBy(owner).length >= TRIGGER_LIMIT) {
      throw new Error(
        'Exception: This script has too many triggers. Triggers must be deleted from the script before more can be added.',
      );
    }
    const record: TriggerRecord = {
      id: String(++this.seq + 1000000),
      owner,
      handler,
      eventType,
      sourceId,
      schedule,
      timeZone: this.timeZone,
      next: schedule ? nextFiring(schedule, this.clock.now(), this.timeZone) : null,
    };
    this.triggers.push(record);
    return record;
  }

  ownedBy(owner: string): TriggerRecord[] {
    return this.triggers.filter((t) => t.owner === owner);
  }

  remove(id: string): void {
    const i = this.triggers.findIndex((t) => t.id === id);
    if (i >= 0) this.triggers.splice(i, 1);
  }
}

export class EmulatedTrigger
  implements
    Pick<GTrigger, 'getHandlerFunction' | 'getUniqueId'>,
    // getTriggerSourceId is null for a time-driven trigger, which Google's typing does not admit.
    Accepts<GTrigger, 'getEventType' | 'getTriggerSource' | 'getTriggerSourceId'>
{
  constructor(readonly record: TriggerRecord) {}
  getHandlerFunction(): string {
    return this.record.handler;
  }
  getEventType(): EventType {
    return this.record.eventType;
  }
  getUniqueId(): string {
    return this.record.id;
  }
  getTriggerSource(): string {
    return this.record.eventType === 'CLOCK' ? 'CLOCK' : 'SPREADSHEETS';
  }
  getTriggerSourceId(): string | null {
    return this.record.sourceId;
  }
}

class ClockTriggerBuilder implements Accepts<
  GClockTriggerBuilder,
  | 'everyMinutes'
  | 'everyHours'
  | 'everyDays'
  | 'atHour'
  | 'nearMinute'
  | 'inTimezone'
  | 'at'
  | 'after'
  | 'create'
> {
  private schedule: Schedule | null = null;
  constructor(
    private readonly registry: TriggerRegistry,
    private readonly handler: string,
    private readonly owner: string,
  ) {}
  everyMinutes(n: number): this {
    if (![1, 5, 10, 15, 30].includes(n)) {
      throw new Error('Exception: The value passed to everyMinutes must be one of 1, 5, 10, 15 or 30.');
    }
    this.schedule = { kind: 'minutes', every: n };
    return this;
  }
  everyHours(n: number): this {
    if (![1, 2, 4, 6, 8, 12].includes(n)) {
      throw new Error('Exception: The value passed to everyHours must be one of 1, 2, 4, 6, 8 or 12.');
    }
    this.schedule = { kind: 'hours', every: n };
    return this;
  }
  everyDays(n: number): this {
    this.schedule = { kind: 'days', every: n, atHour: this.schedule?.atHour ?? 0 };
    return this;
  }
  atHour(hour: number): this {
    if (hour < 0 || hour > 23) throw new Error('Exception: The hour must be between 0 and 23.');
    this.schedule = { kind: 'days', every: this.schedule?.every ?? 1, atHour: hour };
    return this;
  }
  nearMinute(minute: number): this {
    if (this.schedule) this.schedule.nearMinute = (Math.round(minute / 15) * 15) % 60;
    return this;
  }
  inTimezone(_tz: string): this {
    return this;
  }
  at(date: { getTime(): number }): this {
    this.schedule = { kind: 'once', every: 0, at: date.getTime() };
    return this;
  }
  after(ms: number): this {
    this.schedule = { kind: 'once', every: 0, at: this.registry.now() + ms };
    return this;
  }
  create(): EmulatedTrigger {
    if (!this.schedule) throw new Error('Exception: A time-based trigger needs a schedule before create().');
    return new EmulatedTrigger(this.registry.add(this.handler, 'CLOCK', null, this.schedule, this.owner));
  }
}

class SpreadsheetTriggerBuilder implements Accepts<
  GSpreadsheetTriggerBuilder,
  'onFormSubmit' | 'onEdit' | 'onOpen' | 'onChange' | 'create'
> {
  private eventType: EventType | null = null;
  constructor(
    private readonly registry: TriggerRegistry,
    private readonly handler: string,
    private readonly sourceId: string,
    private readonly owner: string,
  ) {}
  onFormSubmit(): this {
    this.eventType = 'ON_FORM_SUBMIT';
    return this;
  }
  onEdit(): this {
    this.eventType = 'ON_EDIT';
    return this;
  }
  onOpen(): this {
    this.eventType = 'ON_OPEN';
    return this;
  }
  onChange(): this {
    this.eventType = 'ON_CHANGE';
    return this;
  }
  create(): EmulatedTrigger {
    if (!this.eventType)
      throw new Error('Exception: Choose an event (onFormSubmit, onEdit...) before create().');
    return new EmulatedTrigger(
      this.registry.add(this.handler, this.eventType, this.sourceId, null, this.owner),
    );
  }
}

class TriggerBuilder implements Accepts<GTriggerBuilder, 'timeBased' | 'forSpreadsheet'> {
  constructor(
    private readonly registry: TriggerRegistry,
    private readonly handler: string,
    private readonly owner: string,
  ) {}
  timeBased(): ClockTriggerBuilder {
    return new ClockTriggerBuilder(this.registry, this.handler, this.owner);
  }
  forSpreadsheet(source: string | { getId(): string }): SpreadsheetTriggerBuilder {
    return new SpreadsheetTriggerBuilder(
      this.registry,
      this.handler,
      typeof source === 'string' ? source : source.getId(),
      this.owner,
    );
  }
}

export class EmulatedScriptApp
  implements
    Pick<GScriptApp, 'getScriptId'>,
    Accepts<GScriptApp, 'newTrigger' | 'getProjectTriggers' | 'getUserTriggers' | 'deleteTrigger'>
{
  readonly EventType = {
    CLOCK: 'CLOCK',
    ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
    ON_EDIT: 'ON_EDIT',
    ON_OPEN: 'ON_OPEN',
    ON_CHANGE: 'ON_CHANGE',
  };
  readonly AuthMode = { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION' };
  readonly TriggerSource = { CLOCK: 'CLOCK', SPREADSHEETS: 'SPREADSHEETS', FORMS: 'FORMS' };
  constructor(
    private readonly registry: TriggerRegistry,
    /** The current user: the effective user of the execution (a trigger's creator inside its run). */
    private readonly user: string,
  ) {}
  newTrigger(functionName: string): TriggerBuilder {
    return new TriggerBuilder(this.registry, functionName, this.user);
  }
  getProjectTriggers(): EmulatedTrigger[] {
    return this.registry.ownedBy(this.user).map((t) => new EmulatedTrigger(t));
  }
  getUserTriggers(source: string | { getId(): string }): EmulatedTrigger[] {
    const id = typeof source === 'string' ? source : source.getId();
    return this.getProjectTriggers().filter((t) => t.getTriggerSourceId() === id);
  }
  /**
   * A script only ever holds its own user's triggers (the listings above are per user), so a trigger of
   * another user can reach here only through a test; Google refuses to manage another user's trigger, and
   * so does the emulator. The wording of the message is the emulator's own.
   */
  deleteTrigger(trigger: { getUniqueId(): string }): void {
    const record = this.registry.triggers.find((t) => t.id === trigger.getUniqueId());
    if (record && record.owner !== this.user) {
      throw new Error('Exception: This trigger belongs to another user and cannot be deleted by you.');
    }
    this.registry.remove(trigger.getUniqueId());
  }
  getScriptId(): string {
    return 'emulated-script-id';
  }
}
