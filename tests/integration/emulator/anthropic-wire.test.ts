import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anthropicHeaders, messages, parseSse, start, userTurn } from './helpers.js';
import type { Emulator } from './helpers.js';

let emu: Emulator;
let url: string;
beforeAll(async () => {
  emu = await start();
  url = emu.providers.secondary!.url;
});
afterAll(() => emu.close());

describe('Anthropic messages, non-stream', () => {
  it('answers a message with every field in place', async () => {
    const res = await messages(url, { model: 'claude-haiku-4-5', max_tokens: 256, system: 'Be brief.', messages: userTurn('Hello there, emulator') });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-emulated-provider')).toBe('secondary');
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(['content', 'id', 'model', 'role', 'stop_reason', 'stop_sequence', 'type', 'usage']);
    expect(body.id).toMatch(/^msg_/);
    expect(body.type).toBe('message');
    expect(body.role).toBe('assistant');
    expect(body.model).toBe('claude-haiku-4-5');
    expect(body.content).toHaveLength(1);
    expect(body.content[0].type).toBe('text');
    expect(body.content[0].text).toMatch(/^Emulated answer from secondary \(claude-haiku-4-5\): Hello there emulator /);
    expect(body.stop_reason).toBe('end_turn');
    expect(body.stop_sequence).toBeNull();
    expect(body.usage).toEqual({
      input_tokens: 8,
      output_tokens: 24,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    });
  });

  it('stops at max_tokens with stop_reason max_tokens', async () => {
    const body = await (await messages(url, { model: 'c', max_tokens: 5, messages: userTurn('cap') })).json();
    expect(body.stop_reason).toBe('max_tokens');
    expect(body.usage.output_tokens).toBe(5);
    expect(body.content[0].text.split(' ')).toHaveLength(5);
  });
});

describe('Anthropic messages, stream', () => {
  it('streams the named events in order with text deltas and final usage', async () => {
    const res = await messages(url, { model: 'claude-haiku-4-5', max_tokens: 10, stream: true, messages: userTurn('stream please') });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = parseSse(await res.text());
    const names = events.map((e) => e.event);
    expect(names).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      ...Array<string>(10).fill('content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const data = events.map((e) => JSON.parse(e.data));
    data.forEach((d, i) => expect(d.type).toBe(names[i]));
    expect(data[0].message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-haiku-4-5',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 4, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    });
    expect(data[0].message.id).toMatch(/^msg_/);
    expect(data[1]).toEqual({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
    const deltas = data.filter((d) => d.type === 'content_block_delta');
    expect(deltas.every((d) => d.index === 0 && d.delta.type === 'text_delta')).toBe(true);
    expect(deltas.map((d) => d.delta.text).join('')).toMatch(/^Emulated answer from secondary \(claude-haiku-4-5\): stream please/);
    expect(data.at(-3)).toEqual({ type: 'content_block_stop', index: 0 });
    expect(data.at(-2)).toEqual({ type: 'message_delta', delta: { stop_reason: 'max_tokens', stop_sequence: null }, usage: { output_tokens: 10 } });
    expect(data.at(-1)).toEqual({ type: 'message_stop' });
  });
});

describe('Anthropic validation and models', () => {
  it('requires the anthropic-version header', async () => {
    const headers = anthropicHeaders();
    delete headers['anthropic-version'];
    const res = await messages(url, { model: 'c', max_tokens: 5, messages: userTurn('x') }, headers);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.type).toBe('error');
    expect(body.error).toEqual({ type: 'invalid_request_error', message: 'anthropic-version: header is required' });
  });

  it('requires max_tokens and messages, and rejects bodies that are not JSON', async () => {
    const noMax = await messages(url, { model: 'c', messages: userTurn('x') });
    expect(noMax.status).toBe(400);
    expect((await noMax.json()).error).toEqual({ type: 'invalid_request_error', message: 'max_tokens: Field required' });
    const noMessages = await messages(url, { model: 'c', max_tokens: 5 });
    expect((await noMessages.json()).error.message).toBe('messages: Field required');
    const notJson = await fetch(`${url}/v1/messages`, { method: 'POST', headers: anthropicHeaders(), body: 'nope' });
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.type).toBe('invalid_request_error');
  });

  it('lists models in the Anthropic shape when asked with Anthropic headers', async () => {
    const res = await fetch(`${url}/v1/models`, { headers: anthropicHeaders() });
    const body = await res.json();
    expect(body.has_more).toBe(false);
    expect(body.data.map((m: { id: string }) => m.id)).toEqual(['gpt-4o-mini', 'claude-haiku-4-5']);
    expect(body.data[0]).toMatchObject({ type: 'model', display_name: 'gpt-4o-mini (emulated)' });
    expect(body.first_id).toBe('gpt-4o-mini');
    expect(body.last_id).toBe('claude-haiku-4-5');
  });
});
