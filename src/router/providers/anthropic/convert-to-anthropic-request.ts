import type { ChatRequest } from '../../../core/chat.js';
import type { AnthropicMessagesRequest } from './anthropic-api.js';
import { applyCacheBreakpoints } from './apply-cache-breakpoints.js';
import { assertSupportedRequest } from './assert-supported-request.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';
import { prepareAnthropicTools } from './prepare-anthropic-tools.js';

export interface ToAnthropicRequestOptions {
  /** The provider's model id for this deployment. */
  model: string;
  stream: boolean;
  /** Marks the stable prefix (last tool, last system block) for prompt caching. */
  cacheTtl?: '5m' | '1h';
}

export interface AnthropicHttpRequest {
  body: AnthropicMessagesRequest;
  /** Extra request headers this body needs (none today; see below). */
  headers: Record<string, string>;
}

/** Anthropic requires max_tokens; OpenAI does not. */
export const DEFAULT_MAX_TOKENS = 4096;

/**
 * Translates a canonical (OpenAI) chat request into an Anthropic Messages request.
 * Throws AnthropicConversionError when the request cannot be expressed.
 *
 * @example
 * const { body } = toAnthropicRequest(
 *   { model: 'fast', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }] },
 *   { model: 'claude-sonnet-4-5', stream: false },
 * );
 * // body.system = [{ type: 'text', text: 'Be brief.' }], body.max_tokens = 4096
 */
export function toAnthropicRequest(request: ChatRequest, options: ToAnthropicRequestOptions): AnthropicHttpRequest {
  assertSupportedRequest(request);
  const { system, messages } = convertToAnthropicMessages(request.messages);
  const { tools, toolChoice } = prepareAnthropicTools(request);

  const body: AnthropicMessagesRequest = {
    model: options.model,
    max_tokens: request.max_completion_tokens ?? request.max_tokens ?? DEFAULT_MAX_TOKENS,
    messages,
  };
  if (system.length > 0) body.system = system;
  if (tools) body.tools = tools;
  if (toolChoice) body.tool_choice = toolChoice;
  if (options.stream) body.stream = true;

  const stop = typeof request.stop === 'string' ? [request.stop] : request.stop;
  if (Array.isArray(stop) && stop.length > 0) body.stop_sequences = [...stop];
  // OpenAI allows 0..2, Anthropic 0..1.
  if (typeof request.temperature === 'number') body.temperature = Math.min(1, Math.max(0, request.temperature));
  // Current Claude models answer 400 "temperature and top_p cannot both be specified".
  else if (typeof request.top_p === 'number') body.top_p = request.top_p;
  if (typeof request.user === 'string' && request.user !== '') body.metadata = { user_id: request.user };

  if (options.cacheTtl) applyCacheBreakpoints(body, options.cacheTtl);
  // The 1h TTL left beta: the prompt caching docs now enable it with `ttl: '1h'` alone
  // and no longer mention the extended-cache-ttl-2025-04-11 header.
  return { body, headers: {} };
}
