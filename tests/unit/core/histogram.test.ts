import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GROWTH, bucketOf, bucketUpperBound, createHistogram, quantile, record, subtract, total } from '../../../src/core/histogram.js';

const latency = fc.oneof(fc.double({ min: 0, max: 120_000, noNaN: true }), fc.integer({ min: 1, max: 800 }).map((i) => GROWTH ** i));

describe('histogram buckets (issue #12: a p95 can only overstate)', () => {
  it('puts every value below its bucket\'s upper edge and at or above the edge below, the upper edge at most 2% above it', () => {
    fc.assert(
      fc.property(latency, (v) => {
        const b = bucketOf(v);
        const upper = bucketUpperBound(b);
        if (v <= 1) {
          expect([b, upper]).toEqual([0, 1]);
          return;
        }
        expect(v).toBeLessThan(upper);
        expect(v).toBeGreaterThanOrEqual(bucketUpperBound(b - 1));
        expect(upper).toBeLessThanOrEqual(v * GROWTH * (1 + 1e-12));
      }),
      { numRuns: 2000 },
    );
  });

  it('reports a quantile as the upper edge of the bucket holding the nearest rank, against a sort', () => {
    fc.assert(
      fc.property(fc.array(latency, { minLength: 1, maxLength: 300 }), fc.constantFrom(0.5, 0.95, 0.99, 1), (values, q) => {
        const h = createHistogram();
        for (const v of values) record(h, v);
        const sorted = [...values].sort((a, b) => a - b);
        const exact = sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1] as number;
        const got = quantile(h, q) as number;
        expect(got).toBe(bucketUpperBound(bucketOf(exact)));
        expect(got).toBeGreaterThanOrEqual(exact);
        if (exact > 1) expect(got).toBeLessThanOrEqual(exact * GROWTH * (1 + 1e-12));
      }),
    );
  });

  it('is null when empty', () => {
    expect(quantile(createHistogram(), 0.95)).toBeNull();
  });

  it('subtracts a part bucket by bucket: the latencies without the cache hits\'', () => {
    const all = createHistogram();
    const hits = createHistogram();
    for (const v of [1, 2, 2, 900, 950, 2600]) record(all, v);
    for (const v of [1, 2, 2]) record(hits, v);
    const served = subtract(all, hits);
    expect(total(served)).toBe(3);
    expect(quantile(served, 0.5)).toBe(bucketUpperBound(bucketOf(950)));
    expect(total(all)).toBe(6); // the original is untouched
  });
});
