/**
 * Who the triggers belong to.
 *
 * Installable triggers belong to the person who created them: they run as that person, and
 * ScriptApp.getProjectTriggers() lists only the current person's. So Set up run by a second person sees
 * none and, left to itself, would install a second set: every submission, edit and sweep handled twice.
 * Settings therefore records who installed the triggers, when, and their ids:
 *   - Set up by that person (or on a fresh sheet) repairs their set;
 *   - Set up by anyone else leaves the triggers alone and says whose they are;
 *   - "Take over the triggers…" installs the current person's set and records it. Apps Script lets only
 *     a trigger's owner delete it, so the previous set cannot be removed here: each of its triggers that
 *     fires after the take-over sees that it is not the recorded set and deletes itself (it runs as its
 *     owner, so it may), and the previous owner can remove them all at once with "Remove my old triggers".
 */
import type { Settings } from './settings';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Trigger = GoogleAppsScript.Script.Trigger;

export const TRIGGER_HANDLERS = [
  'onComplaintSubmitted',
  'onStaffEdit',
  'runDailySweep',
  'sendQueuedMail',
] as const;

/** The person running this, as Settings records them (lower case). */
export function currentPerson(): string {
  const active = Session.getActiveUser().getEmail();
  return (active || Session.getEffectiveUser().getEmail()).trim().toLowerCase();
}

function create(ss: Spreadsheet, handler: (typeof TRIGGER_HANDLERS)[number]): Trigger {
  switch (handler) {
    case 'onComplaintSubmitted':
      return ScriptApp.newTrigger('onComplaintSubmitted').forSpreadsheet(ss).onFormSubmit().create();
    case 'onStaffEdit':
      return ScriptApp.newTrigger('onStaffEdit').forSpreadsheet(ss).onEdit().create();
    case 'runDailySweep':
      return ScriptApp.newTrigger('runDailySweep').timeBased().atHour(7).everyDays(1).create();
    case 'sendQueuedMail':
      return ScriptApp.newTrigger('sendQueuedMail').timeBased().everyMinutes(10).create();
  }
}

export interface TriggerReport {
  /** Triggers created by this run. */
  created: number;
  /** Who the triggers belong to after this run. */
  owner: string;
  /** True when they belong to someone else and were left alone. */
  leftAlone: boolean;
  /** Settings values to record (empty when nothing changed). */
  settings: Record<string, string | Date>;
}

/**
 * Installs the handlers missing from `keep` (this person's triggers that may stay) and returns the
 * Settings values recording the set.
 */
function installSet(
  ss: Spreadsheet,
  keep: (t: Trigger) => boolean,
  person: string,
  now: Date,
  alwaysRecord: boolean,
): { created: number; settings: Record<string, string | Date> } {
  const mine = ScriptApp.getProjectTriggers().filter(keep);
  const ids: string[] = [];
  let created = 0;
  for (const handler of TRIGGER_HANDLERS) {
    const existing = mine.find((t) => t.getHandlerFunction() === handler);
    if (existing) {
      ids.push(existing.getUniqueId());
    } else {
      ids.push(create(ss, handler).getUniqueId());
      created += 1;
    }
  }
  const settings: Record<string, string | Date> =
    created > 0 || alwaysRecord
      ? { 'triggers-owner': person, 'triggers-installed': now, 'trigger-ids': ids.join(', ') }
      : {};
  return { created, settings };
}

/** Set up's part: repair the recorded owner's set, install one where nobody owns it, else leave it. */
export function ensureTriggers(ss: Spreadsheet, settings: Settings, now: Date): TriggerReport {
  const person = currentPerson();
  const owner = settings.triggersOwner;
  if (owner && owner !== person) return { created: 0, owner, leftAlone: true, settings: {} };
  const recorded = new Set(settings.triggerIds);
  // The owner's own triggers: the recorded ones, or any of theirs where none were recorded yet.
  const { created, settings: values } = installSet(
    ss,
    (t) => recorded.size === 0 || recorded.has(t.getUniqueId()),
    person,
    now,
    !owner || recorded.size === 0,
  );
  return { created, owner: person, leftAlone: false, settings: values };
}

/** "Take over the triggers…": this person's set becomes the one that runs. */
export function takeOverTriggers(ss: Spreadsheet, settings: Settings, now: Date): TriggerReport {
  const person = currentPerson();
  if (settings.triggersOwner === person) return ensureTriggers(ss, settings, now);
  const recorded = new Set(settings.triggerIds);
  // Triggers of the recorded set are the previous owner's; anything else listed here is this person's.
  const { created, settings: values } = installSet(
    ss,
    (t) => !recorded.has(t.getUniqueId()),
    person,
    now,
    true,
  );
  return { created, owner: person, leftAlone: false, settings: values };
}

/**
 * "Remove my old triggers": deletes the current person's triggers that are not the recorded set. Apps
 * Script lists only their own, so nobody else's are touched. Returns how many were removed.
 */
export function removeOldTriggers(settings: Settings): number {
  const recorded = new Set(settings.triggerIds);
  if (recorded.size === 0) return 0;
  let removed = 0;
  for (const t of ScriptApp.getProjectTriggers()) {
    if (recorded.has(t.getUniqueId())) continue;
    ScriptApp.deleteTrigger(t);
    removed += 1;
  }
  return removed;
}

/**
 * A trigger firing that is not of the recorded set, and that the person it runs as owns, is a previous
 * owner's leftover: it deletes itself (it runs as its owner, who may) and the caller does nothing, so no
 * event is handled twice. An id found nowhere (Settings out of date, an event resent by hand) is handled
 * as usual: ignoring it could drop a complaint.
 */
export function retireIfLeftover(settings: Settings, triggerUid: string | undefined): boolean {
  if (!triggerUid || settings.triggerIds.length === 0 || settings.triggerIds.includes(triggerUid))
    return false;
  const leftover = ScriptApp.getProjectTriggers().find((t) => t.getUniqueId() === triggerUid);
  if (!leftover) return false;
  ScriptApp.deleteTrigger(leftover);
  return true;
}
