/**
 * How long a page waits before its next delivery attempt: 1 s, 2 s, 4 s ... doubling
 * up to 5 minutes, each shortened by up to 20% at random so that many ballasts paging
 * one receiver after an outage do not retry in lockstep. A 429's Retry-After is honoured
 * (within the cap).
 */

export interface BackoffOptions {
  /** The first wait, ms (default 1000). */
  initialMs?: number;
  /** The longest wait, ms (default 300 000). */
  maxMs?: number;
  /** Fraction each wait may be shortened by at random, 0 to 1 (default 0.2). */
  jitter?: number;
}

export const DEFAULT_BACKOFF: Required<BackoffOptions> = { initialMs: 1_000, maxMs: 300_000, jitter: 0.2 };

/**
 * The wait after the `failures`-th failed attempt (1 for the first).
 *
 * @example backoffDelay(1, {}, () => 0) // 1000
 * @example backoffDelay(4, {}, () => 0) // 8000
 * @example backoffDelay(30, {}, () => 0) // 300000
 */
export function backoffDelay(failures: number, options: BackoffOptions = {}, random: () => number = Math.random, retryAfterMs?: number): number {
  const { initialMs, maxMs, jitter } = { ...DEFAULT_BACKOFF, ...options };
  const schedule = Math.min(maxMs, initialMs * 2 ** Math.max(0, failures - 1));
  const jittered = Math.round(schedule * (1 - jitter * random()));
  return retryAfterMs === undefined ? jittered : Math.min(maxMs, Math.max(jittered, retryAfterMs));
}
