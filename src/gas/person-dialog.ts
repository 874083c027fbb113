/**
 * The dialog that shows a subject access search (subject-access.ts) and builds the download in the
 * browser: a JSON or CSV file made from the data already in the page, so the script needs no Drive
 * scope and nothing is written anywhere but the person's own download.
 */
import type { PersonSearch } from './subject-access';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON safe inside a script element: no "</script>" or "<!--" can end it early. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

const MARK: Record<string, string> = {
  yes: 'Names someone else',
  may: 'May name someone else',
  '': '',
};

export function personDialogHtml(query: string, result: PersonSearch, day: string): string {
  const sections = result.records
    .map(
      (r) => `<section>
  <h3>${escapeHtml(r.kind)}${r.reference ? ` ${escapeHtml(r.reference)}` : ''} <span class="rel">${escapeHtml(r.relation)}</span></h3>
  <table><tbody>${r.fields
    .map(
      (f) =>
        `<tr><th scope="row">${escapeHtml(f.field)}</th><td>${escapeHtml(f.value).replace(/\n/g, '<br>')}</td><td class="mark">${
          f.namesOthers ? `<span class="${f.namesOthers}">${MARK[f.namesOthers]}</span>` : ''
        }</td></tr>`,
    )
    .join('')}</tbody></table>
</section>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><base target="_top">
<style>
  body { font: 14px/1.4 Arial, sans-serif; color: #202124; margin: 0 16px 16px; }
  h2 { font-size: 16px; margin: 12px 0 4px; }
  h3 { font-size: 14px; margin: 16px 0 4px; border-top: 1px solid #dadce0; padding-top: 8px; }
  .rel { font-weight: normal; color: #5f6368; margin-left: 8px; }
  table { border-collapse: collapse; width: 100%; }
  th { text-align: left; vertical-align: top; width: 28%; font-weight: normal; color: #5f6368; padding: 2px 8px 2px 0; }
  td { vertical-align: top; padding: 2px 8px 2px 0; word-break: break-word; }
  td.mark { width: 22%; }
  .yes { background: #fce8e6; color: #a50e0e; padding: 0 4px; border-radius: 3px; }
  .may { background: #fef7e0; color: #7a4f01; padding: 0 4px; border-radius: 3px; }
  .actions { position: sticky; top: 0; background: #fff; padding: 8px 0; border-bottom: 1px solid #dadce0; }
  button { font: inherit; padding: 6px 12px; margin-right: 8px; cursor: pointer; }
  p.note { color: #5f6368; }
</style></head>
<body>
<div class="actions">
  <h2>Everything we hold about “${escapeHtml(query)}”</h2>
  <p>${escapeHtml(result.message)}</p>
  ${
    result.records.length
      ? '<button type="button" id="json">Download as JSON</button><button type="button" id="csv">Download as CSV</button>'
      : ''
  }
</div>
<p class="note">Before you release anything, check every field marked “Names someone else” or “May name someone else” and redact other people’s personal data.</p>
${sections}
<script>
  var DATA = ${scriptJson({ query, searchedOn: day, ...result })};
  function save(name, type, text) {
    var a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: type }));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  // A value a spreadsheet would run as a formula (=, +, -, @ first) is kept as text with a leading '.
  function cell(v) {
    v = String(v == null ? '' : v);
    if (/^[=+\\-@\\t\\r]/.test(v)) v = "'" + v;
    return /[",\\n\\r]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  function csv() {
    var lines = [['Record', 'Reference', 'About the person as', 'Field', 'Value', 'Names others'].join(',')];
    DATA.records.forEach(function (r) {
      r.fields.forEach(function (f) {
        lines.push([r.kind, r.reference, r.relation, f.field, f.value, f.namesOthers].map(cell).join(','));
      });
    });
    return lines.join('\\r\\n');
  }
  var file = 'subject-access-' + DATA.searchedOn;
  var j = document.getElementById('json');
  if (j) j.onclick = function () { save(file + '.json', 'application/json', JSON.stringify(DATA, null, 2)); };
  var c = document.getElementById('csv');
  if (c) c.onclick = function () { save(file + '.csv', 'text/csv', '\\ufeff' + csv()); };
</script>
</body></html>`;
}
