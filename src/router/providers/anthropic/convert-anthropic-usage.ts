import type { Usage } from '../../../core/chat.js';
import type { AnthropicUsage } from './anthropic-api.js';

/** Anthropic's input_tokens already excludes cache reads and writes, as Usage does. */
export function toUsage(usage: AnthropicUsage): Usage {
  return {
    inputTokens: usage.input_tokens ?? 0,
    outputTokens: usage.output_tokens ?? 0,
    cacheReadTokens: usage.cache_read_input_tokens ?? 0,
    cacheWriteTokens: usage.cache_creation_input_tokens ?? 0,
  };
}

/** The part of the cache writes made with the 1 hour TTL, which is priced higher than 5 minutes. */
export function toCacheWrite1hTokens(usage: AnthropicUsage): number {
  return usage.cache_creation?.ephemeral_1h_input_tokens ?? 0;
}

export { toOpenAIUsage } from '../../../core/chat.js';
