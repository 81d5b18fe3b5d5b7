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
  const count = textTokenCounter(kind);
  const perImage = imageTokensUpperBound(kind, model);
  let n = TOKENS_PER_REQUEST;
  for (const m of request.messages) n += count(messageText(m)) + TOKENS_PER_MESSAGE + imageCount(m) * perImage;
  if (request.tools && request.tools.length > 0) n += count(JSON.stringify(request.tools)) + TOKENS_FOR_TOOLS;
  return n;
}

/** Tokens in a piece of text, as the provider of this kind would count it (or a little above). */
export function textTokenCounter(kind: ProviderKind): (s: string) => number {
  return providerKind(kind).countTextTokens;
}

/** The most one image can cost in input tokens on this kind and model (the kind's entry knows). */
export function imageTokensUpperBound(kind: ProviderKind, model: string): number {
  return providerKind(kind).imageTokensUpperBound(model);
}
