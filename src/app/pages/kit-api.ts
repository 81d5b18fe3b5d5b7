/**
 * The Kit page's calls: GET /api/kit and one document's Markdown and printable HTML,
 * with the admin token from the settings (the kit is an admin view).
 */
import { errorOf, getJson, routerFetch } from '../api.js';

export interface KitFigure {
  sli: string;
  value: string;
  target: string;
  verdict: 'met' | 'missed' | 'no data' | 'not enough traffic';
  /** "not enough traffic yet (28 of 100 eligible requests)" when the window is too small to judge. */
  verdictNote?: string;
  window: string;
  basis: string;
}

export interface KitIndex {
  generated_at: string;
  disclaimer: string;
  documents: Array<{ id: string; title: string; summary: string; markdown: string; html: string }>;
  figures: {
    window: string;
    eligible: number;
    rolling: KitFigure[];
    providers: Array<{ name: string; kind: string; emulated: boolean; eligible: number }>;
    /** How much of the rolling window has data; absent from routers before issue #19. */
    period?: { since: string | null; covered_ms: number; full: boolean; words: string };
    paging?: { evaluated: boolean; intervalS: number; notifiers: string[]; pages: boolean };
  };
}

export interface KitDocumentFiles {
  /** The document's body, from the printable HTML page the router renders. */
  bodyHtml: string;
  /** The generated Markdown, the starting point of an edit. */
  markdown: string;
  html: string;
}

export async function fetchKitIndex(): Promise<KitIndex> {
  return (await getJson<KitIndex>('/api/kit')).data;
}

async function text(path: string): Promise<string> {
  const res = await routerFetch(path);
  if (!res.ok) throw await errorOf(res);
  return res.text();
}

/** One document, both formats. The HTML is the router's own rendering (raw HTML in it is escaped there). */
export async function fetchKitDocument(doc: KitIndex['documents'][number]): Promise<KitDocumentFiles> {
  const [md, html] = await Promise.all([text(doc.markdown), text(doc.html)]);
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  return {
    bodyHtml: parsed.querySelector('main')?.innerHTML ?? '',
    markdown: md,
    html,
  };
}
