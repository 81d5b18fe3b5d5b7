/**
 * What one failed attempt means for routing, decided on the error's stable code only:
 * try the same deployment again, wait and try it again, or go on to the next one; and
 * whether the failure counts against the provider.
 */
import type { ProviderError } from '../providers/errors.js';

export interface Verdict {
  /** retry: the same deployment once more (in-group); wait: the same after `waitMs`; next: the next deployment. */
  then: 'retry' | 'wait' | 'next';
  /**
   * count: one failure toward the cooldown; now: out of rotation at once; hold: out of
   * rotation for `holdMs` (a 429's retry-after), remembered so the next request does
   * not pay it again; none: not held against the provider.
   */
  cooldown: 'count' | 'now' | 'hold' | 'none';
  holdMs?: number;
  /** The deployment refused the request itself as invalid: a client error only if every deployment does. */
  rejected: boolean;
  waitMs?: number;
}

export interface VerdictInput {
  /** A short 429 is waited out only up to this. */
  retryAfterCapMs: number;
  /** Whether the in-group retry is still available on this deployment. */
  triesLeft: boolean;
}

/**
 * @example
 *   attemptVerdict(new ProviderError({ provider: 'p', code: 'not_found', status: 404, message }), input)
 *   // { then: 'next', cooldown: 'now', rejected: false }
 */
export function attemptVerdict(error: ProviderError, input: VerdictInput): Verdict {
  if (isHung(error)) {
    // Retrying a provider that produced nothing costs the client another whole deadline.
    return { then: 'next', cooldown: 'count', rejected: false };
  }
  switch (error.code) {
    case 'auth':
    case 'not_found':
    case 'refused':
      // The provider as configured (key, model, account) cannot serve anyone: a retry gets the same answer.
      return { then: 'next', cooldown: 'now', rejected: false };
    case 'bad_request':
      // Invalid or too long for this model; another model may accept it (issue #12).
      return { then: 'next', cooldown: 'none', rejected: true };
    case 'rate_limited': {
      const wait = error.retryAfterMs;
      // A 429 that says how long is held for that long; one that does not counts like any failure.
      const held = wait === undefined ? ({ cooldown: 'count' } as const) : ({ cooldown: 'hold', holdMs: wait } as const);
      if (wait !== undefined && wait <= input.retryAfterCapMs && input.triesLeft) return { then: 'wait', ...held, rejected: false, waitMs: wait };
      return { then: 'next', ...held, rejected: false };
    }
    default:
      if (error.retryable) return { then: 'retry', cooldown: 'count', rejected: false };
      return { then: 'next', cooldown: 'none', rejected: false };
  }
}

/**
 * The provider produced nothing within a deadline: the first-token gate, the answer
 * deadline, or the provider's own timeout before any headers. A 408 is the provider
 * saying it timed out, which is worth the in-group retry like a 5xx.
 */
export function isHung(error: ProviderError): boolean {
  return error.code === 'first_token_timeout' || (error.code === 'timeout' && error.status === undefined);
}
