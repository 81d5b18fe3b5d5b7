import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { EntryStore } from '../../../sw/entry-store.js';
import { handleTravelRequest } from '../../../sw/message-api.js';
import { TravelCache } from '../../../sw/travel-cache.js';
import { openTravelDb } from '../../../sw/travel-db.js';
import { clock, entry, freshDbName } from './helpers.js';

describe('travel list sort and totals (the travel page)', () => {
  it("sort: 'created' lists newest first, while the default follows the last hit", async () => {
    const c = clock();
    const s = new EntryStore(await openTravelDb(freshDbName()), undefined, c.now);
    for (const k of ['old', 'mid', 'new']) {
      await s.put(entry(k));
      c.tick(10);
    }
    await s.touch('old'); // used again: first by last use, still last by creation
    expect((await s.list()).entries.map((e) => e.key)).toEqual(['old', 'new', 'mid']);
    const created = await s.list({ sort: 'created' });
    expect(created.entries.map((e) => e.key)).toEqual(['new', 'mid', 'old']);
    const paged = await s.list({ sort: 'created', offset: 1, limit: 1, search: 'prompt' });
    expect(paged).toMatchObject({ total: 3, offset: 1, entries: [{ key: 'mid' }] });
  });

  it('travel:totals answers the count and bytes the store keeps', async () => {
    const cache = new TravelCache(freshDbName());
    const store = await cache.store();
    await store.put(entry('a', 'x'.repeat(100)));
    await store.put(entry('b', 'y'.repeat(300)));
    const reply = await handleTravelRequest(cache, { type: 'travel:totals' });
    expect(reply.ok).toBe(true);
    const totals = (reply as { result: { count: number; bytes: number } }).result;
    expect(totals.count).toBe(2);
    expect(totals.bytes).toBe((await store.all()).reduce((n, e) => n + e.bytes, 0));
    expect(totals.bytes).toBeGreaterThan(400);
  });

  it('a version-1 database upgrades in place: its answers stay and sort by creation', async () => {
    const name = freshDbName();
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        const entries = db.createObjectStore('entries', { keyPath: 'key' });
        entries.createIndex('lastHitAt', 'lastHitAt');
        db.createObjectStore('meta', { keyPath: 'id' });
      },
    });
    const a = { ...entry('a'), createdAt: 1, lastHitAt: 5, hits: 0, bytes: 10 };
    const b = { ...entry('b'), createdAt: 2, lastHitAt: 3, hits: 0, bytes: 10 };
    await v1.put('entries', a);
    await v1.put('entries', b);
    v1.close();
    const s = new EntryStore(await openTravelDb(name));
    expect((await s.list({ sort: 'created' })).entries.map((e) => e.key)).toEqual(['b', 'a']);
    expect((await s.list()).entries.map((e) => e.key)).toEqual(['a', 'b']);
  });
});
