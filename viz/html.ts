import { createHash } from 'node:crypto';

// The self-contained page: styles, d3, the page scripts and the data in one HTML file. All text
// from a results folder (scenario names, descriptions, labels) reaches the page either escaped
// here or as JSON that the page writes with textContent, never as markup.

/** Text for an HTML element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const SCRIPT_UNSAFE = /[<>&\u2028\u2029]/g;
const SCRIPT_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/**
 * JSON that can sit inside a <script> element: every `<` becomes \u003c, so neither `</script>`
 * nor `<!--` can end or confuse the element, and U+2028/U+2029 are escaped for older parsers.
 * JSON.parse of the element's text gives the original value back.
 */
export function jsonForScript(value: unknown): string {
  // One pass over the text (a run's report data is megabytes), each character by its escape.
  return JSON.stringify(value).replace(SCRIPT_UNSAFE, (c) => SCRIPT_ESCAPES[c]);
}

/** Script text that cannot close its own element (d3 and the page code contain no such text, but check). */
function safeScript(code: string, name: string): string {
  if (/<\/script/i.test(code) || /<!--/.test(code)) throw new Error(`${name}: contains "</script" or "<!--", cannot be inlined`);
  return code;
}

export interface PageParts {
  title: string;
  css: string;
  /** scripts in load order: name (for error messages), code and, for a script the page reads as text, an element id */
  scripts: { name: string; code: string; id?: string }[];
  data: unknown;
  /** the page's root element and data element (the report's by default) */
  rootId?: string;
  dataId?: string;
  /** what the page says when scripts are blocked */
  noscript?: string;
  /** allow Web Workers started from the page's own blob: URLs (the explorer runs replicates in them) */
  workers?: boolean;
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * The HTML page. Its Content-Security-Policy allows only the page's own inline scripts (by hash)
 * and no network at all: an injected `onerror=` attribute or `<script>` could not run, and the
 * report can never fetch anything, even if a future chart tried to.
 */
export function renderPage(parts: PageParts): string {
  const scripts = parts.scripts.map((s) => safeScript(s.code, s.name));
  const rootId = parts.rootId ?? 'report';
  const dataId = parts.dataId ?? 'report-data';
  const csp = [
    "default-src 'none'",
    `script-src ${scripts.map(sha256).join(' ')}`,
    // A worker's script is a blob: the page made from its own (hashed) script; blob: is no network.
    ...(parts.workers ? ['worker-src blob:'] : []),
    "style-src 'unsafe-inline'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(parts.title)}</title>`,
    `<style>\n${parts.css}\n</style>`,
    '</head>',
    '<body>',
    `<noscript><p>${escapeHtml(parts.noscript ?? 'This report draws its tables and charts with JavaScript; please allow scripts for this file.')}</p></noscript>`,
    `<main id="${escapeHtml(rootId)}"></main>`,
    `<script type="application/json" id="${escapeHtml(dataId)}">${jsonForScript(parts.data)}</script>`,
    ...scripts.map((code, i) => (parts.scripts[i].id ? `<script id="${escapeHtml(parts.scripts[i].id!)}">${code}</script>` : `<script>${code}</script>`)),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
