/**
 * Form responses are identified by what they are, never by where they sit (DESIGN §2): staff delete spam
 * rows, sort and rename the responses tab, and a re-created form starts a new tab. A response's identity
 * is its timestamp and a fingerprint of its answers, in the order of the tab's columns (Forms never
 * reorders them; new questions are added at the right, which leaves older rows' fingerprints alone).
 * Two responses with the same answers in the same second are taken as one: a double-click on Submit.
 *
 * The intake ledger records which responses are cases, keyed by the response's UTC day so that each
 * value stays small (Apps Script allows 9 KB per property) and old days can be dropped: the daily
 * recovery only looks back RECOVERY_WINDOW_DAYS, so days older than LEDGER_KEEP_DAYS are never consulted.
 *
 * Pure: the shell reads the properties and the response rows, and writes what these functions return.
 */

export const RECOVERY_WINDOW_DAYS = 30;
export const LEDGER_KEEP_DAYS = RECOVERY_WINDOW_DAYS + 5;
/** Script property holding the instant the script started counting responses (earlier ones are not cases). */
export const SINCE_KEY = 'intake:since';
const DAY_PREFIX = 'intake:day:';
/** Below Apps Script's 9 KB per value, with room for one more entry. */
const SHARD_LIMIT = 8_000;

export interface ResponseIdentity {
  /** The response's own timestamp, to the second: when the complaint was received. */
  at: Date;
  /** 11 base-36 characters over the timestamp and the answers. */
  hash: string;
  /** UTC day of `at` (YYYY-MM-DD): which ledger entry holds it. */
  day: string;
  /** What staff see in the Cases tab's Response ID column: the timestamp, then the fingerprint. */
  id: string;
}

/** cyrb53: a fast 53-bit string hash, plenty to tell apart responses that share a second. */
function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

function isDateValue(value: unknown): value is Date {
  return (
    Object.prototype.toString.call(value) === '[object Date]' && !Number.isNaN((value as Date).getTime())
  );
}

/** One answer cell as canonical text: how it was stored must not change the fingerprint. */
function answerText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (isDateValue(cell)) return cell.toISOString();
  return String(cell).trim();
}

/** The answers of a response row (every cell after the timestamp), trailing blanks dropped. */
export function canonicalAnswers(answers: readonly unknown[]): string[] {
  const out = answers.map(answerText);
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** True when a response row has no answer at all (a blank event, or a row staff cleared). */
export function isBlankResponse(answers: readonly unknown[]): boolean {
  return canonicalAnswers(answers).length === 0;
}

/**
 * The identity of a response row: its timestamp cell and its answer cells, as read from the tab. Null
 * when the timestamp is not a date (nothing reliable to identify it by).
 */
export function responseIdentity(timestamp: unknown, answers: readonly unknown[]): ResponseIdentity | null {
  if (!isDateValue(timestamp)) return null;
  // Whole seconds: a date read back from a cell may carry a rounding error below that.
  const seconds = Math.round(timestamp.getTime() / 1000);
  const at = new Date(seconds * 1000);
  const text = [String(seconds), ...canonicalAnswers(answers)].join('\u001f');
  const hash = hash53(text).toString(36).padStart(11, '0');
  const iso = at.toISOString().replace('.000Z', 'Z');
  return { at, hash, day: iso.slice(0, 10), id: `${iso} ${hash}` };
}

/** A response already given a reference; `complete` once its row, letters and audit entry are written. */
export interface LedgerEntry {
  reference: string;
  complete: boolean;
}

type Shard = Record<string, [string, 0 | 1]>;

function parseShard(value: string | undefined): Shard {
  if (!value) return {};
  try {
    const parsed = JSON.parse(value) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Shard) : {};
  } catch {
    return {};
  }
}

function shardKeys(props: Readonly<Record<string, string>>, day: string): string[] {
  const base = `${DAY_PREFIX}${day}`;
  return Object.keys(props)
    .filter((k) => k === base || k.startsWith(`${base}#`))
    .sort((a, b) => a.length - b.length || a.localeCompare(b));
}

/** What the ledger knows of a response: nothing (never started), started, or complete. */
export function ledgerEntry(
  props: Readonly<Record<string, string>>,
  identity: ResponseIdentity,
): LedgerEntry | null {
  for (const key of shardKeys(props, identity.day)) {
    const entry = parseShard(props[key])[identity.hash];
    if (Array.isArray(entry) && typeof entry[0] === 'string')
      return { reference: entry[0], complete: entry[1] === 1 };
  }
  return null;
}

/** The one property to write to record (or update) a response's entry. */
export function ledgerWrite(
  props: Readonly<Record<string, string>>,
  identity: ResponseIdentity,
  entry: LedgerEntry,
): { key: string; value: string } {
  const keys = shardKeys(props, identity.day);
  const value: [string, 0 | 1] = [entry.reference, entry.complete ? 1 : 0];
  const holding = keys.find((k) => identity.hash in parseShard(props[k]));
  const target =
    holding ??
    keys.find((k) => (props[k] ?? '').length < SHARD_LIMIT) ??
    (keys.length === 0 ? `${DAY_PREFIX}${identity.day}` : `${DAY_PREFIX}${identity.day}#${keys.length}`);
  const shard = parseShard(props[target]);
  shard[identity.hash] = value;
  return { key: target, value: JSON.stringify(shard) };
}

/** Ledger days the recovery can no longer reach, to delete. */
export function staleLedgerKeys(props: Readonly<Record<string, string>>, now: Date): string[] {
  const oldest = new Date(now.getTime() - LEDGER_KEEP_DAYS * 86_400_000).toISOString().slice(0, 10);
  return Object.keys(props).filter(
    (k) => k.startsWith(DAY_PREFIX) && k.slice(DAY_PREFIX.length, DAY_PREFIX.length + 10) < oldest,
  );
}

/** Responses older than this are not looked at by the recovery (their ledger days may be gone). */
export function recoveryCutoff(since: Date, now: Date): Date {
  return new Date(Math.max(since.getTime(), now.getTime() - RECOVERY_WINDOW_DAYS * 86_400_000));
}
