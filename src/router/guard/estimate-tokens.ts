/**
 * Input tokens before the call. OpenAI models: counted with the o200k_base tokenizer
 * (gpt-tokenizer). Other providers publish no tokenizer: bytes / 3.5, which runs a little
 * above Anthropic's counts for English prose. Used only near a limit; far from one the
 * tokenizer-free upper bound in core/tokens.ts decides.
 */
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import type { ChatRequest } from '../../core/chat.js';
import { IMAGE_TOKENS_ANY_PROVIDER, imageCount, messageText, TOKENS_FOR_TOOLS, TOKENS_PER_MESSAGE, TOKENS_PER_REQUEST, utf8Length } from '../../core/tokens.js';
import type { ProviderKind } from '../providers/types.js';

export const BYTES_PER_TOKEN_APPROX = 3.5;

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
  return kind === 'openai' ? (s: string) => countTokens(s) : (s: string) => Math.ceil(utf8Length(s) / BYTES_PER_TOKEN_APPROX);
}

/**
 * The most one image can cost in input tokens. OpenAI: high detail, at most 8 tiles after
 * scaling (85 + 170 per tile on gpt-4o; 2,833 + 5,667 per tile on the mini models, which
 * bill images at 4o's cost). Anthropic: images are scaled to about 1.15 megapixels, about
 * 1,600 tokens (https://docs.anthropic.com/en/docs/build-with-claude/vision).
 */
export function imageTokensUpperBound(kind: ProviderKind, model: string): number {
  if (kind === 'anthropic') return 1_600;
  return /mini/.test(model) ? IMAGE_TOKENS_ANY_PROVIDER : 85 + 8 * 170;
}
