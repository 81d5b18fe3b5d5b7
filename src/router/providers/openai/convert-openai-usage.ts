import type { OpenAIUsage, Usage } from '../../../core/chat.js';

/** OpenAI counts cached prompt tokens inside prompt_tokens; ballast keeps them apart. */
export function fromOpenAIUsage(usage: OpenAIUsage | null | undefined): Usage {
  const cached = usage?.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    inputTokens: Math.max(0, (usage?.prompt_tokens ?? 0) - cached),
    outputTokens: usage?.completion_tokens ?? 0,
    cacheReadTokens: cached,
    cacheWriteTokens: 0,
  };
}
