import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { handleTravelRequest } from '../../../sw/message-api.js';
import { validateRouterOrigin } from '../../../sw/router-origin.js';
import { TravelCache } from '../../../sw/travel-cache.js';
import { freshDbName } from './helpers.js';

const APP = 'http://127.0.0.1:4100';

describe("the router's origin (Settings, router URL on another origin)", () => {
  it('accepts null, empty or a bare origin; anything else names the field', () => {
    expect(validateRouterOrigin(null)).toBeNull();
    expect(validateRouterOrigin('')).toBeNull();
    expect(validateRouterOrigin('https://Router.Example.com:8443')).toBe('https://router.example.com:8443');
    for (const bad of ['https://router.example.com/v1', 'ftp://x', 'router.example.com', 42]) {
      expect(() => validateRouterOrigin(bad)).toThrow(/routerOrigin must be null or an origin/);
    }
  });

  it('the cache serves the app origin always, another origin only once it is the router, and a new worker remembers it', async () => {
    const name = freshDbName();
    const cache = new TravelCache(name);
    expect(await cache.servesOrigin(APP, APP)).toBe(true);
    expect(await cache.servesOrigin('http://127.0.0.1:4200', APP)).toBe(false);
    expect(await handleTravelRequest(cache, { type: 'travel:set-router-origin', origin: 'http://127.0.0.1:4200' })).toEqual({ ok: true, result: 'http://127.0.0.1:4200' });
    expect(await cache.servesOrigin('http://127.0.0.1:4200', APP)).toBe(true);
    expect(await cache.servesOrigin('http://127.0.0.1:4300', APP)).toBe(false);

    const restarted = new TravelCache(name);
    expect(await handleTravelRequest(restarted, { type: 'travel:get-router-origin' })).toEqual({ ok: true, result: 'http://127.0.0.1:4200' });
    expect(await restarted.servesOrigin('http://127.0.0.1:4200', APP)).toBe(true);

    await restarted.setRouterOrigin(null);
    expect(await restarted.servesOrigin('http://127.0.0.1:4200', APP)).toBe(false);
  });

  it('a bad origin is an error reply, and the old one stays', async () => {
    const cache = new TravelCache(freshDbName());
    await cache.setRouterOrigin('http://127.0.0.1:4200');
    const reply = await handleTravelRequest(cache, { type: 'travel:set-router-origin', origin: 'http://127.0.0.1:4200/path' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await cache.routerOrigin()).toBe('http://127.0.0.1:4200');
  });
});
