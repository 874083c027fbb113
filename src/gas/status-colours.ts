/**
 * Row colours by SLA status, used by the conditional-format rules and shown as a legend on the Dashboard.
 * Order matters: the first matching rule wins, so the most urgent status comes first.
 */
export const DASHBOARD_LEGEND = [
  { status: 'overdue', colour: '#f4c7c3', meaning: 'A deadline has passed: act today' },
  {
    status: 'needs review',
    colour: '#f9cb9c',
    meaning: 'The submission has problems or needs a person to decide where it goes',
  },
  { status: 'due-soon', colour: '#fce8b2', meaning: 'A deadline is within two working days' },
  { status: 'on-track', colour: '#ffffff', meaning: 'Open, nothing due yet' },
  { status: 'paused', colour: '#d9d2e9', meaning: 'Clock paused: waiting on the complainant' },
  { status: 'met', colour: '#b7e1cd', meaning: 'Deadlines met; appeal window may be open' },
  { status: 'closed', colour: '#e8eaed', meaning: 'Nothing more to do' },
] as const;
