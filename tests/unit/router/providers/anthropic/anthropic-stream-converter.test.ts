import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { ChatCompletionChunk } from '../../../../../src/core/chat.js';
import { ProviderError } from '../../../../../src/router/providers/errors.js';
import type { StreamPart } from '../../../../../src/router/providers/types.js';
import {
  createAnthropicStreamConverter,
  type AnthropicStreamConverter,
} from '../../../../../src/router/providers/anthropic/anthropic-stream-converter.js';
import { fixtureText, sseEvents } from './fixtures.js';

const CREATED = 1_700_000_000;

function run(fixture: string, converter = createAnthropicStreamConverter({ provider: 'primary', created: CREATED })): StreamPart[] {
  const parts = sseEvents(fixtureText(fixture)).flatMap((e) => converter.push(e.event, e.data));
  return [...parts, ...converter.finish()];
}

function chunkOf(id: string, model: string, delta: ChatCompletionChunk['choices'][number]['delta'], finish_reason: ChatCompletionChunk['choices'][number]['finish_reason'] = null): ChatCompletionChunk {
  return { id, object: 'chat.completion.chunk', created: CREATED, model, choices: [{ index: 0, delta, finish_reason }] };
}

function errorOf(parts: StreamPart[]): ProviderError {
  const last = parts.at(-1);
  if (last?.type !== 'error') throw new Error(`expected an error part last, got ${JSON.stringify(last)}`);
  return last.error;
}

