/**
 * Making untrusted text safe to store in a spreadsheet cell without changing what the person wrote.
 */

// C0 controls except tab, line feed and carriage return; DEL; C1 controls. Line breaks and tabs are
// part of what people write; the rest are invisible and can corrupt a cell or a letter.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

// Sheets and Excel read a cell as a formula when it starts with one of these, possibly after
// whitespace; tab and carriage return at the very start are the classic CSV-injection prefixes too.
const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@])/;

/**
 * Removes control characters (other than tabs and line breaks) and makes formula-like text literal by
 * prefixing an apostrophe, which Sheets stores as "this is text" and does not display. Idempotent:
 * a string that already starts with an apostrophe is never prefixed again.
 */
export function sanitiseText(value: string): string {
  const cleaned = value.replace(CONTROL, '');
  return FORMULA_START.test(cleaned) ? `'${cleaned}` : cleaned;
}

/** True when the text would be read as a formula if written to a cell as it is. */
export function looksLikeFormula(value: string): boolean {
  return FORMULA_START.test(value);
}

/** Google Sheets refuses to store more than this many characters in one cell. */
export const MAX_CELL_CHARS = 50_000;

export const TRUNCATED_NOTE = ' [truncated: full text in the form response]';

/**
 * Text cut so that it fits in `limit` characters, the cut marked with a note staff can read. Cuts on a
 * code point boundary so no half of an emoji is left behind.
 */
export function fitText(text: string, limit = MAX_CELL_CHARS, note = TRUNCATED_NOTE): string {
  if (text.length <= limit) return text;
  let end = Math.max(0, limit - note.length);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end) + note;
}
