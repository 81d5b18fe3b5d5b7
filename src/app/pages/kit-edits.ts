/**
 * Edits to kit documents, kept in this browser only (localStorage, `ballast:kit-edits`),
 * so a founder can fill the placeholders and adjust wording before download or print.
 */

const KEY = 'ballast:kit-edits';

export interface KitEdit {
  markdown: string;
  /** ISO time of the last change. */
  savedAt: string;
  /** The generated-at time of the document the edit started from. */
  basedOn: string;
}

function readAll(): Record<string, KitEdit> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, KitEdit>) : {};
  } catch {
    return {};
  }
}

export function loadKitEdit(id: string): KitEdit | null {
  const e = readAll()[id];
  return e && typeof e.markdown === 'string' ? e : null;
}

export function saveKitEdit(id: string, edit: KitEdit): void {
  localStorage.setItem(KEY, JSON.stringify({ ...readAll(), [id]: edit }));
}

export function clearKitEdit(id: string): void {
  const all = readAll();
  delete all[id];
  localStorage.setItem(KEY, JSON.stringify(all));
}