describe('createAnthropicStreamConverter', () => {
  it('converts the recorded text stream chunk by chunk', () => {
    const id = 'chatcmpl-msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY';
    const model = 'claude-sonnet-4-5-20250929';
    const converter = createAnthropicStreamConverter({ provider: 'primary', created: CREATED });
    expect(run('stream-text.sse', converter)).toEqual([
      { type: 'chunk', hasToken: false, chunk: chunkOf(id, model, { role: 'assistant', content: '' }) },
      { type: 'chunk', hasToken: true, chunk: chunkOf(id, model, { content: 'Hello' }) },
      { type: 'chunk', hasToken: true, chunk: chunkOf(id, model, { content: '!' }) },
      { type: 'chunk', hasToken: false, chunk: chunkOf(id, model, {}, 'stop') },
      { type: 'usage', usage: { inputTokens: 25, outputTokens: 15, cacheReadTokens: 3000, cacheWriteTokens: 1200 }, cacheWrite1hTokens: 1200 },
    ]);
    expect(converter.cacheWrite1hTokens).toBe(1200);
  });

  it('converts the recorded tool-use stream chunk by chunk', () => {
    const id = 'chatcmpl-msg_014p7gG3wDgGV9EUtLvnow3U';
    const model = 'claude-sonnet-4-5-20250929';
    const tool = (call: NonNullable<ChatCompletionChunk['choices'][number]['delta']['tool_calls']>[number]) =>
      ({ type: 'chunk', hasToken: true, chunk: chunkOf(id, model, { tool_calls: [call] }) }) as const;
    expect(run('stream-tool-use.sse')).toEqual([
      { type: 'chunk', hasToken: false, chunk: chunkOf(id, model, { role: 'assistant', content: '' }) },
      { type: 'chunk', hasToken: true, chunk: chunkOf(id, model, { content: 'Okay' }) },
      { type: 'chunk', hasToken: true, chunk: chunkOf(id, model, { content: ", let's check the weather" }) },
      { type: 'chunk', hasToken: true, chunk: chunkOf(id, model, { content: ' for San Francisco, CA:' }) },
      tool({ index: 0, id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', type: 'function', function: { name: 'get_weather', arguments: '' } }),
      tool({ index: 0, function: { arguments: '{"location":' } }),
      tool({ index: 0, function: { arguments: ' "San Francisco, CA"' } }),
      tool({ index: 0, function: { arguments: ', "unit": "fahrenheit"}' } }),
      tool({ index: 1, id: 'toolu_01NoArgsTime', type: 'function', function: { name: 'get_time', arguments: '' } }),
      tool({ index: 1, function: { arguments: '{}' } }),
      { type: 'chunk', hasToken: false, chunk: chunkOf(id, model, {}, 'tool_calls') },
      { type: 'usage', usage: { inputTokens: 472, outputTokens: 89, cacheReadTokens: 0, cacheWriteTokens: 0 }, cacheWrite1hTokens: 0 },
    ]);
  });

  it('skips thinking and server tool blocks and takes the cumulative usage of message_delta', () => {
    const parts = run('stream-thinking-server-tool.sse');
    const id = 'chatcmpl-msg_01G7ThinkSearch';
    const model = 'claude-sonnet-4-5-20250929';
    expect(parts).toEqual([
      { type: 'chunk', hasToken: false, chunk: chunkOf(id, model, { role: 'assistant', content: '' }) },
      { type: 'chunk', hasToken: true, chunk: chunkOf(id, model, { content: 'It is sunny.' }) },
      { type: 'chunk', hasToken: false, chunk: chunkOf(id, model, {}, 'stop') },
      { type: 'usage', usage: { inputTokens: 10682, outputTokens: 510, cacheReadTokens: 0, cacheWriteTokens: 0 }, cacheWrite1hTokens: 0 },
    ]);
  });

  it('turns an error event into one error part and nothing after it', () => {
    const parts = run('stream-error.sse');
    expect(parts.map((p) => p.type)).toEqual(['chunk', 'chunk', 'error']);
    expect(parts[1]).toMatchObject({ type: 'chunk', hasToken: true, chunk: { choices: [{ delta: { content: 'Once upon' } }] } });
    const error = errorOf(parts);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.code).toBe('overloaded');
    expect(error.provider).toBe('primary');
    expect(error.providerType).toBe('overloaded_error');
    expect(error.message).toBe('primary stream error overloaded_error: Overloaded');
    expect(error.retryable).toBe(true);
  });

  it('provider error text passed through verbatim (issue #11): a stream error echoing the key keeps none of it', () => {
    const KEY = 'canaryStreamKeyNoShape24680';
    const converter = createAnthropicStreamConverter({ provider: 'primary', created: CREATED, secrets: () => [KEY] });
    converter.push('message_start', JSON.stringify({ type: 'message_start', message: { id: 'msg_1', model: 'm', usage: {} } }));
    const parts = converter.push('error', JSON.stringify({ type: 'error', error: { type: 'api_error', message: `request had x-api-key: ${KEY} and Bearer sk-ant-zzzz99998888` } }));
    const error = errorOf(parts);
    expect(error.message).toBe('primary stream error api_error: request had x-api-key: [redacted] and [redacted]');
  });

  it.each([
    ['overloaded_error', 'overloaded'],
    ['api_error', 'server_error'],
    ['rate_limit_error', 'rate_limited'],
    ['authentication_error', 'auth'],
    ['invalid_request_error', 'server_error'],
    ['brand_new_error', 'server_error'],
  ])('maps a stream error of type %s to %s', (type, code) => {
    const converter = createAnthropicStreamConverter({ provider: 'p' });
    const parts = converter.push('error', JSON.stringify({ type: 'error', error: { type, message: 'm' } }));
    expect(errorOf(parts).code).toBe(code);
    expect(converter.finish()).toEqual([]);
  });

  it('reports stream_cut when the body ends before message_stop', () => {
    const parts = run('stream-cut.sse');
    expect(parts.map((p) => p.type)).toEqual(['chunk', 'chunk', 'error']);
    const error = errorOf(parts);
    expect(error.code).toBe('stream_cut');
    expect(error.message).toBe('primary stream ended before message_stop');
    expect(error.retryable).toBe(true);
  });

  it('reports stream_cut for a body with no events at all', () => {
    expect(errorOf(createAnthropicStreamConverter({ provider: 'p' }).finish()).code).toBe('stream_cut');
  });

  it('reports bad_response for data that is not JSON, then stays quiet', () => {
    const converter = createAnthropicStreamConverter({ provider: 'p' });
    const error = errorOf(converter.push('content_block_delta', '{"type": "content_bl'));
    expect(error.code).toBe('bad_response');
    expect(error.message).toBe('p stream event content_block_delta has data that is not JSON');
    expect(converter.push('message_stop', '{"type":"message_stop"}')).toEqual([]);
    expect(converter.finish()).toEqual([]);
  });

  it('reports bad_response for a known event of the wrong shape', () => {
    const converter = started();
    const error = errorOf(converter.push('content_block_delta', '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta"}}'));
    expect(error.code).toBe('bad_response');
    expect(error.message).toBe('p stream event content_block_delta does not match the Messages API');
  });

  it('reports bad_response for content before message_start', () => {
    const converter = createAnthropicStreamConverter({ provider: 'p' });
    const error = errorOf(converter.push('content_block_start', '{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}'));
    expect(error.code).toBe('bad_response');
    expect(error.message).toBe('p stream sent content_block_start before message_start');
  });

  it('ignores ping and unknown event types', () => {
    const converter = started();
    expect(converter.push('ping', '{"type": "ping"}')).toEqual([]);
    expect(converter.push('ping', '')).toEqual([]);
    expect(converter.push('brand_new_event', '{"type":"brand_new_event","x":1}')).toEqual([]);
    expect(converter.push('content_block_delta', '{"type":"content_block_delta","index":0,"delta":{"type":"citations_delta","citation":{}}}')).toEqual([]);
  });

  it('takes the event type from the data when the SSE event has no name', () => {
    const converter = createAnthropicStreamConverter({ provider: 'p', created: CREATED });
    const parts = converter.push('', '{"type":"message_start","message":{"id":"msg_a","model":"m","usage":{"input_tokens":3,"output_tokens":1}}}');
    expect(parts).toEqual([{ type: 'chunk', hasToken: false, chunk: chunkOf('chatcmpl-msg_a', 'm', { role: 'assistant', content: '' }) }]);
  });

  it('emits a stop chunk before the usage when message_stop comes without a stop reason', () => {
    const converter = started();
    const parts = converter.push('message_stop', '{"type":"message_stop"}');
    expect(parts).toEqual([
      { type: 'chunk', hasToken: false, chunk: chunkOf('chatcmpl-msg_a', 'm', {}, 'stop') },
      { type: 'usage', usage: { inputTokens: 3, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 }, cacheWrite1hTokens: 0 },
    ]);
    expect(converter.push('message_delta', '{"type":"message_delta","delta":{"stop_reason":"end_turn"}}')).toEqual([]);
    expect(converter.finish()).toEqual([]);
  });

  it('keeps one id, created and model on every chunk', () => {
    const chunks = run('stream-tool-use.sse').flatMap((p) => (p.type === 'chunk' ? [p.chunk] : []));
    expect(new Set(chunks.map((c) => `${c.id}|${c.created}|${c.model}|${c.object}`))).toEqual(
      new Set([`chatcmpl-msg_014p7gG3wDgGV9EUtLvnow3U|${CREATED}|claude-sonnet-4-5-20250929|chat.completion.chunk`]),
    );
  });

  it('produces chunks the official openai SDK assembles into the same answer', async () => {
    const chunks = ['stream-tool-use.sse', 'stream-text.sse'].map((fixture) =>
      run(fixture).flatMap((p) => (p.type === 'chunk' ? [`data: ${JSON.stringify(p.chunk)}\n\n`] : [])),
    );
    const [toolSse, textSse] = chunks.map((frames) => `${frames.join('')}data: [DONE]\n\n`);
    const client = (sse: string) =>
      new OpenAI({ apiKey: 'test', baseURL: 'http://ballast.test/v1', fetch: async () => new Response(sse, { headers: { 'content-type': 'text/event-stream' } }) });

    const toolAnswer = await client(toolSse ?? '').chat.completions.stream({ model: 'x', messages: [] }).finalChatCompletion();
    expect(toolAnswer.id).toBe('chatcmpl-msg_014p7gG3wDgGV9EUtLvnow3U');
    expect(toolAnswer.choices[0]?.finish_reason).toBe('tool_calls');
    expect(toolAnswer.choices[0]?.message.content).toBe("Okay, let's check the weather for San Francisco, CA:");
    expect(toolAnswer.choices[0]?.message.tool_calls).toEqual([
      { id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', type: 'function', function: { name: 'get_weather', arguments: '{"location": "San Francisco, CA", "unit": "fahrenheit"}' } },
      { id: 'toolu_01NoArgsTime', type: 'function', function: { name: 'get_time', arguments: '{}' } },
    ]);
    expect(toolAnswer.choices[0]?.message.tool_calls?.map((call) => call.type === 'function' && JSON.parse(call.function.arguments))).toEqual([
      { location: 'San Francisco, CA', unit: 'fahrenheit' },
      {},
    ]);

    const textAnswer = await client(textSse ?? '').chat.completions.stream({ model: 'x', messages: [] }).finalChatCompletion();
    expect(textAnswer.choices[0]?.message.content).toBe('Hello!');
    expect(textAnswer.choices[0]?.finish_reason).toBe('stop');
  });
});

function started(): AnthropicStreamConverter {
  const converter = createAnthropicStreamConverter({ provider: 'p', created: CREATED });
  converter.push('message_start', '{"type":"message_start","message":{"id":"msg_a","model":"m","usage":{"input_tokens":3,"output_tokens":1}}}');
  return converter;
}
