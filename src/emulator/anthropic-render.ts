/** Renders answers in the Anthropic Messages wire format (JSON and named SSE events). */
import { answerText } from './answer.js';
import type { Answer } from './answer.js';
import type { EmulatedModel } from './options.js';
import { JSON_HEADERS, SSE_HEADERS, randomId } from './wire.js';
import type { ParsedRequest, Reply, StreamScript, WireUsage } from './wire.js';

function stopReason(answer: Answer): 'end_turn' | 'max_tokens' | 'tool_use' {
  if (answer.kind === 'tool') return 'tool_use';
  return answer.finish === 'length' ? 'max_tokens' : 'end_turn';
}

function inputUsage(usage: WireUsage) {
  return {
    input_tokens: usage.inputTokens,
    cache_creation_input_tokens: usage.cacheWriteTokens,
    cache_read_input_tokens: usage.cacheReadTokens,
    cache_creation: {
      ephemeral_5m_input_tokens: usage.cacheWriteTokens - usage.cacheWrite1hTokens,
      ephemeral_1h_input_tokens: usage.cacheWrite1hTokens,
    },
  };
}

export function renderAnthropicJson(request: ParsedRequest, answer: Answer, usage: WireUsage): Reply {
  const content =
    answer.kind === 'tool'
      ? [{ type: 'tool_use', id: randomId('toolu_'), name: answer.toolName, input: JSON.parse(answer.argumentsJson) as unknown }]
      : [{ type: 'text', text: answerText(answer) }];
  const message = {
    id: randomId('msg_'),
    type: 'message',
    role: 'assistant',
    model: request.model,
    content,
    stop_reason: stopReason(answer),
    stop_sequence: null,
    usage: { ...inputUsage(usage), output_tokens: usage.outputTokens },
  };
  return { status: 200, headers: { ...JSON_HEADERS, 'request-id': randomId('req_') }, body: JSON.stringify(message) };
}

export function renderAnthropicStream(request: ParsedRequest, answer: Answer, usage: WireUsage): StreamScript {
  const start = {
    type: 'message_start',
    message: {
      id: randomId('msg_'),
      type: 'message',
      role: 'assistant',
      model: request.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...inputUsage(usage), output_tokens: 1 },
    },
  };
  const block =
    answer.kind === 'tool'
      ? { type: 'tool_use', id: randomId('toolu_'), name: answer.toolName, input: {} }
      : { type: 'text', text: '' };
  const opening = [
    event('message_start', start),
    event('content_block_start', { type: 'content_block_start', index: 0, content_block: block }),
    event('ping', { type: 'ping' }),
  ];
  const pieces = answer.kind === 'tool' ? answer.argumentTokens : answer.tokens;
  const tokens = pieces.map((piece) =>
    event('content_block_delta', {
      type: 'content_block_delta',
      index: 0,
      delta: answer.kind === 'tool' ? { type: 'input_json_delta', partial_json: piece } : { type: 'text_delta', text: piece },
    }),
  );
  const closing = [
    event('content_block_stop', { type: 'content_block_stop', index: 0 }),
    event('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: stopReason(answer), stop_sequence: null },
      usage: { output_tokens: usage.outputTokens },
    }),
    event('message_stop', { type: 'message_stop' }),
  ];
  const malformed = 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Emul\n\n';
  return { headers: { ...SSE_HEADERS, 'request-id': randomId('req_') }, opening, tokens, closing, malformed };
}

export function renderAnthropicModels(models: EmulatedModel[]): Reply {
  const createdAt = new Date(0).toISOString();
  const data = models.map((model) => ({ ...model, type: 'model', display_name: `${model.id} (emulated)`, created_at: createdAt }));
  const body = { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data[data.length - 1]?.id ?? null };
  return { status: 200, headers: { ...JSON_HEADERS }, body: JSON.stringify(body) };
}

function event(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}
