/**
 * Kit Markdown -> a standalone, printable HTML page (print to PDF from the browser).
 * Shared by the router, which serves each document, and the Kit page, which renders a
 * document the operator edited, so both print the same.
 */
import { Marked } from 'marked';
import { markPlaceholders } from './placeholders.js';

// Raw HTML in the Markdown (a model or feature name, say) is shown as text, never run;
// a link is kept only to http(s), mailto or the same page; images never load (printing
// must not call anyone).
const SAFE_HREF = /^(https?:|mailto:|#)/i;
const marked = new Marked({
  gfm: true,
  renderer: {
    html: ({ text }) => escapeHtml(text),
    link: ({ href, text }) => (SAFE_HREF.test(href) ? false : escapeHtml(text)),
    image: ({ text }) => escapeHtml(text),
  },
});

const PRINT_CSS = `
:root { color-scheme: light; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; max-width: 50rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; } h2 { font-size: 1.15rem; margin-top: 1.6rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; margin: .75rem 0; font-size: .95em; }
th, td { border: 1px solid #bbb; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
blockquote { margin: .75rem 0; padding: .25rem 1rem; border-left: 4px solid #1f6feb; background: #f5f8ff; }
code, pre { font: .9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: #f6f6f6; padding: .75rem; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
.missed { color: #b00020; }
mark.placeholder { background: #ffe08a; color: #111; outline: 2px dashed #8a5a00; }
@page { margin: 18mm 16mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; }
  h2 { break-after: avoid; } table, pre, blockquote { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}`;

/** The body HTML of kit Markdown: misses and placeholders marked. */
export function kitBodyHtml(markdown: string): string {
  const html = marked.parse(markdown, { async: false }).replaceAll('<strong>MISSED</strong>', '<strong class="missed">MISSED</strong>');
  return markPlaceholders(html);
}

/**
 * A standalone printable page for kit Markdown.
 *
 * @example printableHtml('# SLO one-pager\n\n…', 'SLO one-pager') // '<!doctype html>…'
 */
export function printableHtml(markdown: string, title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ballast">
<title>${escapeHtml(title)} (ballast SLO kit)</title>
<style>${PRINT_CSS}</style>
</head>
<body>
<main>
${kitBodyHtml(markdown)}</main>
</body>
</html>
`;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
