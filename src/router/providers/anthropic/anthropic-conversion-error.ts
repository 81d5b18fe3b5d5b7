/**
 * A canonical request that cannot be expressed in Anthropic's Messages API. Thrown
 * before any network call; the request itself is at fault, so it is never retryable
 * and answers 400 with a message that says what to change.
 */
export class AnthropicConversionError extends Error {
  override readonly name = 'AnthropicConversionError';
  readonly code = 'unsupported_request' as const;
  readonly status = 400;
  readonly retryable = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
