import type { ChatRequest } from '../../../core/chat.js';
import { AnthropicConversionError } from './anthropic-conversion-error.js';

/**
 * Rejects OpenAI fields whose meaning Anthropic cannot honour, where dropping them
 * would hand the client an answer of a different shape than it asked for.
 *
 * Dropped silently, because ignoring them only changes sampling or bookkeeping:
 * seed, frequency_penalty, presence_penalty, logit_bias, stream_options, store,
 * metadata, service_tier, reasoning_effort, prediction, n: 1, logprobs: false, and
 * response_format `text` or `json_object` (OpenAI requires a json_object prompt to
 * ask for JSON itself, so the model is still told to answer in JSON).
 */
export function assertSupportedRequest(request: ChatRequest): void {
  if (typeof request.n === 'number' && request.n > 1) {
    throw new AnthropicConversionError('n>1 is not supported by Anthropic');
  }
  if (request.logprobs === true || (typeof request.top_logprobs === 'number' && request.top_logprobs > 0)) {
    throw new AnthropicConversionError('logprobs are not supported by Anthropic; remove logprobs and top_logprobs');
  }
  const format = request.response_format;
  if (isObject(format) && format.type === 'json_schema') {
    throw new AnthropicConversionError(
      'response_format json_schema is not supported by Anthropic; describe the format in the prompt or use a tool',
    );
  }
  if ((Array.isArray(request.modalities) && request.modalities.includes('audio')) || request.audio != null) {
    throw new AnthropicConversionError('audio output is not supported by Anthropic');
  }
  if (request.functions != null || request.function_call != null) {
    throw new AnthropicConversionError('functions and function_call are not supported; use tools and tool_choice');
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
