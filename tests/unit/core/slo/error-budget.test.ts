import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorBudget } from '../../../../src/core/slo/error-budget.js';

describe('errorBudget', () => {
  it('allows 50 failures in 10,000 requests at 99.5%, and the 50th exhausts it', () => {
    expect(errorBudget({ eligible: 10_000, successes: 9_970 }, 0.995)).toEqual({ allowed: 50, spent: 30, remaining: 20, remainingRatio: 0.4, exhausted: false });
    expect(errorBudget({ eligible: 10_000, successes: 9_951 }, 0.995)).toMatchObject({ remaining: 1, exhausted: false });
    expect(errorBudget({ eligible: 10_000, successes: 9_950 }, 0.995)).toMatchObject({ allowed: 50, spent: 50, remaining: 0, remainingRatio: 0, exhausted: true });
  });

  it('goes negative once overspent', () => {
    expect(errorBudget({ eligible: 10_000, successes: 9_900 }, 0.995)).toEqual({ allowed: 50, spent: 100, remaining: -50, remainingRatio: -1, exhausted: true });
  });

  it('has no ratio and no freeze without traffic', () => {
    expect(errorBudget({ eligible: 0, successes: 0 }, 0.995)).toEqual({ allowed: 0, spent: 0, remaining: 0, remainingRatio: null, exhausted: false });
  });

  it('freezes on any failure when the target is 100%, and not before', () => {
    expect(errorBudget({ eligible: 10, successes: 10 }, 1)).toMatchObject({ allowed: 0, remainingRatio: null, exhausted: true });
    expect(errorBudget({ eligible: 10, successes: 9 }, 1)).toMatchObject({ allowed: 0, spent: 1, remaining: -1, exhausted: true });
  });

  it('follows its definition for any counts and target', () => {
    const counts = fc.integer({ min: 0, max: 10_000_000 }).chain((eligible) => fc.tuple(fc.constant(eligible), fc.integer({ min: 0, max: eligible })));
    const target = fc.constantFrom(0.9, 0.99, 0.995, 0.999, 0.9995);
    fc.assert(
      fc.property(counts, target, ([eligible, successes], t) => {
        const b = errorBudget({ eligible, successes }, t);
        // Decimal arithmetic on integers: failures allowed per million, exact for these targets.
        const allowedPerMillion = Math.round((1 - t) * 1e6) * eligible;
        expect(b.allowed * 1e6).toBeCloseTo(allowedPerMillion, 0);
        expect(b.spent).toBe(eligible - successes);
        expect(b.remaining).toBeCloseTo(b.allowed - b.spent, 6);
        expect(b.exhausted).toBe(eligible > 0 && (eligible - successes) * 1e6 >= allowedPerMillion);
        if (eligible === 0) expect(b.remainingRatio).toBeNull();
        else expect(Math.abs((b.remainingRatio as number) - b.remaining / b.allowed)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b.remaining / b.allowed)));
      }),
    );
  });
});
