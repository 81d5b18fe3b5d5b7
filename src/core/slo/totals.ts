/**
 * Totals: what any set of rollups adds up to. A window's SLIs, the error budget and the
 * burn rate are all read from one Totals.
 */
import { createHistogram, merge } from '../histogram.js';
import type { Histogram } from '../histogram.js';
import { matches } from './rollup.js';
import type { Rollup, RollupFilter } from './rollup.js';

/** What rollups add up to; a Rollup is a Totals with its minute and combination. */
export interface Totals {
  /** Requests that reached routing: they count for the SLOs. */
  eligible: number;
  /** Eligible requests whose complete answer reached the client (cache hits included). */
  successes: number;
  /** Client errors (bad input, bad key, budget refusals): counted apart, never eligible. */
  clientErrors: number;
  /** Eligible failures that were ballast's own (a bug, a stream cut by its shutdown), not a provider's. */
  internalErrors: number;
  /** Eligible failures: the client gave up before its answer began, after waiting at least the latency target. */
  abandoned: number;
  /** Not eligible, counted apart: the client gave up before its answer began, sooner than the latency target. */
  cancelledEarly: number;
  /** Not eligible, counted apart: the client left after its answer began (its choice). */
  clientGone: number;
  /** Summed cost of eligible requests, USD. */
  costUsd: number;
  /** Summed savings of cache hits, USD. */
  costSavedUsd: number;
  /** Cache hits among eligible requests. */
  cacheHits: number;
  /** Latency (ms) of successful requests: full time for non-stream, time to first token for streams. */
  latency: Histogram;
  /** The part of `latency` that cache hits make up, so figures can be read without them. */
  cacheLatency: Histogram;
}

export function emptyTotals(): Totals {
  return {
    eligible: 0,
    successes: 0,
    clientErrors: 0,
    internalErrors: 0,
    abandoned: 0,
    cancelledEarly: 0,
    clientGone: 0,
    costUsd: 0,
    costSavedUsd: 0,
    cacheHits: 0,
    latency: createHistogram(),
    cacheLatency: createHistogram(),
  };
}

/**
 * Adds `from` (a rollup or other totals) into `into`; `withLatency: false` skips the
 * histogram merge, the only costly part, when the caller needs no latency.
 *
 * @example addTotals(t, rollup) // t.eligible += rollup.eligible, ...
 */
export function addTotals(into: Totals, from: Totals, withLatency = true): Totals {
  into.eligible += from.eligible;
  into.successes += from.successes;
  into.clientErrors += from.clientErrors;
  into.internalErrors += from.internalErrors;
  into.abandoned += from.abandoned;
  into.cancelledEarly += from.cancelledEarly;
  into.clientGone += from.clientGone;
  into.costUsd += from.costUsd;
  into.costSavedUsd += from.costSavedUsd;
  into.cacheHits += from.cacheHits;
  if (withLatency) {
    merge(into.latency, from.latency);
    merge(into.cacheLatency, from.cacheLatency);
  }
  return into;
}

/** A copy that shares nothing with the original. */
export function cloneTotals(t: Totals): Totals {
  return { ...t, latency: new Map(t.latency), cacheLatency: new Map(t.cacheLatency) };
}

/**
 * The sum of every rollup that matches the filter, whatever its minute.
 *
 * @example mergeRollups(lastHour, { tenant: 'acme' }).eligible
 */
export function mergeRollups(rollups: Iterable<Rollup>, filter: RollupFilter = {}): Totals {
  const t = emptyTotals();
  for (const r of rollups) if (matches(r, filter)) addTotals(t, r);
  return t;
}
