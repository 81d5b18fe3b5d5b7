import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weightedOrder } from '../../../src/core/weighted.js';

const w = (x: { w: number }) => x.w;

describe('weightedOrder', () => {
  it('is a permutation of its input, zero weights last in their given order', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ id: fc.nat(), w: fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 100, noNaN: true })) })), fc.double({ min: 0, max: 0.9999, noNaN: true }), (items, r) => {
        const out = weightedOrder(items, w, () => r);
        expect([...out].sort((a, b) => a.id - b.id || a.w - b.w)).toEqual([...items].sort((a, b) => a.id - b.id || a.w - b.w));
        const zeros = items.filter((i) => i.w === 0);
        expect(out.slice(out.length - zeros.length)).toEqual(zeros);
      }),
    );
  });

  it('puts a 9:1 primary first about 90% of the time (seeded, within 4 standard deviations)', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const items = [{ name: 'primary', w: 9 }, { name: 'secondary', w: 1 }];
    const n = 10_000;
    let primary = 0;
    for (let i = 0; i < n; i++) if (weightedOrder(items, w, random)[0]?.name === 'primary') primary++;
    const sd = Math.sqrt(n * 0.9 * 0.1);
    expect(Math.abs(primary - 0.9 * n)).toBeLessThan(4 * sd);
  });

  it('maps the random draw onto cumulative weights', () => {
    const items = [{ n: 'a', w: 9 }, { n: 'b', w: 1 }];
    expect(weightedOrder(items, w, () => 0.89)[0]?.n).toBe('a');
    expect(weightedOrder(items, w, () => 0.91)[0]?.n).toBe('b');
  });
});
