/**
 * Filling a template: `{{placeholder}}` replaced by its value. The plain-text body is sent as written;
 * the HTML body escapes every character of the letter (values and staff-edited template text alike), so a
 * name such as `<script>` arrives as text, never as markup.
 */
import { KIND_INFO, PLACEHOLDERS, type KindInfo, type LetterKind, type LetterTemplate } from './kinds';
import type { Language } from '../model';

export { defaultTemplates } from './defaults';

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** Plain text to simple HTML: blank lines make paragraphs, single line breaks stay. */
export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/**
 * A line that is wholly `[ ... ]`: guidance for staff in a draft (the default outcome, appeal outcome and
 * progress update letters have one), to be replaced before the letter may be approved or sent.
 */
const GUIDANCE_LINE = /^[ \t]*\[[^\n]*\][ \t]*$/m;

export function hasStaffGuidance(text: string): boolean {
  return GUIDANCE_LINE.test(text.replace(/\r\n?/g, '\n'));
}

/** Plain words for staff: why a letter with guidance in it was not approved or sent. */
export const GUIDANCE_REFUSAL =
  'This letter still has guidance for staff in square brackets. Replace the [bracketed] line with what you want to say in the Body, then set Status to approved.';

function fill(text: string, values: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => values[name] ?? '');
}

/** Collapses the blank lines an empty sentence placeholder leaves behind. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function renderLetter(
  template: Pick<LetterTemplate, 'subject' | 'body'>,
  values: Record<string, string>,
): { subject: string; text: string; html: string } {
  const text = tidy(fill(template.body, values));
  return {
    subject: fill(template.subject, values)
      .replace(/\s*\n\s*/g, ' ')
      .trim(),
    text,
    html: textToHtml(text),
  };
}

/** The template for a letter: staff's version if present, else the default; Welsh falls back to English. */
export function pickTemplate(
  templates: readonly LetterTemplate[],
  kind: LetterKind,
  language: Language,
  variant: string,
): LetterTemplate | undefined {
  const find = (lang: Language, v: string) =>
    templates.find((t) => t.kind === kind && t.language === lang && t.variant === v);
  return find(language, variant) ?? find(language, '') ?? find('en', variant) ?? find('en', '');
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(
        d[i - 1]![j]! + 1,
        d[i]![j - 1]! + 1,
        d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
  return d[a.length]![b.length]!;
}

/** Problems with one template, in plain English for staff; empty when it is fine to use. */
export function checkTemplate(kind: string, template: Pick<LetterTemplate, 'subject' | 'body'>): string[] {
  const problems: string[] = [];
  const known = Object.keys(PLACEHOLDERS);
  const info = (KIND_INFO as Record<string, KindInfo | undefined>)[kind];
  const text = `${template.subject}\n${template.body}`;
  if (!info) problems.push(`"${kind}" is not a kind of letter we send.`);
  if (!template.subject.trim()) problems.push('The subject is empty.');
  if (!template.body.trim()) problems.push('The letter is empty.');
  const used = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER)) {
    const name = m[1]!;
    if (used.has(name)) continue;
    used.add(name);
    if (!known.includes(name)) {
      const near = known
        .map((k) => ({ k, d: distance(k.toLowerCase(), name.toLowerCase()) }))
        .filter((x) => x.d <= 2)
        .sort((a, b) => a.d - b.d)[0]?.k;
      problems.push(`{{${name}}} is not a placeholder we know${near ? ` (did you mean {{${near}}}?)` : ''}.`);
    } else if (info && !info.placeholders.includes(name)) {
      problems.push(`{{${name}}} has no value in this kind of letter, so it would come out blank.`);
    }
  }
  // Counted after removing well-formed placeholders, so "{{ name }" or "{name}}" is caught too.
  const rest = text.replace(PLACEHOLDER, '');
  if (/\{\{|\}\}/.test(rest)) problems.push('Some {{ and }} do not pair up.');
  for (const r of info?.required ?? []) if (!used.has(r)) problems.push(`It must include {{${r}}}.`);
  return problems;
}

export function checkTemplates(
  templates: readonly LetterTemplate[],
): { kind: string; language: string; variant: string; problems: string[] }[] {
  return templates
    .map((t) => ({
      kind: t.kind,
      language: t.language,
      variant: t.variant,
      problems: checkTemplate(t.kind, t),
    }))
    .filter((r) => r.problems.length > 0);
}
