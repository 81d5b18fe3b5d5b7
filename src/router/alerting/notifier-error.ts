/**
 * Every delivery failure, whatever the receiver, becomes one NotifierError with a stable
 * code. The outbox decides on `retryable` only: connection trouble, timeouts, 408, 429
 * and 5xx wait and try again; any other 4xx would fail the same way forever.
 */

import { scrubCredentials } from '../secrets/scrub.js';

export type NotifierErrorCode =
  | 'connection' // refused, reset, DNS
  | 'timeout' // no answer within the notifier's timeout; 408
  | 'rate_limited' // 429
  | 'server_error' // 5xx
  | 'rejected' // any other 4xx, or a redirect: the receiver will not take this page
  | 'not_configured'; // the URL or key is missing from the environment

const RETRYABLE: ReadonlySet<NotifierErrorCode> = new Set(['connection', 'timeout', 'rate_limited', 'server_error']);

export interface NotifierErrorInit {
  notifier: string;
  code: NotifierErrorCode;
  /** Says what happened without any secret: no URL, no key, no header value. */
  message: string;
  status?: number | undefined;
  /** From a 429's Retry-After: the outbox waits at least this long. */
  retryAfterMs?: number | undefined;
}

export class NotifierError extends Error {
  override readonly name = 'NotifierError';
  readonly notifier: string;
  readonly code: NotifierErrorCode;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(init: NotifierErrorInit) {
    // Kept in alerts.db and logged: a custom notifier's error may quote a credential.
    super(scrubCredentials(init.message));
    this.notifier = init.notifier;
    this.code = init.code;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }
}

/** The code for an HTTP status that is not a success. */
export function codeForStatus(status: number): NotifierErrorCode {
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return 'rejected';
}

/**
 * Whatever a notifier threw, as a NotifierError. Anything else (a bug in a custom
 * notifier) is retried: losing a page to a typo is worse than trying again.
 */
export function toNotifierError(notifier: string, err: unknown): NotifierError {
  if (err instanceof NotifierError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new NotifierError({ notifier, code: 'connection', message: `${notifier}: ${message}` });
}
