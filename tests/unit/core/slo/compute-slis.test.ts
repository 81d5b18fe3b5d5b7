import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketOf, bucketUpperBound } from '../../../../src/core/histogram.js';
import { burnRate } from '../../../../src/core/slo/burn-rate.js';
import { computeSlis } from '../../../../src/core/slo/compute-slis.js';
import { DEFAULT_TARGETS, withDefaults } from '../../../../src/core/slo/config.js';
import { DAY_MS, MINUTE_MS } from '../../../../src/core/slo/duration.js';
import { errorBudget } from '../../../../src/core/slo/error-budget.js';
import { arbFilter, arbNow, arbRequests, reference, reportedP95, toRollups } from './reference.js';
import type { RawRequest } from './reference.js';
import type { Rollup } from '../../../../src/core/slo/rollup.js';
import { emptyTotals } from '../../../../src/core/slo/totals.js';
import type { Totals } from '../../../../src/core/slo/totals.js';

const T = Date.UTC(2025, 5, 1, 12, 0);
const targets = { ...DEFAULT_TARGETS, window_days: 1 };

function req(at: number, over: Partial<RawRequest> = {}): RawRequest {
  return { at, tenant: 'acme', feature: 'chat', provider: 'primary', outcome: 'success', latencyMs: 1000, costUsd: 0.01, cacheHit: false, savedUsd: 0, ...over };
}

