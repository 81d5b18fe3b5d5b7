/**
 * p95 latency and average cost on one basis: every eligible request, or only those a
 * provider served. Cache hits answer in about a millisecond for $0, so they pull both
 * down; the promise counts them or not by `slo.include_cache_hits` (issue #12), and both
 * are always reported.
 */
import { quantile, subtract, total } from '../histogram.js';
import { tidy } from './tidy.js';
import type { Totals } from './totals.js';

export interface PromiseFigures {
  /** Eligible requests the average cost is over (cache hits left out or not). */
  eligible: number;
  /** Successful requests whose latency the p95 is read from. */
  successes: number;
  /** Upper edge of the 2% bucket holding the nearest-rank p95; null with no success. */
  p95LatencyMs: number | null;
  /** costUsd / eligible; null when eligible is 0. */
  avgCostUsd: number | null;
}

/** The p95 of successes' latency on one basis (see promiseFigures). */
export function p95Latency(t: Pick<Totals, 'latency' | 'cacheLatency'>, withCacheHits: boolean): number | null {
  return quantile(withCacheHits ? t.latency : subtract(t.latency, t.cacheLatency), 0.95);
}

/** The average cost on one basis: a cache hit costs $0, so leaving hits out changes only the denominator. */
export function avgCost(t: Pick<Totals, 'eligible' | 'cacheHits' | 'costUsd'>, withCacheHits: boolean): number | null {
  const eligible = withCacheHits ? t.eligible : t.eligible - t.cacheHits;
  return eligible > 0 ? tidy(t.costUsd / eligible) : null;
}

/**
 * Both ways at once; without cache hits in the totals the two are the same object, and
 * the histogram is read once (the series computes this for every bucket).
 *
 * @example const { withCacheHits, withoutCacheHits } = bothWays(totals)
 */
export function bothWays(t: Totals): { withCacheHits: PromiseFigures; withoutCacheHits: PromiseFigures } {
  const withCacheHits = promiseFigures(t, true);
  const noHits = t.cacheHits === 0 && t.cacheLatency.size === 0;
  return { withCacheHits, withoutCacheHits: noHits ? withCacheHits : promiseFigures(t, false) };
}

/**
 * @example promiseFigures(totals, false).p95LatencyMs // p95 of the answers providers served
 */
export function promiseFigures(t: Totals, withCacheHits: boolean): PromiseFigures {
  const latency = withCacheHits ? t.latency : subtract(t.latency, t.cacheLatency);
  return {
    eligible: withCacheHits ? t.eligible : t.eligible - t.cacheHits,
    successes: total(latency),
    p95LatencyMs: quantile(latency, 0.95),
    avgCostUsd: avgCost(t, withCacheHits),
  };
}
