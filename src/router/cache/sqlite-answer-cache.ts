/**
 * The router's answer cache in SQLite: fresh entries for `repeat`, entries of any age
 * for `fallback` and the degradation ladder. Entries are kept `max_age_days` after
 * they were written, then pruned.
 *
 * Writes are held in memory and written in one transaction every `flushMs` (and on
 * close), off the response path: one synchronous INSERT per answer cost ~0.1 ms of the
 * router's added latency. Reads see held writes at once. A crash loses at most the
 * last `flushMs` of writes, which a cache can afford.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { AnswerCache, CachedAnswer } from './types.js';

export interface SqliteAnswerCacheOptions {
  path: string;
  maxAgeDays: number;
  now?: () => number;
  /** How long a write waits to be batched (default 100 ms). */
  flushMs?: number;
}

interface HeldWrite {
  answer: Omit<CachedAnswer, 'hits'>;
  expiresAt: number;
  hits: number;
}

export class SqliteAnswerCache implements AnswerCache {
  readonly #db: Database.Database;
  readonly #now: () => number;
  readonly #maxAgeMs: number;
  readonly #get: Database.Statement<[string]>;
  readonly #hit: Database.Statement<[string]>;
  readonly #hitBy: Database.Statement<[number, string]>;
  readonly #set: Database.Statement<[string, number, number, string, string, number, string]>;
  readonly #prune: Database.Statement<[number]>;
  readonly #flushMs: number;
  readonly #held = new Map<string, HeldWrite>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #lastPrune = 0;

  constructor(options: SqliteAnswerCacheOptions) {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.#db = new Database(options.path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    this.#db.exec(`CREATE TABLE IF NOT EXISTS answers (
      key TEXT PRIMARY KEY,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      provider TEXT NOT NULL,
      model TEXT NOT NULL,
      cost_usd REAL NOT NULL,
      completion TEXT NOT NULL,
      hits INTEGER NOT NULL DEFAULT 0
    )`);
    this.#now = options.now ?? Date.now;
    this.#maxAgeMs = options.maxAgeDays * 86_400_000;
    this.#flushMs = options.flushMs ?? 100;
    this.#get = this.#db.prepare('SELECT * FROM answers WHERE key = ?');
    this.#hit = this.#db.prepare('UPDATE answers SET hits = hits + 1 WHERE key = ?');
    this.#hitBy = this.#db.prepare('UPDATE answers SET hits = hits + ? WHERE key = ?');
    this.#set = this.#db.prepare(
      `INSERT INTO answers (key, created_at, expires_at, provider, model, cost_usd, completion, hits) VALUES (?, ?, ?, ?, ?, ?, ?, 0)
       ON CONFLICT(key) DO UPDATE SET created_at = excluded.created_at, expires_at = excluded.expires_at, provider = excluded.provider,
         model = excluded.model, cost_usd = excluded.cost_usd, completion = excluded.completion`,
    );
    this.#prune = this.#db.prepare('DELETE FROM answers WHERE created_at < ?');
  }

  get(key: string, options: { anyAge?: boolean } = {}): CachedAnswer | null {
    const held = this.#held.get(key);
    if (held) {
      if (!options.anyAge && held.expiresAt <= this.#now()) return null;
      held.hits += 1;
      return { ...held.answer, hits: held.hits };
    }
    const row = this.#get.get(key) as
      | { created_at: number; expires_at: number; provider: string; model: string; cost_usd: number; completion: string; hits: number }
      | undefined;
    if (!row) return null;
    if (!options.anyAge && row.expires_at <= this.#now()) return null;
    this.#hit.run(key);
    return {
      completion: JSON.parse(row.completion) as CachedAnswer['completion'],
      provider: row.provider,
      model: row.model,
      costUsd: row.cost_usd,
      createdAt: row.created_at,
      hits: row.hits + 1,
    };
  }

  set(key: string, answer: Omit<CachedAnswer, 'hits'>, ttlMs: number): void {
    this.#held.set(key, { answer, expiresAt: this.#now() + ttlMs, hits: 0 });
    if (this.#timer === null) {
      this.#timer = setTimeout(() => this.flush(), this.#flushMs);
      this.#timer.unref();
    }
  }

  /** Writes every held answer now, in one transaction. */
  flush(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#held.size === 0) return;
    const held = [...this.#held];
    this.#held.clear();
    this.#writeAll(held);
    const now = this.#now();
    if (now - this.#lastPrune > 3_600_000) {
      this.#lastPrune = now;
      this.#prune.run(now - this.#maxAgeMs);
    }
  }

  readonly #writeAll = (held: Array<[string, HeldWrite]>): void => {
    this.#db.transaction(() => {
      for (const [key, w] of held) {
        const a = w.answer;
        this.#set.run(key, a.createdAt, w.expiresAt, a.provider, a.model, a.costUsd, JSON.stringify(a.completion));
        if (w.hits > 0) this.#hitBy.run(w.hits, key);
      }
    })();
  };

  close(): void {
    this.flush();
    this.#db.close();
  }
}
