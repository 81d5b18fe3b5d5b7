import { ProviderError, authFailureMessage, codeForStatus, parseRetryAfter } from '../errors.js';

/** Maps an OpenAI-compatible error response to a ProviderError; never echoes headers. */
export function mapOpenAIError(
  provider: string,
  status: number,
  bodyText: string,
  headers: Record<string, string | string[] | undefined>,
): ProviderError {
  let type: string | undefined;
  let detail = bodyText.trim().slice(0, 300);
  try {
    const parsed = JSON.parse(bodyText) as { error?: { message?: unknown; type?: unknown; code?: unknown } };
    if (parsed.error && typeof parsed.error === 'object') {
      type = typeof parsed.error.code === 'string' ? parsed.error.code : typeof parsed.error.type === 'string' ? parsed.error.type : undefined;
      if (typeof parsed.error.message === 'string') detail = parsed.error.message;
    }
  } catch {
    // Not JSON (a proxy's HTML page, say): the status still decides.
  }
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
