// The console's search over its conversations (src/app/console/search-index.ts, MiniSearch):
// 2,000 messages (1,000 turns: a prompt and an answer of ~120 words each, in 100 threads).
// The index is built once (on the first search) and then kept in step: a changed thread is
// re-indexed alone. A search is a query on that index. Target: under 50 ms for a search
// on 2,000 messages.
// Run: npx vitest bench --run tests/bench/console-search.bench.ts
import { bench, describe } from 'vitest';
import { ThreadSearch } from '../../src/app/console/search-index.js';
import type { Thread, Turn } from '../../src/app/console/thread-types.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const rand = rng(42);
// a 3,000-word vocabulary of pronounceable words, so the index has realistic fan-out
const syllables = ['ka', 'lo', 'mi', 'ren', 'tus', 'va', 'po', 'dri', 'sel', 'nor', 'ba', 'qui', 'fen', 'gar', 'hol', 'jes'];
const vocab = Array.from({ length: 3000 }, () => Array.from({ length: 2 + Math.floor(rand() * 3) }, () => syllables[Math.floor(rand() * syllables.length)]).join(''));
const words = (n: number) => Array.from({ length: n }, () => vocab[Math.floor(Math.pow(rand(), 2) * vocab.length)]).join(' ');

const threads: Thread[] = Array.from({ length: 100 }, (_, i) => {
  const turns: Turn[] = Array.from({ length: 10 }, (_, j) => ({
    id: `t${i}-${j}`,
    prompt: words(18),
    options: { group: 'default', feature: '', promptVersion: '', stream: true, cache: 'default' },
    sentAt: 1_795_000_000_000 + i * 1000 + j,
    text: words(120),
    pending: false,
    queued: false,
    meta: null,
    status: 200,
    latencyMs: 100,
    ttftMs: 50,
    error: null,
  }));
  return { id: `thread-${i}`, title: words(5), system: '', createdAt: 1_795_000_000_000 + i, updatedAt: 1_795_000_000_000 + i, turns };
});

const messages = threads.reduce((n, t) => n + t.turns.length * 2, 0);
const index = new ThreadSearch(threads);
const queries = Array.from({ length: 50 }, (_, i) => (i % 3 === 0 ? `${vocab[i * 7]} ${vocab[i * 13]}` : i % 3 === 1 ? vocab[i * 11]!.slice(0, 4) : vocab[i * 17]!));
let q = 0;

describe(`console search over ${messages} messages`, () => {
  bench('one query on the built index (a keystroke)', () => {
    index.search(queries[q++ % queries.length]!, 20);
  });
  bench('a new turn in one thread: re-index it, then one query (search while chatting)', () => {
    const i = q % threads.length;
    const t = threads[i]!;
    threads[i] = { ...t, turns: [...t.turns.slice(0, -1), { ...t.turns.at(-1)!, text: words(120) }] };
    index.sync(threads);
    index.search(queries[q++ % queries.length]!, 20);
  });
  bench('build the whole index (once, on the first search)', () => {
    new ThreadSearch(threads);
  });
});
