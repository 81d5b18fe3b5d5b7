/**
 * The SLO report: SLIs for the standard windows and the rolling SLO window, the error
 * budget and burn rates, from per-minute rollups in one pass. Each window states its
 * basis (requests sent, eligible, excluded by kind) and is judged only on enough traffic.
 */
import { burnRate } from './burn-rate.js';
import { DEFAULT_VERDICT_RULES } from './config.js';
import type { SloTargets, SloVerdictRules } from './config.js';
import { bothWays } from './promise-figures.js';
import type { PromiseFigures } from './promise-figures.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, formatDuration } from './duration.js';
import { errorBudget } from './error-budget.js';
import type { ErrorBudget } from './error-budget.js';
import type { RollupFilter, Rollup } from './rollup.js';
import { tidy } from './tidy.js';
import type { Totals } from './totals.js';
import { sumWindows, windowBounds } from './windows.js';

/** 5m, 15m, 1h, 6h, 1d: the rolling SLO window is added to these. */
export const SLI_WINDOWS_MS: readonly number[] = [5 * MINUTE_MS, 15 * MINUTE_MS, HOUR_MS, 6 * HOUR_MS, DAY_MS];
/** 5m, 30m, 1h, 6h: the windows of the Workbook's burn-rate alerts. */
export const BURN_WINDOWS_MS: readonly number[] = [5 * MINUTE_MS, 30 * MINUTE_MS, HOUR_MS, 6 * HOUR_MS];

/** Whether each SLI meets its target; null when there is nothing to judge or too little traffic to judge it. */
export interface MetFlags {
  successRate: boolean | null;
  p95Latency: boolean | null;
  avgCost: boolean | null;
}

/**
 * A window's verdict on the promise: every SLI met, one missed, or too few eligible
 * requests (fewer than slo.min_requests) to judge at all.
 */
export type WindowVerdict = 'met' | 'missed' | 'not_enough_traffic';

export interface WindowSlis {
  /** Label such as '5m', '1h', '30d'. */
  window: string;
  ms: number;
  /** First and last minute starts covered. */
  from: number;
  to: number;
  /** Every request recorded in the window: eligible + excluded. */
  sent: number;
  /** Requests that count for the SLOs (sent - excluded). */
  eligible: number;
  /** Not eligible, counted apart: clientErrors + cancelledEarly + clientGone. */
  excluded: number;
  /** Excluded: bad input, a bad key, a budget refusal. */
  clientErrors: number;
  /** Excluded: the client gave up before its answer began, sooner than the latency target. */
  cancelledEarly: number;
  /** Excluded: the client left after its answer began. */
  clientGone: number;
  successes: number;
  /** Eligible requests that failed: eligible - successes = providerErrors + abandoned + internalErrors. */
  failures: number;
  /** Failures a provider caused: every attempt failed, or a stream broke after its first token. */
  providerErrors: number;
  /** Failures: the client gave up before its answer began, after waiting at least the latency target. */
  abandoned: number;
  /** Failures that were ballast's own. */
  internalErrors: number;
  cacheHits: number;
  /** successes / eligible; null when eligible is 0. Cache hits are successes, whatever the cache-hit policy. */
  successRate: number | null;
  /** The promise's p95: withCacheHits' or withoutCacheHits' (see cacheHitsInPromise); an upper bound, under 2% above the exact value. */
  p95LatencyMs: number | null;
  /** The promise's average cost: withCacheHits' or withoutCacheHits' (see cacheHitsInPromise). */
  avgCostUsd: number | null;
  /** p95 and average cost over every eligible request, cache hits included. */
  withCacheHits: PromiseFigures;
  /** p95 and average cost over the requests a provider served (cache hits left out). */
  withoutCacheHits: PromiseFigures;
  /** slo.include_cache_hits: whether p95LatencyMs, avgCostUsd and their verdicts count cache hits. */
  cacheHitsInPromise: boolean;
  costUsd: number;
  costSavedUsd: number;
  /** cacheHits / eligible; null when eligible is 0. */
  cacheHitRate: number | null;
  /** slo.min_requests: with fewer eligible requests the window has no verdict and met is all null. */
  minRequests: number;
  verdict: WindowVerdict;
  met: MetFlags;
}

export interface BurnRate {
  window: string;
  ms: number;
  eligible: number;
  /** null with no traffic. */
  rate: number | null;
}

export interface SloReport {
  now: number;
  targets: SloTargets;
  /** How windows are judged: slo.min_requests and slo.include_cache_hits. */
  rules: SloVerdictRules;
  filter: RollupFilter;
  /** SLI_WINDOWS_MS then the rolling window (unless it is one of them), shortest first. */
  windows: WindowSlis[];
  /** The rolling `window_days` window: the one the SLO is judged on. */
  rolling: WindowSlis;
  /** Over the rolling window; never exhausted below min_requests eligible requests. */
  budget: ErrorBudget;
  burnRates: BurnRate[];
}

