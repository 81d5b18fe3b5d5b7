import type { z } from 'zod';
import type { ChatCompletionChunk, ChunkToolCallDelta, FinishReason } from '../../../core/chat.js';
import { ProviderError, UPSTREAM_TYPE_LIMIT, upstreamText, type ProviderErrorCode } from '../errors.js';
import type { StreamPart } from '../types.js';
import {
  anthropicErrorSchema,
  contentBlockDeltaEventSchema,
  contentBlockStartEventSchema,
  contentBlockStopEventSchema,
  messageDeltaEventSchema,
  messageStartEventSchema,
  type AnthropicUsage,
} from './anthropic-api.js';
import { toCacheWrite1hTokens, toUsage } from './convert-anthropic-usage.js';
import { codeForAnthropicErrorType } from './map-anthropic-error.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';

export interface AnthropicStreamConverterOptions {
  /** The provider's name in ballast.yaml, for errors. */
  provider: string;
  /** Unix seconds for every chunk; now by default. */
  created?: number;
  /** Cut from a stream error's words (the key sent, every key the router knows); credential shapes always are. */
  secrets?: () => readonly string[];
}

export interface AnthropicStreamConverter {
  /** One SSE event as eventsource-parser delivers it (event name may be ''). */
  push(event: string, data: string): StreamPart[];
  /** The byte stream ended: a stream_cut error unless message_stop (or an error) came. */
  finish(): StreamPart[];
  /** 1 hour cache writes reported so far; the usage part has no field for them. */
  readonly cacheWrite1hTokens: number;
}

type Delta = ChatCompletionChunk['choices'][number]['delta'];

interface ToolBlock {
  /** OpenAI's tool_calls index: 0-based count of tool_use blocks. */
  index: number;
  sentArguments: boolean;
}

/**
 * Turns Anthropic stream events into OpenAI chunk parts, then one usage part at
 * message_stop. After an error part or message_stop it emits nothing more.
 *
 * @example
 * const converter = createAnthropicStreamConverter({ provider: 'primary' });
 * const parser = createParser({ onEvent: (e) => parts.push(...converter.push(e.event ?? '', e.data)) });
 * // feed bytes to parser, then: parts.push(...converter.finish());
 */
