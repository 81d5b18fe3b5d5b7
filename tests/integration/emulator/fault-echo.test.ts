import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anthropicHeaders, chat, messages, openaiHeaders, setFault, start, userTurn } from './helpers.js';
import type { Emulator } from './helpers.js';

const KEY = 'echoMeKey-0123456789';
const openaiRequest = { model: 'm', messages: userTurn('Hello there, how are you') };
const anthropicRequest = { model: 'c', max_tokens: 50, messages: userTurn('Hello there, how are you') };

let emu: Emulator;
let url: string;
beforeAll(async () => {
  emu = await start({ providers: [{ name: 'primary' }] });
  url = emu.providers.primary!.url;
});
afterAll(() => emu.close());

describe('echo_key faults: an upstream that writes the credentials back', () => {
  it('body: the status asked for, the key in the message and in the error type or code, labelled and bare', async () => {
    await setFault(emu, 'primary', { kind: 'echo_key', where: 'body', status: 422 });
    const oa = await chat(url, openaiRequest, openaiHeaders(KEY));
    expect(oa.status).toBe(422);
    const oaBody = await oa.json();
    expect(oaBody.error.message).toContain(`authorization: Bearer ${KEY} (key on file: ${KEY})`);
    expect(oaBody.error.code).toContain(KEY);
    const an = await messages(url, anthropicRequest, anthropicHeaders(KEY));
    expect(an.status).toBe(422);
    const anBody = await an.json();
    expect(anBody.error.message).toContain(`x-api-key: ${KEY}`);
    expect(anBody.error.type).toContain(KEY);
  });

  it('status_text: the reason phrase carries the key; the body is an ordinary error', async () => {
    await setFault(emu, 'primary', { kind: 'echo_key', where: 'status_text', status: 502 });
    const res = await chat(url, openaiRequest, openaiHeaders(KEY));
    expect(res.status).toBe(502);
    expect(res.statusText).toContain(`Bearer ${KEY}`);
  });

  it('stream: after_tokens tokens, then an error event echoing the key, and no terminal event', async () => {
    await setFault(emu, 'primary', { kind: 'echo_key', where: 'stream', after_tokens: 2 });
    const oa = await (await chat(url, { ...openaiRequest, stream: true }, openaiHeaders(KEY))).text();
    expect(oa.match(/"content":"[^"]+"/g)?.length).toBe(2);
    expect(oa).toContain(`"error":{"message":"stream failed; the gateway saw authorization: Bearer ${KEY}`);
    expect(oa).not.toContain('[DONE]');
    const an = await (await messages(url, { ...anthropicRequest, stream: true }, anthropicHeaders(KEY))).text();
    expect(an).toContain(`event: error\ndata: {"type":"error","error":{"type":"api_error","message":"stream failed; the gateway saw x-api-key: ${KEY}`);
    expect(an).not.toContain('message_stop');
  });

  it('stream on a non-stream request: the body echo', async () => {
    await setFault(emu, 'primary', { kind: 'echo_key', where: 'stream' });
    const res = await chat(url, openaiRequest, openaiHeaders(KEY));
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toContain(KEY);
  });
});
