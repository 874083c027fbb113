/** Names of the tabs the script owns. Staff may add tabs of their own; these names are reserved. */
export const TABS = {
  cases: 'Cases',
  outbox: 'Outbox',
  /** The daily digest and notices to staff, kept off the Outbox so its rows are the letters people act on. */
  staffMail: 'Staff mail',
  audit: 'Audit',
  templates: 'Templates',
  settings: 'Settings',
  dashboard: 'Dashboard',
  /** The figures the office publishes, per quarter and year, rewritten by the daily sweep. */
  reports: 'Reports',
} as const;

export type TabName = (typeof TABS)[keyof typeof TABS];
