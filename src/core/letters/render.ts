/**
 * Filling a template: `{{placeholder}}` replaced by its value. The plain-text body is sent as written;
 * the HTML body escapes every character of the letter (values and staff-edited template text alike), so a
 * name such as `<script>` arrives as text, never as markup.
 */
import { KIND_INFO, PLACEHOLDERS, type LetterKind, type LetterTemplate } from './kinds';
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

/** Problems with one template, in plain English for staff. */
export function checkTemplate(template: Pick<LetterTemplate, 'kind' | 'subject' | 'body'>): string[] {
  const problems: string[] = [];
  const known = Object.keys(PLACEHOLDERS);
  const text = `${template.subject}\n${template.body}`;
  if (!template.subject.trim()) problems.push('The subject is empty.');
  if (!template.body.trim()) problems.push('The letter is empty.');
  const used = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER)) {
    const name = m[1]!;
    used.add(name);
    if (!known.includes(name)) {
      const near = known.find((k) => distance(k.toLowerCase(), name.toLowerCase()) <= 2);
      problems.push(`{{${name}}} is not a placeholder we know${near ? ` (did you mean {{${near}}}?)` : ''}.`);
    }
  }
  const opens = (text.match(/\{\{/g) ?? []).length;
  const closes = (text.match(/\}\}/g) ?? []).length;
  if (opens !== closes) problems.push('Some {{ and }} do not pair up.');
  const info = KIND_INFO[template.kind as LetterKind];
  if (info) {
    for (const r of info.required) if (!used.has(r)) problems.push(`It must include {{${r}}}.`);
  } else {
    problems.push(`"${template.kind}" is not a kind of letter we send.`);
  }
  return problems;
}

export function checkTemplates(
  templates: readonly LetterTemplate[],
): { kind: string; language: string; variant: string; problems: string[] }[] {
  return templates
    .map((t) => ({ kind: t.kind, language: t.language, variant: t.variant, problems: checkTemplate(t) }))
    .filter((r) => r.problems.length > 0);
}
