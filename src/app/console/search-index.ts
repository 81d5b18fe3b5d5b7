/**
 * Full-text search over every thread's prompts and answers: one MiniSearch index with a
 * document per turn, rebuilt when the threads change (threads are few and small; a
 * rebuild of 2,000 turns takes tens of milliseconds, see docs/BENCHMARKS.md).
 */
import MiniSearch from 'minisearch';
import type { Thread } from './thread-types.js';

export interface SearchHit {
  threadId: string;
  turnId: string;
  title: string;
  /** Where the words were found. */
  field: 'prompt' | 'answer' | 'title';
  /** A short passage around the first match. */
  excerpt: string;
  score: number;
}

interface Doc {
  id: string;
  threadId: string;
  title: string;
  prompt: string;
  answer: string;
}

export class ThreadSearch {
  private readonly index = new MiniSearch<Doc>({
    fields: ['title', 'prompt', 'answer'],
    storeFields: ['threadId', 'title', 'prompt', 'answer'],
    searchOptions: { prefix: true, fuzzy: 0.15, combineWith: 'AND', boost: { title: 2, prompt: 1.5 } },
  });

  constructor(threads: readonly Thread[]) {
    const docs: Doc[] = [];
    for (const t of threads) for (const u of t.turns) docs.push({ id: `${t.id}/${u.id}`, threadId: t.id, title: t.title, prompt: u.prompt, answer: u.text });
    this.index.addAll(docs);
  }

  /**
   * @example
   *   new ThreadSearch(threads).search('invoice', 20); // turns whose prompt or answer says "invoice"
   */
  search(query: string, limit = 20): SearchHit[] {
    if (query.trim() === '') return [];
    return this.index.search(query).slice(0, limit).map((r) => {
      const doc = r as unknown as Doc & { score: number; match: Record<string, string[]> };
      const fields = new Set(Object.values(doc.match).flat());
      const field: SearchHit['field'] = fields.has('prompt') ? 'prompt' : fields.has('answer') ? 'answer' : 'title';
      const terms = Object.keys(doc.match);
      const text = field === 'title' ? doc.title : field === 'prompt' ? doc.prompt : doc.answer;
      return { threadId: doc.threadId, turnId: doc.id.slice(doc.threadId.length + 1), title: doc.title, field, excerpt: excerptAround(text, terms), score: doc.score };
    });
  }
}

/** About 120 characters of `text` around the first of `terms` found. */
export function excerptAround(text: string, terms: string[], width = 120): string {
  const lower = text.toLowerCase();
  const at = Math.min(...terms.map((t) => lower.indexOf(t.toLowerCase())).filter((i) => i >= 0), text.length);
  const start = Math.max(0, (at === text.length ? 0 : at) - width / 3);
  const piece = text.slice(start, start + width).replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${piece}${start + width < text.length ? '…' : ''}`;
}
