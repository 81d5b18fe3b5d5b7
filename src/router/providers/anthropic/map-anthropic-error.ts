import { authFailureMessage, codeForStatus, parseRetryAfter, ProviderError, UPSTREAM_TYPE_LIMIT, upstreamText, type ProviderErrorCode } from '../errors.js';
import { anthropicErrorSchema } from './anthropic-api.js';

const MAX_BODY_EXCERPT = 200;

/**
 * A non-2xx Anthropic response as a ProviderError. The message carries the status,
 * Anthropic's error type and its message; never a header value, and none of `secrets`
 * (the key sent, every key the router knows) nor a credential shape, should the
 * upstream echo one.
 *
 * @example
 * mapAnthropicError('primary', 529, '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}', {});
 * // ProviderError { code: 'overloaded', providerType: 'overloaded_error',
 * //   message: 'primary 529 overloaded_error: Overloaded' }
 */
export function mapAnthropicError(
  provider: string,
  status: number,
  bodyText: string,
  headers: Record<string, string | string[] | undefined>,
  secrets: readonly string[] = [],
): ProviderError {
  const parsed = anthropicErrorSchema.safeParse(parseJson(bodyText));
  const retryAfterMs = parseRetryAfter(lowerCaseKeys(headers));
  if (!parsed.success) {
    const excerpt = upstreamText(bodyText, secrets, MAX_BODY_EXCERPT);
    return new ProviderError({
      provider,
      code: codeForStatus(status),
      status,
      retryAfterMs,
      message: codeForStatus(status) === 'auth' ? authFailureMessage(provider, status) : `${provider} ${status}: ${excerpt === '' ? 'empty response body' : excerpt}`,
    });
  }
  const type = upstreamText(parsed.data.error.type, secrets, UPSTREAM_TYPE_LIMIT);
  const message = parsed.data.error.message === undefined ? undefined : upstreamText(parsed.data.error.message, secrets);
  const statusCode = codeForStatus(status);
  return new ProviderError({
    provider,
    // Overload is overload whichever 5xx carries it; routing treats it apart.
    code: type === 'overloaded_error' && statusCode === 'server_error' ? 'overloaded' : statusCode,
    status,
    retryAfterMs,
    providerType: type,
    message: statusCode === 'auth' ? authFailureMessage(provider, status, type) : `${provider} ${status} ${type}: ${message ?? 'no message'}`,
  });
}

/** The stable code for an `error` event inside a 200 stream, which has no status. */
export function codeForAnthropicErrorType(type: string): ProviderErrorCode {
  switch (type) {
    case 'overloaded_error':
      return 'overloaded';
    case 'rate_limit_error':
      return 'rate_limited';
    case 'authentication_error':
      return 'auth';
    default:
      // api_error and the rest: the stream broke on the provider's side.
      return 'server_error';
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function lowerCaseKeys(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string | string[] | undefined> {
  const out: Record<string, string | string[] | undefined> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}
