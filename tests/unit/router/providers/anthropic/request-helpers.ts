import type { ChatRequest } from '../../../../../src/core/chat.js';
import { AnthropicConversionError } from '../../../../../src/router/providers/anthropic/anthropic-conversion-error.js';
import { toAnthropicRequest } from '../../../../../src/router/providers/anthropic/convert-to-anthropic-request.js';

export const MODEL = 'claude-sonnet-4-5-20250929';

/** Converts a one-line chat request overridden by `request`. */
export function convert(
  request: Partial<ChatRequest>,
  options: Parameters<typeof toAnthropicRequest>[1] = { model: MODEL, stream: false },
) {
  return toAnthropicRequest({ model: 'smart', messages: [{ role: 'user', content: 'Hi' }], ...request }, options);
}

export function conversionError(fn: () => unknown): AnthropicConversionError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AnthropicConversionError) return error;
    throw error;
  }
  throw new Error('expected an AnthropicConversionError');
}
