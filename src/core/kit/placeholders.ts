/**
 * Placeholders in kit documents: text the operator must replace before a document goes
 * to a client, written [[like this]]. The router writes them, the Kit page highlights
 * and lists them before export, and any edit is checked again.
 */

const PLACEHOLDER = /\[\[([^\[\]\n]{1,300})\]\]/g;

/** A placeholder as written in a document. */
export function placeholder(text: string): string {
  return `[[${text}]]`;
}

/**
 * Every placeholder left in `text`, in order, without brackets.
 *
 * @example findPlaceholders('We missed it: [[describe the fix]].') // ['describe the fix']
 */
export function findPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}

/** `html` with each placeholder wrapped in <mark class="placeholder"> (the text is already escaped HTML). */
export function markPlaceholders(html: string): string {
  return html.replace(PLACEHOLDER, (m) => `<mark class="placeholder">${m}</mark>`);
}
