/**
 * Test helpers: raw requests, their per-minute rollups, and brute-force SLIs computed
 * straight from the raw requests (no histograms, no bands) to check the engine against.
 */
import fc from 'fast-check';
import { MIN_VALUE, GROWTH, record } from '../../../../src/core/histogram.js';
import { emptyTotals } from '../../../../src/core/slo/totals.js';
import { MINUTE_MS } from '../../../../src/core/slo/duration.js';
import type { Rollup, RollupFilter } from '../../../../src/core/slo/rollup.js';

export interface RawRequest {
  at: number;
  tenant: string;
  feature: string;
  provider: string;
  outcome: 'success' | 'failure' | 'client_error';
  latencyMs: number;
  costUsd: number;
  cacheHit: boolean;
  savedUsd: number;
}

export const minuteOf = (t: number) => Math.floor(t / MINUTE_MS) * MINUTE_MS;

export function toRollups(requests: readonly RawRequest[]): Rollup[] {
  const byKey = new Map<string, Rollup>();
  for (const q of requests) {
    const minute = minuteOf(q.at);
    const key = `${minute}|${q.tenant}|${q.feature}|${q.provider}`;
    let r = byKey.get(key);
    if (r === undefined) {
      r = { minute, tenant: q.tenant, feature: q.feature, provider: q.provider, ...emptyTotals() };
      byKey.set(key, r);
    }
    if (q.outcome === 'client_error') {
      r.clientErrors++;
      continue;
    }
    r.eligible++;
    r.costUsd += q.costUsd;
    if (q.cacheHit) {
      r.cacheHits++;
      r.costSavedUsd += q.savedUsd;
    }
    if (q.outcome === 'success') {
      r.successes++;
      record(r.latency, q.latencyMs);
      if (q.cacheHit) record(r.cacheLatency, q.latencyMs);
    }
  }
  return [...byKey.values()];
}

export interface Reference {
  eligible: number;
  successes: number;
  clientErrors: number;
  cacheHits: number;
  costUsd: number;
  costSavedUsd: number;
  successRate: number | null;
  avgCostUsd: number | null;
  /** The exact nearest-rank p95 of successes' latency. */
  p95LatencyMs: number | null;
  /** The same over successes not served from the cache. */
  p95LatencyMsWithoutCacheHits: number | null;
  /** Cost over eligible requests not served from the cache. */
  avgCostUsdWithoutCacheHits: number | null;
  /** Every request recorded in the window. */
  sent: number;
}

/**
 * The documented reporting of a p95 (docs/slo.md): the upper edge of the 2% bucket that
 * holds the exact nearest-rank value, written out from the bucket definition (bucket i
 * holds [1.02^(i-1), 1.02^i) ms) rather than read from a histogram: the first edge above
 * the exact value, so exact < reported <= exact x 1.02; 1 ms for values up to 1 ms.
 */
export function reportedP95(exact: number | null): number | null {
  if (exact === null) return null;
  if (exact <= MIN_VALUE) return MIN_VALUE;
  let upper = MIN_VALUE * GROWTH;
  let i = 1;
  while (upper <= exact) upper = MIN_VALUE * GROWTH ** ++i;
  return upper;
}

/** The window by its definition: requests whose minute start m has now - ms < m <= now. */
export function reference(requests: readonly RawRequest[], now: number, ms: number, f: RollupFilter = {}): Reference {
  const picked = requests.filter(
    (q) =>
      minuteOf(q.at) > now - ms &&
      minuteOf(q.at) <= now &&
      (f.tenant === undefined || f.tenant === q.tenant) &&
      (f.feature === undefined || f.feature === q.feature) &&
      (f.provider === undefined || f.provider === q.provider),
  );
  const eligible = picked.filter((q) => q.outcome !== 'client_error');
  const ok = eligible.filter((q) => q.outcome === 'success');
  const costUsd = eligible.reduce((s, q) => s + q.costUsd, 0);
  const cacheHits = eligible.filter((q) => q.cacheHit).length;
  const latencies = ok.map((q) => q.latencyMs).sort((a, b) => a - b);
  // Nearest rank: the smallest value with at least ceil(0.95 n) values at or below it.
  const p95 = latencies.length === 0 ? null : (latencies[Math.ceil(0.95 * latencies.length) - 1] as number);
  const served = eligible.filter((q) => q.outcome === 'success' && !q.cacheHit).map((q) => q.latencyMs).sort((a, b) => a - b);
  const p95Served = served.length === 0 ? null : (served[Math.ceil(0.95 * served.length) - 1] as number);
  return {
    eligible: eligible.length,
    successes: ok.length,
    clientErrors: picked.length - eligible.length,
    cacheHits,
    costUsd,
    costSavedUsd: eligible.filter((q) => q.cacheHit).reduce((s, q) => s + q.savedUsd, 0),
    successRate: eligible.length === 0 ? null : ok.length / eligible.length,
    avgCostUsd: eligible.length === 0 ? null : costUsd / eligible.length,
    p95LatencyMs: p95,
    p95LatencyMsWithoutCacheHits: p95Served,
    avgCostUsdWithoutCacheHits: eligible.length - cacheHits === 0 ? null : costUsd / (eligible.length - cacheHits),
    sent: picked.length,
  };
}

/** A clock near 2025-06-01, on or off a minute boundary. */
export const arbNow = fc.integer({ min: 0, max: 3 * 86_400_000 }).map((d) => Date.UTC(2025, 5, 1) + d);

/**
 * Requests around `now`: from 26 hours before it to 2 minutes after (those must be
 * ignored), often exactly on minute starts so window edges are hit.
 */
export function arbRequests(now: number, maxLength = 120): fc.Arbitrary<RawRequest[]> {
  const at = fc.oneof(
    fc.integer({ min: -2, max: 26 * 60 }).map((k) => minuteOf(now) - k * MINUTE_MS),
    fc.constantFrom(-5, -15, -60, -360, -1440, -1, 0, 1).map((k) => minuteOf(now) + k * MINUTE_MS),
    fc.integer({ min: now - 26 * 3_600_000, max: now + 120_000 }),
  );
  const request = fc.record({
    at,
    tenant: fc.constantFrom('acme', 'globex'),
    feature: fc.constantFrom('chat', 'search'),
    provider: fc.constantFrom('primary', 'secondary', 'none'),
    outcome: fc.constantFrom<RawRequest['outcome']>('success', 'success', 'success', 'failure', 'client_error'),
    latencyMs: fc.double({ min: 1, max: 60_000, noNaN: true }),
    costUsd: fc.double({ min: 0, max: 0.2, noNaN: true }),
    cacheHit: fc.boolean(),
    savedUsd: fc.double({ min: 0, max: 0.2, noNaN: true }),
  });
  return fc.array(request, { maxLength });
}

export const arbFilter: fc.Arbitrary<RollupFilter> = fc.record(
  { tenant: fc.constantFrom('acme', 'globex', 'initech'), feature: fc.constantFrom('chat', 'search'), provider: fc.constantFrom('primary', 'secondary', 'none') },
  { requiredKeys: [] },
);
