/**
 * How long Apps Script takes over each service call, so virtual time moves with the work an execution does:
 * `new Date()` inside a long run moves on, time budgets in the product are exercised, and the 6-minute
 * limit ("Script runtime 6 min / execution",
 * developers.google.com/apps-script/guides/services/quotas#current_limitations) can be reached.
 *
 * Google publishes no per-call latencies. What it does say is that a call to another service is far slower
 * than JavaScript in the script, that Sheets reads and writes should be batched, and that alternating reads
 * and writes is slow because it defeats the look-ahead and write caches
 * (developers.google.com/apps-script/guides/support/best-practices, "Minimize calls to other services",
 * "Use batch operations"). Every figure below is therefore an ESTIMATE of the order of magnitude commonly
 * measured by developers on the V8 runtime, chosen on the slow side of typical so that a time budget that
 * holds here holds on a normal day on Google. Pure JavaScript inside the script costs nothing here.
 */

/** A model of Apps Script time: milliseconds a service call takes, given the cells it read or wrote. */
export interface CostModel {
  readonly name: string;
  callMs(key: string, cells: number): number;
}

/** One kind of call: a fixed part per call plus a part per cell read or written. */
export interface CallCost {
  baseMs: number;
  perCellMs: number;
  why: string;
}

const cost = (baseMs: number, why: string, perCellMs = 0): CallCost => ({ baseMs, perCellMs, why });

/** The kinds of call, with the reasoning for each figure. */
export const CALL_COSTS = {
  /** getRange, getActiveSpreadsheet, offset, getNumRows...: objects built in the script's process. */
  navigation: cost(
    1,
    'Builds a reference without a round trip to Sheets; kept above zero because each is still a call into the host.',
  ),
  /** getLastRow, getSheets, getSheetByName, getName, getMaxRows...: spreadsheet metadata. */
  metadata: cost(
    10,
    'Answered from the spreadsheet model the execution has loaded; one short round trip at most.',
  ),
  /** getValues, getDisplayValues, getFormulas, getBackgrounds, getNotes, getValue...: cell contents. */
  read: cost(
    25,
    'One round trip to Sheets, plus serialising the grid: about 5 ms per thousand cells, so reading 10,000 cells costs ~75 ms.',
    0.005,
  ),
  /** setValues, setValue, setFormulas, setNumberFormats, appendRow, clearContent...: cell contents written. */
  write: cost(
    40,
    'Writes are queued and flushed with recalculation; slower than reads, about 10 ms per thousand cells written.',
    0.01,
  ),
  /** insertRows, deleteRows, insertSheet, sort, setDataValidation, protect, setFrozenRows...: structure. */
  structure: cost(80, 'Changes the sheet model and forces recalculation of dependent ranges.'),
  /** SpreadsheetApp.flush: applies every pending change. */
  flush: cost(60, 'Waits for the write cache to be applied.'),
  /** getUi, alert, prompt, createMenu, showSidebar...: messages to the open editor. */
  ui: cost(20, 'A message to the browser session; the time a person takes to answer is not modelled.'),
  /** PropertiesService reads. */
  propertyRead: cost(15, 'A read of the property store: a round trip to a storage service.'),
  /** PropertiesService writes and deletes. */
  propertyWrite: cost(30, 'A write to the property store, acknowledged before the call returns.'),
  /** LockService tryLock / waitLock (the wait itself is added by the lock when it waits). */
  lock: cost(
    30,
    'Taking a lock is a round trip to the lock service; waits are counted separately as they happen.',
  ),
  /** releaseLock, hasLock. */
  lockRelease: cost(10, 'Releasing or checking a lock.'),
  /** CacheService. */
  cache: cost(10, 'The cache service is designed to be faster than properties.'),
  /** MailApp.sendEmail. */
  sendEmail: cost(
    800,
    'Sending a message is the slowest common call: developers report roughly half a second to over a second per sendEmail.',
  ),
  /** MailApp.getRemainingDailyQuota. */
  mailQuota: cost(20, 'A quota lookup.'),
  /** FormApp: opening, creating and editing forms. */
  form: cost(150, 'Forms calls load or save the whole form: among the slower services.'),
  /** ScriptApp trigger management. */
  trigger: cost(100, 'Listing, creating or deleting triggers touches the project and its owner record.'),
  /** UrlFetchApp.fetch. */
  fetch: cost(300, 'An HTTP request leaves Google; its time depends on the remote server.'),
  /** Utilities, Session, HtmlService, Logger-like helpers computed in the host. */
  local: cost(1, 'Computed in the host without a remote service.'),
  /** Anything not classified above. */
  other: cost(10, 'A service call of a kind not classified: a short round trip.'),
} satisfies Record<string, CallCost>;

