/**
 * The Settings tab: one row per setting, found by its Key (never by position). Staff edit the Value
 * column; the script reads the whole tab with one getValues.
 */
import { isLocalDate, londonDate } from '../core/calendar';
import type { LocalDate, OfficeContact, PolicyProfile } from '../core/model';
import { DEFAULT_RETENTION_YEARS } from '../core/retention';
import { TABS } from './tabs';
import { Table, type Cell } from './table';

export const SETTINGS_HEADERS = ['Key', 'Setting', 'Value', 'Notes'] as const;

export interface Settings {
  policyId: string;
  /** Role id → the email address letters for that role go to. */
  roleEmails: Record<string, string>;
  /** Role id → the name of the person in that role, where staff gave one (shown on the Dashboard). */
  roleNames: Record<string, string>;
  teamEmail: string;
  senderName: string;
  replyTo: string;
  closures: LocalDate[];
  /** Closure entries that are not dates, reported to staff rather than ignored. */
  closureProblems: string[];
  formId: string;
  responsesTab: string;
  /** Who installed the triggers that run the system (they run as that person), lower case; '' if unknown. */
  triggersOwner: string;
  /** The unique ids of those triggers: any other trigger of this project is a leftover (trigger-owner.ts). */
  triggerIds: string[];
  /** The office's address, phone and email, printed at the foot of every letter to the public. */
  officeContact: OfficeContact;
  /** Years a record is kept from the last contact, where the policy sets none; null: the default. */
  retentionYears: number | null;
  /** What is wrong with a retention period typed that cannot be used, for the Dashboard; null when none. */
  retentionProblem: string | null;
  /**
   * The period, in years, the Cases tab's "Keep record until" days were last worked out with (set by the
   * script); null when not recorded. A different period in force makes the next morning run rework them.
   */
  retentionApplied: number | null;
}

export const SETTING_KEYS = {
  policy: 'policy',
  teamEmail: 'team-email',
  senderName: 'sender-name',
  replyTo: 'reply-to',
  closures: 'closure-days',
  formId: 'form-id',
  responsesTab: 'responses-tab',
  triggersOwner: 'triggers-owner',
  triggersInstalled: 'triggers-installed',
  triggerIds: 'trigger-ids',
  officeAddress: 'office-address',
  officePhone: 'office-phone',
  officeEmail: 'office-email',
  retentionYears: 'retention-years',
  retentionApplied: 'retention-applied',
} as const;

/**
 * Whether a Settings email cell names this address: the cell may hold one address or several separated by
 * commas (as MailApp takes them), typed in any case.
 */
export function listsAddress(cell: string, email: string): boolean {
  const wanted = email.trim().toLowerCase();
  return wanted !== '' && cell.split(',').some((a) => a.trim().toLowerCase() === wanted);
}

export const roleKey = (roleId: string) => `role:${roleId}`;
export const roleNameKey = (roleId: string) => `name:${roleId}`;
export const healthKey = (handler: string) => `health:${handler}`;

/** The rows setup writes: key, plain-English label, default value, help for staff. */
export function settingRows(profile: PolicyProfile, current: Partial<Record<string, Cell>>): Cell[][] {
  const row = (key: string, label: string, fallback: Cell, help: string): Cell[] => [
    key,
    label,
    current[key] ?? fallback,
    help,
  ];
  return [
    row(SETTING_KEYS.policy, 'Complaints policy', profile.id, `Built-in policy: ${profile.name}.`),
    row(
      SETTING_KEYS.teamEmail,
      'Complaints team email',
      '',
      'Gets the daily digest of new, due and overdue cases.',
    ),
    row(
      SETTING_KEYS.senderName,
      'Sender name on letters',
      profile.shortName,
      'The name people see on our emails.',
    ),
    row(SETTING_KEYS.replyTo, 'Reply-to address', '', 'Where replies to our emails go.'),
    row(
      SETTING_KEYS.closures,
      'Office closure days',
      '',
      'Extra days the office is closed, as YYYY-MM-DD, separated by commas. Bank holidays are already counted.',
    ),
    ...officeContactRows(profile, row),
    // Wiltshire's policy sets the period itself (002 §3); the others leave it to the office.
    ...(profile.clocks.retention
      ? []
      : [
          row(
            SETTING_KEYS.retentionYears,
            'Keep complaint records for (years)',
            DEFAULT_RETENTION_YEARS,
            'Counted from the last contact on the case. Complaints › Apply retention… then removes the personal data of records past it. The policy sets no period; 6 is the default.',
          ),
        ]),
    ...profile.roles.map((r) =>
      row(roleKey(r.id), `Email for ${r.title}`, '', `Letters and reminders for the ${r.title} go here.`),
    ),
    ...profile.roles.map((r) =>
      row(
        roleNameKey(r.id),
        `Name of the ${r.title}`,
        '',
        'Optional. Shown next to the role on the Dashboard, so staff see who owns each case.',
      ),
    ),
    row(SETTING_KEYS.formId, 'Complaint form (set by the script)', '', 'Do not edit.'),
    row(SETTING_KEYS.responsesTab, 'Form responses tab (set by the script)', '', 'Do not edit.'),
    row(
      SETTING_KEYS.triggersOwner,
      'Triggers installed by (set by the script)',
      '',
      'The triggers (form submit, edits, the daily sweep, the sender) run as this person. Someone else takes them over with Complaints › Take over the triggers….',
    ),
    row(SETTING_KEYS.triggersInstalled, 'Triggers installed on (set by the script)', '', 'Do not edit.'),
    row(SETTING_KEYS.triggerIds, 'Trigger ids (set by the script)', '', 'Do not edit.'),
    row(
      SETTING_KEYS.retentionApplied,
      'Keep record until worked out with (years) (set by the script)',
      profile.clocks.retention?.years ??
        retentionYears(current[SETTING_KEYS.retentionYears]) ??
        DEFAULT_RETENTION_YEARS,
      'Do not edit. When the retention period changes, the next morning run works out every case\'s "Keep record until" again and writes the new period here.',
    ),
  ];
}

