/**
 * The case sidebar's reads: the case on the selected row, a case by reference, and "my cases".
 *
 * The sidebar asks which case is selected every two seconds while it is open (`selectedReference`: the
 * header row and one cell), and reads the whole case (its row, the Audit tab and the Outbox) only when
 * the selection moves to another case. A sidebar cannot open itself when a row is selected: that would
 * need onSelectionChange, a simple trigger, and simple triggers cannot open UI that needs authorisation
 * (developers.google.com/apps-script/guides/triggers#restrictions).
 */
import { owedLetter, computeClocks } from '../core/clocks';
import { COMPLAINTS_TEAM_ROLE } from '../core/correspondence';
import { STATUS_LABELS, formatDay } from '../core/labels';
import { stateKind } from '../core/lifecycle';
import type { AuditEntry, CaseRecord } from '../core/model';
import { roleTitle } from '../core/profile';
import { RELATED_SHOWN, relatedCases } from '../core/people';
import { AUDIT_HEADERS, deferredAuditEntries } from './audit';
import {
  COL,
  arrangementFromRow,
  dayFromCell,
  recordFromRow,
  roleIdFromCell,
  stateLabel,
  statusFromCell,
} from './cases';
import { arrangementText } from '../core/contact-arrangement';
import {
  SELECT_A_CASE,
  caseView,
  cellText,
  type CaseView,
  type LetterView,
  type NoCaseView,
  type RelatedCase,
  type TimelineEntry,
  words,
} from './case-view';
import type { RunContext } from './context';
import { listsAddress } from './settings';
import { OUTBOX, STATUS, staffAddress, unliteral } from './mail/outbox';
import { TABS } from './tabs';
import { Table, readHeaders, type Cell } from './table';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The reference on the selected row of Cases, or null with the reason to show. */
export function selectedReference(): { reference: string | null; message: string } {
  const range = SpreadsheetApp.getActiveRange();
  const none = { reference: null, message: SELECT_A_CASE };
  if (!range) return none;
  const sheet = range.getSheet();
  if (sheet.getName() !== TABS.cases) return none;
  const row = range.getRow();
  if (row < 2) return none;
  const column = readHeaders(sheet).indexOf(COL.reference);
  if (column < 0) return none;
  const reference = String(sheet.getRange(row, column + 1).getValue()).trim();
  return reference ? { reference, message: '' } : none;
}

/** The case on the selected row, or a "select a case row" state. */
export function selectedCaseView(ctx: RunContext, now: Date): CaseView | NoCaseView {
  const { reference, message } = selectedReference();
  return reference ? caseViewFor(ctx, reference, now) : { kind: 'no-case', message };
}

/** Who handles a case now: the Handled by cell (staff may change it), else what the case data holds. */
function handlerRoleOf(
  ctx: RunContext,
  table: Table,
  row: readonly Cell[],
  record: CaseRecord,
): string | null {
  const cell = String(table.value(row, COL.handler)).trim();
  const fromCell = roleIdFromCell(ctx.profile, cell);
  if (fromCell) return fromCell;
  if (cell && cell === roleTitle(ctx.profile, COMPLAINTS_TEAM_ROLE, 'en')) return COMPLAINTS_TEAM_ROLE;
  return record.handledBy ?? record.route?.handler ?? null;
}

function tableOf(ctx: RunContext, tab: string): Table | null {
  const sheet: Sheet | null = ctx.ss.getSheetByName(tab);
  return sheet ? Table.read(sheet) : null;
}

/**
 * This case's Audit entries, newest first, with those still waiting in script properties (a form
 * submission's, appended by the next sender run) so a new case's arrival shows at once.
 */
