/**
 * Full-text search over every thread's prompts and answers: one MiniSearch index with a
 * document per turn, built once and then kept in step with the threads (only a thread
 * that changed is re-indexed), so a search costs a query, not a rebuild
 * (docs/BENCHMARKS.md, "Console search").
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

function docsOf(t: Thread): Doc[] {
  return t.turns.map((u) => ({ id: `${t.id}/${u.id}`, threadId: t.id, title: t.title, prompt: u.prompt, answer: u.text }));
}

export class ThreadSearch {
  private readonly index = new MiniSearch<Doc>({
    fields: ['title', 'prompt', 'answer'],
    storeFields: ['threadId', 'title', 'prompt', 'answer'],
    // typo tolerance only on longer words: on two- and three-letter prefixes it matches half the index
    searchOptions: { prefix: (term) => term.length >= 2, fuzzy: (term) => (term.length >= 5 ? 0.2 : false), combineWith: 'AND', boost: { title: 2, prompt: 1.5 } },
  });
  /** The thread objects indexed (threads are replaced, never mutated: a new object is a change). */
  private readonly indexed = new Map<string, Thread>();

  constructor(threads: readonly Thread[] = []) {
    this.sync(threads);
  }

  /** Re-indexes only the threads that changed, were added or went away. */
  sync(threads: readonly Thread[]): void {
    const seen = new Set<string>();
    for (const t of threads) {
      seen.add(t.id);
      const before = this.indexed.get(t.id);
      if (before === t) continue;
      if (before) for (const d of docsOf(before)) this.index.discard(d.id);
      this.index.addAll(docsOf(t));
      this.indexed.set(t.id, t);
    }
    for (const [id, t] of this.indexed) {
      if (seen.has(id)) continue;
      for (const d of docsOf(t)) this.index.discard(d.id);
      this.indexed.delete(id);
    }
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
