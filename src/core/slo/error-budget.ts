/**
 * The error budget over the rolling window: how many eligible requests may fail before
 * the success target is missed, and how many already have.
 */
import { tidy } from './tidy.js';
import type { Totals } from './totals.js';

export interface ErrorBudget {
  /** Failures the target allows: (1 - target) x eligible. */
  allowed: number;
  /** Failures so far: eligible - successes. */
  spent: number;
  /** allowed - spent; negative once the target is missed. */
  remaining: number;
  /** remaining / allowed (1 untouched, 0 spent, below 0 overspent); null when allowed is 0. */
  remainingRatio: number | null;
  /** The freeze signal: some traffic, and spent >= allowed. */
  exhausted: boolean;
}

/**
 * @example errorBudget({ eligible: 10_000, successes: 9_970 }, 0.995)
 *   // { allowed: 50, spent: 30, remaining: 20, remainingRatio: 0.4, exhausted: false }
 */
export function errorBudget(t: Pick<Totals, 'eligible' | 'successes'>, target: number): ErrorBudget {
  const allowed = tidy((1 - target) * t.eligible);
  const spent = t.eligible - t.successes;
  const remaining = tidy(allowed - spent);
  return {
    allowed,
    spent,
    remaining,
    remainingRatio: allowed === 0 ? null : tidy(remaining / allowed),
    exhausted: t.eligible > 0 && spent >= allowed,
  };
}
