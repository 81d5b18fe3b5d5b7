/**
 * SLO targets and alert rules: plain types and `withDefaults()`. The core stays free of
 * zod for the browser bundle; the router validates ballast.yaml with its own schema and
 * passes the result through `withDefaults()`.
 */
import { MINUTE_MS, parseDuration } from './duration.js';
import type { Duration } from './duration.js';

/** What a client is promised, as in ballast.yaml's `slo` block. */
export interface SloTargets {
  /** Fraction of eligible requests that must succeed, e.g. 0.995. Below 1. */
  success_rate: number;
  /** p95 latency of successful requests, ms. */
  p95_latency_ms: number;
  /** Average cost per eligible request, USD. */
  avg_cost_usd: number;
  /** The rolling SLO window, days. */
  window_days: number;
}

export const DEFAULT_TARGETS: Readonly<SloTargets> = { success_rate: 0.995, p95_latency_ms: 2500, avg_cost_usd: 0.015, window_days: 30 };

/** How the SLO window is judged, as in ballast.yaml's `slo` block (issue #12). */
export interface SloVerdictRules {
  /** Fewer eligible requests than this in the window: no met/missed verdict and no freeze, "not enough traffic yet". Integer, at least 1. */
  min_requests: number;
  /** Whether answers served from the answer cache count in the promised p95 and average cost. */
  include_cache_hits: boolean;
}

export const DEFAULT_VERDICT_RULES: Readonly<SloVerdictRules> = { min_requests: 100, include_cache_hits: true };

export type ThresholdAlertName = 'latency' | 'success' | 'cost';
export type AlertName = ThresholdAlertName | 'burn_rate';

export interface ThresholdAlertInput {
  enabled?: boolean;
  /** Trailing window the SLI is read over (whole minutes). Default '5m'. */
  window?: Duration;
  /** How long the condition must hold before the alert fires. */
  for?: Duration;
  /** Fewer eligible requests than this in the window: the condition is false. Default 20. */
  min_requests?: number;
  /** Default: the matching SLO target. */
  threshold?: number;
}

export interface BurnRatePairInput {
  long: Duration;
  short: Duration;
  /** Fires when the burn rate exceeds this over both windows. */
  factor: number;
}

export interface BurnRateAlertInput {
  /** Default false: the three threshold alerts are the seed's; this one is opt-in. */
  enabled?: boolean;
  for?: Duration;
  /** Fewer eligible requests than this in the short window: the pair is false. Default 20. */
  min_requests?: number;
  /** Default: the SRE Workbook's pages, 14.4 over 1h and 5m, 6 over 6h and 30m. */
  pairs?: BurnRatePairInput[];
}

export interface AlertsInput {
  latency?: ThresholdAlertInput;
  success?: ThresholdAlertInput;
  cost?: ThresholdAlertInput;
  burn_rate?: BurnRateAlertInput;
  /** How long a resolved alert stays `resolved` before it goes back to `inactive`. Default '15m'. */
  keep_resolved?: Duration;
}

export interface SloConfigInput extends Partial<SloTargets>, Partial<SloVerdictRules> {
  alerts?: AlertsInput;
}

export interface ThresholdAlertConfig {
  enabled: boolean;
  window_ms: number;
  for_ms: number;
  min_requests: number;
  threshold: number;
}

export interface BurnRatePair {
  long_ms: number;
  short_ms: number;
  factor: number;
}

export interface BurnRateAlertConfig {
  enabled: boolean;
  for_ms: number;
  min_requests: number;
  pairs: BurnRatePair[];
}

export interface AlertsConfig {
  latency: ThresholdAlertConfig;
  success: ThresholdAlertConfig;
  cost: ThresholdAlertConfig;
  burn_rate: BurnRateAlertConfig;
  keep_resolved_ms: number;
}

/** Targets and alert rules with every default filled in and durations in ms. */
export interface SloConfig extends SloTargets, SloVerdictRules {
  alerts: AlertsConfig;
}

export const DEFAULT_MIN_REQUESTS = 20;

