import { ProviderError, UPSTREAM_TYPE_LIMIT, authFailureMessage, codeForStatus, parseRetryAfter, upstreamText } from '../errors.js';

/**
 * Maps an OpenAI-compatible error response to a ProviderError; never echoes headers,
 * and cuts `secrets` (the key sent, every key the router knows) and any credential
 * shape from what the provider wrote, as some upstreams echo the Authorization header.
 */
export function mapOpenAIError(
  provider: string,
  status: number,
  bodyText: string,
  headers: Record<string, string | string[] | undefined>,
  secrets: readonly string[] = [],
): ProviderError {
  let rawType: string | undefined;
  let rawDetail = bodyText;
  try {
    const parsed = JSON.parse(bodyText) as { error?: { message?: unknown; type?: unknown; code?: unknown } };
    if (parsed.error && typeof parsed.error === 'object') {
      rawType = typeof parsed.error.code === 'string' ? parsed.error.code : typeof parsed.error.type === 'string' ? parsed.error.type : undefined;
      if (typeof parsed.error.message === 'string') rawDetail = parsed.error.message;
    }
  } catch {
    // Not JSON (a proxy's HTML page, say): the status still decides.
  }
  // Scrubbed after JSON decoding, so an escaped key (\u0073k-...) is seen whole.
  const detail = upstreamText(rawDetail, secrets);
  const type = rawType === undefined ? undefined : upstreamText(rawType, secrets, UPSTREAM_TYPE_LIMIT);
  let code = codeForStatus(status);
  if (status === 503 && /overload/i.test(detail)) code = 'overloaded';
  return new ProviderError({
    provider,
    code,
    status,
    retryAfterMs: parseRetryAfter(headers),
    providerType: type,
    message: code === 'auth' ? authFailureMessage(provider, status, type) : `${provider} ${status}${type ? ` ${type}` : ''}: ${detail || 'no error body'}`,
  });
}
