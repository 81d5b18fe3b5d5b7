import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { burnRate } from '../../../../src/core/slo/burn-rate.js';

describe('burnRate', () => {
  it('is 1 when failures run exactly at the budget, 14.4 at the Workbook fast-burn page', () => {
    expect(burnRate({ eligible: 10_000, successes: 9_950 }, 0.995)).toBe(1);
    expect(burnRate({ eligible: 1_000, successes: 928 }, 0.995)).toBe(14.4);
    expect(burnRate({ eligible: 1_000, successes: 970 }, 0.995)).toBe(6);
    expect(burnRate({ eligible: 1_000, successes: 1_000 }, 0.995)).toBe(0);
    expect(burnRate({ eligible: 10, successes: 0 }, 0.995)).toBe(200);
  });

  it('is null with no traffic, never NaN', () => {
    expect(burnRate({ eligible: 0, successes: 0 }, 0.995)).toBeNull();
    expect(burnRate({ eligible: 0, successes: 0 }, 1)).toBeNull();
  });

  it('is Infinity at a 100% target with any failure', () => {
    expect(burnRate({ eligible: 10, successes: 9 }, 1)).toBe(Infinity);
    expect(burnRate({ eligible: 10, successes: 10 }, 1)).toBe(0);
  });

  it('is (1 - success rate) / (1 - target) for any counts', () => {
    const counts = fc.integer({ min: 1, max: 1_000_000 }).chain((eligible) => fc.tuple(fc.constant(eligible), fc.integer({ min: 0, max: eligible })));
    fc.assert(
      fc.property(counts, fc.double({ min: 0.5, max: 0.99999, noNaN: true }), ([eligible, successes], target) => {
        const expected = (1 - successes / eligible) / (1 - target);
        expect(burnRate({ eligible, successes }, target)).toBeCloseTo(expected, 6);
      }),
    );
  });
});
