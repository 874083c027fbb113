/** Names of the tabs the script owns. Staff may add tabs of their own; these names are reserved. */
export const TABS = {
  cases: 'Cases',
  outbox: 'Outbox',
  audit: 'Audit',
  templates: 'Templates',
  settings: 'Settings',
  dashboard: 'Dashboard',
} as const;

export type TabName = (typeof TABS)[keyof typeof TABS];
