/**
 * What an administrator must put right for mail to flow, said by Set up and on the Dashboard: a role whose
 * email in Settings is missing or is not an email address, and letters that are failing. Roles are named,
 * values never are (a mistyped address may be someone's personal one).
 */
import { roleTitle } from '../core/profile';
import { formatDay } from '../core/labels';
import type { LocalDate, PolicyProfile } from '../core/model';
import type { TodayLetter } from '../core/today';
import { STATUS } from './mail';
import type { Settings } from './settings';

/** One address, or several separated by commas as MailApp accepts them. */
const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>".]+$/;

export function isEmailList(value: string): boolean {
  const parts = value.split(',').map((p) => p.trim());
  return parts.length > 0 && parts.every((p) => EMAIL.test(p));
}

/** The Settings email rows the letters depend on: the team's and each role's, as Settings labels them. */
export function roleEmailWarnings(profile: PolicyProfile, settings: Settings): string[] {
  const rows = [
    {
      title: roleTitle(profile, 'complaints-team', 'en'),
      label: 'Complaints team email',
      value: settings.teamEmail,
    },
    ...profile.roles.map((r) => ({
      title: r.title,
      label: `Email for ${r.title}`,
      value: settings.roleEmails[r.id] ?? '',
    })),
  ];
  const out: string[] = [];
  for (const { title, label, value } of rows) {
    if (!value)
      out.push(
        `No email address for the ${title} on the Settings tab ("${label}"): their letters and reminders cannot be sent until one is filled in.`,
      );
    else if (!isEmailList(value))
      out.push(
        `The email for the ${title} on the Settings tab ("${label}") is not an email address: their letters and reminders will fail until it is corrected.`,
      );
  }
  return out;
}

/** How many letters are failing, since when, and where to look; null when none is. */
export function failingLettersWarning(waiting: readonly TodayLetter[]): string | null {
  const failed = waiting.filter((l) => l.wait === 'failed');
  if (failed.length === 0) return null;
  const oldest = failed
    .map((l) => l.queuedOn)
    .filter((d): d is LocalDate => d !== null)
    .sort()[0];
  const count = failed.length === 1 ? '1 letter is' : `${failed.length} letters are`;
  const since = oldest ? `, the oldest queued on ${formatDay(oldest)}` : '';
  return `${count} failing${since}. On the Outbox tab, look at the rows whose Status is "${STATUS.failed}": the Last error column says why. They are listed under "Letters that failed" on the Dashboard.`;
}