describe('computeSlis against a brute-force reference', () => {
  const rules = fc.record({ min_requests: fc.integer({ min: 1, max: 40 }), include_cache_hits: fc.boolean() });
  it('agrees on every window: counts and rates exactly, cost to 1e-9, p95 as the upper edge of the bucket of the nearest rank', () => {
    fc.assert(
      fc.property(arbNow.chain((now) => fc.tuple(fc.constant(now), arbRequests(now, 200), arbFilter, rules)), ([now, requests, filter, r]) => {
        const report = computeSlis(toRollups(requests), now, { ...targets, ...r }, filter);
        expect(report.windows.map((w) => w.window)).toEqual(['5m', '15m', '1h', '6h', '1d']);
        expect(report.rules).toEqual(r);
        for (const w of report.windows) {
          const ref = reference(requests, now, w.ms, filter);
          expect(w.sent).toBe(ref.sent);
          expect(w.eligible).toBe(ref.eligible);
          expect(w.excluded).toBe(ref.sent - ref.eligible);
          expect(w.successes).toBe(ref.successes);
          expect(w.failures).toBe(ref.eligible - ref.successes);
          expect(w.clientErrors).toBe(ref.clientErrors);
          expect(w.cacheHits).toBe(ref.cacheHits);
          expect(w.successRate).toBe(ref.successRate);
          expect(w.cacheHitRate).toBe(ref.eligible === 0 ? null : ref.cacheHits / ref.eligible);
          expect(w.costUsd).toBeCloseTo(ref.costUsd, 9);
          expect(w.costSavedUsd).toBeCloseTo(ref.costSavedUsd, 9);
          const close = (got: number | null, want: number | null) => (want === null ? expect(got).toBeNull() : expect(got).toBeCloseTo(want, 9));
          close(w.withCacheHits.avgCostUsd, ref.avgCostUsd);
          close(w.withoutCacheHits.avgCostUsd, ref.avgCostUsdWithoutCacheHits);
          expect(w.withoutCacheHits.eligible).toBe(ref.eligible - ref.cacheHits);
          // The documented p95: the upper edge of the 2% bucket holding the exact nearest rank, never below it.
          expect(w.withCacheHits.p95LatencyMs).toBe(reportedP95(ref.p95LatencyMs));
          expect(w.withoutCacheHits.p95LatencyMs).toBe(reportedP95(ref.p95LatencyMsWithoutCacheHits));
          if (ref.p95LatencyMs !== null && ref.p95LatencyMs > 1) {
            expect(w.withCacheHits.p95LatencyMs as number).toBeGreaterThan(ref.p95LatencyMs);
            expect(w.withCacheHits.p95LatencyMs as number).toBeLessThanOrEqual(ref.p95LatencyMs * 1.02 * (1 + 1e-12));
          }
          const promise = r.include_cache_hits ? w.withCacheHits : w.withoutCacheHits;
          expect(w.cacheHitsInPromise).toBe(r.include_cache_hits);
          expect([w.p95LatencyMs, w.avgCostUsd]).toEqual([promise.p95LatencyMs, promise.avgCostUsd]);
          // The verdict: none below min_requests eligible requests; otherwise met only when no SLI misses.
          expect(w.minRequests).toBe(r.min_requests);
          if (ref.eligible < r.min_requests) {
            expect(w.verdict).toBe('not_enough_traffic');
            expect(w.met).toEqual({ successRate: null, p95Latency: null, avgCost: null });
          } else {
            const met = {
              successRate: (ref.successRate as number) >= targets.success_rate,
              p95Latency: promise.p95LatencyMs === null ? null : promise.p95LatencyMs <= targets.p95_latency_ms,
              avgCost: promise.avgCostUsd === null ? null : promise.avgCostUsd <= targets.avg_cost_usd,
            };
            expect(w.met).toEqual(met);
            expect(w.verdict).toBe(Object.values(met).includes(false) ? 'missed' : 'met');
          }
        }
        const day = reference(requests, now, DAY_MS, filter);
        expect(report.budget).toEqual(errorBudget(day, targets.success_rate, r.min_requests));
        for (const b of report.burnRates) {
          const ref = reference(requests, now, b.ms, filter);
          expect(b.eligible).toBe(ref.eligible);
          expect(b.rate).toBe(ref.eligible === 0 ? null : Number(((1 - ref.successes / ref.eligible) / (1 - 0.995)).toPrecision(12)));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('computeSlis edge cases', () => {
  it('gives nulls, never NaN, and throws nothing for an empty window', () => {
    const report = computeSlis([], T, DEFAULT_TARGETS);
    for (const w of report.windows) {
      expect(w).toMatchObject({ eligible: 0, successRate: null, p95LatencyMs: null, avgCostUsd: null, cacheHitRate: null, costUsd: 0 });
      expect(w.met).toEqual({ successRate: null, p95Latency: null, avgCost: null });
    }
    expect(report.budget).toEqual({ allowed: 0, spent: 0, remaining: 0, remainingRatio: null, exhausted: false });
    expect(report.burnRates.map((b) => b.rate)).toEqual([null, null, null, null]);
    expect(JSON.stringify(report)).not.toContain('NaN');
  });

  it('has no p95 when every request failed, but a success rate of 0', () => {
    const report = computeSlis(toRollups([req(T, { outcome: 'failure' }), req(T, { outcome: 'failure' })]), T, { ...DEFAULT_TARGETS, min_requests: 2 });
    const five = report.windows[0];
    expect(five).toMatchObject({ eligible: 2, successRate: 0, p95LatencyMs: null, verdict: 'missed', met: { successRate: false, p95Latency: null, avgCost: true } });
  });

  it('does not count client errors as eligible', () => {
    const report = computeSlis(toRollups([req(T), req(T, { outcome: 'client_error' }), req(T, { outcome: 'client_error' })]), T, DEFAULT_TARGETS);
    expect(report.windows[0]).toMatchObject({ eligible: 1, successes: 1, clientErrors: 2, successRate: 1 });
  });

  it('judges each SLI against its target, a value exactly on target meeting it', () => {
    const ok = Array.from({ length: 199 }, () => req(T, { costUsd: 0.015 }));
    const report = computeSlis(toRollups([...ok, req(T, { outcome: 'failure', costUsd: 0.015 })]), T, DEFAULT_TARGETS);
    expect(report.windows[0]?.successRate).toBe(0.995);
    expect(report.windows[0]?.avgCostUsd).toBe(0.015);
    expect(report.windows[0]?.met).toEqual({ successRate: true, p95Latency: true, avgCost: true });
    const slow = computeSlis(toRollups([...ok.map((q) => ({ ...q, latencyMs: 3000, costUsd: 0.02 })), req(T, { outcome: 'failure' }), req(T, { outcome: 'failure' })]), T, DEFAULT_TARGETS);
    expect(slow.windows[0]?.met).toEqual({ successRate: false, p95Latency: false, avgCost: false });
  });

  it('meets the latency target when p95 equals it exactly', () => {
    const p95 = bucketUpperBound(bucketOf(1000));
    const rollups = toRollups(Array.from({ length: 100 }, () => req(T)));
    expect(computeSlis(rollups, T, { ...DEFAULT_TARGETS, p95_latency_ms: p95 }).windows[0]).toMatchObject({ p95LatencyMs: p95, met: { p95Latency: true } });
    expect(computeSlis(rollups, T, { ...DEFAULT_TARGETS, p95_latency_ms: p95 - 0.001 }).windows[0]?.met.p95Latency).toBe(false);
  });

  it('keeps the rolling 30-day window to (now - 30 d, now]: the rollup exactly 30 days old is out', () => {
    const now = T;
    const rollups = toRollups([req(now - 30 * DAY_MS), req(now - 30 * DAY_MS + MINUTE_MS), req(now), req(now + MINUTE_MS)]);
    const report = computeSlis(rollups, now, DEFAULT_TARGETS);
    expect(report.rolling).toMatchObject({ window: '30d', eligible: 2, from: now - 30 * DAY_MS + MINUTE_MS, to: now });
    expect(report.windows.map((w) => w.window)).toEqual(['5m', '15m', '1h', '6h', '1d', '30d']);
    expect(computeSlis(rollups, now - 1, DEFAULT_TARGETS).rolling.eligible).toBe(2); // the old one in, now's minute out
  });

  it('echoes the targets alone, not the alert rules of a full config', () => {
    expect(computeSlis([], T, withDefaults({ success_rate: 0.99 })).targets).toEqual({ success_rate: 0.99, p95_latency_ms: 2500, avg_cost_usd: 0.015, window_days: 30 });
  });

  it('does not repeat a standard window when the rolling window is one of them', () => {
    const report = computeSlis([], T, { ...DEFAULT_TARGETS, window_days: 1 });
    expect(report.windows.map((w) => w.window)).toEqual(['5m', '15m', '1h', '6h', '1d']);
    expect(report.rolling.window).toBe('1d');
  });

  it('filters by tenant, feature and provider', () => {
    const rollups = toRollups([req(T), req(T, { tenant: 'globex' }), req(T, { provider: 'secondary', outcome: 'failure' }), req(T, { feature: 'search' })]);
    expect(computeSlis(rollups, T, DEFAULT_TARGETS, { tenant: 'acme' }).rolling.eligible).toBe(3);
    expect(computeSlis(rollups, T, DEFAULT_TARGETS, { provider: 'secondary' }).rolling.successRate).toBe(0);
    expect(computeSlis(rollups, T, DEFAULT_TARGETS, { tenant: 'acme', feature: 'search' }).rolling.eligible).toBe(1);
    expect(computeSlis(rollups, T, DEFAULT_TARGETS, { tenant: 'initech' }).rolling.successRate).toBeNull();
  });

  it('reports burn rates for any windows asked', () => {
    const rollups = toRollups([req(T - 20 * MINUTE_MS, { outcome: 'failure' }), ...Array.from({ length: 99 }, () => req(T))]);
    const report = computeSlis(rollups, T, DEFAULT_TARGETS, {}, [10 * MINUTE_MS, 30 * MINUTE_MS]);
    expect(report.burnRates).toEqual([
      { window: '10m', ms: 600_000, eligible: 99, rate: 0 },
      { window: '30m', ms: 1_800_000, eligible: 100, rate: burnRate({ eligible: 100, successes: 99 }, 0.995) },
    ]);
    expect(report.burnRates[1]?.rate).toBe(2);
  });
});

describe('computeSlis: what clients feel (issue #12)', () => {
  const rollupOf = (over: Partial<Totals>): Rollup => ({ minute: T, tenant: 'acme', feature: 'chat', provider: 'primary', ...emptyTotals(), ...over });

  it('states each window\'s basis: sent, eligible, excluded by kind, failures by kind', () => {
    const rollups = [rollupOf({ eligible: 10, successes: 6, abandoned: 2, internalErrors: 1, clientErrors: 3, cancelledEarly: 4, clientGone: 5 })];
    const w = computeSlis(rollups, T, DEFAULT_TARGETS).windows[0];
    expect(w).toMatchObject({ sent: 22, eligible: 10, excluded: 12, clientErrors: 3, cancelledEarly: 4, clientGone: 5, successes: 6, failures: 4, providerErrors: 1, abandoned: 2, internalErrors: 1, successRate: 0.6 });
  });

  it('gives no verdict below min_requests: 3 failures in 28 requests is "not enough traffic yet (28 of 100)", not a freeze', () => {
    const rollups = toRollups([...Array.from({ length: 25 }, () => req(T)), ...Array.from({ length: 3 }, () => req(T, { outcome: 'failure' }))]);
    const report = computeSlis(rollups, T, withDefaults());
    expect(report.rolling).toMatchObject({ eligible: 28, minRequests: 100, verdict: 'not_enough_traffic', met: { successRate: null, p95Latency: null, avgCost: null } });
    expect(report.rolling.successRate).toBeCloseTo(25 / 28, 12); // the figure is still shown
    expect(report.budget).toEqual({ allowed: 0, spent: 3, remaining: -3, remainingRatio: null, exhausted: false });
    const judged = computeSlis(rollups, T, withDefaults({ min_requests: 28 }));
    expect(judged.rolling).toMatchObject({ verdict: 'missed', met: { successRate: false } });
    expect(judged.budget.exhausted).toBe(true);
  });

  it('reports p95 and cost with and without cache hits, and judges on the one slo.include_cache_hits names', () => {
    // 60 hits at 2 ms and $0, 40 provider answers at 2,600 ms and $0.02.
    const hits = Array.from({ length: 60 }, () => req(T, { latencyMs: 2, costUsd: 0, cacheHit: true, savedUsd: 0.02 }));
    const served = Array.from({ length: 40 }, () => req(T, { latencyMs: 2600, costUsd: 0.02 }));
    const rollups = toRollups([...hits, ...served]);
    const withHits = computeSlis(rollups, T, withDefaults()).windows[0]!;
    expect(withHits.withCacheHits).toEqual({ eligible: 100, successes: 100, p95LatencyMs: bucketUpperBound(bucketOf(2600)), avgCostUsd: 0.008 });
    expect(withHits.withoutCacheHits).toEqual({ eligible: 40, successes: 40, p95LatencyMs: bucketUpperBound(bucketOf(2600)), avgCostUsd: 0.02 });
    expect(withHits).toMatchObject({ cacheHitsInPromise: true, avgCostUsd: 0.008, met: { avgCost: true, p95Latency: false }, verdict: 'missed' });
    const without = computeSlis(rollups, T, withDefaults({ include_cache_hits: false })).windows[0]!;
    expect(without).toMatchObject({ cacheHitsInPromise: false, avgCostUsd: 0.02, met: { successRate: true, avgCost: false } });
    // Hits flatter the p95 only when they are more than 5% of answers above it: 99 hits and one slow answer.
    const mostlyHits = toRollups([...Array.from({ length: 99 }, () => req(T, { latencyMs: 2, costUsd: 0, cacheHit: true })), req(T, { latencyMs: 2600, costUsd: 0.02 })]);
    const w = computeSlis(mostlyHits, T, withDefaults()).windows[0]!;
    expect(w.withCacheHits.p95LatencyMs).toBe(bucketUpperBound(bucketOf(2)));
    expect(w.withoutCacheHits.p95LatencyMs).toBe(bucketUpperBound(bucketOf(2600)));
    expect(computeSlis(mostlyHits, T, withDefaults({ include_cache_hits: false })).windows[0]?.met.p95Latency).toBe(false);
  });

  it('has no cost or p95 without cache hits when every request was a hit', () => {
    const rollups = toRollups(Array.from({ length: 100 }, () => req(T, { costUsd: 0, cacheHit: true })));
    const w = computeSlis(rollups, T, withDefaults({ include_cache_hits: false })).windows[0]!;
    expect(w.withoutCacheHits).toEqual({ eligible: 0, successes: 0, p95LatencyMs: null, avgCostUsd: null });
    expect(w).toMatchObject({ verdict: 'met', met: { successRate: true, p95Latency: null, avgCost: null } });
  });
});
