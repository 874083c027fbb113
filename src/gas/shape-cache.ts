/**
 * What a form submission needs to know about the spreadsheet besides Settings, kept in script properties so
 * the submission reads it with the reference counter and the intake ledger in one call: the header row of
 * each tab it appends to, the letter templates and the spreadsheet's link.
 *
 * It is a copy, so it is kept only while it is known to be right:
 *   - Set up and the daily sweep write it afresh;
 *   - an edit to the Templates tab, or to the header row of a tab it holds, drops it (onStaffEdit), so the
 *     next submission takes the long way and writes it again;
 *   - a submission checks the header row of each tab it appended to straight after appending; a tab
 *     reshaped meanwhile has its row laid out again under the headers as they are, and the copy is dropped.
 * Settings themselves are never copied: a submission reads them afresh, so who gets what is always current.
 *
 * Prepared rows are rows below the data that already have their formats (days show as days) and, on the
 * mail tabs, their one-line height, so appending a row needs no formatting call (shape-refresh.ts). Text
 * is written literally, so a row past the prepared ones keeps what was typed all the same.
 */
import { TABS } from './tabs';
import type { Cell } from './table';

/** The tabs a form submission appends to. */
export const APPEND_TABS = [TABS.cases, TABS.audit, TABS.outbox, TABS.staffMail] as const;
export type AppendTab = (typeof APPEND_TABS)[number];

export interface Shape {
  /** Header row of each tab, as it was when the copy was made. */
  headers: Record<AppendTab, string[]>;
  /** The Templates tab's values (header row first), or null when the tab is missing. */
  templates: Cell[][] | null;
  url: string;
}

const PREFIX = 'shape:';
const COUNT = `${PREFIX}chunks`;
/** Kept below each tab's data by Set up and the daily sweep. */
export const ROWS_AHEAD = 500;
/** Below Apps Script's 9 KB per property value, with room for the key. */
const CHUNK_CHARS = 8_000;
const VERSION = 1;

type Stored = Readonly<Record<string, string>>;

/** Dates survive the round trip through JSON as `{ "$d": milliseconds }`. */
function encode(value: unknown): unknown {
  if (value instanceof Date) return { $d: value.getTime() };
  if (Array.isArray(value)) return value.map(encode);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  return value;
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o['$d'] === 'number' && Object.keys(o).length === 1) return new Date(o['$d']);
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

/** The properties that hold `shape`, to write in one setProperties. */
export function shapeProperties(shape: Shape): Record<string, string> {
  const text = JSON.stringify({ v: VERSION, ...(encode(shape) as object) });
  const props: Record<string, string> = {};
  let n = 0;
  for (let i = 0; i < text.length; i += CHUNK_CHARS)
    props[`${PREFIX}${n++}`] = text.slice(i, i + CHUNK_CHARS);
  props[COUNT] = String(n);
  return props;
}

/** The copy held in the properties, or null when there is none or it cannot be read whole. */
export function shapeFrom(stored: Stored): Shape | null {
  const n = Number(stored[COUNT]);
  if (!Number.isInteger(n) || n < 1) return null;
  let text = '';
  for (let i = 0; i < n; i++) {
    const chunk = stored[`${PREFIX}${i}`];
    if (chunk === undefined) return null;
    text += chunk;
  }
  try {
    const parsed = decode(JSON.parse(text)) as Shape & { v?: number };
    if (parsed.v !== VERSION || !parsed.headers) return null;
    if (APPEND_TABS.some((tab) => !Array.isArray(parsed.headers[tab]))) return null;
    return parsed;
  } catch {
    return null;
  }
}

/** Drops the copy: the next submission reads what it needs from the tabs and writes a new one. */
export function dropShape(props: GoogleAppsScript.Properties.Properties): void {
  props.deleteProperty(COUNT);
}

/** The same, as properties to write with others in one call. */
export function droppedShape(): Record<string, string> {
  return { [COUNT]: '0' };
}