function timelineOf(ctx: RunContext, reference: string): TimelineEntry[] {
  const table = tableOf(ctx, TABS.audit);
  const [when, ref, who, action, from, to, detail] = AUDIT_HEADERS;
  const onTab: AuditEntry[] = (table?.rows ?? [])
    .filter((row) => String(table!.value(row, ref)).trim() === reference)
    .map((row) => {
      const at = table!.value(row, when);
      return {
        at: at instanceof Date ? at : new Date(0),
        reference,
        actor: cellText(table!.value(row, who)),
        action: cellText(table!.value(row, action)),
        from: cellText(table!.value(row, from)),
        to: cellText(table!.value(row, to)),
        detail: cellText(table!.value(row, detail)),
      };
    });
  const waiting = deferredAuditEntries(PropertiesService.getScriptProperties().getProperties()).filter(
    (e) => e.reference === reference,
  );
  const entries = [...onTab, ...waiting].map((e) => {
    // A stage is audited by its id: shown by its label.
    const change = [e.from, e.to].map((id) => stateLabel(ctx.profile, id));
    const moved = change[0] || change[1] ? ` (${change[0] || '—'} → ${change[1] || '—'})` : '';
    return {
      sortKey: e.at.getTime(),
      entry: { when: cellText(e.at, true), who: e.actor, what: e.action + moved, detail: e.detail },
    };
  });
  // Newest first; entries written in the same instant keep the order they were written in, reversed.
  return entries
    .map((e, i) => ({ ...e, i }))
    .sort((a, b) => b.sortKey - a.sortKey || b.i - a.i)
    .map((e) => e.entry);
}

/** This case's letters on the Outbox, in the order they were queued. */
function lettersOf(ctx: RunContext, reference: string): LetterView[] {
  const table = tableOf(ctx, TABS.outbox);
  if (!table) return [];
  const text = (row: readonly Cell[], h: string) => unliteral(table.value(row, h)).trim();
  return table.rows
    .filter((row) => text(row, OUTBOX.reference) === reference)
    .map((row) => {
      const status = text(row, OUTBOX.status).toLowerCase();
      const awaiting = status === STATUS.awaitingApproval;
      const role = text(row, OUTBOX.role);
      const audience = text(row, OUTBOX.audience);
      const audienceWords =
        audience === 'complainant'
          ? 'the complainant'
          : audience === 'subject'
            ? 'the person complained about'
            : role
              ? roleTitle(ctx.profile, role, 'en')
              : 'staff';
      return {
        key: text(row, OUTBOX.key),
        kind: text(row, OUTBOX.kind),
        title: words(text(row, OUTBOX.kind)),
        audience: audienceWords,
        sendBy: text(row, OUTBOX.sendBy),
        to: text(row, OUTBOX.to),
        status,
        date: cellText(table.value(row, OUTBOX.sentAt)) || cellText(table.value(row, OUTBOX.queuedAt)),
        awaitingApproval: awaiting,
        problem: status === STATUS.failed ? text(row, OUTBOX.error) : '',
        subject: awaiting ? text(row, OUTBOX.subject) : null,
        body: awaiting ? unliteral(table.value(row, OUTBOX.body)) : null,
      };
    });
}

/** The whole view of one case, found by reference; a reference not on Cases is a "no case" state. */
export function caseViewFor(ctx: RunContext, reference: string, now: Date): CaseView | NoCaseView {
  const wanted = String(reference ?? '').trim();
  const cases = tableOf(ctx, TABS.cases);
  const row = cases?.rows.find((r) => String(cases.value(r, COL.reference)).trim() === wanted);
  if (!cases || !row || !wanted)
    return {
      kind: 'no-case',
      message: `There is no case ${wanted || 'with that reference'} on the Cases tab.`,
    };
  const { profile, calendar, settings } = ctx;
  const record = recordFromRow(profile, cases, row);
  const letters = lettersOf(ctx, record.reference);
  const owed = letters.flatMap((l) => owedLetter(l.kind, l.status) ?? []);
  return caseView({
    profile,
    emailOf: (role) => staffAddress(settings, role),
    handlerRole: handlerRoleOf(ctx, cases, row, record),
    record,
    clocks: computeClocks(profile, record, now, calendar, { owed }),
    cell: (h) => cases.value(row, h),
    timeline: timelineOf(ctx, record.reference),
    letters,
    now,
    related: relatedOf(cases, record.reference),
  });
}

