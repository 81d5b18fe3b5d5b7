/**
 * SLIs over time: per-minute rollups bucketed into equal steps, for the health panel's
 * charts (GET /api/slo/series). Each step's p95 comes from the merged histograms of its
 * minutes, never from averaging per-minute p95s.
 */
import { MINUTE_MS } from './duration.js';
import { bothWays } from './promise-figures.js';
import { matches } from './rollup.js';
import type { Rollup, RollupFilter } from './rollup.js';
import { tidy } from './tidy.js';
import { addTotals, emptyTotals } from './totals.js';
import type { Totals } from './totals.js';

/** The longest span a series covers: one day of minutes (so at most 1440 buckets). */
export const MAX_SERIES_MINUTES = 1440;

export interface SeriesSpec {
  /** Span in minutes (1..MAX_SERIES_MINUTES), a multiple of stepMinutes. */
  minutes: number;
  /** Bucket width in minutes. */
  stepMinutes: number;
  /** slo.include_cache_hits: whether p95LatencyMs and avgCostUsd count cache hits. Default true. */
  includeCacheHits?: boolean;
}

/** Columns of equal length, one entry per bucket, oldest first. */
export interface SloSeries {
  stepMinutes: number;
  /** Start of the first bucket and end (exclusive) of the last, epoch ms. */
  from: number;
  to: number;
  /** Bucket starts, epoch ms (multiples of the step since the epoch). */
  t: number[];
  /** Every request recorded: eligible + clientErrors + cancelledEarly + clientGone. */
  sent: number[];
  eligible: number[];
  successes: number[];
  clientErrors: number[];
  /** Not eligible: the client gave up before its answer began, sooner than the latency target. */
  cancelledEarly: number[];
  /** Not eligible: the client left after its answer began. */
  clientGone: number[];
  /** Eligible failures: the client gave up after waiting at least the latency target. */
  abandoned: number[];
  /** Eligible failures that were ballast's own. */
  internalErrors: number[];
  cacheHits: number[];
  /** successes / eligible; null with no eligible request. */
  successRate: Array<number | null>;
  /** Whether p95LatencyMs and avgCostUsd count cache hits (slo.include_cache_hits). */
  cacheHitsInPromise: boolean;
  /** The promise's p95 (ms), from the merged histograms: an upper bound, under 2% above the exact value; null with no success. */
  p95LatencyMs: Array<number | null>;
  /** The promise's average cost (USD); null with no request on its basis. */
  avgCostUsd: Array<number | null>;
  /** p95 and average cost with cache hits counted, and without them (answers providers served). */
  p95LatencyMsWithCacheHits: Array<number | null>;
  p95LatencyMsWithoutCacheHits: Array<number | null>;
  avgCostUsdWithCacheHits: Array<number | null>;
  avgCostUsdWithoutCacheHits: Array<number | null>;
  /** Eligible requests per minute: over the minutes of the bucket that have started by `now`. */
  requestsPerMinute: number[];
}

/**
 * Bucket starts for a series ending with the bucket that holds `now`'s minute. Buckets
 * are aligned to multiples of the step since the epoch, so they stay put between polls;
 * the last one is still filling.
 *
 * @example seriesBounds(Date.UTC(2025, 0, 1, 12, 7, 30), { minutes: 60, stepMinutes: 5 })
 *   // { from: 11:10, to: 12:10, stepMs: 300_000, points: 12 }
 */
export function seriesBounds(now: number, spec: SeriesSpec): { from: number; to: number; stepMs: number; points: number } {
  const stepMs = spec.stepMinutes * MINUTE_MS;
  const points = Math.floor(spec.minutes / spec.stepMinutes);
  const lastStart = Math.floor(now / stepMs) * stepMs;
  return { from: lastStart - (points - 1) * stepMs, to: lastStart + stepMs, stepMs, points };
}

/**
 * The series of the rollups matching `filter`, as of `now`. Rollups outside the span,
 * or whose minute starts after `now`, are ignored.
 *
 * @example bucketSeries(ledger.rollupsBetween(from, to), Date.now(), { minutes: 60, stepMinutes: 1 }).p95LatencyMs
 */
export function bucketSeries(rollups: Iterable<Rollup>, now: number, spec: SeriesSpec, filter: RollupFilter = {}): SloSeries {
  const { from, to, stepMs, points } = seriesBounds(now, spec);
  const buckets: Totals[] = Array.from({ length: points }, () => emptyTotals());
  for (const r of rollups) {
    if (r.minute < from || r.minute >= to || r.minute > now || !matches(r, filter)) continue;
    addTotals(buckets[Math.floor((r.minute - from) / stepMs)] as Totals, r);
  }
  const nowMinute = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  const series: SloSeries = {
    stepMinutes: spec.stepMinutes,
    from,
    to,
    t: [],
    sent: [],
    eligible: [],
    successes: [],
    clientErrors: [],
    cancelledEarly: [],
    clientGone: [],
    abandoned: [],
    internalErrors: [],
    cacheHits: [],
    successRate: [],
    cacheHitsInPromise: spec.includeCacheHits ?? true,
    p95LatencyMs: [],
    avgCostUsd: [],
    p95LatencyMsWithCacheHits: [],
    p95LatencyMsWithoutCacheHits: [],
    avgCostUsdWithCacheHits: [],
    avgCostUsdWithoutCacheHits: [],
    requestsPerMinute: [],
  };
  buckets.forEach((b, i) => {
    const start = from + i * stepMs;
    const started = Math.min(spec.stepMinutes, Math.max(1, (nowMinute - start) / MINUTE_MS + 1));
    const some = b.eligible > 0;
    const { withCacheHits: withHits, withoutCacheHits: withoutHits } = bothWays(b);
    const promise = series.cacheHitsInPromise ? withHits : withoutHits;
    series.t.push(start);
    series.sent.push(b.eligible + b.clientErrors + b.cancelledEarly + b.clientGone);
    series.eligible.push(b.eligible);
    series.successes.push(b.successes);
    series.clientErrors.push(b.clientErrors);
    series.cancelledEarly.push(b.cancelledEarly);
    series.clientGone.push(b.clientGone);
    series.abandoned.push(b.abandoned);
    series.internalErrors.push(b.internalErrors);
    series.cacheHits.push(b.cacheHits);
    series.successRate.push(some ? b.successes / b.eligible : null);
    series.p95LatencyMs.push(promise.p95LatencyMs);
    series.avgCostUsd.push(promise.avgCostUsd);
    series.p95LatencyMsWithCacheHits.push(withHits.p95LatencyMs);
    series.p95LatencyMsWithoutCacheHits.push(withoutHits.p95LatencyMs);
    series.avgCostUsdWithCacheHits.push(withHits.avgCostUsd);
    series.avgCostUsdWithoutCacheHits.push(withoutHits.avgCostUsd);
    series.requestsPerMinute.push(tidy(b.eligible / started));
  });
  return series;
}
