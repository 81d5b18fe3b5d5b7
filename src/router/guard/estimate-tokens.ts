/**
 * Input tokens before the call. OpenAI models: counted with the o200k_base tokenizer
 * (gpt-tokenizer). Other providers publish no tokenizer: bytes / 3.5, which runs a little
 * above Anthropic's counts for English prose. Used only near a limit; far from one the
 * tokenizer-free upper bound in core/tokens.ts decides.
 */
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import type { ChatRequest } from '../../core/chat.js';
import { messageText, TOKENS_FOR_TOOLS, TOKENS_PER_MESSAGE, TOKENS_PER_REQUEST, utf8Length } from '../../core/tokens.js';
import type { ProviderKind } from '../providers/types.js';

export const BYTES_PER_TOKEN_APPROX = 3.5;

export function estimateInputTokens(request: Pick<ChatRequest, 'messages' | 'tools'>, kind: ProviderKind): number {
  const count = kind === 'openai' ? (s: string) => countTokens(s) : (s: string) => Math.ceil(utf8Length(s) / BYTES_PER_TOKEN_APPROX);
  let n = TOKENS_PER_REQUEST;
  for (const m of request.messages) n += count(messageText(m)) + TOKENS_PER_MESSAGE;
  if (request.tools && request.tools.length > 0) n += count(JSON.stringify(request.tools)) + TOKENS_FOR_TOOLS;
  return n;
}
