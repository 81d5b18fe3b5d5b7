/**
 * A mergeable latency histogram: log-spaced buckets, each 2% wider than the last.
 * A quantile read from it is reported as the upper edge of the bucket that holds it, so
 * it can only overstate: never below the exact value, and less than 2% above it (issue
 * #12: a promise is judged on a figure that is never flattering). Histograms merge by
 * adding counts, which is what per-minute rollups over 30 days need.
 */

/** Growth factor between bucket edges. */
export const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);
/** Values below this (ms) share bucket 0. */
export const MIN_VALUE = 1;

/** Sparse counts by bucket index. */
export type Histogram = Map<number, number>;

/**
 * The bucket of a value: 0 holds everything up to MIN_VALUE, bucket i >= 1 the values v
 * with bucketUpperBound(i - 1) <= v < bucketUpperBound(i).
 */
export function bucketOf(value: number): number {
  if (!(value > MIN_VALUE)) return 0;
  const b = Math.floor(Math.log(value / MIN_VALUE) / LOG_GROWTH) + 1;
  // The logarithm can land a hair off an edge; the edges are what the reported upper
  // bound promises (it never understates), so the value is put on the right side of them.
  if (value >= bucketUpperBound(b)) return b + 1;
  if (b > 1 && value < bucketUpperBound(b - 1)) return b - 1;
  return b;
}

/**
 * The value a bucket is reported as: its upper edge, above every value it holds, so a
 * quantile read from buckets overstates (by less than 2%) and never understates.
 *
 * @example bucketUpperBound(bucketOf(1000)) // 1003.37: a latency of 1000 ms is reported as 1003.37 ms
 */
export function bucketUpperBound(index: number): number {
  if (index <= 0) return MIN_VALUE;
  return MIN_VALUE * GROWTH ** index;
}

export function createHistogram(): Histogram {
  return new Map();
}

export function record(h: Histogram, value: number, count = 1): void {
  const b = bucketOf(value);
  h.set(b, (h.get(b) ?? 0) + count);
}

/** `from` minus `part` bucket by bucket (`part` a sub-histogram of it, e.g. the cache hits' latencies); a new histogram. */
export function subtract(from: Histogram, part: Histogram): Histogram {
  const out: Histogram = new Map();
  for (const [b, c] of from) {
    const left = c - (part.get(b) ?? 0);
    if (left > 0) out.set(b, left);
  }
  return out;
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
 * The q-quantile (0 < q <= 1), reported conservatively: the upper edge of the bucket that
 * holds the nearest-rank quantile (the smallest recorded value with at least ceil(q * n)
 * values at or below it). So exact < reported <= exact x 1.02 (above 1 ms; a value
 * of 1 ms or less reads as 1 ms). null for an empty histogram.
 *
 * @example quantile(h, 0.95) // 2544.88 when the exact p95 of the recorded latencies is 2500
 */
export function quantile(h: Histogram, q: number): number | null {
  const n = total(h);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(q * n));
  const buckets = [...h.keys()].sort((a, b) => a - b);
  let seen = 0;
  for (const b of buckets) {
    seen += h.get(b) as number;
    if (seen >= rank) return bucketUpperBound(b);
  }
  return bucketUpperBound(buckets[buckets.length - 1] as number);
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
