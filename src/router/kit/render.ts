/**
 * The kit's renderer: each document's body framed with its title, the generated-at
 * line and the disclaimer, as Markdown and as printable HTML (print to PDF from the
 * browser). Every output passes through the secret scrub last.
 */
import { Marked } from 'marked';
import type { KitDocument } from './documents/types.js';
import type { KitData } from './kit-data.js';
import { scrubSecrets } from '../secrets/scrub.js';

export const DISCLAIMER =
  'This document is template language, not legal advice. Have your counsel review it before you ship it to clients.';

/** The document as Markdown, framed and scrubbed of `secrets`. */
export function renderMarkdown(doc: KitDocument, data: KitData, secrets: readonly string[] = []): string {
  const emulated = data.providers.some((p) => p.emulated);
  const md = `# ${doc.title}

_Generated ${data.generatedAt} by ballast from the live configuration and the measured figures.${emulated ? ' The providers are **emulated**: these figures come from the emulator, not from real models.' : ''}_

> **Disclaimer:** ${DISCLAIMER}

${doc.render(data).trim()}

---

_${DISCLAIMER} Generated ${data.generatedAt}._
`;
  return scrubSecrets(md, secrets);
}

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
@page { margin: 18mm 16mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; }
  h2 { break-after: avoid; } table, pre, blockquote { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}`;

/** The document as a standalone, printable HTML page, scrubbed of `secrets`. */
export function renderHtml(doc: KitDocument, data: KitData, secrets: readonly string[] = []): string {
  const body = marked.parse(renderMarkdown(doc, data, secrets), { async: false }).replaceAll('<strong>MISSED</strong>', '<strong class="missed">MISSED</strong>');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ballast">
<title>${escapeHtml(doc.title)} (ballast SLO kit)</title>
<style>${PRINT_CSS}</style>
</head>
<body>
<main>
${body}</main>
</body>
</html>
`;
  return scrubSecrets(html, secrets);
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
