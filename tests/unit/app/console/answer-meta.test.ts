import { describe, expect, it } from 'vitest';
import { badgesOf, metaFromHeaders } from '../../../../src/app/console/answer-meta.js';

const h = (o: Record<string, string>) => new Headers(o);

describe('console answer metadata', () => {
  it('reads the router headers of a plain answer: no badges but emulated', () => {
    const m = metaFromHeaders(h({ 'x-ballast-request-id': 'req_1', 'x-ballast-provider': 'primary', 'x-ballast-model': 'gpt', 'x-ballast-attempts': '1', 'x-ballast-cost-usd': '0.0000123', 'x-ballast-cache': 'miss', 'x-ballast-emulated': 'true' }));
    expect(m).toMatchObject({ requestId: 'req_1', provider: 'primary', model: 'gpt', attempts: 1, costUsd: 0.0000123, routerCache: 'miss', travel: null, failover: false, degraded: [] });
    expect(badgesOf(m).map((b) => b.kind)).toEqual(['emulated']);
  });

  it('failover comes from x-ballast-failover; a same-provider retry is its own badge', () => {
    const failover = metaFromHeaders(h({ 'x-ballast-provider': 'secondary', 'x-ballast-attempts': '2', 'x-ballast-failover': 'true' }));
    expect(badgesOf(failover).map((b) => b.label)).toEqual(['failover']);
    const retried = metaFromHeaders(h({ 'x-ballast-provider': 'primary', 'x-ballast-attempts': '2' }));
    expect(badgesOf(retried).map((b) => b.label)).toEqual(['retried ×1']);
  });

  it('degraded lists its steps; a router cache hit is cached', () => {
    const m = metaFromHeaders(h({ 'x-ballast-cache': 'hit', 'x-ballast-degraded': 'truncated, cached' }));
    expect(m.degraded).toEqual(['truncated', 'cached']);
    expect(badgesOf(m).map((b) => b.label)).toEqual(['cached', 'degraded: truncated, cached']);
  });

  it("the worker's travel header: repeat is cached, offline is cached and offline", () => {
    expect(badgesOf(metaFromHeaders(h({ 'x-ballast-travel': 'repeat', 'x-ballast-cache': 'hit' }))).map((b) => b.kind)).toEqual(['cached']);
    const off = badgesOf(metaFromHeaders(h({ 'x-ballast-travel': 'offline', 'x-ballast-cache': 'hit' })));
    expect(off.map((b) => b.kind)).toEqual(['cached', 'offline']);
    expect(off[0]?.title).toContain("this device's travel cache");
  });

  it('ignores values it does not know', () => {
    const m = metaFromHeaders(h({ 'x-ballast-attempts': 'many', 'x-ballast-cost-usd': '', 'x-ballast-travel': 'elsewhere', 'x-ballast-cache': 'maybe' }));
    expect(m).toMatchObject({ attempts: null, costUsd: null, travel: null, routerCache: null });
    expect(badgesOf(m)).toEqual([]);
  });
});

describe('why this device answered', () => {
  it('reads x-ballast-travel-why, the wait and the age; the offline badge says which', () => {
    const slow = metaFromHeaders(new Headers({ 'x-ballast-travel': 'offline', 'x-ballast-travel-why': 'timeout', 'x-ballast-travel-waited-ms': '8012', 'x-ballast-travel-age-s': '3600' }));
    expect(slow).toMatchObject({ travel: 'offline', travelWhy: 'timeout', travelWaitedMs: 8012, travelAgeS: 3600 });
    expect(badgesOf(slow).find((b) => b.kind === 'offline')?.title).toBe('Slow link: the router sent nothing for 8 s, so this device answered from its saved copy.');
    const down = metaFromHeaders(new Headers({ 'x-ballast-travel': 'offline', 'x-ballast-travel-why': 'network' }));
    expect(badgesOf(down).find((b) => b.kind === 'offline')?.title).toBe('The router could not be reached, so this device answered from its saved copy.');
    expect(metaFromHeaders(new Headers({ 'x-ballast-travel-why': 'bogus' })).travelWhy).toBeNull();
  });
});
