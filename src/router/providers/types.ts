/**
 * The one narrow interface every provider implements. Nothing outside providers/
 * knows a wire format: adapters take the canonical (OpenAI-shaped) request and give
 * back canonical completions, chunks and normalized usage.
 */
import type { ChatCompletion, ChatCompletionChunk, ChatRequest, Usage } from '../../core/chat.js';
import type { ProviderError } from './errors.js';

export type ProviderKind = 'openai' | 'anthropic';

export interface CallOptions {
  /** The provider's own model id for this deployment. */
  model: string;
  /** Aborts the upstream call at once (client gone, gate expired, deadline). */
  signal: AbortSignal;
  /** Deadline for the response headers (non-stream: for the whole answer). */
  timeoutMs: number;
  /** Anthropic prompt caching TTL for the stable blocks it marks. */
  cacheTtl?: '5m' | '1h';
}

export interface CompleteResult {
  completion: ChatCompletion;
  usage: Usage;
  /** Part of usage.cacheWriteTokens written with the 1-hour TTL (Anthropic), priced apart. */
  cacheWrite1hTokens?: number;
}

/**
 * A stream is a sequence of parts. An error mid-stream is a part, not a throw, so the
 * caller always knows whether a terminal event arrived: the iterator ends normally
 * only after the provider's terminal event ([DONE] or message_stop).
 */
export type StreamPart =
  | { type: 'chunk'; chunk: ChatCompletionChunk; /** carries a token (text or tool call) */ hasToken: boolean }
  | { type: 'usage'; usage: Usage; cacheWrite1hTokens?: number }
  | { type: 'error'; error: ProviderError };

export interface StreamResult {
  parts: AsyncIterable<StreamPart>;
}

export interface LanguageModel {
  /** The provider's name in ballast.yaml (e.g. "primary"). */
  readonly provider: string;
  readonly kind: ProviderKind;
  /** Throws ProviderError. */
  complete(request: ChatRequest, options: CallOptions): Promise<CompleteResult>;
  /** Resolves once the provider answered 2xx; throws ProviderError before that. */
  stream(request: ChatRequest, options: CallOptions): Promise<StreamResult>;
  /** Closes pooled connections. */
  close(): Promise<void>;
}
