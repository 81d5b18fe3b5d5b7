/**
 * Whether each alert's condition holds at `now`, with the figures a page needs. The
 * state machine (alert-state.ts) turns a run of these into pending, firing and resolved.
 */
import { burnRate } from './burn-rate.js';
import type { AlertName, BurnRateAlertConfig, SloConfig, ThresholdAlertConfig } from './config.js';
import { formatDuration } from './duration.js';
import { avgCost, p95Latency } from './promise-figures.js';
import type { Rollup, RollupFilter } from './rollup.js';
import type { Totals } from './totals.js';
import { sumWindows } from './windows.js';

export interface AlertCondition {
  active: boolean;
  /** The SLI read (p95 ms, success rate, average cost, or burn rate); null with no data. */
  value: number | null;
  threshold: number;
  /** Eligible requests in the window the min-traffic guard reads. */
  eligible: number;
  /** '5m', or 'long/short' ('1h/5m') for a burn-rate pair. */
  window: string;
}

function thresholdCondition(rule: ThresholdAlertConfig, t: Totals, value: number | null, above: boolean): AlertCondition {
  const breached = value !== null && (above ? value > rule.threshold : value < rule.threshold);
  return { active: t.eligible >= rule.min_requests && breached, value, threshold: rule.threshold, eligible: t.eligible, window: formatDuration(rule.window_ms) };
}

function burnCondition(rule: BurnRateAlertConfig, totalsOf: (ms: number) => Totals, target: number): AlertCondition {
  let shown: AlertCondition | null = null;
  let shownScore = -Infinity;
  for (const pair of rule.pairs) {
    const short = totalsOf(pair.short_ms);
    const long = burnRate(totalsOf(pair.long_ms), target);
    const shortRate = burnRate(short, target);
    // Both windows must burn: the long one proves it matters, the short one that it is still happening.
    const value = long === null || shortRate === null ? null : Math.min(long, shortRate);
    const active = short.eligible >= rule.min_requests && value !== null && value > pair.factor;
    const c: AlertCondition = { active, value, threshold: pair.factor, eligible: short.eligible, window: `${formatDuration(pair.long_ms)}/${formatDuration(pair.short_ms)}` };
    if (active) return c;
    const score = value === null ? -Infinity : value / pair.factor;
    if (shown === null || score > shownScore) {
      shown = c;
      shownScore = score;
    }
  }
  return shown ?? { active: false, value: null, threshold: 0, eligible: 0, window: '' };
}

/**
 * The conditions of the enabled alerts, from one pass over the rollups (histograms are
 * merged only for the latency alert's window). The latency and cost alerts read the
 * figures the promise is judged on: with cache hits or without, by slo.include_cache_hits.
 *
 * @example alertConditions(rollups, now, withDefaults()).success // { active: false, value: 0.998, ... }
 */
export function alertConditions(
  rollups: Iterable<Rollup>,
  now: number,
  config: SloConfig,
  filter: RollupFilter = {},
): Partial<Record<AlertName, AlertCondition>> {
  const { latency, success, cost, burn_rate: burn } = config.alerts;
  const windows: number[] = [];
  for (const rule of [latency, success, cost]) if (rule.enabled) windows.push(rule.window_ms);
  if (burn.enabled) for (const p of burn.pairs) windows.push(p.long_ms, p.short_ms);
  const sums = sumWindows(rollups, now, windows, filter, latency.enabled ? [latency.window_ms] : []);
  const byWindow = new Map<number, Totals>(windows.map((ms, i) => [ms, sums[i] as Totals]));
  const totalsOf = (ms: number) => byWindow.get(ms) as Totals;

  const out: Partial<Record<AlertName, AlertCondition>> = {};
  if (latency.enabled) {
    const t = totalsOf(latency.window_ms);
    out.latency = thresholdCondition(latency, t, p95Latency(t, config.include_cache_hits), true);
  }
  if (success.enabled) {
    const t = totalsOf(success.window_ms);
    out.success = thresholdCondition(success, t, t.eligible > 0 ? t.successes / t.eligible : null, false);
  }
  if (cost.enabled) {
    const t = totalsOf(cost.window_ms);
    out.cost = thresholdCondition(cost, t, avgCost(t, config.include_cache_hits), true);
  }
  if (burn.enabled) out.burn_rate = burnCondition(burn, totalsOf, config.success_rate);
  return out;
}
