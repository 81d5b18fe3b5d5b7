import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketOf, bucketValue } from '../../../../src/core/histogram.js';
import { burnRate } from '../../../../src/core/slo/burn-rate.js';
import { computeSlis } from '../../../../src/core/slo/compute-slis.js';
import { DEFAULT_TARGETS, withDefaults } from '../../../../src/core/slo/config.js';
import { DAY_MS, MINUTE_MS } from '../../../../src/core/slo/duration.js';
import { errorBudget } from '../../../../src/core/slo/error-budget.js';
import { arbFilter, arbNow, arbRequests, reference, toRollups } from './reference.js';
import type { RawRequest } from './reference.js';

const T = Date.UTC(2025, 5, 1, 12, 0);
const targets = { ...DEFAULT_TARGETS, window_days: 1 };

function req(at: number, over: Partial<RawRequest> = {}): RawRequest {
  return { at, tenant: 'acme', feature: 'chat', provider: 'primary', outcome: 'success', latencyMs: 1000, costUsd: 0.01, cacheHit: false, savedUsd: 0, ...over };
}

describe('computeSlis against a brute-force reference', () => {
  it('agrees on every window: counts and rates exactly, cost to 1e-9, p95 within 1% of the nearest rank', () => {
    fc.assert(
      fc.property(arbNow.chain((now) => fc.tuple(fc.constant(now), arbRequests(now, 200), arbFilter)), ([now, requests, filter]) => {
        const report = computeSlis(toRollups(requests), now, targets, filter);
        expect(report.windows.map((w) => w.window)).toEqual(['5m', '15m', '1h', '6h', '1d']);
        for (const w of report.windows) {
          const ref = reference(requests, now, w.ms, filter);
          expect(w.eligible).toBe(ref.eligible);
          expect(w.successes).toBe(ref.successes);
          expect(w.clientErrors).toBe(ref.clientErrors);
          expect(w.cacheHits).toBe(ref.cacheHits);
          expect(w.successRate).toBe(ref.successRate);
          expect(w.cacheHitRate).toBe(ref.eligible === 0 ? null : ref.cacheHits / ref.eligible);
          expect(w.costUsd).toBeCloseTo(ref.costUsd, 9);
          expect(w.costSavedUsd).toBeCloseTo(ref.costSavedUsd, 9);
          if (ref.avgCostUsd === null) expect(w.avgCostUsd).toBeNull();
          else expect(w.avgCostUsd).toBeCloseTo(ref.avgCostUsd, 9);
          if (ref.p95LatencyMs === null) expect(w.p95LatencyMs).toBeNull();
          else expect(Math.abs((w.p95LatencyMs as number) - ref.p95LatencyMs)).toBeLessThanOrEqual(0.01 * ref.p95LatencyMs);
        }
        const day = reference(requests, now, DAY_MS, filter);
        expect(report.budget).toEqual(errorBudget(day, targets.success_rate));
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
    const report = computeSlis(toRollups([req(T, { outcome: 'failure' }), req(T, { outcome: 'failure' })]), T, DEFAULT_TARGETS);
    const five = report.windows[0];
    expect(five).toMatchObject({ eligible: 2, successRate: 0, p95LatencyMs: null, met: { successRate: false, p95Latency: null, avgCost: true } });
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
    const p95 = bucketValue(bucketOf(1000));
    const rollups = toRollups(Array.from({ length: 20 }, () => req(T)));
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
