/**
 * The figures an office publishes about its complaints, per quarter and per year. Offices of the
 * Commissioner report on the public sector's financial year (April to March), so quarters are its
 * quarters: Q1 is April to June. Every figure is counted from what a case keeps after its personal data
 * is removed under the retention policy (dates, channel, subject, route, stage, outcome), so anonymising
 * a record never changes a published figure.
 */
import { fromDayNumber, toDayNumber } from './calendar/local-date';
import type { LocalDate } from './model';

/** What a case contributes to the figures; nothing here identifies a person. */
export interface CaseFacts {
  received: LocalDate;
  /** Channel label, e.g. "Online form". */
  channel: string;
  /** Subject label, e.g. "Office staff member". */
  subject: string;
  /** "Handled here", "Not eligible", "Redirected: <body>", or "Needs review". */
  route: string;
  acknowledged: LocalDate | null;
  acknowledgeBy: LocalDate | null;
  /** Progress updates recorded: the day sent and the day it was due (null when no deadline was known). */
  updates: readonly { sent: LocalDate; due: LocalDate | null }[];
  /** The due day of a progress update still not sent, when that day has passed. */
  updateMissedSince: LocalDate | null;
  /** Null while open; the outcome's label and whether the policy counts it as upheld. */
  outcome: { label: string; upheld: boolean } | null;
  closed: LocalDate | null;
  appealReceived: LocalDate | null;
  /** Null until decided; true when the appeal was upheld. */
  appealUpheld: boolean | null;
}

export interface Period {
  /** e.g. "Q3 2026/27" or "2026/27". */
  label: string;
  from: LocalDate;
  to: LocalDate;
}

/** One line of the report: a measure, how it is counted, and its value in each period. */
export interface ReportLine {
  section: string;
  measure: string;
  howCounted: string;
  values: (number | string)[];
}

export interface Report {
  periods: Period[];
  lines: ReportLine[];
  /** Complaints received per quarter by channel, oldest first, for the chart. */
  chart: { header: string[]; rows: (string | number)[][] };
}

/** The financial year a day falls in: 2026-04-01 to 2027-03-31 is 2026. */
function financialYear(day: LocalDate): number {
  const y = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) >= 4 ? y : y - 1;
}

const yearLabel = (fy: number) => `${fy}/${String((fy + 1) % 100).padStart(2, '0')}`;
const pad = (n: number) => String(n).padStart(2, '0');

export function quarterOf(day: LocalDate): Period {
  const fy = financialYear(day);
  const month = Number(day.slice(5, 7));
  const q = month >= 4 ? Math.floor((month - 4) / 3) + 1 : 4;
  const startMonth = ((q - 1) * 3 + 3) % 12; // 0-based: Q1 April (3), Q4 January (0)
  const startYear = q === 4 ? fy + 1 : fy;
  const endMonth = startMonth + 2;
  const lastDay = new Date(Date.UTC(startYear, endMonth + 1, 0)).getUTCDate();
  return {
    label: `Q${q} ${yearLabel(fy)}`,
    from: `${startYear}-${pad(startMonth + 1)}-01`,
    to: `${startYear}-${pad(endMonth + 1)}-${pad(lastDay)}`,
  };
}

export function yearOf(day: LocalDate): Period {
  const fy = financialYear(day);
  return { label: yearLabel(fy), from: `${fy}-04-01`, to: `${fy + 1}-03-31` };
}

const within = (day: LocalDate | null, p: Period) => day !== null && day >= p.from && day <= p.to;

/**
 * The periods shown: the quarters of the current and previous financial years that have begun, then every
 * financial year from the first complaint's to this one (a record's figures stay in its year's column
 * after its personal data is removed).
 */
