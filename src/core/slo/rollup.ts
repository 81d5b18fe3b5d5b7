/**
 * The per-minute rollup: the unit the SLO engine reads and the ledger keeps for 400+
 * days. One rollup per minute and per (tenant, feature, provider); rollups merge by
 * adding fields, so any window and any filter is a sum of them.
 */
import type { Totals } from './totals.js';

/** The additive fields (counts, costs, the latency histogram) are Totals'. */
export interface Rollup extends Totals {
  /** Epoch ms of the minute's start (a multiple of 60 000). */
  minute: number;
  tenant: string;
  feature: string;
  /** The provider that served, or "none" when no provider answered (all failed, cache only). */
  provider: string;
}

export interface RollupFilter {
  tenant?: string;
  feature?: string;
  provider?: string;
}

export function matches(r: Rollup, f: RollupFilter): boolean {
  return (
    (f.tenant === undefined || r.tenant === f.tenant) &&
    (f.feature === undefined || r.feature === f.feature) &&
    (f.provider === undefined || r.provider === f.provider)
  );
}
