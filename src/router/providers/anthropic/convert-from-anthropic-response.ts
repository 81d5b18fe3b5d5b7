import type { z } from 'zod';
import type { ChatCompletion, ToolCall } from '../../../core/chat.js';
import { ProviderError } from '../errors.js';
import type { CompleteResult } from '../types.js';
import { anthropicMessageSchema } from './anthropic-api.js';
import { toCacheWrite1hTokens, toOpenAIUsage, toUsage } from './convert-anthropic-usage.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';

export interface FromAnthropicResponseOptions {
  /** The provider's name in ballast.yaml, for errors. */
  provider: string;
  /** Reported as the model when the body names none. */
  requestModel: string;
  /** Unix seconds; now by default. */
  created?: number;
}

export interface AnthropicCompleteResult extends CompleteResult {
  /** Cache writes at the 1 hour TTL (also counted in usage.cacheWriteTokens). */
  cacheWrite1hTokens: number;
}

/**
 * Translates a 2xx Anthropic Messages body into an OpenAI chat completion and
 * normalized usage. Throws ProviderError `bad_response` when the body does not parse.
 */
export function fromAnthropicResponse(body: unknown, options: FromAnthropicResponseOptions): AnthropicCompleteResult {
  const parsed = anthropicMessageSchema.safeParse(body);
  if (!parsed.success) {
    throw new ProviderError({
      provider: options.provider,
      code: 'bad_response',
      message: `${options.provider} response does not match the Messages API: ${describeIssue(parsed.error)}`,
      cause: parsed.error,
    });
  }
  const message = parsed.data;

  let text: string | null = null;
  const toolCalls: ToolCall[] = [];
  for (const block of message.content) {
    if (block.type === 'text' && 'text' in block) text = (text ?? '') + block.text;
    else if (block.type === 'tool_use' && 'input' in block) {
      toolCalls.push({
        id: block.id,
        type: 'function',
        function: { name: block.name, arguments: JSON.stringify(block.input) },
      });
    }
    // thinking, redacted_thinking and server tool blocks have no OpenAI counterpart.
  }

  const usage = toUsage(message.usage);
  const completion: ChatCompletion = {
    id: `chatcmpl-${message.id}`,
    object: 'chat.completion',
    created: options.created ?? Math.floor(Date.now() / 1000),
    model: message.model || options.requestModel,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text ?? (toolCalls.length > 0 ? null : ''),
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: mapAnthropicStopReason(message.stop_reason),
      },
    ],
    usage: toOpenAIUsage(usage),
  };
  return { completion, usage, cacheWrite1hTokens: toCacheWrite1hTokens(message.usage) };
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid body';
  const path = issue.path.length > 0 ? issue.path.join('.') : 'body';
  return `${path}: ${issue.message}`;
}
