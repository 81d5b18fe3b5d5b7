import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anthropicHeaders, chat, control, messages, openaiHeaders, start, userTurn } from './helpers.js';
import type { Emulator } from './helpers.js';

const request = { model: 'm', max_tokens: 8, messages: userTurn('hi') };

let emu: Emulator;
let keyed: string;
let open: string;
beforeAll(async () => {
  emu = await start({ providers: [{ name: 'keyed', keys: ['good-key', 'other-key'] }, { name: 'open' }] });
  keyed = emu.providers.keyed!.url;
  open = emu.providers.open!.url;
});
afterAll(() => emu.close());

describe('key auth', () => {
  it('rejects a missing key in each wire format', async () => {
    const oa = await chat(keyed, request, { 'content-type': 'application/json' });
    expect(oa.status).toBe(401);
    expect((await oa.json()).error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_api_key', param: null });
    const headers = anthropicHeaders();
    delete headers['x-api-key'];
    const an = await messages(keyed, request, headers);
    expect(an.status).toBe(401);
    expect(await an.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error', message: 'x-api-key header is required' } });
  });

  it('rejects a wrong key and accepts each configured key', async () => {
    const wrong = await chat(keyed, request, openaiHeaders('bad-key'));
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.message).toBe('Incorrect API key provided');
    const wrongAnthropic = await messages(keyed, request, anthropicHeaders('bad-key'));
    expect((await wrongAnthropic.json()).error).toEqual({ type: 'authentication_error', message: 'invalid x-api-key' });
    expect((await chat(keyed, request, openaiHeaders('good-key'))).status).toBe(200);
    expect((await messages(keyed, request, anthropicHeaders('other-key'))).status).toBe(200);
  });

  it('does not take the OpenAI header for Anthropic or the reverse', async () => {
    const res = await messages(keyed, request, { ...openaiHeaders('good-key'), 'anthropic-version': '2023-06-01' });
    expect(res.status).toBe(401);
  });

  it('accepts any non-empty key when none is configured, but not an empty one', async () => {
    expect((await chat(open, request, openaiHeaders('whatever'))).status).toBe(200);
    expect((await chat(open, request, { authorization: 'Bearer ', 'content-type': 'application/json' })).status).toBe(401);
  });

  it('rejects every key while revoked, in both formats, until restored', async () => {
    expect((await control(emu, 'POST', '/providers/keyed/revoke')).body.revoked).toBe(true);
    const oa = await chat(keyed, request, openaiHeaders('good-key'));
    expect(oa.status).toBe(401);
    expect((await oa.json()).error).toMatchObject({ code: 'invalid_api_key', message: 'Incorrect API key provided' });
    const an = await messages(keyed, request, anthropicHeaders('good-key'));
    expect(an.status).toBe(401);
    expect((await an.json()).error).toEqual({ type: 'authentication_error', message: 'invalid x-api-key' });
    expect((await chat(open, request)).status).toBe(200); // other providers unaffected

    expect((await control(emu, 'POST', '/providers/keyed/restore')).body.revoked).toBe(false);
    expect((await chat(keyed, request, openaiHeaders('good-key'))).status).toBe(200);
  });

  it('keeps a revocation independent of the fault slot', async () => {
    await control(emu, 'POST', '/providers/keyed/revoke');
    await control(emu, 'PUT', '/providers/keyed/fault', { kind: 'slow', factor: 2 });
    await control(emu, 'DELETE', '/providers/keyed/fault');
    expect((await chat(keyed, request, openaiHeaders('good-key'))).status).toBe(401);
    await control(emu, 'POST', '/providers/keyed/restore');
  });
});
