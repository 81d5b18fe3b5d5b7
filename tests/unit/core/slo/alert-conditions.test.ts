import { describe, expect, it } from 'vitest';
import { bucketOf, bucketUpperBound } from '../../../../src/core/histogram.js';
import { alertConditions } from '../../../../src/core/slo/alert-conditions.js';
import { withDefaults } from '../../../../src/core/slo/config.js';
import { emptyTotals } from '../../../../src/core/slo/totals.js';
import { toRollups } from './reference.js';
import type { RawRequest } from './reference.js';

const M = 60_000;
const T = Date.UTC(2025, 5, 1, 12, 0);

function requests(n: number, at: number, over: Partial<RawRequest> = {}): RawRequest[] {
  return Array.from({ length: n }, () => ({ at, tenant: 'acme', feature: 'chat', provider: 'primary', outcome: 'success' as const, latencyMs: 800, costUsd: 0.01, cacheHit: false, savedUsd: 0, ...over }));
}

describe('alertConditions', () => {
  it('reads each SLI over its window against its threshold', () => {
    const rollups = toRollups([...requests(18, T), ...requests(2, T, { outcome: 'failure' }), ...requests(2, T - 5 * M, { outcome: 'failure' })]);
    const c = alertConditions(rollups, T, withDefaults());
    expect(c.success).toEqual({ active: true, value: 0.9, threshold: 0.995, eligible: 20, window: '5m' });
    expect(c.latency).toMatchObject({ active: false, eligible: 20, threshold: 2500 });
    expect(c.latency?.value).toBe(bucketUpperBound(bucketOf(800))); // the bucket's upper edge, never under 800
    expect(c.cost).toEqual({ active: false, value: 0.01, threshold: 0.015, eligible: 20, window: '5m' });
    expect(c.burn_rate).toBeUndefined();
  });

  it('holds every condition false below min_requests, however bad the numbers', () => {
    const rollups = toRollups([...requests(16, T, { latencyMs: 9000, costUsd: 1 }), ...requests(3, T, { outcome: 'failure', costUsd: 1 })]);
    const c = alertConditions(rollups, T, withDefaults({ alerts: { burn_rate: { enabled: true } } }));
    for (const name of ['latency', 'success', 'cost', 'burn_rate'] as const) expect(c[name]?.active, name).toBe(false);
    const one = alertConditions(rollups, T, withDefaults({ alerts: { latency: { min_requests: 19 }, success: { min_requests: 19 }, cost: { min_requests: 19 } } }));
    expect([one.latency?.active, one.success?.active, one.cost?.active]).toEqual([true, true, true]);
  });

  it('is false with no traffic, with null values', () => {
    const c = alertConditions([], T, withDefaults({ alerts: { burn_rate: { enabled: true }, success: { min_requests: 0 } } }));
    expect(c.success).toEqual({ active: false, value: null, threshold: 0.995, eligible: 0, window: '5m' });
    expect(c.burn_rate).toMatchObject({ active: false, value: null });
  });

  it('needs both windows of a burn-rate pair over the factor', () => {
    const config = withDefaults({ alerts: { burn_rate: { enabled: true } } });
    // 1h: 100 failures in 1,000 (burn 20); the last 5 minutes clean (burn 0): recovered, no page.
    const past = toRollups([...requests(800, T - 30 * M), ...requests(100, T - 30 * M, { outcome: 'failure' }), ...requests(100, T)]);
    expect(alertConditions(past, T, config).burn_rate).toMatchObject({ active: false, value: 0, window: '1h/5m', threshold: 14.4 });
    // The same failures within the last 5 minutes: both windows burn at 20.
    const now = toRollups([...requests(800, T - 30 * M), ...requests(100, T), ...requests(100, T, { outcome: 'failure' })]);
    expect(alertConditions(now, T, config).burn_rate).toEqual({ active: true, value: 20, threshold: 14.4, eligible: 200, window: '1h/5m' });
  });

  it('holds a value exactly at the threshold as not breaching', () => {
    const rollups = toRollups([...requests(199, T, { costUsd: 0.015 }), ...requests(1, T, { outcome: 'failure', costUsd: 0.015 })]);
    const p95 = bucketUpperBound(bucketOf(800));
    const c = alertConditions(rollups, T, withDefaults({ alerts: { latency: { threshold: p95 } } }));
    expect([c.latency?.value, c.success?.value, c.cost?.value]).toEqual([p95, 0.995, 0.015]);
    expect([c.latency?.active, c.success?.active, c.cost?.active]).toEqual([false, false, false]);
  });

  it('pages on a burn rate above the factor, not at it', () => {
    const config = withDefaults({ alerts: { burn_rate: { enabled: true, pairs: [{ long: '1h', short: '5m', factor: 14.4 }] } } });
    const at = (failures: number) => toRollups([...requests(1000 - failures, T), ...requests(failures, T, { outcome: 'failure' })]);
    expect(alertConditions(at(72), T, config).burn_rate).toMatchObject({ active: false, value: 14.4 });
    expect(alertConditions(at(73), T, config).burn_rate).toMatchObject({ active: true, value: 14.6 });
  });

  it('reads latency and cost on the basis the promise uses: with cache hits by default, without when slo.include_cache_hits is false', () => {
    // 5 minutes: 80 cache hits (2 ms, $0) and 20 provider answers (3,000 ms, $0.03).
    const rollups = toRollups([...requests(80, T, { latencyMs: 2, costUsd: 0, cacheHit: true }), ...requests(20, T, { latencyMs: 3000, costUsd: 0.03 })]);
    const withHits = alertConditions(rollups, T, withDefaults());
    expect(withHits.latency).toMatchObject({ active: true, value: bucketUpperBound(bucketOf(3000)) }); // 20% above the p95 rank
    expect(withHits.cost).toMatchObject({ active: false, value: 0.006 });
    const without = alertConditions(rollups, T, withDefaults({ include_cache_hits: false }));
    expect(without.latency).toMatchObject({ active: true, value: bucketUpperBound(bucketOf(3000)) });
    expect(without.cost).toMatchObject({ active: true, value: 0.03, eligible: 100 });
    expect(without.success).toMatchObject({ value: 1 }); // hits are successes either way
  });

  it('honours the filter', () => {
    const rollups = toRollups([...requests(20, T, { outcome: 'failure', tenant: 'globex' }), ...requests(20, T)]);
    expect(alertConditions(rollups, T, withDefaults()).success?.value).toBe(0.5);
    expect(alertConditions(rollups, T, withDefaults(), { tenant: 'acme' }).success?.active).toBe(false);
  });
});

describe('regression: a provider that hung read as 100% met and fired no alert (issue #12)', () => {
  it('clients that gave up on a hang after the latency target are failures: the success alert condition holds', () => {
    const now = T + 10 * M;
    const minute = Math.floor((now - M) / M) * M;
    // 30 successes and 20 requests the clients abandoned after waiting past the target
    const rollup = { minute, tenant: 'acme', feature: 'chat', provider: 'none', ...emptyTotals(), eligible: 50, successes: 30, abandoned: 20 };
    const c = alertConditions([rollup], now, withDefaults());
    expect(c.success).toMatchObject({ active: true, eligible: 50 });
    expect(c.success?.value).toBeCloseTo(0.6, 12);
  });
});
