/**
 * The error budget over the rolling window: how many eligible requests may fail before
 * the success target is missed, and how many already have. Failures are whole requests,
 * so the budget is counted in whole failures (issue #12: "-2.86 failures left" on 28
 * requests helped nobody).
 */
import { tidy } from './tidy.js';
import type { Totals } from './totals.js';

export interface ErrorBudget {
  /** Whole failures the target allows: floor((1 - target) x eligible). */
  allowed: number;
  /** Failures so far: eligible - successes. */
  spent: number;
  /** allowed - spent, a whole number; negative once the target is missed. */
  remaining: number;
  /** remaining / allowed (1 untouched, 0 spent, below 0 overspent); null when allowed is 0. */
  remainingRatio: number | null;
  /**
   * The freeze signal: at least `minRequests` eligible requests, at least one failure,
   * and no failure left to spend (spent >= allowed).
   */
  exhausted: boolean;
}

/**
 * With `minRequests` (slo.min_requests; 1 when omitted) the budget is never exhausted on
 * fewer eligible requests: too little traffic for a freeze.
 *
 * @example errorBudget({ eligible: 10_000, successes: 9_970 }, 0.995)
 *   // { allowed: 50, spent: 30, remaining: 20, remainingRatio: 0.4, exhausted: false }
 */
export function errorBudget(t: Pick<Totals, 'eligible' | 'successes'>, target: number, minRequests = 1): ErrorBudget {
  // tidy first: (1 - 0.995) x 10,000 is 50.00000000000004 in binary, and 49.99... would floor to 49.
  const allowed = Math.floor(tidy((1 - target) * t.eligible));
  const spent = t.eligible - t.successes;
  const remaining = allowed - spent;
  return {
    allowed,
    spent,
    remaining,
    remainingRatio: allowed === 0 ? null : tidy(remaining / allowed),
    exhausted: t.eligible >= Math.max(1, minRequests) && spent > 0 && spent >= allowed,
  };
}
