/**
 * GET /api/slo: the SLIs against their targets for 5 m, 15 m, 1 h, 6 h, 1 d and the
 * rolling window, each with its basis (sent, eligible, excluded by kind) and verdict, the
 * error budget (and the freeze when it is spent on enough traffic), burn rates, and the
 * alert states, from the ledger's per-minute rollups. Filters: tenant, feature, provider.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { computeSlis } from '../../core/slo/compute-slis.js';
import type { SloConfig } from '../../core/slo/config.js';
import { measuredPeriod } from '../../core/slo/measured-period.js';
import { matches, type RollupFilter } from '../../core/slo/rollup.js';
import { invalidRequest } from '../http/errors.js';
import { sendJson } from '../http/respond.js';
import type { Ledger } from '../ledger/index.js';
import type { RollupWindow } from './rollup-window.js';

export interface SloApiDeps {
  ledger: Pick<Ledger, 'flush'>;
  rollups: RollupWindow;
  slo: SloConfig;
  /** Current alert states, when alerting runs. */
  alerts?: () => unknown;
  now?: () => number;
}

export function handleSloApi(req: IncomingMessage, res: ServerResponse, deps: SloApiDeps): void {
  const url = new URL(req.url ?? '/', 'http://ballast');
  const filter: RollupFilter = {};
  for (const key of ['tenant', 'feature', 'provider'] as const) {
    const v = url.searchParams.get(key);
    if (v !== null) {
      if (!/^[A-Za-z0-9._:-]{1,64}$/.test(v)) throw invalidRequest(`${key} must be 1-64 letters, digits, or . _ : -`, key);
      filter[key] = v;
    }
  }
  for (const key of url.searchParams.keys()) {
    if (!['tenant', 'feature', 'provider'].includes(key)) throw invalidRequest(`Unknown parameter "${key}"; filters are tenant, feature, provider.`, key);
  }
  sendJson(res, 200, sloApiReport(deps, filter));
}

/** The /api/slo report as JSON, also the kit's source of figures, so both always agree. */
export type SloApiReport = ReturnType<typeof computeSlis> & {
  generated_at: string;
  /** How much of the rolling window has data for this filter: `full` once it reaches the far edge. */
  measured: { since: string | null; covered_ms: number; full: boolean };
  freeze: { active: boolean; reason: string | null };
  alerts: unknown;
};

/**
 * What GET /api/slo answers for `filter`, as of `now` (default: the clock), after
 * flushing the ledger so every finished request counts.
 *
 * @example sloApiReport(deps, { provider: 'primary' }).rolling.successRate
 */
export function sloApiReport(deps: SloApiDeps, filter: RollupFilter = {}, now: number = (deps.now ?? Date.now)()): SloApiReport {
  deps.ledger.flush(); // the figures include every request finished before this call
  const rollups = deps.rollups.at(now);
  const report = computeSlis(rollups, now, deps.slo, filter);
  const period = measuredPeriod(rollups.filter((r) => matches(r, filter)), now, deps.slo.window_days * 86_400_000);
  // budget.exhausted is already false below min_requests: no freeze on too little traffic (issue #12).
  return {
    ...report,
    generated_at: new Date(now).toISOString(),
    measured: { since: period.since === null ? null : new Date(period.since).toISOString(), covered_ms: period.coveredMs, full: period.full },
    freeze: report.budget.exhausted
      ? { active: true, reason: `The error budget for the rolling ${deps.slo.window_days} days is spent: freeze changes and stabilize until it recovers.` }
      : { active: false, reason: null },
    alerts: deps.alerts ? deps.alerts() : null,
  };
}
