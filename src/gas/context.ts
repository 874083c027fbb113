/**
 * What every handler needs first: the spreadsheet, its settings, the policy profile they name, the
 * office calendar and who is acting. Read once per run (one getValues for Settings).
 */
import { makeCalendar, type Calendar } from '../core/calendar';
import type { Actor, PolicyProfile } from '../core/model';
import { getProfile } from '../core/profile';
import { withOfficeRetention } from '../core/retention';
import { listsAddress, parseSettings, readSettingsTable, type Settings } from './settings';
import type { Table } from './table';

export interface RunContext {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  settingsTable: Table;
  settings: Settings;
  profile: PolicyProfile;
  calendar: Calendar;
}

export function openContext(): RunContext {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const settingsTable = readSettingsTable(ss);
  const settings = parseSettings(settingsTable);
  if (!settings.policyId)
    throw new Error('No complaints policy is chosen in Settings. Run Complaints › Set up….');
  const profile = officeProfile(settings);
  return { ss, settingsTable, settings, profile, calendar: makeCalendar(settings.closures) };
}

/** The policy profile the office runs, with its own retention period where the policy sets none. */
export function officeProfile(settings: Settings): PolicyProfile {
  return withOfficeRetention(getProfile(settings.policyId), settings.retentionYears);
}

/** The person making a change, with their role from the Settings directory (anyone else: complaints team). */
export function actorFor(settings: Settings, email: string | null): Actor {
  const normalised = (email ?? '').trim().toLowerCase();
  const role = Object.entries(settings.roleEmails).find(([, e]) => listsAddress(e, normalised))?.[0];
  return { email: normalised || null, role: role ?? 'complaints-team' };
}

/** Runs `fn` holding the script lock; shared state (reference counter, appends) only changes under it. */
export function withScriptLock<T>(timeoutMs: number, fn: () => T): T {
  const lock = LockService.getScriptLock();
  lock.waitLock(timeoutMs);
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
}
