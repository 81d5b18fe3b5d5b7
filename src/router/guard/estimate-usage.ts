/**
 * What a stream cost when its provider never said: a stream abandoned after its first
 * token, cut by the provider, or from an upstream that sends no usage still billed the
 * prompt and every token streamed. Charging it $0 let a client spend past any budget by
 * hanging up; this charges the prompt as counted before the call and the completion from
 * the text actually streamed, never less than that text.
 */
import type { ChatCompletionChunk, ChatRequest, Usage } from '../../core/chat.js';
import type { ProviderKind } from '../providers/types.js';
import { providerKind } from '../providers/registry.js';
import { estimateInputTokens } from './estimate-tokens.js';

/** The text a provider streamed: content, tool-call names and arguments. */
export function streamedText(chunks: readonly ChatCompletionChunk[]): string {
  let text = '';
  for (const chunk of chunks) {
    for (const choice of chunk.choices) {
      const d = choice.delta;
      if (typeof d.content === 'string') text += d.content;
      if (d.tool_calls) for (const c of d.tool_calls) text += (c.function?.name ?? '') + (c.function?.arguments ?? '');
    }
  }
  return text;
}

/**
 * The usage to charge for a stream that reported none.
 *
 * @example estimateStreamUsage(request, chunksWritten, 'openai', 'gpt-4o-mini') // { inputTokens: 42, outputTokens: 17, ... }
 */
export function estimateStreamUsage(request: ChatRequest, chunks: readonly ChatCompletionChunk[], kind: ProviderKind, model: string): Usage {
  const text = streamedText(chunks);
  return {
    inputTokens: estimateInputTokens(request, kind, model),
    outputTokens: text === '' ? 0 : providerKind(kind).countTextTokens(text),
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
  };
}
