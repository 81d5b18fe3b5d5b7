import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { EntryStore, entryBytes } from '../../../sw/entry-store.js';
import { openTravelDb } from '../../../sw/travel-db.js';
import { clock, entry, freshDbName } from './helpers.js';

async function store(limits = { maxEntries: 100, maxBytes: 1_000_000 }) {
  const c = clock();
  const db = await openTravelDb(freshDbName());
  return { db, c, s: new EntryStore(db, limits, c.now) };
}

describe('EntryStore', () => {
  it('puts and gets an answer with its bookkeeping', async () => {
    const { s } = await store();
    expect(await s.put(entry('a'))).toBe(true);
    const got = await s.get('a');
    expect(got?.completion.choices[0]?.message.content).toBe('answer for a');
    expect(got).toMatchObject({ hits: 0, createdAt: 1_000_000, lastHitAt: 1_000_000, provider: 'primary', costUsd: 0.001 });
    expect(got?.bytes).toBe(entryBytes(entry('a')));
    expect(await s.totals()).toEqual({ count: 1, bytes: got?.bytes });
  });

  it('lookup counts a hit and moves the LRU clock; get does not', async () => {
    const { s, c } = await store();
    await s.put(entry('a'));
    c.tick(50);
    await s.get('a');
    expect((await s.get('a'))?.hits).toBe(0);
    const hit = await s.lookup('a');
    expect(hit).toMatchObject({ hits: 1, lastHitAt: 1_000_050 });
    expect(await s.lookup('missing')).toBeUndefined();
  });

  it('a rewrite keeps the creation time and hit count and does not double the totals', async () => {
    const { s, c } = await store();
    await s.put(entry('a', 'first'));
    await s.lookup('a');
    c.tick(10);
    await s.put(entry('a', 'second answer'));
    const got = await s.get('a');
    expect(got).toMatchObject({ hits: 1, createdAt: 1_000_000, lastHitAt: 1_000_010 });
    expect(got?.completion.choices[0]?.message.content).toBe('second answer');
    expect(await s.totals()).toEqual({ count: 1, bytes: got?.bytes });
  });

  it('evicts the least recently hit entries beyond the count limit', async () => {
    const { s, c } = await store({ maxEntries: 3, maxBytes: 1_000_000 });
    for (const k of ['a', 'b', 'c']) {
      await s.put(entry(k));
      c.tick();
    }
    await s.lookup('a'); // a is now the most recent; b is the oldest
    c.tick();
    await s.put(entry('d'));
    const keys = (await s.all()).map((e) => e.key).sort();
    expect(keys).toEqual(['a', 'c', 'd']);
    expect((await s.totals()).count).toBe(3);
  });

  it('evicts by bytes, oldest first, and never the entry just written', async () => {
    const one = entryBytes(entry('a'));
    const { s, c } = await store({ maxEntries: 100, maxBytes: one * 2 + 10 });
    for (const k of ['a', 'b', 'c']) {
      await s.put(entry(k));
      c.tick();
    }
    expect((await s.all()).map((e) => e.key).sort()).toEqual(['b', 'c']);
    const t = await s.totals();
    expect(t.count).toBe(2);
    expect(t.bytes).toBeLessThanOrEqual(one * 2 + 10);
  });

  it('refuses an answer larger than the whole byte budget without touching the rest', async () => {
    const { s } = await store({ maxEntries: 10, maxBytes: 400 });
    await s.put(entry('small', 'x'));
    expect(await s.put(entry('huge', 'y'.repeat(1000)))).toBe(false);
    expect((await s.all()).map((e) => e.key)).toEqual(['small']);
  });

  it('on QuotaExceededError evicts the oldest answers and retries: the put succeeds', async () => {
    const { s, c } = await store();
    for (const k of ['a', 'b', 'c', 'd']) {
      await s.put(entry(k));
      c.tick();
    }
    // idb wraps the native store: patch the native IDBObjectStore.put to fail once
    const native = globalThis.IDBObjectStore.prototype;
    const realPut = native.put;
    let failures = 1;
    native.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'entries' && failures > 0) {
        failures--;
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return realPut.apply(this, args);
    };
    try {
      expect(await s.put(entry('e'))).toBe(true);
    } finally {
      native.put = realPut;
    }
    const keys = (await s.all()).map((x) => x.key).sort();
    expect(keys).toContain('e');
    expect(keys).not.toContain('a'); // the oldest quarter went
    expect(keys.length).toBe(4);
    expect((await s.totals()).count).toBe(4);
  });

  it('gives up quietly (false, no throw) when the disk stays full', async () => {
    const { s } = await store();
    await s.put(entry('a'));
    const native = globalThis.IDBObjectStore.prototype;
    const realPut = native.put;
    native.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'entries') throw new DOMException('full', 'QuotaExceededError');
      return realPut.apply(this, args);
    };
    try {
      await expect(s.put(entry('b'))).resolves.toBe(false);
    } finally {
      native.put = realPut;
    }
  });

  it('lists most recent first, searches the summary text, and pages', async () => {
    const { s, c } = await store();
    for (let i = 0; i < 7; i++) {
      const e = entry(`k${i}`);
      e.summary.lastUser = i % 2 === 0 ? `Invoice question ${i}` : `weather ${i}`;
      await s.put(e);
      c.tick();
    }
    const all = await s.list({ limit: 3 });
    expect(all.total).toBe(7);
    expect(all.entries.map((e) => e.key)).toEqual(['k6', 'k5', 'k4']);
    expect(all.entries[0]).not.toHaveProperty('completion');
    const found = await s.list({ search: 'INVOICE', offset: 1, limit: 2 });
    expect(found.total).toBe(4);
    expect(found.entries.map((e) => e.key)).toEqual(['k4', 'k2']);
  });

  it('search covers the answers too, not only the prompts', async () => {
    const { s } = await store();
    await s.put(entry('a', 'Take the ferry to Cacilhas.'));
    await s.put(entry('b', 'Walk along the river.'));
    expect((await s.list({ search: 'cacilhas' })).entries.map((e) => e.key)).toEqual(['a']);
  });

  it('deletes one and clears all, keeping the totals right', async () => {
    const { s } = await store();
    await s.put(entry('a'));
    await s.put(entry('b'));
    expect(await s.delete('a')).toBe(true);
    expect(await s.delete('a')).toBe(false);
    expect((await s.totals()).count).toBe(1);
    expect(await s.clear()).toBe(1);
    expect(await s.totals()).toEqual({ count: 0, bytes: 0 });
    expect(await s.all()).toEqual([]);
  });
});
