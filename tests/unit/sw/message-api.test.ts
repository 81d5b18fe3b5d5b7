import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { TravelRequest } from '../../../src/app/travel-protocol.js';
import { handleTravelRequest, isTravelRequest } from '../../../sw/message-api.js';
import { TravelCache } from '../../../sw/travel-cache.js';
import { entry, freshDbName } from './helpers.js';

async function seeded() {
  const cache = new TravelCache(freshDbName());
  const store = await cache.store();
  await store.put(entry('a'));
  await store.put(entry('b'));
  await cache.count({ hits: 3, misses: 1 });
  return cache;
}

const ask = (cache: TravelCache, req: TravelRequest) => handleTravelRequest(cache, req);

describe('travel message API', () => {
  it('lists, reads, deletes one, exports, reads counters', async () => {
    const cache = await seeded();
    const list = await ask(cache, { type: 'travel:list', query: { limit: 10 } });
    expect(list).toMatchObject({ ok: true, result: { total: 2 } });
    const one = await ask(cache, { type: 'travel:get', key: 'a' });
    expect(one.ok && (one.result as { key: string }).key).toBe('a');
    expect(await ask(cache, { type: 'travel:get', key: 'nope' })).toEqual({ ok: true, result: null });
    expect(await ask(cache, { type: 'travel:delete', key: 'a' })).toEqual({ ok: true, result: true });
    const exp = await ask(cache, { type: 'travel:export' });
    expect(exp.ok && exp.result).toMatchObject({ version: 1, counters: { hits: 3, misses: 1 }, entries: [{ key: 'b' }] });
    expect(await ask(cache, { type: 'travel:counters' })).toMatchObject({ ok: true, result: { hits: 3, misses: 1 } });
  });

  it('clear empties the cache and its counters', async () => {
    const cache = await seeded();
    expect(await ask(cache, { type: 'travel:clear' })).toEqual({ ok: true, result: 2 });
    expect(await ask(cache, { type: 'travel:list', query: {} })).toMatchObject({ ok: true, result: { total: 0, entries: [] } });
    expect(await ask(cache, { type: 'travel:counters' })).toMatchObject({ ok: true, result: { hits: 0, misses: 0 } });
  });

  it('gets and sets settings; a bad value is an error reply, not a crash', async () => {
    const cache = await seeded();
    expect(await ask(cache, { type: 'travel:set-settings', settings: { networkTimeoutMs: 1500, cacheFirstForRepeats: true } })).toEqual({
      ok: true,
      result: { networkTimeoutMs: 1500, cacheFirstForRepeats: true },
    });
    expect(await cache.settings()).toEqual({ networkTimeoutMs: 1500, cacheFirstForRepeats: true });
    const bad = await ask(cache, { type: 'travel:set-settings', settings: { networkTimeoutMs: -1 } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const unknown = await ask(cache, { type: 'travel:nope' } as never);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('recognizes only travel messages', () => {
    expect(isTravelRequest({ type: 'travel:list' })).toBe(true);
    expect(isTravelRequest({ type: 'SKIP_WAITING' })).toBe(false);
    expect(isTravelRequest(null)).toBe(false);
  });
});