/** The rules of a full SloConfig, or the defaults for bare targets. */
function rulesOf(targets: SloTargets & Partial<SloVerdictRules>): SloVerdictRules {
  return {
    min_requests: targets.min_requests ?? DEFAULT_VERDICT_RULES.min_requests,
    include_cache_hits: targets.include_cache_hits ?? DEFAULT_VERDICT_RULES.include_cache_hits,
  };
}

/**
 * The SLIs of one window's totals against the targets. With fewer eligible requests than
 * `min_requests` (default 100) the window gets no verdict: `verdict` is
 * 'not_enough_traffic' and every `met` flag is null.
 *
 * @example slisOf(mergeRollups(lastHour), withDefaults(), now, 3_600_000).verdict // 'met'
 */
export function slisOf(t: Totals, targets: SloTargets & Partial<SloVerdictRules>, now: number, ms: number): WindowSlis {
  const rules = rulesOf(targets);
  const some = t.eligible > 0;
  const successRate = some ? t.successes / t.eligible : null;
  const { withCacheHits, withoutCacheHits } = bothWays(t);
  const promise = rules.include_cache_hits ? withCacheHits : withoutCacheHits;
  const enough = t.eligible >= rules.min_requests;
  const judge = (value: number | null, ok: (v: number) => boolean) => (enough && value !== null ? ok(value) : null);
  const met: MetFlags = {
    successRate: judge(successRate, (v) => v >= targets.success_rate),
    p95Latency: judge(promise.p95LatencyMs, (v) => v <= targets.p95_latency_ms),
    avgCost: judge(promise.avgCostUsd, (v) => v <= targets.avg_cost_usd),
  };
  const failures = t.eligible - t.successes;
  const excluded = t.clientErrors + t.cancelledEarly + t.clientGone;
  return {
    window: formatDuration(ms),
    ms,
    ...windowBounds(now, ms),
    sent: t.eligible + excluded,
    eligible: t.eligible,
    excluded,
    clientErrors: t.clientErrors,
    cancelledEarly: t.cancelledEarly,
    clientGone: t.clientGone,
    successes: t.successes,
    failures,
    providerErrors: failures - t.abandoned - t.internalErrors,
    abandoned: t.abandoned,
    internalErrors: t.internalErrors,
    cacheHits: t.cacheHits,
    successRate,
    p95LatencyMs: promise.p95LatencyMs,
    avgCostUsd: promise.avgCostUsd,
    withCacheHits,
    withoutCacheHits,
    cacheHitsInPromise: rules.include_cache_hits,
    costUsd: tidy(t.costUsd),
    costSavedUsd: tidy(t.costSavedUsd),
    cacheHitRate: some ? t.cacheHits / t.eligible : null,
    minRequests: rules.min_requests,
    verdict: !enough ? 'not_enough_traffic' : Object.values(met).includes(false) ? 'missed' : 'met',
    met,
  };
}

/**
 * Everything /api/slo shows, for the rollups matching `filter`, as of `now`: one pass
 * over the rollups and one histogram merge per rollup. Rollups after `now` are ignored.
 *
 * @example computeSlis(rollups, Date.now(), withDefaults(), { tenant: 'acme' }).budget.remaining
 */
export function computeSlis(
  rollups: Iterable<Rollup>,
  now: number,
  targets: SloTargets & Partial<SloVerdictRules>,
  filter: RollupFilter = {},
  burnWindows: readonly number[] = BURN_WINDOWS_MS,
): SloReport {
  const rollingMs = targets.window_days * DAY_MS;
  const sliWindows = [...new Set([...SLI_WINDOWS_MS, rollingMs])].sort((a, b) => a - b);
  const totals = sumWindows(rollups, now, [...sliWindows, ...burnWindows], filter, sliWindows);
  const windows = sliWindows.map((ms, i) => slisOf(totals[i] as Totals, targets, now, ms));
  const rollingTotals = totals[sliWindows.indexOf(rollingMs)] as Totals;
  const { success_rate, p95_latency_ms, avg_cost_usd, window_days } = targets;
  return {
    now,
    targets: { success_rate, p95_latency_ms, avg_cost_usd, window_days },
    rules: rulesOf(targets),
    filter,
    windows,
    rolling: windows[sliWindows.indexOf(rollingMs)] as WindowSlis,
    budget: errorBudget(rollingTotals, targets.success_rate, rulesOf(targets).min_requests),
    burnRates: burnWindows.map((ms, i) => {
      const t = totals[sliWindows.length + i] as Totals;
      return { window: formatDuration(ms), ms, eligible: t.eligible, rate: burnRate(t, targets.success_rate) };
    }),
  };
}
