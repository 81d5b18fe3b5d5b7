import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../../../src/core/slo/duration.js';
import { computeSlis } from '../../../../src/core/slo/compute-slis.js';
import { withDefaults } from '../../../../src/core/slo/config.js';
import { bucketSeries, seriesBounds } from '../../../../src/core/slo/series.js';
import { arbFilter, arbNow, arbRequests, minuteOf, reference, reportedP95, toRollups } from './reference.js';
import type { RawRequest } from './reference.js';

const T = Date.UTC(2025, 5, 1, 12, 7, 30); // 12:07:30

function req(at: number, latencyMs: number, outcome: RawRequest['outcome'] = 'success', extra: Partial<RawRequest> = {}): RawRequest {
  return { at, tenant: 'acme', feature: 'chat', provider: 'primary', outcome, latencyMs, costUsd: 0.01, cacheHit: false, savedUsd: 0, ...extra };
}

describe('seriesBounds', () => {
  it('ends with the bucket holding now, aligned to the step since the epoch', () => {
    expect(seriesBounds(T, { minutes: 60, stepMinutes: 1 })).toEqual({ from: Date.UTC(2025, 5, 1, 11, 8), to: Date.UTC(2025, 5, 1, 12, 8), stepMs: MINUTE_MS, points: 60 });
    expect(seriesBounds(T, { minutes: 60, stepMinutes: 5 })).toEqual({ from: Date.UTC(2025, 5, 1, 11, 10), to: Date.UTC(2025, 5, 1, 12, 10), stepMs: 5 * MINUTE_MS, points: 12 });
    expect(seriesBounds(T, { minutes: 1440, stepMinutes: 5 }).points).toBe(288);
  });
});

