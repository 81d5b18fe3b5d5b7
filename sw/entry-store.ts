/**
 * Stored answers: write-through puts, lookups that bump the LRU clock, eviction by
 * count and bytes (least recently hit first), quota errors absorbed.
 */
import type { ListPage, ListQuery, TravelEntry, TravelEntryInfo } from '../src/app/travel-protocol.js';
import { withQuotaRetry } from './quota.js';
import type { Totals, TravelDb } from './travel-db.js';

export interface StoreLimits {
  maxEntries: number;
  maxBytes: number;
}

export const DEFAULT_LIMITS: StoreLimits = { maxEntries: 10_000, maxBytes: 64 * 1024 * 1024 };

/** What a caller supplies; the store fills in the bookkeeping. */
export type NewEntry = Omit<TravelEntry, 'lastHitAt' | 'hits' | 'bytes' | 'createdAt'> & { createdAt?: number };

const encoder = new TextEncoder();

export function entryBytes(entry: Pick<TravelEntry, 'completion'>): number {
  return encoder.encode(JSON.stringify(entry.completion)).length;
}

export function entryInfo(e: TravelEntry): TravelEntryInfo {
  const { completion: _completion, ...info } = e;
  return info;
}

const EMPTY_TOTALS: Totals = { count: 0, bytes: 0 };

