/**
 * A mergeable latency histogram: log-spaced buckets, each 2% wider than the last, so
 * any quantile read from it is within 1% of the exact value (the bucket's geometric
 * middle is at most 1% from either edge). Histograms merge by adding counts, which is
 * what per-minute rollups over 30 days need.
 */

/** Growth factor between bucket edges. */
export const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);
/** Values below this (ms) share bucket 0. */
export const MIN_VALUE = 1;

/** Sparse counts by bucket index. */
export type Histogram = Map<number, number>;

export function bucketOf(value: number): number {
  if (!(value > MIN_VALUE)) return 0;
  return Math.floor(Math.log(value / MIN_VALUE) / LOG_GROWTH) + 1;
}

/** The value a bucket stands for: the geometric middle of its edges. */
export function bucketValue(index: number): number {
  if (index <= 0) return MIN_VALUE;
  const low = MIN_VALUE * GROWTH ** (index - 1);
  return low * Math.sqrt(GROWTH);
}

export function createHistogram(): Histogram {
  return new Map();
}

export function record(h: Histogram, value: number, count = 1): void {
  const b = bucketOf(value);
  h.set(b, (h.get(b) ?? 0) + count);
}

/** Adds `from` into `into`. */
export function merge(into: Histogram, from: Histogram): Histogram {
  for (const [b, c] of from) into.set(b, (into.get(b) ?? 0) + c);
  return into;
}

export function total(h: Histogram): number {
  let n = 0;
  for (const c of h.values()) n += c;
  return n;
}

/**
 * The q-quantile (0 < q <= 1) by the nearest-rank definition: the smallest value with
 * at least ceil(q * n) values at or below it. null for an empty histogram.
 */
export function quantile(h: Histogram, q: number): number | null {
  const n = total(h);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(q * n));
  const buckets = [...h.keys()].sort((a, b) => a - b);
  let seen = 0;
  for (const b of buckets) {
    seen += h.get(b) as number;
    if (seen >= rank) return bucketValue(b);
  }
  return bucketValue(buckets[buckets.length - 1] as number);
}

/** Compact JSON form for storage: {"bucket": count, ...}. */
export function toJSON(h: Histogram): Record<string, number> {
  return Object.fromEntries(h);
}

export function fromJSON(o: Record<string, number>): Histogram {
  const h: Histogram = new Map();
  for (const [k, v] of Object.entries(o)) h.set(Number(k), v);
  return h;
}
