import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chat, control, messages, parseSse, readTimed, setFault, start, userTurn } from './helpers.js';
import type { Emulator } from './helpers.js';

let emu: Emulator;
let url: string;
beforeAll(async () => {
  emu = await start({ providers: [{ name: 'primary' }] });
  url = emu.providers.primary!.url;
});
afterAll(() => emu.close());

describe('stall_headers', () => {
  it('waits ms before sending anything', async () => {
    await setFault(emu, 'primary', { kind: 'stall_headers', ms: 400 });
    const t0 = performance.now();
    const res = await chat(url, { model: 'm', messages: userTurn('x') });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(360);
    expect(res.status).toBe(200);
    expect((await res.json()).choices[0].finish_reason).toBe('stop');
  });
});

describe('stall_first_token', () => {
  it('sends the OpenAI role chunk at once, then waits ms before the first content token', async () => {
    await setFault(emu, 'primary', { kind: 'stall_first_token', ms: 400 });
    const t0 = performance.now();
    const res = await chat(url, { model: 'm', stream: true, messages: userTurn('x') });
    expect(performance.now() - t0).toBeLessThan(200);
    const { chunks } = await readTimed(res, t0);
    const first = chunks[0]!;
    expect(first.at).toBeLessThan(200);
    expect(JSON.parse(parseSse(first.text)[0]!.data).choices[0].delta).toMatchObject({ role: 'assistant', content: '' });
    const firstToken = chunks.find((c) => c.text.includes('"content":"Emulated '))!;
    expect(firstToken.at).toBeGreaterThanOrEqual(360);
    expect(chunks.at(-1)!.text).toContain('[DONE]');
  });

  it('sends message_start and content_block_start at once on Anthropic, then waits', async () => {
    await setFault(emu, 'primary', { kind: 'stall_first_token', ms: 400 });
    const t0 = performance.now();
    const res = await messages(url, { model: 'c', max_tokens: 5, stream: true, messages: userTurn('x') });
    const { chunks } = await readTimed(res, t0);
    const early = parseSse(chunks.filter((c) => c.at < 200).map((c) => c.text).join('')).map((e) => e.event);
    expect(early).toEqual(['message_start', 'content_block_start', 'ping']);
    const firstDelta = chunks.find((c) => c.text.includes('content_block_delta'))!;
    expect(firstDelta.at).toBeGreaterThanOrEqual(360);
  });

  it('sends non-stream headers at once and the body after ms', async () => {
    await setFault(emu, 'primary', { kind: 'stall_first_token', ms: 400 });
    const t0 = performance.now();
    const res = await chat(url, { model: 'm', messages: userTurn('x') });
    expect(performance.now() - t0).toBeLessThan(200);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(360);
    expect(body.object).toBe('chat.completion');
    await control(emu, 'DELETE', '/providers/primary/fault');
  });
});

describe('pacing and slow', () => {
  it('paces stream tokens by tokens_per_second after ttft and latency', async () => {
    await control(emu, 'PATCH', '/providers/primary/settings', { latency_ms: 100, ttft_ms: 100, tokens_per_second: 100 });
    const t0 = performance.now();
    const res = await chat(url, { model: 'm', stream: true, max_tokens: 20, messages: userTurn('x') });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(90);
    const { chunks } = await readTimed(res, t0);
    const tokenTimes = chunks.filter((c) => c.text.includes('"content":"') && !c.text.includes('"content":""')).map((c) => c.at);
    expect(tokenTimes[0]).toBeGreaterThanOrEqual(190);
    // 20 tokens at 10 ms each: the last one about 190 ms after the first
    expect(tokenTimes.at(-1)! - tokenTimes[0]!).toBeGreaterThanOrEqual(170);
    await control(emu, 'PATCH', '/providers/primary/settings', { latency_ms: 0, ttft_ms: 0, tokens_per_second: 0 });
  });

  it('slow multiplies latency and token intervals, with at least 1 ms per token', async () => {
    await control(emu, 'PATCH', '/providers/primary/settings', { latency_ms: 30 });
    await setFault(emu, 'primary', { kind: 'slow', factor: 10 });
    const t0 = performance.now();
    const res = await chat(url, { model: 'm', stream: true, messages: userTurn('x') });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
    const { chunks } = await readTimed(res, t0);
    // 24 tokens, 1 ms x 10 each
    expect(chunks.at(-1)!.at - chunks[0]!.at).toBeGreaterThanOrEqual(200);
    await control(emu, 'DELETE', '/providers/primary/fault');
    const t1 = performance.now();
    await (await chat(url, { model: 'm', stream: true, messages: userTurn('x') })).text();
    expect(performance.now() - t1).toBeLessThan(250);
    await control(emu, 'PATCH', '/providers/primary/settings', { latency_ms: 0 });
  });
});