export type CallKind = keyof typeof CALL_COSTS;

const SHEET_CLASSES = new Set(['SpreadsheetApp', 'Spreadsheet', 'Sheet', 'Range', 'RangeList']);
const READ =
  /^get(Values|SheetValues|DisplayValues|Formulas|FormulasR1C1|Backgrounds|Notes|DataValidations|NumberFormats|FontWeights|FontColors|Value|DisplayValue|Formula|Note|Background|DataValidation|NumberFormat|FontWeight|FontColor|RichTextValues?)$/;
const WRITE =
  /^(set(Values|Value|Formulas|Formula|Backgrounds|Background|Notes|Note|NumberFormats|NumberFormat|FontWeights|FontWeight|FontColors?|RichTextValues?|HorizontalAlignments?|WrapStrategy|Wraps?)|appendRow|clear|clearContent|clearFormat|clearNote|clearDataValidations|insertCheckboxes|removeCheckboxes|setBackgroundColor)$/;
const STRUCTURE =
  /^(insert|delete|sort|protect|setFrozen|hide|show|unhide|setColumnWidth|setRowHeight|autoResize|setDataValidation|setTabColor|setName|moveTo|duplicate|copyTo|merge|breakApart|setConditionalFormatRules|addDeveloperMetadata|activate|createFilter|setHiddenGridlines)/;
const METADATA =
  /^get(Last|Max|Sheets|SheetBy|Name|SheetName|SheetId|Id|Url|FrozenRows|FrozenColumns|Protections|NamedRanges|SpreadsheetTimeZone|Filter|DataRange|ConditionalFormatRules|FormUrl|ColumnWidth|RowHeight|TabColor)/;

/** The kind of a call, from its key (`Range.getValues`). */
export function callKind(key: string): CallKind {
  const dot = key.indexOf('.');
  const cls = key.slice(0, dot);
  const method = key.slice(dot + 1);
  if (SHEET_CLASSES.has(cls)) {
    if (method === 'flush') return 'flush';
    if (method === 'getUi') return 'ui';
    if (READ.test(method)) return 'read';
    if (WRITE.test(method)) return 'write';
    if (STRUCTURE.test(method)) return 'structure';
    if (METADATA.test(method)) return 'metadata';
    return 'navigation';
  }
  switch (cls) {
    case 'Ui':
    case 'Menu':
      return 'ui';
    case 'PropertiesService':
    case 'LockService':
    case 'CacheService':
      return 'navigation';
    case 'Properties':
      return /^get/.test(method) ? 'propertyRead' : 'propertyWrite';
    case 'Lock':
      return method === 'tryLock' || method === 'waitLock' ? 'lock' : 'lockRelease';
    case 'Cache':
      return 'cache';
    case 'MailApp':
      return method === 'sendEmail' ? 'sendEmail' : 'mailQuota';
    case 'FormApp':
    case 'Form':
    case 'Item':
      return 'form';
    case 'ScriptApp':
    case 'TriggerBuilder':
    case 'ClockTriggerBuilder':
    case 'SpreadsheetTriggerBuilder':
    case 'Trigger':
      return method === 'create' || /Triggers?$/.test(method) ? 'trigger' : 'local';
    case 'UrlFetchApp':
      return 'fetch';
    case 'Utilities':
    case 'Session':
    case 'User':
    case 'HtmlService':
    case 'HtmlOutput':
      return 'local';
    default:
      return 'other';
  }
}

/** The default: the estimates above. Utilities.sleep and lock waits add their own time as they happen. */
export const APPS_SCRIPT_COSTS: CostModel = {
  name: 'apps-script',
  callMs(key, cells) {
    const c = CALL_COSTS[callKind(key)];
    return c.baseMs + c.perCellMs * cells;
  },
};

/**
 * Frozen time between calls, as the emulator had before this model: only sleeps and lock waits move the
 * clock. For a test that must show a product defect the stricter model exposes, named where it is used.
 */
export const NO_COSTS: CostModel = { name: 'none', callMs: () => 0 };

export function costModel(option: CostModel | 'apps-script' | 'none' | undefined): CostModel {
  if (option === undefined || option === 'apps-script') return APPS_SCRIPT_COSTS;
  if (option === 'none') return NO_COSTS;
  return option;
}

/** Google's limit on one execution ("Script runtime: 6 min / execution"). */
export const EXECUTION_LIMIT_MS = 6 * 60_000;
