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
    expect(errorBudget({ eligible: 10, successes: 10 }, 1)).toMatchObject({ allowed: 0, remainingRatio: null, exhausted: false });
    expect(errorBudget({ eligible: 10, successes: 9 }, 1)).toMatchObject({ allowed: 0, spent: 1, remaining: -1, exhausted: true });
  });

  it('counts whole failures: 3 failed of 28 is 0 allowed and 3 over, not -2.86 (issue #12)', () => {
    expect(errorBudget({ eligible: 28, successes: 25 }, 0.995, 100)).toEqual({ allowed: 0, spent: 3, remaining: -3, remainingRatio: null, exhausted: false });
    expect(errorBudget({ eligible: 28, successes: 25 }, 0.995)).toMatchObject({ exhausted: true });
    // 0.5% of 399 is 1.995: one failure allowed, and the second misses the target.
    expect(errorBudget({ eligible: 399, successes: 398 }, 0.995, 100)).toEqual({ allowed: 1, spent: 1, remaining: 0, remainingRatio: 0, exhausted: true });
  });

  it('no freeze below min_requests eligible requests, however many failed', () => {
    expect(errorBudget({ eligible: 99, successes: 0 }, 0.995, 100).exhausted).toBe(false);
    expect(errorBudget({ eligible: 100, successes: 99 }, 0.995, 100).exhausted).toBe(true);
    // With enough traffic and no failure there is nothing to freeze for, even when no failure is allowed.
    expect(errorBudget({ eligible: 150, successes: 150 }, 0.995, 100)).toMatchObject({ allowed: 0, exhausted: false });
  });

  it('follows its definition for any counts and target', () => {
    const counts = fc.integer({ min: 0, max: 10_000_000 }).chain((eligible) => fc.tuple(fc.constant(eligible), fc.integer({ min: 0, max: eligible })));
    const target = fc.constantFrom(0.9, 0.99, 0.995, 0.999, 0.9995);
    fc.assert(
      fc.property(counts, target, fc.integer({ min: 1, max: 1000 }), ([eligible, successes], t, minRequests) => {
        const b = errorBudget({ eligible, successes }, t, minRequests);
        // Integer arithmetic: failures allowed per million, exact for these targets, then whole failures.
        const allowedPerMillion = BigInt(Math.round((1 - t) * 1e6)) * BigInt(eligible);
        const allowed = Number(allowedPerMillion / 1_000_000n);
        const spent = eligible - successes;
        expect(b.allowed).toBe(allowed);
        expect(b.spent).toBe(spent);
        expect(b.remaining).toBe(allowed - spent);
        expect(b.exhausted).toBe(eligible >= minRequests && spent > 0 && spent >= allowed);
        if (allowed === 0) expect(b.remainingRatio).toBeNull();
        else expect(Math.abs((b.remainingRatio as number) - b.remaining / b.allowed)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b.remaining / b.allowed)));
        // The budget and the success verdict agree: within budget exactly when the target is met.
        if (eligible > 0) expect(spent <= b.allowed).toBe(successes / eligible >= t);
      }),
    );
  });
});
