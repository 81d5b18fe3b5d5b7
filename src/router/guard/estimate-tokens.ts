/**
 * Input tokens before the call, counted the way the serving provider's kind counts them
 * (its registry entry: o200k for OpenAI, bytes / 3.5 for Anthropic), images at their most.
 * Used only near a limit; far from one the tokenizer-free upper bound in core/tokens.ts decides.
 */
import type { ChatRequest } from '../../core/chat.js';
import { imageCount, messageText, TOKENS_FOR_TOOLS, TOKENS_PER_MESSAGE, TOKENS_PER_REQUEST } from '../../core/tokens.js';
import { providerKind } from '../providers/registry.js';
import type { ProviderKind } from '../providers/types.js';

export function estimateInputTokens(request: Pick<ChatRequest, 'messages' | 'tools'>, kind: ProviderKind, model: string): number {
  const entry = providerKind(kind);
  const count = entry.countTextTokens;
  const perImage = entry.imageTokensUpperBound(model);
  let n = TOKENS_PER_REQUEST;
  for (const m of request.messages) n += count(messageText(m)) + TOKENS_PER_MESSAGE + imageCount(m) * perImage;
  if (request.tools && request.tools.length > 0) n += count(JSON.stringify(request.tools)) + TOKENS_FOR_TOOLS;
  return n;
}
