/**
 * The kit's renderer: each document's body framed with its title, the generated-at
 * line and the disclaimer, as Markdown and as printable HTML (print to PDF from the
 * browser). Every output passes through the secret scrub last.
 */
import { printableHtml } from '../../core/kit/printable-html.js';
import type { KitDocument } from './documents/types.js';
import type { KitData } from './kit-data.js';
import { scrubSecrets } from '../secrets/scrub.js';

export const DISCLAIMER =
  'This document is template language, not legal advice. Have your counsel review it before you ship it to clients.';

/** The document as Markdown, framed and scrubbed of `secrets`. */
export function renderMarkdown(doc: KitDocument, data: KitData, secrets: readonly string[] = []): string {
  const emulated = data.providers.filter((p) => p.emulated).map((p) => p.name);
  const md = `# ${doc.title}

_Generated ${data.generatedAt} by ballast from the live configuration and the measured figures.${emulatedNote(emulated, data.providers.length)}_

> **Disclaimer:** ${DISCLAIMER}

${doc.render(data).trim()}

---

_${DISCLAIMER} Generated ${data.generatedAt}._
`;
  return scrubSecrets(md, secrets);
}

/** The document as a standalone, printable HTML page, scrubbed of `secrets`. */
export function renderHtml(doc: KitDocument, data: KitData, secrets: readonly string[] = []): string {
  return scrubSecrets(printableHtml(renderMarkdown(doc, data, secrets), doc.title), secrets);
}

/** Said only when a provider is emulated, naming which: a real provider's figures are its own. */
function emulatedNote(emulated: readonly string[], total: number): string {
  if (emulated.length === 0) return '';
  if (emulated.length === total) return ' The providers are **emulated**: these figures come from the emulator, not from real models.';
  return ` ${emulated.join(', ')} ${emulated.length === 1 ? 'is' : 'are'} **emulated**: figures for ${emulated.length === 1 ? 'it' : 'them'} come from the emulator, not from a real model.`;
}
