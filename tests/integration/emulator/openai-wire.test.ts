import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chat, openaiHeaders, openaiStreamText, parseSse, start, userTurn } from './helpers.js';
import type { Emulator } from './helpers.js';

let emu: Emulator;
let url: string;
beforeAll(async () => {
  emu = await start({ providers: [{ name: 'primary', models: [{ id: 'gpt-4o-mini', input_usd_per_mtok: 0.15 }] }] });
  url = emu.providers.primary!.url;
});
afterAll(() => emu.close());

describe('OpenAI chat completions, non-stream', () => {
  it('answers a chat.completion with every field in place', async () => {
    const res = await chat(url, { model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'Be brief.' }, ...userTurn('Hello there, emulator')] });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-emulated-provider')).toBe('primary');
    const body = await res.json();
    expect(body.id).toMatch(/^chatcmpl-/);
    expect(body.object).toBe('chat.completion');
    expect(Number.isInteger(body.created)).toBe(true);
    expect(Math.abs(body.created - Date.now() / 1000)).toBeLessThan(60);
    expect(body.model).toBe('gpt-4o-mini');
    expect(body.choices).toHaveLength(1);
    const [choice] = body.choices;
    expect(choice.index).toBe(0);
    expect(choice.finish_reason).toBe('stop');
    expect(choice.message.role).toBe('assistant');
    expect(choice.message.content).toMatch(/^Emulated answer from primary \(gpt-4o-mini\): Hello there emulator /);
    expect(choice.message.content.split(' ')).toHaveLength(24);
    // o200k_base, as gpt-4o counts: "Be brief." (3) + "Hello there, emulator" (4)
    expect(body.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 24, total_tokens: 31, prompt_tokens_details: { cached_tokens: 0 } });
  });

  it('echoes any requested model id and answers the same request with the same words', async () => {
    const request = { model: 'some-other-model', messages: userTurn('determinism please') };
    const first = await (await chat(url, request)).json();
    const second = await (await chat(url, request)).json();
    expect(first.model).toBe('some-other-model');
    expect(second.choices[0].message.content).toBe(first.choices[0].message.content);
    expect(second.id).not.toBe(first.id);
  });

  it('caps the answer at max_tokens and max_completion_tokens with finish_reason length', async () => {
    const capped = await (await chat(url, { model: 'm', max_tokens: 6, messages: userTurn('cap me') })).json();
    expect(capped.choices[0].finish_reason).toBe('length');
    expect(capped.usage.completion_tokens).toBe(6);
    expect(capped.choices[0].message.content.split(' ')).toHaveLength(6);
    const newer = await (await chat(url, { model: 'm', max_completion_tokens: 3, messages: userTurn('cap me') })).json();
    expect(newer.choices[0].finish_reason).toBe('length');
    expect(newer.usage.completion_tokens).toBe(3);
    const roomy = await (await chat(url, { model: 'm', max_tokens: 100, messages: userTurn('cap me') })).json();
    expect(roomy.choices[0].finish_reason).toBe('stop');
  });
});

describe('OpenAI chat completions, stream', () => {
  it('streams a role chunk, one chunk per token, a finish chunk, a usage chunk and [DONE]', async () => {
    const res = await chat(url, {
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
      messages: userTurn('stream this'),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await res.text();
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    const events = parseSse(text);
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.data));
    const [role, ...rest] = chunks;
    expect(role.object).toBe('chat.completion.chunk');
    expect(role.id).toMatch(/^chatcmpl-/);
    expect(role.model).toBe('gpt-4o-mini');
    expect(role.choices[0].delta).toMatchObject({ role: 'assistant', content: '' });
    expect(role.choices[0].finish_reason).toBeNull();
    const content = rest.filter((c) => c.choices[0]?.delta.content);
    expect(content).toHaveLength(24);
    for (const chunk of chunks) {
      expect(chunk.id).toBe(role.id);
      expect(chunk.created).toBe(role.created);
    }
    const finish = rest[rest.length - 2];
    expect(finish.choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    expect(finish.usage).toBeNull();
    const usage = rest[rest.length - 1];
    expect(usage.choices).toEqual([]);
    expect(usage.usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 24, total_tokens: 26 });
    expect(openaiStreamText(events)).toBe(
      (await (await chat(url, { model: 'gpt-4o-mini', messages: userTurn('stream this') })).json()).choices[0].message.content,
    );
  });

  it('sends no usage chunk and no usage field without stream_options.include_usage', async () => {
    const text = await (await chat(url, { model: 'm', stream: true, max_tokens: 4, messages: userTurn('short') })).text();
    const chunks = parseSse(text).slice(0, -1).map((e) => JSON.parse(e.data));
    expect(chunks).toHaveLength(1 + 4 + 1);
    expect(chunks.every((c) => !('usage' in c))).toBe(true);
    expect(chunks[chunks.length - 1].choices[0].finish_reason).toBe('length');
  });
});

describe('OpenAI models and errors', () => {
  it('lists the configured models', async () => {
    const res = await fetch(`${url}/v1/models`, { headers: openaiHeaders() });
    const body = await res.json();
    expect(body.object).toBe('list');
    expect(body.data).toEqual([
      expect.objectContaining({ id: 'gpt-4o-mini', object: 'model', owned_by: 'ballast-emulator', input_usd_per_mtok: 0.15 }),
    ]);
  });

  it('answers 400 for a body that is not JSON, and for missing messages', async () => {
    const bad = await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: openaiHeaders(), body: '{"model": ' });
    expect(bad.status).toBe(400);
    const badBody = await bad.json();
    expect(badBody.error).toMatchObject({ type: 'invalid_request_error', param: null, code: null });
    expect(badBody.error.message).toMatch(/could not parse the JSON body/);
    const missing = await chat(url, { model: 'gpt-4o-mini' });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toMatchObject({ type: 'invalid_request_error', param: 'messages', message: "Missing required parameter: 'messages'." });
  });

  it('answers 400 for a max_tokens that is not a positive integer', async () => {
    const res = await chat(url, { model: 'm', max_tokens: 0, messages: userTurn('x') });
    expect(res.status).toBe(400);
    expect((await res.json()).error.param).toBe('max_tokens');
  });

  it('answers unknown paths with a 404 in the OpenAI envelope', async () => {
    const res = await fetch(`${url}/v1/completions`, { method: 'POST', headers: openaiHeaders(), body: '{}' });
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toBe('Invalid URL (POST /v1/completions)');
  });
});
