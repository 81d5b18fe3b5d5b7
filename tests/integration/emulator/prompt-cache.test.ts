import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chat, control, messages, parseSse, start, userTurn } from './helpers.js';
import type { Emulator } from './helpers.js';

// 400 characters -> 100 tokens, cacheable; the user turn adds ceil((400 + 12) / 4) - 100 = 3 more.
const SYSTEM = 'x'.repeat(400);
const cachedRequest = (question: string, ttl?: '1h') => ({
  model: 'claude-haiku-4-5',
  max_tokens: 5,
  system: [{ type: 'text', text: SYSTEM, cache_control: ttl ? { type: 'ephemeral', ttl } : { type: 'ephemeral' } }],
  messages: userTurn(question),
});

let emu: Emulator;
let url: string;
beforeAll(async () => {
  emu = await start({ providers: [{ name: 'secondary' }, { name: 'other' }] });
  url = emu.providers.secondary!.url;
});
afterAll(() => emu.close());

async function usageOf(body: unknown, base = url) {
  return (await (await messages(base, body)).json()).usage;
}

describe('Anthropic prompt-caching emulation', () => {
  it('writes a marked prefix the first time and reads it afterwards', async () => {
    expect(await usageOf(cachedRequest('question one'))).toEqual({
      input_tokens: 3,
      cache_creation_input_tokens: 100,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 0 },
      output_tokens: 5,
    });
    expect(await usageOf(cachedRequest('question two'))).toEqual({
      input_tokens: 3,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 100,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
      output_tokens: 5,
    });
  });

  it('reports cache usage in message_start when streaming', async () => {
    const events = parseSse(await (await messages(url, { ...cachedRequest('streamed'), stream: true })).text());
    expect(JSON.parse(events[0]!.data).message.usage).toMatchObject({ cache_read_input_tokens: 100, cache_creation_input_tokens: 0 });
  });

  it('writes again when the prefix changes, and keeps caches per provider', async () => {
    const changed = { ...cachedRequest('q'), system: [{ type: 'text', text: `${SYSTEM}!`, cache_control: { type: 'ephemeral' } }] };
    expect((await usageOf(changed)).cache_creation_input_tokens).toBe(101);
    expect((await usageOf(cachedRequest('q'), emu.providers.other!.url)).cache_creation_input_tokens).toBe(100);
  });

  it('reads the longest cached prefix and writes only the rest', async () => {
    const tools = [{ name: 'search', input_schema: { type: 'object' }, cache_control: { type: 'ephemeral' } }];
    const toolChars = JSON.stringify({ name: 'search', input_schema: { type: 'object' } }).length;
    const first = await usageOf({ ...cachedRequest('q'), tools: [{ name: 'search', input_schema: { type: 'object' } }] });
    expect(first.cache_creation_input_tokens).toBe(Math.ceil((toolChars + 400) / 4));
    await control(emu, 'POST', '/reset');
    await usageOf({ model: 'claude-haiku-4-5', max_tokens: 5, tools, messages: userTurn('q') });
    const both = await usageOf({ ...cachedRequest('q'), tools });
    expect(both.cache_read_input_tokens).toBe(Math.ceil(toolChars / 4));
    expect(both.cache_creation_input_tokens).toBe(Math.ceil((toolChars + 400) / 4) - Math.ceil(toolChars / 4));
  });

  it('forgets everything on reset', async () => {
    await usageOf(cachedRequest('before'));
    await control(emu, 'POST', '/reset');
    expect((await usageOf(cachedRequest('after'))).cache_creation_input_tokens).toBe(100);
  });

  it('does not cache without cache_control, and reports cached_tokens 0 on OpenAI', async () => {
    const plain = { model: 'c', max_tokens: 5, system: SYSTEM, messages: userTurn('q') };
    await usageOf(plain);
    expect(await usageOf(plain)).toMatchObject({ cache_creation_input_tokens: 0, cache_read_input_tokens: 0, input_tokens: 101 });
    const oa = await (await chat(url, { model: 'm', messages: [{ role: 'system', content: SYSTEM }, ...userTurn('q')] })).json();
    expect(oa.usage.prompt_tokens_details).toEqual({ cached_tokens: 0 });
  });
});