describe('bucketSeries', () => {
  it('puts each request in its minute, with null (not 0) where a minute had no traffic', () => {
    const at = (m: number) => Date.UTC(2025, 5, 1, 12, m, 10);
    const requests = [req(at(5), 100), req(at(5), 200), req(at(5), 300, 'failure'), req(at(7), 50), req(at(7), 50, 'client_error'), req(at(6) - 3_600_000, 80)];
    const s = bucketSeries(toRollups(requests), T, { minutes: 5, stepMinutes: 1 });
    expect(s.t).toEqual([3, 4, 5, 6, 7].map((m) => Date.UTC(2025, 5, 1, 12, m)));
    expect(s.eligible).toEqual([0, 0, 3, 0, 1]);
    expect(s.successes).toEqual([0, 0, 2, 0, 1]);
    expect(s.clientErrors).toEqual([0, 0, 0, 0, 1]);
    expect(s.successRate).toEqual([null, null, 2 / 3, null, 1]);
    expect(s.avgCostUsd).toEqual([null, null, 0.01, null, 0.01]);
    expect(s.requestsPerMinute).toEqual([0, 0, 3, 0, 1]);
    expect(s.p95LatencyMs[0]).toBeNull();
    expect(s.p95LatencyMs[2]).toBeCloseTo(200, -1); // nearest rank of [100, 200] is 200, within 1%
    expect(Math.abs((s.p95LatencyMs[2] as number) / 200 - 1)).toBeLessThanOrEqual(0.01);
    expect(s.from).toBe(Date.UTC(2025, 5, 1, 12, 3));
    expect(s.to).toBe(Date.UTC(2025, 5, 1, 12, 8));
  });

  it("takes each step's p95 from the merged histograms, not from the minutes' p95s", () => {
    // 20 fast requests in one minute, 1 slow one in the next: per-minute p95s are 100 and
    // 1000 ms, but over the two minutes the 20th of 21 latencies is 100 ms.
    const at = (m: number) => Date.UTC(2025, 5, 1, 12, m, 1);
    const requests = [...Array.from({ length: 20 }, () => req(at(4), 100)), req(at(5), 1000)];
    const s = bucketSeries(toRollups(requests), Date.UTC(2025, 5, 1, 12, 5, 30), { minutes: 2, stepMinutes: 2 });
    expect(s.t).toEqual([Date.UTC(2025, 5, 1, 12, 4)]);
    expect(s.eligible).toEqual([21]);
    expect(Math.abs((s.p95LatencyMs[0] as number) / 100 - 1)).toBeLessThanOrEqual(0.01);
  });

  it('divides requests per minute by the minutes of the filling bucket that have started', () => {
    const at = (m: number) => Date.UTC(2025, 5, 1, 12, m, 1);
    const requests = [...Array.from({ length: 10 }, () => req(at(0), 10)), ...Array.from({ length: 6 }, () => req(at(6), 10))];
    // now 12:07:30, 5-minute steps: 12:00-12:05 is complete, 12:05-12:10 has 3 minutes started
    const s = bucketSeries(toRollups(requests), T, { minutes: 10, stepMinutes: 5 });
    expect(s.t).toEqual([Date.UTC(2025, 5, 1, 12, 0), Date.UTC(2025, 5, 1, 12, 5)]);
    expect(s.eligible).toEqual([10, 6]);
    expect(s.requestsPerMinute).toEqual([2, 2]);
  });

  it('ignores rollups after now and before the span, and applies the filter', () => {
    const at = (m: number) => Date.UTC(2025, 5, 1, 12, m, 1);
    const requests = [req(at(8), 10), req(at(2), 10), req(at(7), 10, 'success', { tenant: 'globex' }), req(at(7), 10)];
    const s = bucketSeries(toRollups(requests), T, { minutes: 5, stepMinutes: 1 }, { tenant: 'acme' });
    expect(s.eligible).toEqual([0, 0, 0, 0, 1]);
  });

  it('agrees with the window SLIs: one-minute steps over an hour add up to the 1h window', () => {
    fc.assert(
      fc.property(arbNow.chain((now) => fc.tuple(fc.constant(now), arbRequests(now, 80), arbFilter)), ([now, requests, filter]) => {
        const rollups = toRollups(requests);
        const s = bucketSeries(rollups, now, { minutes: 60, stepMinutes: 1 }, filter);
        const hour = computeSlis(rollups, now, withDefaults(), filter).windows.find((w) => w.window === '1h');
        expect(s.eligible.reduce((a, b) => a + b, 0)).toBe(hour?.eligible);
        expect(s.successes.reduce((a, b) => a + b, 0)).toBe(hour?.successes);
        // the last bucket is the minute the 5m window ends with
        expect(s.eligible.at(-1)).toBe(reference(requests, now, MINUTE_MS, filter).eligible);
      }),
    );
  });

  it('matches a brute-force computation of every bucket, for any step', () => {
    const steps = fc.constantFrom(1, 2, 5, 10, 15, 60);
    fc.assert(
      fc.property(
        arbNow.chain((now) => fc.tuple(fc.constant(now), arbRequests(now, 80), steps, fc.integer({ min: 1, max: 24 }), arbFilter, fc.boolean())),
        ([now, requests, step, n, filter, includeCacheHits]) => {
          const s = bucketSeries(toRollups(requests), now, { minutes: n * step, stepMinutes: step, includeCacheHits }, filter);
          expect(s.cacheHitsInPromise).toBe(includeCacheHits);
          expect(s.t).toHaveLength(n);
          s.t.forEach((start, i) => {
            const last = Math.min(start + (step - 1) * MINUTE_MS, minuteOf(now));
            const ref = reference(requests, last, last - start + MINUTE_MS, filter);
            expect(s.eligible[i]).toBe(ref.eligible);
            expect(s.successes[i]).toBe(ref.successes);
            expect(s.clientErrors[i]).toBe(ref.clientErrors);
            expect(s.sent[i]).toBe(ref.sent);
            expect(s.successRate[i]).toBe(ref.successRate);
            // The documented p95: the upper edge of the bucket holding the exact nearest rank.
            expect(s.p95LatencyMsWithCacheHits[i]).toBe(reportedP95(ref.p95LatencyMs));
            expect(s.p95LatencyMsWithoutCacheHits[i]).toBe(reportedP95(ref.p95LatencyMsWithoutCacheHits));
            const close = (got: number | null | undefined, want: number | null) => (want === null ? expect(got).toBeNull() : expect(got).toBeCloseTo(want, 9));
            close(s.avgCostUsdWithCacheHits[i], ref.avgCostUsd);
            close(s.avgCostUsdWithoutCacheHits[i], ref.avgCostUsdWithoutCacheHits);
            expect(s.p95LatencyMs[i]).toBe(includeCacheHits ? s.p95LatencyMsWithCacheHits[i] : s.p95LatencyMsWithoutCacheHits[i]);
            expect(s.avgCostUsd[i]).toBe(includeCacheHits ? s.avgCostUsdWithCacheHits[i] : s.avgCostUsdWithoutCacheHits[i]);
          });
        },
      ),
    );
  });
});
