/**
 * Burn rate: how fast a window spends the error budget, relative to spending it exactly
 * over the SLO window. 1 spends the budget on time; 14.4 spends 2% of a 30-day budget
 * in one hour.
 */
import { tidy } from './tidy.js';
import type { Totals } from './totals.js';

/**
 * (1 - success rate) / (1 - target), computed from the failure count; null with no
 * traffic. With a target of 1 any failure burns at Infinity.
 *
 * @example burnRate({ eligible: 1_000, successes: 990 }, 0.995) // 2
 */
export function burnRate(t: Pick<Totals, 'eligible' | 'successes'>, target: number): number | null {
  if (t.eligible === 0) return null;
  const errorRatio = (t.eligible - t.successes) / t.eligible;
  if (target >= 1) return errorRatio > 0 ? Infinity : 0;
  return tidy(errorRatio / (1 - target));
}
