/**
 * GET /api/slo/series?minutes=60&step=1: the SLIs over time, one bucket per step, for
 * the health panel's charts. Read from the ledger's per-minute rollups; each bucket's
 * p95 comes from its minutes' merged histograms. Filters: tenant, feature, provider.
 * The rollups come from the RollupWindow /api/slo keeps warm (it holds every minute of
 * the last day already parsed), so a 24 h series costs the bucketing only.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SloConfig } from '../../core/slo/config.js';
import type { RollupFilter } from '../../core/slo/rollup.js';
import { MAX_SERIES_MINUTES, bucketSeries } from '../../core/slo/series.js';
import type { SeriesSpec } from '../../core/slo/series.js';
import { invalidRequest } from '../http/errors.js';
import { sendJson } from '../http/respond.js';
import type { Ledger } from '../ledger/index.js';
import type { RollupWindow } from './rollup-window.js';

export interface SloSeriesDeps {
  ledger: Pick<Ledger, 'flush'>;
  /** Minute rollups of at least the last day (MAX_SERIES_MINUTES). */
  rollups: Pick<RollupWindow, 'at'>;
  slo: SloConfig;
  now?: () => number;
}

const FILTERS = ['tenant', 'feature', 'provider'] as const;
const PARAMS = ['minutes', 'step', ...FILTERS];

/** The query string -> series spec and filter; throws the 400 to answer. */
export function parseSeriesQuery(search: URLSearchParams): { spec: SeriesSpec; filter: RollupFilter } {
  for (const key of new Set(search.keys())) {
    if (!PARAMS.includes(key)) throw invalidRequest(`Unknown parameter "${key}"; use ${PARAMS.join(', ')}.`, key);
    if (search.getAll(key).length > 1) throw invalidRequest(`Give "${key}" once.`, key);
  }
  const minutes = wholeMinutes(search, 'minutes', 60);
  const step = wholeMinutes(search, 'step', 1);
  if (step > minutes) throw invalidRequest(`step (${step}) must not exceed minutes (${minutes}).`, 'step');
  if (minutes % step !== 0) throw invalidRequest(`minutes (${minutes}) must be a multiple of step (${step}), e.g. minutes=${minutes - (minutes % step)}.`, 'minutes');
  const filter: RollupFilter = {};
  for (const key of FILTERS) {
    const v = search.get(key);
    if (v === null) continue;
    if (!/^[A-Za-z0-9._:-]{1,64}$/.test(v)) throw invalidRequest(`${key} must be 1-64 letters, digits, or . _ : -`, key);
    filter[key] = v;
  }
  return { spec: { minutes, stepMinutes: step }, filter };
}

function wholeMinutes(search: URLSearchParams, key: string, fallback: number): number {
  const raw = search.get(key);
  if (raw === null) return fallback;
  const n = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= MAX_SERIES_MINUTES)) {
    throw invalidRequest(`${key} must be a whole number of minutes from 1 to ${MAX_SERIES_MINUTES} (24 h); got "${raw.slice(0, 20)}".`, key);
  }
  return n;
}

export function handleSloSeries(req: IncomingMessage, res: ServerResponse, deps: SloSeriesDeps): void {
  const { spec, filter } = parseSeriesQuery(new URL(req.url ?? '/', 'http://ballast').searchParams);
  const now = (deps.now ?? Date.now)();
  deps.ledger.flush(); // include every request finished before this call, as /api/slo does
  const series = bucketSeries(deps.rollups.at(now), now, { ...spec, includeCacheHits: deps.slo.include_cache_hits }, filter);
  const { success_rate, p95_latency_ms, avg_cost_usd, window_days } = deps.slo;
  sendJson(res, 200, {
    generated_at: new Date(now).toISOString(),
    now,
    minutes: spec.minutes,
    filter,
    targets: { success_rate, p95_latency_ms, avg_cost_usd, window_days },
    ...series,
  });
}
