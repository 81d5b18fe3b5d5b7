/**
 * Every provider failure, whatever its wire format, becomes one ProviderError with a
 * stable code. Routing decides on `code` and `retryable` only, never on raw statuses.
 *
 * Its message reaches clients, logs, /healthz and drill records, so no upstream text
 * goes in unscrubbed: the adapters pass what the provider wrote through
 * `upstreamText` (every secret they know cut, then the length capped), and the
 * constructor cuts anything shaped like a credential from every message whatever path
 * built it.
 */
import { scrubCredentials, scrubbedExcerpt } from '../secrets/scrub.js';

export type ProviderErrorCode =
  | 'server_error' // 5xx other than the ones below
  | 'overloaded' // Anthropic 529, OpenAI 503 "overloaded"
  | 'rate_limited' // 429
  | 'auth' // 401 / 403: bad or revoked key
  | 'not_found' // 404 / 410: this provider has no such model (retired, mistyped, no access) or endpoint
  | 'refused' // any other 4xx (402, 405, 409...): the provider refused a valid call (its account or endpoint)
  | 'bad_request' // 400 / 413 / 422: this deployment says the request is invalid or too long; another may take it
  | 'timeout' // no headers or no answer within the deadline; 408
  | 'first_token_timeout' // stream: no content token within the first-token gate
  | 'connection' // refused, reset, DNS
  | 'bad_response' // 2xx whose body does not parse
  | 'stream_cut' // stream ended before its terminal event
  | 'aborted'; // the client went away: not the provider's fault

export interface ProviderErrorInit {
  provider: string;
  code: ProviderErrorCode;
  message: string;
  status?: number | undefined;
  retryAfterMs?: number | undefined;
  /** The provider's own error type, e.g. "overloaded_error". */
  providerType?: string | undefined;
  cause?: unknown;
}

const RETRYABLE: ReadonlySet<ProviderErrorCode> = new Set([
  'server_error',
  'overloaded',
  'timeout',
  'first_token_timeout',
  'connection',
  'bad_response',
  'stream_cut',
]);

export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  readonly provider: string;
  readonly code: ProviderErrorCode;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly providerType: string | undefined;

  constructor(init: ProviderErrorInit) {
    super(scrubCredentials(init.message), init.cause === undefined ? undefined : { cause: init.cause });
    this.provider = init.provider;
    this.code = init.code;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.providerType = init.providerType === undefined ? undefined : scrubCredentials(init.providerType);
  }

  /** Worth the same call again on the same provider (5xx, 529, 408, connection, timeout). */
  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }
}

/** Characters of a provider's own words (an error message) kept in a ProviderError. */
export const UPSTREAM_MESSAGE_LIMIT = 300;
/** Characters of a provider's error type or code kept. */
export const UPSTREAM_TYPE_LIMIT = 64;

/**
 * What a provider wrote (an error body, a stream error, its error type), fit for a
 * ProviderError: every secret in `secrets` and every credential shape cut first, then
 * flattened and capped. The whole text goes in: cutting before scrubbing would leave a
 * key's first characters behind.
 *
 * @example upstreamText('bad key: Bearer sk-live-1234abcd', [key]) // 'bad key: [redacted]'
 */
export function upstreamText(text: string, secrets: readonly string[], limit = UPSTREAM_MESSAGE_LIMIT): string {
  return scrubbedExcerpt(text, secrets, limit);
}

/**
 * Maps an HTTP status from any provider to the stable code. Only 400, 413 and 422 say
 * the request itself is wrong; every other 4xx is about the provider as configured (its
 * key, its model, its account) and so the provider's failure (issue #12).
 */
export function codeForStatus(status: number): ProviderErrorCode {
  if (status === 401 || status === 403) return 'auth';
  if (status === 429) return 'rate_limited';
  if (status === 408) return 'timeout';
  if (status === 529) return 'overloaded';
  if (status >= 500) return 'server_error';
  if (status === 400 || status === 413 || status === 422) return 'bad_request';
  if (status === 404 || status === 410) return 'not_found';
  return 'refused';
}

/** Parses a Retry-After header (seconds or HTTP date), or OpenAI's retry-after-ms. */
export function parseRetryAfter(
  headers: Record<string, string | string[] | undefined>,
  now = Date.now(),
): number | undefined {
  const ms = first(headers['retry-after-ms']);
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms)) return Math.round(Number(ms));
  const value = first(headers['retry-after']);
  if (value === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/**
 * What an auth failure says, whatever the provider wrote: real providers echo part of
 * the rejected key ("Incorrect API key provided: sk-...abcd"), which must reach no log,
 * error body or ledger row.
 */
export function authFailureMessage(provider: string, status: number, providerType?: string): string {
  return `${provider} ${status}${providerType ? ` ${providerType}` : ''}: the provider rejected the API key (revoked, wrong, or without permission)`;
}