export function createAnthropicStreamConverter(
  options: AnthropicStreamConverterOptions,
): AnthropicStreamConverter {
  const name = options.provider;
  const created = options.created ?? Math.floor(Date.now() / 1000);
  let id = '';
  let model = '';
  let usage: AnthropicUsage = {};
  let started = false;
  let finishSent = false;
  let ended = false;
  const toolBlocks = new Map<number, ToolBlock>();

  const fail = (code: ProviderErrorCode, message: string, providerType?: string, cause?: unknown): StreamPart[] => {
    ended = true;
    return [{ type: 'error', error: new ProviderError({ provider: name, code, message, providerType, cause }) }];
  };

  const malformed = (type: string, cause: z.ZodError): StreamPart[] =>
    fail('bad_response', `${name} stream event ${type} does not match the Messages API`, undefined, cause);

  const chunk = (delta: Delta, finishReason: FinishReason, hasToken: boolean): StreamPart => ({
    type: 'chunk',
    hasToken,
    chunk: {
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta, finish_reason: finishReason }],
    },
  });

  const toolDelta = (call: ChunkToolCallDelta): StreamPart => chunk({ tool_calls: [call] }, null, true);

  function handle(type: string, json: unknown): StreamPart[] {
    if (type === 'error') {
      const parsed = anthropicErrorSchema.safeParse(json);
      if (!parsed.success) return fail('server_error', `${name} stream error without details`, undefined, parsed.error);
      const secrets = options.secrets?.() ?? [];
      const errorType = upstreamText(parsed.data.error.type, secrets, UPSTREAM_TYPE_LIMIT);
      const message = parsed.data.error.message === undefined ? 'no message' : upstreamText(parsed.data.error.message, secrets);
      return fail(codeForAnthropicErrorType(errorType), `${name} stream error ${errorType}: ${message}`, errorType);
    }
    if (type === 'message_start') {
      if (started) return fail('bad_response', `${name} stream sent a second message_start`);
      const parsed = messageStartEventSchema.safeParse(json);
      if (!parsed.success) return malformed(type, parsed.error);
      started = true;
      id = `chatcmpl-${parsed.data.message.id}`;
      model = parsed.data.message.model ?? '';
      usage = parsed.data.message.usage ?? {};
      return [chunk({ role: 'assistant', content: '' }, null, false)];
    }
    if (!KNOWN_EVENTS.has(type)) return []; // "handle unknown event types gracefully" (streaming docs)
    if (!started) return fail('bad_response', `${name} stream sent ${type} before message_start`);

    switch (type) {
      case 'content_block_start': {
        const parsed = contentBlockStartEventSchema.safeParse(json);
        if (!parsed.success) return malformed(type, parsed.error);
        const block = parsed.data.content_block;
        if (block.type === 'tool_use' && 'id' in block) {
          const tool: ToolBlock = { index: toolBlocks.size, sentArguments: false };
          toolBlocks.set(parsed.data.index, tool);
          const call = { name: block.name, arguments: '' };
          return [toolDelta({ index: tool.index, id: block.id, type: 'function', function: call })];
        }
        if (block.type !== 'text' || !('text' in block) || block.text === '') return [];
        return [chunk({ content: block.text }, null, true)];
      }
      case 'content_block_delta': {
        const parsed = contentBlockDeltaEventSchema.safeParse(json);
        if (!parsed.success) return malformed(type, parsed.error);
        const delta = parsed.data.delta;
        if (delta.type === 'text_delta' && 'text' in delta) {
          return delta.text === '' ? [] : [chunk({ content: delta.text }, null, true)];
        }
        // server_tool_use blocks stream input_json_delta too; only client tools are forwarded.
        const tool = toolBlocks.get(parsed.data.index);
        if (!tool || delta.type !== 'input_json_delta' || !('partial_json' in delta)) return [];
        if (delta.partial_json === '') return [];
        tool.sentArguments = true;
        return [toolDelta({ index: tool.index, function: { arguments: delta.partial_json } })];
      }
      case 'content_block_stop': {
        const parsed = contentBlockStopEventSchema.safeParse(json);
        if (!parsed.success) return malformed(type, parsed.error);
        const tool = toolBlocks.get(parsed.data.index);
        if (!tool || tool.sentArguments) return [];
        // A call without arguments: OpenAI clients JSON.parse the arguments string.
        tool.sentArguments = true;
        return [toolDelta({ index: tool.index, function: { arguments: '{}' } })];
      }
      case 'message_delta': {
        const parsed = messageDeltaEventSchema.safeParse(json);
        if (!parsed.success) return malformed(type, parsed.error);
        // message_delta usage is cumulative: a present field replaces the earlier count.
        usage = mergeUsage(usage, parsed.data.usage ?? {});
        const reason = parsed.data.delta.stop_reason;
        if (reason == null || finishSent) return [];
        finishSent = true;
        return [chunk({}, mapAnthropicStopReason(reason), false)];
      }
      default: {
        // message_stop
        ended = true;
        const parts = finishSent ? [] : [chunk({}, 'stop', false)];
        finishSent = true;
        parts.push({ type: 'usage', usage: toUsage(usage), cacheWrite1hTokens: toCacheWrite1hTokens(usage) });
        return parts;
      }
    }
  }

  return {
    push(event, data) {
      if (ended || event === 'ping') return [];
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch (cause) {
        const what = `${name} stream event ${event || '(unnamed)'}`;
        return fail('bad_response', `${what} has data that is not JSON`, undefined, cause);
      }
      return handle(event !== '' && event !== 'message' ? event : typeOf(json), json);
    },
    finish() {
      return ended ? [] : fail('stream_cut', `${name} stream ended before message_stop`);
    },
    get cacheWrite1hTokens() {
      return toCacheWrite1hTokens(usage);
    },
  };
}

const KNOWN_EVENTS: ReadonlySet<string> = new Set([
  'content_block_start',
  'content_block_delta',
  'content_block_stop',
  'message_delta',
  'message_stop',
]);

function typeOf(json: unknown): string {
  if (typeof json === 'object' && json !== null && 'type' in json && typeof json.type === 'string') return json.type;
  return '';
}

function mergeUsage(current: AnthropicUsage, update: AnthropicUsage): AnthropicUsage {
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(update)) if (value !== null && value !== undefined) merged[key] = value;
  return merged as AnthropicUsage;
}
