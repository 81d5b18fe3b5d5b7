import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chat, connectCode, control, fetchErrorCode, messages, openaiStreamText, parseSse, readTimed, setFault, start, userTurn } from './helpers.js';
import type { Emulator } from './helpers.js';

let emu: Emulator;
let url: string;
beforeAll(async () => {
  emu = await start({ providers: [{ name: 'primary' }, { name: 'secondary' }] });
  url = emu.providers.primary!.url;
});
afterAll(() => emu.close());

describe('refuse', () => {
  it('closes the listener and its keep-alive sockets, then reopens on the same port when cleared', async () => {
    expect((await chat(url, { model: 'm', messages: userTurn('warm the pool') })).status).toBe(200);
    await control(emu, 'PATCH', '/providers/primary/settings', { tokens_per_second: 50 });
    const inFlight = await chat(url, { model: 'm', stream: true, messages: userTurn('long stream') });
    const reader = inFlight.body!.getReader();
    await reader.read();

    await setFault(emu, 'primary', { kind: 'refuse' });
    let rest = '';
    const drained = (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 'ended cleanly';
        rest += new TextDecoder().decode(value);
      }
    })();
    await expect(drained).rejects.toThrow();
    expect(rest).not.toContain('[DONE]');
    expect(await connectCode(url)).toBe('ECONNREFUSED');
    expect(await fetchErrorCode(chat(url, { model: 'm', messages: userTurn('x') }))).toBe('ECONNREFUSED');
    expect(await fetchErrorCode(fetch(`${url}/v1/models`))).toBe('ECONNREFUSED');
    const snapshot = (await control(emu, 'GET', '/providers/primary')).body;
    expect(snapshot.listening).toBe(false);
    expect(snapshot.stats.aborted).toBe(0); // the emulator cut it, the client did not leave
    expect((await chat(emu.providers.secondary!.url, { model: 'm', messages: userTurn('x') })).status).toBe(200);

    const cleared = (await control(emu, 'DELETE', '/providers/primary/fault')).body;
    expect(cleared).toMatchObject({ listening: true, url, fault: null });
    await control(emu, 'PATCH', '/providers/primary/settings', { tokens_per_second: 0 });
    expect((await chat(url, { model: 'm', messages: userTurn('back') })).status).toBe(200);
  });

  it('reopens when another fault replaces refuse', async () => {
    await setFault(emu, 'primary', { kind: 'refuse' });
    expect(await connectCode(url)).toBe('ECONNREFUSED');
    await setFault(emu, 'primary', { kind: 'status', status: 503 });
    expect((await chat(url, { model: 'm', messages: userTurn('x') })).status).toBe(503);
    await control(emu, 'DELETE', '/providers/primary/fault');
  });
});

describe('cut', () => {
  it('drops an OpenAI stream after n tokens without a terminal event', async () => {
    await setFault(emu, 'primary', { kind: 'cut', after_tokens: 3 });
    const res = await chat(url, { model: 'm', stream: true, messages: userTurn('cut me') });
    expect(res.status).toBe(200);
    const { text, error } = await readTimed(res, performance.now());
    expect(error).toBeDefined();
    expect(text).not.toContain('[DONE]');
    expect(text).not.toContain('finish_reason":"stop"');
    expect(openaiStreamText(parseSse(text))).toBe('Emulated answer from ');
  });

  it('drops an Anthropic stream after n tokens without message_stop', async () => {
    await setFault(emu, 'primary', { kind: 'cut', after_tokens: 0 });
    const res = await messages(url, { model: 'c', max_tokens: 50, stream: true, messages: userTurn('cut me') });
    const { text, error } = await readTimed(res, performance.now());
    expect(error).toBeDefined();
    expect(parseSse(text).map((e) => e.event)).toEqual(['message_start', 'content_block_start', 'ping']);
  });

  it('drops a non-stream response part way through its JSON body', async () => {
    await setFault(emu, 'primary', { kind: 'cut', after_tokens: 0 });
    const res = await chat(url, { model: 'm', messages: userTurn('cut me') });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    const stats = (await control(emu, 'GET', '/providers/primary/stats')).body;
    expect(stats.aborted).toBe(0);
    await control(emu, 'DELETE', '/providers/primary/fault');
  });
});

describe('malformed', () => {
  it('answers a non-stream 200 whose body is not JSON', async () => {
    await setFault(emu, 'primary', { kind: 'malformed' });
    const res = await chat(url, { model: 'm', messages: userTurn('x') });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(() => JSON.parse(text)).toThrow();
  });

  it('streams a data line that is not JSON, then ends without a terminal event', async () => {
    await setFault(emu, 'primary', { kind: 'malformed' });
    const oa = parseSse(await (await chat(url, { model: 'm', stream: true, messages: userTurn('x') })).text());
    expect(oa.map((e) => e.data)).not.toContain('[DONE]');
    expect(() => JSON.parse(oa.at(-1)!.data)).toThrow();
    const an = parseSse(await (await messages(url, { model: 'c', max_tokens: 9, stream: true, messages: userTurn('x') })).text());
    expect(an.map((e) => e.event)).not.toContain('message_stop');
    expect(() => JSON.parse(an.at(-1)!.data)).toThrow();
    await control(emu, 'DELETE', '/providers/primary/fault');
  });
});
