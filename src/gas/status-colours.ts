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

const TODAY_TEXT = 'TEXT(TODAY(),"yyyy-mm-dd")';

/**
 * The Cases tab's conditional-format formulas, first match wins. Overdue and due-soon also follow the
 * deadline dates themselves (YYYY-MM-DD text, so they compare as text), so a row changes colour on the
 * day it should even before the morning run rewrites its status.
 */
export function statusColourFormulas(
  status: string,
  nextDeadline: string,
  dueSoonFrom: string,
): { status: string; formula: string; colour: string }[] {
  return DASHBOARD_LEGEND.map((entry) => {
    const text = `$${status}2="${entry.status}"`;
    let formula = `=${text}`;
    if (entry.status === 'overdue')
      formula = `=OR(${text},AND($${nextDeadline}2<>"",${TODAY_TEXT}>$${nextDeadline}2))`;
    if (entry.status === 'due-soon')
      formula = `=OR(${text},AND($${dueSoonFrom}2<>"",${TODAY_TEXT}>=$${dueSoonFrom}2))`;
    return { status: entry.status, formula, colour: entry.colour };
  });
}