/** The other cases from the same email or phone, from the rows already read (no further call). */
function relatedOf(cases: Table, reference: string): RelatedCase[] {
  const links = relatedCases(
    cases.rows.map((r) => ({
      reference: String(cases.value(r, COL.reference)).trim(),
      email: String(cases.value(r, COL.email)),
      phone: String(cases.value(r, COL.phone)),
    })),
  ).get(reference);
  if (!links?.length) return [];
  // The most recent first few: a person with hundreds of cases is not listed whole in a 300 px sidebar.
  const wanted = new Set(links.slice(-RELATED_SHOWN * 2));
  return cases.rows
    .filter((r) => wanted.has(String(cases.value(r, COL.reference)).trim()))
    .map((r) => ({
      reference: String(cases.value(r, COL.reference)).trim(),
      received: cellText(cases.value(r, COL.received)),
      stage: cellText(cases.value(r, COL.stage)),
      arrangement: arrangementText(arrangementFromRow(cases, r)),
    }));
}

export interface CaseLine {
  reference: string;
  complainant: string;
  status: string;
  due: string;
  nextDeadline: string;
}

export interface MyCasesView {
  /** The address Google gave for the person looking, or null when it withholds it. */
  email: string | null;
  message: string;
  groups: { owner: string; email: string; cases: CaseLine[] }[];
}

/** A Next deadline cell as dd/mm/yyyy, whether it holds a date, yyyy-mm-dd text or dd/mm/yyyy already. */
function dayText(cell: Cell): string {
  const day = dayFromCell(cell);
  return day ? formatDay(day) : cellText(cell);
}

/** A status cell in words, whether it holds the words or the id older rows hold. */
function statusText(cell: Cell): string {
  const id = statusFromCell(cell);
  return id ? STATUS_LABELS[id] : cellText(cell);
}

/**
 * Open cases (in review, open or in appeal) whose handler's address in Settings is the person's. Google
 * withholds the address of a consumer account, or of someone outside the owner's domain
 * (developers.google.com/apps-script/reference/base/session#getActiveUser()): then it says so and lists
 * every open case by who handles it.
 */
export function myCases(ctx: RunContext, activeEmail: string): MyCasesView {
  const email = activeEmail.trim().toLowerCase();
  const cases = tableOf(ctx, TABS.cases);
  const byOwner = new Map<string, { owner: string; email: string; cases: CaseLine[] }>();
  for (const row of cases?.rows ?? []) {
    const record = recordFromRow(ctx.profile, cases!, row);
    if (!record.reference) continue;
    let kind;
    try {
      kind = stateKind(ctx.profile, record.state);
    } catch {
      continue;
    }
    if (kind !== 'review' && kind !== 'open' && kind !== 'appeal') continue;
    const role = handlerRoleOf(ctx, cases!, row, record);
    const owner = role ? roleTitle(ctx.profile, role, 'en') : 'Nobody yet';
    const address = role ? staffAddress(ctx.settings, role) : '';
    const group = byOwner.get(owner) ?? { owner, email: address, cases: [] };
    group.cases.push({
      reference: record.reference,
      complainant: cellText(cases!.value(row, COL.name)),
      status: statusText(cases!.value(row, COL.sla)),
      due: cellText(cases!.value(row, COL.slaReason)),
      nextDeadline: dayText(cases!.value(row, COL.nextDeadline)),
    });
    byOwner.set(owner, group);
  }
  const groups = [...byOwner.values()];
  if (!email)
    return {
      email: null,
      message:
        'Google does not tell this system who you are (a personal Google account, or one from another organisation), so here are all open cases by who handles them.',
      groups,
    };
  const mine = groups.filter((g) => listsAddress(g.email, email));
  const count = mine.reduce((n, g) => n + g.cases.length, 0);
  return {
    email,
    message:
      count > 0
        ? `${count} open case${count === 1 ? '' : 's'} handled by ${mine.map((g) => g.owner).join(' and ')} (${email}).`
        : `No open case is handled by a role whose address in Settings is ${email}.`,
    groups: mine,
  };
}
