/**
 * The one-line Summary the Cases tab shows beside who complained and about what, so a row says what the
 * complaint is without opening the long "What happened" cell.
 */

/** How long a summary may be before it is cut; about what a 320 px column shows in one line. */
export const SUMMARY_CHARS = 80;

/**
 * The first non-blank line of `text` with runs of whitespace made single spaces, cut at the last word
 * boundary before `limit` characters and marked with "…" when cut. A single word longer than the limit is
 * cut mid-word rather than dropped.
 */
export function oneLineSummary(text: string, limit = SUMMARY_CHARS): string {
  const line =
    text
      .split(/\r?\n|\r/)
      .map((l) => l.replace(/\s+/g, ' ').trim())
      .find((l) => l !== '') ?? '';
  if (line.length <= limit) return line;
  const room = [...line].slice(0, limit - 1).join('');
  const space = room.lastIndexOf(' ');
  const cut = space > limit / 2 ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,;:.–-]+$/, '')}…`;
}