export function reportPeriods(today: LocalDate, earliest: LocalDate = today): Period[] {
  const thisYear = yearOf(today);
  const lastYear = yearOf(`${Number(thisYear.from.slice(0, 4)) - 1}-06-01`);
  const quarters: Period[] = [];
  for (const year of [lastYear, thisYear]) {
    let day = year.from;
    while (day <= year.to && day <= today) {
      const q = quarterOf(day);
      quarters.push(q);
      day = fromDayNumber(toDayNumber(q.to) + 1);
    }
  }
  const years: Period[] = [];
  const first = Math.min(
    Number(yearOf(earliest < today ? earliest : today).from.slice(0, 4)),
    Number(lastYear.from.slice(0, 4)),
  );
  for (let fy = first; fy <= Number(thisYear.from.slice(0, 4)); fy++) years.push(yearOf(`${fy}-06-01`));
  return [...quarters, ...years];
}

function percent(part: number, whole: number): number | string {
  return whole === 0 ? '–' : Math.round((1000 * part) / whole) / 10;
}

function median(values: number[]): number | string {
  if (values.length === 0) return '–';
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Day numbers of the days seen, worked out once: the median looks at every closed case once per period. */
const dayNumbers = new Map<LocalDate, number>();
function dayNumber(day: LocalDate): number {
  let n = dayNumbers.get(day);
  if (n === undefined) {
    n = toDayNumber(day);
    if (dayNumbers.size > 50_000) dayNumbers.clear();
    dayNumbers.set(day, n);
  }
  return n;
}

const daysBetween = (from: LocalDate, to: LocalDate) => dayNumber(to) - dayNumber(from);

export function buildReport(cases: readonly CaseFacts[], today: LocalDate): Report {
  const earliest = cases.reduce((min, c) => (c.received < min ? c.received : min), today);
  const periods = reportPeriods(today, earliest);
  const lines: ReportLine[] = [];
  const line = (
    section: string,
    measure: string,
    howCounted: string,
    value: (p: Period) => number | string,
  ) => lines.push({ section, measure, howCounted, values: periods.map(value) });
  const count = (p: Period, test: (c: CaseFacts) => boolean, day: (c: CaseFacts) => LocalDate | null) =>
    cases.filter((c) => within(day(c), p) && test(c)).length;
  const distinct = (pick: (c: CaseFacts) => string) => [...new Set(cases.map(pick))].sort();

  const RECEIVED = 'Counted on the day the complaint was received (Received).';
  line('Received', 'Complaints received', RECEIVED, (p) =>
    count(
      p,
      () => true,
      (c) => c.received,
    ),
  );
  for (const channel of distinct((c) => c.channel))
    line('Received by channel', channel, RECEIVED, (p) =>
      count(
        p,
        (c) => c.channel === channel,
        (c) => c.received,
      ),
    );
  for (const subject of distinct((c) => c.subject))
    line('Received by subject', subject, RECEIVED, (p) =>
      count(
        p,
        (c) => c.subject === subject,
        (c) => c.received,
      ),
    );
  const routes = distinct((c) => (c.route.startsWith('Redirected') ? 'Redirected' : c.route));
  for (const route of routes)
    line('Received by route', route, `${RECEIVED} "Redirected" adds up the bodies below.`, (p) =>
      count(
        p,
        (c) => (c.route.startsWith('Redirected') ? 'Redirected' : c.route) === route,
        (c) => c.received,
      ),
    );
  for (const body of distinct((c) => c.route).filter((r) => r.startsWith('Redirected')))
    line('Redirected, by body', body.replace(/^Redirected: /, ''), RECEIVED, (p) =>
      count(
        p,
        (c) => c.route === body,
        (c) => c.received,
      ),
    );

  line(
    'Acknowledgement',
    'Acknowledged within 5 working days (%)',
    'Of complaints handled here (a redirected one gets a letter saying where to go instead) received in the period whose acknowledgement was due (Acknowledge by) by today: those with Acknowledged on no later than Acknowledge by. One not yet acknowledged counts as late.',
    (p) => {
      const due = cases.filter(
        (c) =>
          within(c.received, p) &&
          !c.route.startsWith('Redirected') &&
          c.route !== 'Not eligible' &&
          c.acknowledgeBy !== null &&
          c.acknowledgeBy <= today,
      );
      return percent(
        due.filter((c) => c.acknowledged !== null && c.acknowledged <= c.acknowledgeBy!).length,
        due.length,
      );
    },
  );
  line(
    'Progress updates',
    'Updates sent on time (%)',
    'Of progress updates due in the period: those recorded (Last update sent) on or before the day they were due. An update whose day has passed unsent counts as late.',
    (p) => {
      let due = 0;
      let onTime = 0;
      for (const c of cases) {
        for (const u of c.updates) {
          const day = u.due ?? u.sent;
          if (!within(day, p)) continue;
          due += 1;
          if (u.due === null || u.sent <= u.due) onTime += 1;
        }
        if (within(c.updateMissedSince, p)) due += 1;
      }
      return percent(onTime, due);
    },
  );

  const CLOSED = 'Counted on the day the case was closed (Closed on).';
  line('Outcomes', 'Cases closed', CLOSED, (p) =>
    count(
      p,
      () => true,
      (c) => c.closed,
    ),
  );
  line('Outcomes', 'Upheld', `${CLOSED} Outcomes the policy counts as upheld.`, (p) =>
    count(
      p,
      (c) => c.outcome?.upheld === true,
      (c) => c.closed,
    ),
  );
  line(
    'Outcomes',
    'Partly upheld',
    `${CLOSED} None of this policy's outcomes is a partial one, so each is counted as upheld or not upheld.`,
    () => 0,
  );
  line('Outcomes', 'Not upheld', `${CLOSED} Outcomes the policy counts as not upheld.`, (p) =>
    count(
      p,
      (c) => c.outcome?.upheld === false,
      (c) => c.closed,
    ),
  );
  line(
    'Outcomes',
    'Closed without an outcome',
    `${CLOSED} Closed with no Outcome chosen (for example, withdrawn). Redirected complaints are not closed here: they are counted under Received by route.`,
    (p) =>
      count(
        p,
        (c) => c.outcome === null,
        (c) => c.closed,
      ),
  );
  line(
    'Outcomes',
    'Median days to close',
    'Calendar days from Received to Closed on, for cases closed in the period; the middle value.',
    (p) => median(cases.filter((c) => within(c.closed, p)).map((c) => daysBetween(c.received, c.closed!))),
  );
  for (const outcome of distinct((c) => c.outcome?.label ?? '').filter(Boolean))
    line('Outcomes, by outcome', outcome, CLOSED, (p) =>
      count(
        p,
        (c) => c.outcome?.label === outcome,
        (c) => c.closed,
      ),
    );

  const APPEAL = 'Counted on the day the appeal was received (Appeal received).';
  line('Appeals', 'Appeals made', APPEAL, (p) =>
    count(
      p,
      () => true,
      (c) => c.appealReceived,
    ),
  );
  line('Appeals', 'Appeals upheld', `${APPEAL} Of those, the ones whose Appeal outcome is upheld.`, (p) =>
    count(
      p,
      (c) => c.appealUpheld === true,
      (c) => c.appealReceived,
    ),
  );
  line('Appeals', 'Appeals not yet decided', APPEAL, (p) =>
    count(
      p,
      (c) => c.appealUpheld === null,
      (c) => c.appealReceived,
    ),
  );

  const channels = distinct((c) => c.channel);
  const quarters = periods.filter((p) => p.label.startsWith('Q'));
  return {
    periods,
    lines,
    chart: {
      header: ['Quarter', ...channels],
      rows: quarters.map((q) => [
        q.label,
        ...channels.map((ch) =>
          count(
            q,
            (c) => c.channel === ch,
            (c) => c.received,
          ),
        ),
      ]),
    },
  };
}