/** The office contact block; each defaults to what the policy gives, and says so where it gives none. */
function officeContactRows(
  profile: PolicyProfile,
  row: (key: string, label: string, fallback: Cell, help: string) => Cell[],
): Cell[][] {
  const given = profile.officeContact ?? {};
  const help = (what: string, part: keyof OfficeContact) =>
    `${what} Printed on every letter to the public; leave blank to leave it out. ` +
    (given[part]
      ? 'Filled in from the complaints policy: check it is current.'
      : 'The complaints policy gives none, so fill it in.');
  return [
    row(
      SETTING_KEYS.officeAddress,
      'Office postal address',
      given.address ?? '',
      help('Where people write to the office, on one line.', 'address'),
    ),
    row(
      SETTING_KEYS.officePhone,
      'Office phone',
      given.phone ?? '',
      help('The office’s phone number.', 'phone'),
    ),
    row(
      SETTING_KEYS.officeEmail,
      'Office email',
      given.email ?? '',
      help('The email address people write to about a complaint.', 'email'),
    ),
  ];
}

function text(value: Cell | undefined): string {
  return value === undefined ? '' : String(value).trim();
}

export function parseSettings(table: Table): Settings {
  const values = new Map<string, Cell>();
  for (const row of table.rows) values.set(text(table.value(row, 'Key')), table.value(row, 'Value'));
  const roleEmails: Record<string, string> = {};
  const roleNames: Record<string, string> = {};
  for (const [key, value] of values) {
    if (key.startsWith('role:') && text(value)) roleEmails[key.slice(5)] = text(value);
    if (key.startsWith('name:') && text(value)) roleNames[key.slice(5)] = text(value);
  }
  const closures: LocalDate[] = [];
  const closureProblems: string[] = [];
  const rawClosures = values.get(SETTING_KEYS.closures);
  const entries =
    rawClosures instanceof Date
      ? [londonDate(rawClosures)]
      : text(rawClosures)
          .split(/[,;\n]+/)
          .map((s) => s.trim())
          .filter(Boolean);
  for (const entry of entries) {
    if (isLocalDate(entry)) closures.push(entry);
    else closureProblems.push(`"${entry}" is not a date in the form YYYY-MM-DD`);
  }
  return {
    policyId: text(values.get(SETTING_KEYS.policy)),
    roleEmails,
    roleNames,
    teamEmail: text(values.get(SETTING_KEYS.teamEmail)),
    senderName: text(values.get(SETTING_KEYS.senderName)),
    replyTo: text(values.get(SETTING_KEYS.replyTo)),
    closures,
    closureProblems,
    formId: text(values.get(SETTING_KEYS.formId)),
    responsesTab: text(values.get(SETTING_KEYS.responsesTab)),
    triggersOwner: text(values.get(SETTING_KEYS.triggersOwner)).toLowerCase(),
    triggerIds: text(values.get(SETTING_KEYS.triggerIds))
      .split(/[,\s]+/)
      .filter(Boolean),
    retentionYears: retentionYears(values.get(SETTING_KEYS.retentionYears)),
    retentionProblem: retentionProblem(values.get(SETTING_KEYS.retentionYears)),
    retentionApplied: retentionYears(values.get(SETTING_KEYS.retentionApplied)),
    officeContact: {
      address: text(values.get(SETTING_KEYS.officeAddress)),
      phone: text(values.get(SETTING_KEYS.officePhone)),
      email: text(values.get(SETTING_KEYS.officeEmail)),
    },
  };
}

/** A whole number of years from 1 to 100; anything else leaves the default in force. */
function retentionYears(value: Cell | undefined): number | null {
  const n = Number(text(value));
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : null;
}

/** A period typed that is not 1 to 100 whole years is said, not silently replaced by the default. */
function retentionProblem(value: Cell | undefined): string | null {
  if (text(value) === '' || retentionYears(value) !== null) return null;
  return `"Keep complaint records for (years)" on the Settings tab is not a whole number of years from 1 to 100, so ${DEFAULT_RETENTION_YEARS} years are used until it is corrected.`;
}

export function readSettingsTable(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Table {
  const sheet = ss.getSheetByName(TABS.settings);
  if (!sheet) throw new Error('There is no Settings tab yet. Run Complaints › Set up… first.');
  return Table.read(sheet);
}

export function readSettings(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Settings {
  return parseSettings(readSettingsTable(ss));
}
