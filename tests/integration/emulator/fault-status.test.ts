import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chat, control, messages, setFault, start, userTurn } from './helpers.js';
import type { Emulator } from './helpers.js';

const openaiRequest = { model: 'm', messages: userTurn('x') };
const anthropicRequest = { model: 'c', max_tokens: 5, messages: userTurn('x') };

let emu: Emulator;
let url: string;
beforeAll(async () => {
  emu = await start({ providers: [{ name: 'primary' }] });
  url = emu.providers.primary!.url;
});
afterAll(() => emu.close());

describe('status faults', () => {
  it.each([
    [500, 'server_error', 'server_error', 'api_error'],
    [503, 'server_error', 'overloaded', 'overloaded_error'],
    [529, 'server_error', 'overloaded', 'overloaded_error'],
    [429, 'requests', 'rate_limit_exceeded', 'rate_limit_error'],
    [401, 'invalid_request_error', 'invalid_api_key', 'authentication_error'],
    [403, 'invalid_request_error', 'permission_denied', 'permission_error'],
    [408, 'timeout', 'timeout', 'timeout_error'],
  ])('answers %i in the envelope of the wire format hit', async (status, openaiType, openaiCode, anthropicType) => {
    await setFault(emu, 'primary', { kind: 'status', status });
    const oa = await chat(url, openaiRequest);
    expect(oa.status).toBe(status);
    const oaBody = await oa.json();
    expect(Object.keys(oaBody)).toEqual(['error']);
    expect(oaBody.error).toMatchObject({ type: openaiType, code: openaiCode, param: null, message: expect.any(String) });
    const an = await messages(url, anthropicRequest);
    expect(an.status).toBe(status);
    const anBody = await an.json();
    expect(anBody.type).toBe('error');
    expect(anBody.error).toEqual({ type: anthropicType, message: expect.any(String) });
    expect(an.headers.get('retry-after')).toBeNull();
  });

  it('sends retry-after when the fault gives retry_after_s', async () => {
    await setFault(emu, 'primary', { kind: 'status', status: 429, retry_after_s: 7 });
    const res = await chat(url, openaiRequest);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    const an = await messages(url, anthropicRequest);
    expect(an.headers.get('retry-after')).toBe('7');
  });

  it('fails a streaming request before any event, with the JSON envelope', async () => {
    await setFault(emu, 'primary', { kind: 'status', status: 529 });
    const res = await messages(url, { ...anthropicRequest, stream: true });
    expect(res.status).toBe(529);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect((await res.json()).error.type).toBe('overloaded_error');
  });

  it('applies to completions only, not to the model list', async () => {
    await setFault(emu, 'primary', { kind: 'status', status: 500 });
    expect((await fetch(`${url}/v1/models`, { headers: { authorization: 'Bearer k' } })).status).toBe(200);
    await control(emu, 'DELETE', '/providers/primary/fault');
  });
});

describe('fault sampling', () => {
  it('applies a fault with times to the next N requests only, then clears it', async () => {
    await setFault(emu, 'primary', { kind: 'status', status: 503, times: 2 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await chat(url, openaiRequest)).status);
    expect(statuses).toEqual([503, 503, 200, 200]);
    expect((await control(emu, 'GET', '/providers/primary')).body.fault).toBeNull();
  });

  it('shows the remaining times while the fault is active', async () => {
    await setFault(emu, 'primary', { kind: 'status', status: 500, times: 3 });
    await chat(url, openaiRequest);
    expect((await control(emu, 'GET', '/providers/primary/fault')).body.fault).toEqual({ kind: 'status', status: 500, times: 2 });
    await control(emu, 'DELETE', '/providers/primary/fault');
  });
});

async function sequence(target: Emulator, fault: unknown, n: number): Promise<number[]> {
  await setFault(target, 'primary', fault);
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) statuses.push((await chat(target.providers.primary!.url, openaiRequest)).status);
  return statuses;
}

describe('fault rate', () => {
  const fault = { kind: 'status', status: 500, rate: 0.5 };

  it('hits about the given fraction, and the same seed reproduces the same sequence', async () => {
    const a = await start({ seed: 42, providers: [{ name: 'primary' }] });
    const b = await start({ seed: 42, providers: [{ name: 'primary' }] });
    const c = await start({ seed: 43, providers: [{ name: 'primary' }] });
    try {
      const first = await sequence(a, fault, 40);
      expect(await sequence(b, fault, 40)).toEqual(first);
      expect(await sequence(a, fault, 40)).toEqual(first); // a new PUT restarts the sequence
      const failures = first.filter((s) => s === 500).length;
      expect(failures).toBeGreaterThan(8);
      expect(failures).toBeLessThan(32);
      expect(await sequence(c, fault, 40)).not.toEqual(first);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('never applies at rate 0', async () => {
    expect(await sequence(emu, { kind: 'status', status: 500, rate: 0 }, 10)).toEqual(Array(10).fill(200));
    await control(emu, 'DELETE', '/providers/primary/fault');
  });
});
