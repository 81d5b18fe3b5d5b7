/**
 * The per-minute rollup: the unit the SLO engine reads and the ledger keeps for 400+
 * days. One rollup per minute and per (tenant, feature, provider); rollups merge by
 * adding fields, so any window and any filter is a sum of them.
 */
import type { Histogram } from '../histogram.js';

export interface Rollup {
  /** Epoch ms of the minute's start (a multiple of 60 000). */
  minute: number;
  tenant: string;
  feature: string;
  /** The provider that served, or "none" when no provider answered (all failed, cache only). */
  provider: string;
  /** Requests that reached routing: they count for the SLOs. */
  eligible: number;
  /** Eligible requests whose complete answer reached the client (cache hits included). */
  successes: number;
  /** Client errors (bad input, bad key, budget refusals): counted apart, never eligible. */
  clientErrors: number;
  /** Summed cost of eligible requests, USD. */
  costUsd: number;
  /** Summed savings of cache hits, USD. */
  costSavedUsd: number;
  /** Cache hits among eligible requests. */
  cacheHits: number;
  /** Latency (ms) of successful requests: full time for non-stream, time to first token for streams. */
  latency: Histogram;
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
