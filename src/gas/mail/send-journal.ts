/**
 * The sender's journal: what each letter of a run's batch had reached when the run last wrote it down, so
 * a run that dies is settled without sending anything twice (sender.ts).
 *
 * One property write per letter, before its MailApp call. A run writes its batch's keys once, with its
 * lease, then keeps one positional log: before each send the log is written with this letter marked
 * `attempt` and the outcome of the letter before it, so the write that must precede a send also records
 * the previous one. After the last send the log is written once more. That is two service calls per
 * letter (this write and MailApp) where one property per mark and per outcome took four.
 *
 * A log entry is blank (not tried), `a` (in MailApp when last written), `n` (MailApp refused it: not
 * sent) or `s` and the milliseconds after the run's start, in base 36, when MailApp returned. A letter
 * whose `n` or `s` had not yet been written when the run died reads as `a`: it is settled as "may have
 * gone", never resent.
 *
 * Offices upgrade while letters are in flight, so the earlier format, one `mail:<letter key>` property
 * per letter holding `attempt` or `sent:<time>`, is still read and settled.
 */
export const JOURNAL_PREFIX = 'mail:';
/** A run's properties: `mail:run:<id>:keys:<n>` and `mail:run:<id>:log`. Letter keys contain "|", these never do. */
const RUN_PREFIX = `${JOURNAL_PREFIX}run:`;
/** Below Apps Script's 9 KB per property value, with room for the key's own length. */
const CHUNK_CHARS = 8_000;

type Stored = Readonly<Record<string, string>>;

export interface RunJournal {
  readonly id: string;
  /** Milliseconds of the run's start: sent times in the log count from it. */
  readonly start: number;
  readonly keys: readonly string[];
  readonly logProperty: string;
  /** Every property the run wrote, to drop together once its outcomes are in the sheet. */
  readonly properties: readonly string[];
}

/** What a dead run's journal says of a letter: `attempt`, or `sent:<milliseconds>`. */
export type JournalEntry = string;

function chunks(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += CHUNK_CHARS) out.push(text.slice(i, i + CHUNK_CHARS));
  return out.length > 0 ? out : [''];
}

/** A new run's journal and the properties to write with its lease (one setProperties). */
export function newRunJournal(
  start: number,
  keys: readonly string[],
): { run: RunJournal; props: Record<string, string> } {
  const id = start.toString(36);
  const parts = chunks(keys.join('\n'));
  const props: Record<string, string> = {};
  parts.forEach((part, n) => (props[`${RUN_PREFIX}${id}:keys:${n}`] = part));
  const logProperty = `${RUN_PREFIX}${id}:log`;
  props[logProperty] = '';
  return { run: { id, start, keys, logProperty, properties: Object.keys(props) }, props };
}

/** The log as written: one entry per letter of the batch, in batch order. */
export class RunLog {
  private readonly entries: string[];
  private written = '';

  constructor(private readonly run: RunJournal) {
    this.entries = run.keys.map(() => '');
  }

  attempt(i: number): void {
    this.entries[i] = 'a';
  }

  refused(i: number): void {
    this.entries[i] = 'n';
  }

  sent(i: number, at: number): void {
    this.entries[i] = `s${Math.max(0, at - this.run.start).toString(36)}`;
  }

  /** Writes the log when it says something the stored one does not (one setProperty, or none). */
  save(props: GoogleAppsScript.Properties.Properties): void {
    const text = this.entries.join(',');
    if (text === this.written) return;
    props.setProperty(this.run.logProperty, text);
    this.written = text;
  }
}

/** The journals of runs that wrote one, read from every script property (one getProperties). */
export function runJournals(stored: Stored): RunJournal[] {
  const byId = new Map<string, { keyChunks: Map<number, string>; properties: string[] }>();
  for (const name of Object.keys(stored)) {
    if (!name.startsWith(RUN_PREFIX)) continue;
    const [id = '', part = '', n = ''] = name.slice(RUN_PREFIX.length).split(':');
    const run = byId.get(id) ?? { keyChunks: new Map<number, string>(), properties: [] };
    byId.set(id, run);
    run.properties.push(name);
    if (part === 'keys') run.keyChunks.set(Number(n), stored[name] ?? '');
  }
  return [...byId].map(([id, { keyChunks, properties }]) => {
    const text = [...keyChunks]
      .sort(([a], [b]) => a - b)
      .map(([, chunk]) => chunk)
      .join('');
    return {
      id,
      start: parseInt(id, 36) || 0,
      keys: text === '' ? [] : text.split('\n'),
      logProperty: `${RUN_PREFIX}${id}:log`,
      properties,
    };
  });
}

/**
 * Every letter a journal speaks of, in either format: letter key → `attempt` or `sent:<milliseconds>`.
 * Letters a run never reached, or that MailApp refused, are absent: they were not sent.
 */
export function journalEntries(stored: Stored): Map<string, JournalEntry> {
  const entries = new Map<string, JournalEntry>();
  for (const [name, value] of Object.entries(stored)) {
    if (name.startsWith(JOURNAL_PREFIX) && !name.startsWith(RUN_PREFIX))
      entries.set(name.slice(JOURNAL_PREFIX.length), value);
  }
  for (const run of runJournals(stored)) {
    const log = (stored[run.logProperty] ?? '').split(',');
    run.keys.forEach((key, i) => {
      const entry = log[i] ?? '';
      if (entry === 'a') entries.set(key, 'attempt');
      else if (entry.startsWith('s'))
        entries.set(key, `sent:${run.start + (parseInt(entry.slice(1), 36) || 0)}`);
    });
  }
  return entries;
}

/** The property of a letter's entry in the earlier, one-property-per-letter format, if it has one. */
export function legacyEntryProperty(stored: Stored, key: string): string | null {
  const name = JOURNAL_PREFIX + key;
  return name in stored ? name : null;
}

/** Whether any journal, of either format, is in the store. */
export function hasJournal(stored: Stored): boolean {
  return Object.keys(stored).some((k) => k.startsWith(JOURNAL_PREFIX));
}