export class EntryStore {
  constructor(
    private readonly db: TravelDb,
    private readonly limits: StoreLimits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reads without touching the LRU clock. */
  async get(key: string): Promise<TravelEntry | undefined> {
    return this.db.get('entries', key);
  }

  /** Reads and records a hit (last hit time, hit count). */
  async lookup(key: string): Promise<TravelEntry | undefined> {
    const entry = await this.get(key);
    if (entry) await this.touch(key);
    return entry && { ...entry, hits: entry.hits + 1, lastHitAt: this.now() };
  }

  /**
   * Records a hit: moves the entry up the LRU order and counts it. The worker does this
   * after answering (a read-only transaction answers faster than a read-write one).
   */
  async touch(key: string): Promise<void> {
    const tx = this.db.transaction('entries', 'readwrite');
    const entry = await tx.store.get(key);
    if (entry) {
      entry.lastHitAt = this.now();
      entry.hits += 1;
      await tx.store.put(entry);
    }
    await tx.done;
  }

  /** Writes an answer through; never throws for a full disk. Resolves false when it was not kept. */
  async put(input: NewEntry): Promise<boolean> {
    const now = this.now();
    const entry: TravelEntry = { ...input, createdAt: input.createdAt ?? now, lastHitAt: now, hits: 0, bytes: entryBytes(input) };
    if (entry.bytes > this.limits.maxBytes) return false;
    return withQuotaRetry(
      () => this.write(entry),
      (attempt) => this.evictFraction(Math.min(1, 0.25 * attempt)),
    );
  }

  private async write(entry: TravelEntry): Promise<void> {
    const tx = this.db.transaction(['entries', 'meta'], 'readwrite');
    const entries = tx.objectStore('entries');
    const meta = tx.objectStore('meta');
    const [old, rec] = await Promise.all([entries.get(entry.key), meta.get('totals')]);
    const totals = { ...(rec?.id === 'totals' ? rec.value : EMPTY_TOTALS) };
    if (old) {
      // a rewrite keeps the entry's history
      entry.createdAt = Math.min(entry.createdAt, old.createdAt);
      entry.hits = old.hits;
      totals.count -= 1;
      totals.bytes -= old.bytes;
    }
    await entries.put(entry);
    totals.count += 1;
    totals.bytes += entry.bytes;
    if (totals.count > this.limits.maxEntries || totals.bytes > this.limits.maxBytes) {
      let cursor = await entries.index('lastHitAt').openCursor();
      while (cursor && (totals.count > this.limits.maxEntries || totals.bytes > this.limits.maxBytes)) {
        if (cursor.primaryKey !== entry.key) {
          totals.count -= 1;
          totals.bytes -= cursor.value.bytes;
          await cursor.delete();
        }
        cursor = await cursor.continue();
      }
    }
    await meta.put({ id: 'totals', value: totals });
    await tx.done;
  }

  /** Deletes the least recently hit `fraction` of the entries (at least one). Returns how many. */
  async evictFraction(fraction: number): Promise<number> {
    const tx = this.db.transaction(['entries', 'meta'], 'readwrite');
    const entries = tx.objectStore('entries');
    const meta = tx.objectStore('meta');
    const rec = await meta.get('totals');
    const totals = { ...(rec?.id === 'totals' ? rec.value : EMPTY_TOTALS) };
    let todo = Math.max(1, Math.ceil(totals.count * fraction));
    let removed = 0;
    let cursor = await entries.index('lastHitAt').openCursor();
    while (cursor && todo > 0) {
      totals.count -= 1;
      totals.bytes -= cursor.value.bytes;
      await cursor.delete();
      removed++;
      todo--;
      cursor = await cursor.continue();
    }
    await meta.put({ id: 'totals', value: { count: Math.max(0, totals.count), bytes: Math.max(0, totals.bytes) } });
    await tx.done;
    return removed;
  }

  async delete(key: string): Promise<boolean> {
    const tx = this.db.transaction(['entries', 'meta'], 'readwrite');
    const entries = tx.objectStore('entries');
    const meta = tx.objectStore('meta');
    const [old, rec] = await Promise.all([entries.get(key), meta.get('totals')]);
    if (old) {
      const totals = rec?.id === 'totals' ? rec.value : EMPTY_TOTALS;
      await entries.delete(key);
      await meta.put({ id: 'totals', value: { count: totals.count - 1, bytes: totals.bytes - old.bytes } });
    }
    await tx.done;
    return old !== undefined;
  }

  /** Deletes every answer; returns how many there were. */
  async clear(): Promise<number> {
    const tx = this.db.transaction(['entries', 'meta'], 'readwrite');
    const count = await tx.objectStore('entries').count();
    await tx.objectStore('entries').clear();
    await tx.objectStore('meta').put({ id: 'totals', value: { ...EMPTY_TOTALS } });
    await tx.done;
    return count;
  }

  async totals(): Promise<Totals> {
    const rec = await this.db.get('meta', 'totals');
    return rec?.id === 'totals' ? rec.value : { ...EMPTY_TOTALS };
  }

  /** Most recently hit first (or newest first with sort: 'created'), filtered by text, paged. */
  async list(query: ListQuery = {}): Promise<ListPage> {
    const offset = Math.max(0, Math.floor(query.offset ?? 0));
    const limit = Math.min(500, Math.max(1, Math.floor(query.limit ?? 50)));
    const needle = query.search?.trim().toLowerCase() ?? '';
    const out: TravelEntryInfo[] = [];
    let total = 0;
    const index = query.sort === 'created' ? 'createdAt' : 'lastHitAt';
    let cursor = await this.db.transaction('entries').store.index(index).openCursor(null, 'prev');
    while (cursor) {
      const e = cursor.value;
      if (needle === '' || matches(e, needle)) {
        if (total >= offset && out.length < limit) out.push(entryInfo(e));
        total++;
      }
      cursor = await cursor.continue();
    }
    return { total, offset, entries: out };
  }

  async all(): Promise<TravelEntry[]> {
    return this.db.getAll('entries');
  }
}

/** The prompt, the answer, the group and the tags: "where did I read that?" is usually about the answer. */
function matches(e: TravelEntry, needle: string): boolean {
  const s = e.summary;
  const answer = e.completion.choices?.[0]?.message?.content;
  return [s.prompt ?? s.lastUser, typeof answer === 'string' ? answer : '', s.group, s.feature ?? '', s.promptVersion ?? ''].some((t) => t.toLowerCase().includes(needle));
}
