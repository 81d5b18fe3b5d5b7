/**
 * Ledger rows -> per-minute rollups (the SLO engine's unit), and their histograms as
 * stored text. Two rollups of one minute merge with core's addTotals. Pure; the writer
 * upserts what comes out of here.
 */
import { fromJSON, merge, record, toJSON, type Histogram } from '../../core/histogram.js';
import type { Rollup } from '../../core/slo/rollup.js';
import { emptyTotals } from '../../core/slo/totals.js';
import { UNIDENTIFIED, type LedgerRow } from './row.js';

export { UNIDENTIFIED };

const MINUTE = 60_000;

/** Rollup.provider when no provider served (all attempts failed). */
export const NO_PROVIDER = 'none';

export function minuteOf(time: number): number {
  return Math.floor(time / MINUTE) * MINUTE;
}


export function emptyRollup(minute: number, tenant: string, feature: string, provider: string): Rollup {
  return { minute, tenant, feature, provider, ...emptyTotals() };
}

/** Adds one row into its rollup within `acc` (keyed by minute and combination). */
export function addRow(acc: Map<string, Rollup>, row: LedgerRow, foldFeature: (feature: string) => string = keepFeature): void {
  const apart = row.eligible ? null : COUNTED_APART.get(row.outcome);
  if (apart === undefined) return; // not eligible and not the client's: never reached routing (a provider failure needs a group)
  const minute = minuteOf(row.time);
  const tenant = row.tenant ?? UNIDENTIFIED;
  const feature = row.feature === null || row.feature === UNIDENTIFIED ? UNIDENTIFIED : foldFeature(row.feature);
  const provider = row.provider ?? NO_PROVIDER;
  const key = `${minute}\u0000${tenant}\u0000${feature}\u0000${provider}`;
  let r = acc.get(key);
  if (!r) {
    r = emptyRollup(minute, tenant, feature, provider);
    acc.set(key, r);
  }
  if (apart !== null) {
    r[apart] += 1;
    return;
  }
  r.eligible += 1;
  r.costUsd += row.cost_usd ?? 0;
  r.costSavedUsd += row.cost_saved_usd;
  if (row.cache === 'hit') r.cacheHits += 1;
  if (row.outcome === 'internal_error') r.internalErrors += 1;
  else if (row.outcome === 'abandoned') r.abandoned += 1;
  if (row.outcome === 'success') {
    r.successes += 1;
    if (row.latency_ms !== null) {
      record(r.latency, row.latency_ms);
      if (row.cache === 'hit') record(r.cacheLatency, row.latency_ms);
    }
  }
}

/** The outcomes that are not eligible but counted apart, and the field each counts in. */
const COUNTED_APART = new Map<LedgerRow['outcome'], 'clientErrors' | 'cancelledEarly' | 'clientGone'>([
  ['client_error', 'clientErrors'],
  ['cancelled_early', 'cancelledEarly'],
  ['client_gone', 'clientGone'],
]);

const keepFeature = (feature: string) => feature;

/** The rollups of a batch of rows; `foldFeature` bounds the feature tags kept (request/fold-feature.ts). */
export function aggregate(rows: Iterable<LedgerRow>, foldFeature: (feature: string) => string = keepFeature): Rollup[] {
  const acc = new Map<string, Rollup>();
  for (const row of rows) addRow(acc, row, foldFeature);
  return [...acc.values()];
}

/** Stored histogram text. */
export function histogramToText(h: Histogram): string {
  return JSON.stringify(toJSON(h));
}

export function histogramFromText(text: string): Histogram {
  return fromJSON(JSON.parse(text) as Record<string, number>);
}

/** Merges two stored histograms; registered as an SQL function for the upsert. */
export function mergeHistogramText(a: string, b: string): string {
  if (a === '{}') return b;
  if (b === '{}') return a;
  return histogramToText(merge(histogramFromText(a), histogramFromText(b)));
}
