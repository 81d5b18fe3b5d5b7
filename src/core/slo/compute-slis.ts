/**
 * The SLO report: SLIs for the standard windows and the rolling SLO window, the error
 * budget and burn rates, from per-minute rollups in one pass.
 */
import { quantile } from '../histogram.js';
import { burnRate } from './burn-rate.js';
import type { SloTargets } from './config.js';
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

/** Whether each SLI meets its target; null when there is nothing to judge. */
export interface MetFlags {
  successRate: boolean | null;
  p95Latency: boolean | null;
  avgCost: boolean | null;
}

export interface WindowSlis {
  /** Label such as '5m', '1h', '30d'. */
  window: string;
  ms: number;
  /** First and last minute starts covered. */
  from: number;
  to: number;
  eligible: number;
  successes: number;
  clientErrors: number;
  cacheHits: number;
  /** successes / eligible; null when eligible is 0. */
  successRate: number | null;
  /** p95 of successful requests' latency (within 1%); null with no success. */
  p95LatencyMs: number | null;
  /** costUsd / eligible; null when eligible is 0. */
  avgCostUsd: number | null;
  costUsd: number;
  costSavedUsd: number;
  /** cacheHits / eligible; null when eligible is 0. */
  cacheHitRate: number | null;
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
  filter: RollupFilter;
  /** SLI_WINDOWS_MS then the rolling window (unless it is one of them), shortest first. */
  windows: WindowSlis[];
  /** The rolling `window_days` window: the one the SLO is judged on. */
  rolling: WindowSlis;
  /** Over the rolling window. */
  budget: ErrorBudget;
  burnRates: BurnRate[];
}

/**
 * The SLIs of one window's totals against the targets.
 *
 * @example slisOf(mergeRollups(lastHour), DEFAULT_TARGETS, now, 3_600_000).successRate
 */
export function slisOf(t: Totals, targets: SloTargets, now: number, ms: number): WindowSlis {
  const some = t.eligible > 0;
  const successRate = some ? t.successes / t.eligible : null;
  const p95LatencyMs = quantile(t.latency, 0.95);
  const avgCostUsd = some ? tidy(t.costUsd / t.eligible) : null;
  return {
    window: formatDuration(ms),
    ms,
    ...windowBounds(now, ms),
    eligible: t.eligible,
    successes: t.successes,
    clientErrors: t.clientErrors,
    cacheHits: t.cacheHits,
    successRate,
    p95LatencyMs,
    avgCostUsd,
    costUsd: tidy(t.costUsd),
    costSavedUsd: tidy(t.costSavedUsd),
    cacheHitRate: some ? t.cacheHits / t.eligible : null,
    met: {
      successRate: successRate === null ? null : successRate >= targets.success_rate,
      p95Latency: p95LatencyMs === null ? null : p95LatencyMs <= targets.p95_latency_ms,
      avgCost: avgCostUsd === null ? null : avgCostUsd <= targets.avg_cost_usd,
    },
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
  targets: SloTargets,
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
    filter,
    windows,
    rolling: windows[sliWindows.indexOf(rollingMs)] as WindowSlis,
    budget: errorBudget(rollingTotals, targets.success_rate),
    burnRates: burnWindows.map((ms, i) => {
      const t = totals[sliWindows.length + i] as Totals;
      return { window: formatDuration(ms), ms, eligible: t.eligible, rate: burnRate(t, targets.success_rate) };
    }),
  };
}