/** Defaults per threshold alert: a 5-minute window; `for` 15m, 5m and 15m. */
export const DEFAULT_ALERT_TIMING: Readonly<Record<ThresholdAlertName, { window: Duration; for: Duration }>> = {
  latency: { window: '5m', for: '15m' },
  success: { window: '5m', for: '5m' },
  cost: { window: '5m', for: '15m' },
};

/** The SRE Workbook's multi-window, multi-burn-rate pages (2% of a 30-day budget in 1h, 5% in 6h). */
export const DEFAULT_BURN_RATE_PAIRS: readonly BurnRatePairInput[] = [
  { long: '1h', short: '5m', factor: 14.4 },
  { long: '6h', short: '30m', factor: 6 },
];

function durationMs(d: Duration, key: string, wholeMinutes: boolean): number {
  const ms = parseDuration(d);
  if (ms === null) throw new RangeError(`slo.alerts.${key}: ${JSON.stringify(d)} is not a duration; write e.g. 5m, 1h or 30d`);
  if (wholeMinutes && (ms <= 0 || ms % MINUTE_MS !== 0)) {
    throw new RangeError(`slo.alerts.${key}: windows are whole minutes (rollups are per minute); got ${JSON.stringify(d)}`);
  }
  return ms;
}

function thresholdAlert(name: ThresholdAlertName, input: ThresholdAlertInput = {}, target: number): ThresholdAlertConfig {
  const timing = DEFAULT_ALERT_TIMING[name];
  return {
    enabled: input.enabled ?? true,
    window_ms: durationMs(input.window ?? timing.window, `${name}.window`, true),
    for_ms: durationMs(input.for ?? timing.for, `${name}.for`, false),
    min_requests: input.min_requests ?? DEFAULT_MIN_REQUESTS,
    threshold: input.threshold ?? target,
  };
}

/**
 * The full configuration from a partial one: targets default to 99.5%, 2,500 ms,
 * $0.015 and 30 days; a verdict needs 100 eligible requests and counts cache hits; alerts
 * to the three threshold alerts on, burn rate off. Throws a RangeError naming the key when
 * a duration does not parse or min_requests is not a whole number of at least 1.
 *
 * @example withDefaults({ alerts: { burn_rate: { enabled: true } } }).alerts.success.for_ms // 300_000
 */
export function withDefaults(input: SloConfigInput = {}): SloConfig {
  const targets: SloTargets = {
    success_rate: input.success_rate ?? DEFAULT_TARGETS.success_rate,
    p95_latency_ms: input.p95_latency_ms ?? DEFAULT_TARGETS.p95_latency_ms,
    avg_cost_usd: input.avg_cost_usd ?? DEFAULT_TARGETS.avg_cost_usd,
    window_days: input.window_days ?? DEFAULT_TARGETS.window_days,
  };
  const minRequests = input.min_requests ?? DEFAULT_VERDICT_RULES.min_requests;
  if (!Number.isInteger(minRequests) || minRequests < 1) {
    throw new RangeError(`slo.min_requests: must be a whole number of at least 1 (eligible requests in the window before a verdict); got ${JSON.stringify(minRequests)}`);
  }
  const a = input.alerts ?? {};
  const burn = a.burn_rate ?? {};
  return {
    ...targets,
    min_requests: minRequests,
    include_cache_hits: input.include_cache_hits ?? DEFAULT_VERDICT_RULES.include_cache_hits,
    alerts: {
      latency: thresholdAlert('latency', a.latency, targets.p95_latency_ms),
      success: thresholdAlert('success', a.success, targets.success_rate),
      cost: thresholdAlert('cost', a.cost, targets.avg_cost_usd),
      burn_rate: {
        enabled: burn.enabled ?? false,
        for_ms: durationMs(burn.for ?? 0, 'burn_rate.for', false),
        min_requests: burn.min_requests ?? DEFAULT_MIN_REQUESTS,
        pairs: (burn.pairs ?? DEFAULT_BURN_RATE_PAIRS).map((p, i) => ({
          long_ms: durationMs(p.long, `burn_rate.pairs[${i}].long`, true),
          short_ms: durationMs(p.short, `burn_rate.pairs[${i}].short`, true),
          factor: p.factor,
        })),
      },
      keep_resolved_ms: durationMs(a.keep_resolved ?? '15m', 'keep_resolved', false),
    },
  };
}
