import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KEYS, readSse, startStack, type Stack } from '../helpers/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    config: {
      providers: { primary: { timeout_ms: 400 } },
      groups: { default: { strategy: 'ordered', ttft_timeout_ms: 300 } },
    },
  });
});
afterAll(() => stack.close());
beforeEach(async () => {
  await fetch(`${stack.emulator.controlUrl}/reset`, { method: 'POST' });
  stack.ballast.runtime.cooldowns.clear('primary');
  stack.ballast.runtime.cooldowns.clear('secondary');
});

const FAULTS: Array<[string, Record<string, unknown>]> = [
  ['500', { kind: 'status', status: 500 }],
  ['503', { kind: 'status', status: 503 }],
  ['529 overloaded', { kind: 'status', status: 529 }],
  ['429 with a long retry-after', { kind: 'status', status: 429, retry_after_s: 30 }],
  ['401 key revoked', { kind: 'status', status: 401 }],
  ['connection refused', { kind: 'refuse' }],
  ['stall before headers', { kind: 'stall_headers', ms: 3000 }],
  ['no first token', { kind: 'stall_first_token', ms: 3000 }],
  ['cut mid-stream before the first token', { kind: 'cut', after_tokens: 0 }],
  ['malformed body', { kind: 'malformed' }],
];

describe('every fault on the primary: the client still gets its answer from the secondary', () => {
  for (const [name, fault] of FAULTS) {
    for (const stream of [false, true]) {
      it(`${name}, ${stream ? 'streamed' : 'not streamed'}`, async () => {
        await stack.fault('primary', fault);
        for (let i = 0; i < 3; i++) {
          const res = await stack.chat({ stream });
          expect(res.status).toBe(200);
          expect(res.headers.get('x-ballast-provider')).toBe('secondary');
          if (stream) {
            const events = await readSse(res);
            expect(events.at(-1)).toBe('[DONE]');
            const text = events.map((e) => (e === '[DONE]' ? '' : ((e.choices as Array<{ delta: { content?: string } }>)[0]?.delta.content ?? ''))).join('');
            expect(text).toMatch(/^Emulated answer from secondary/);
          } else {
            const body = (await res.json()) as { choices: Array<{ message: { content: string } }> };
            expect(body.choices[0]?.message.content).toMatch(/^Emulated answer from secondary/);
          }
        }
        if (fault.kind !== 'refuse') expect((await stack.stats('primary')).requests).toBeGreaterThan(0);
      });
    }
  }
});

describe('failover details', () => {
  it('retries a 5xx once on the same provider before failing over', async () => {
    await stack.fault('primary', { kind: 'status', status: 503 });
    const res = await stack.chat({});
    expect(res.headers.get('x-ballast-attempts')).toBe('3');
    expect(res.headers.get('x-ballast-failover')).toBe('true');
    expect((await stack.stats('primary')).requests).toBe(2);
  });

  it('waits out a short 429 retry-after on the same provider', async () => {
    await stack.fault('primary', { kind: 'status', status: 429, retry_after_s: 1, times: 1 });
    const t0 = performance.now();
    const res = await stack.chat({});
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ballast-provider')).toBe('primary');
    expect(res.headers.get('x-ballast-attempts')).toBe('2');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(950);
  });

  it('a revoked key fails over on the first request, then the primary cools down and is not touched', async () => {
    await stack.revoke('primary');
    const first = await stack.chat({});
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ballast-attempts')).toBe('2'); // no in-group retry on 401
    expect((await stack.stats('primary')).requests).toBe(1);
    for (let i = 0; i < 10; i++) expect((await stack.chat({})).headers.get('x-ballast-provider')).toBe('secondary');
    expect((await stack.stats('primary')).requests).toBe(1);
    const state = (await (await fetch(`${stack.url}/admin/state`)).json()) as { providers: Record<string, { state: string }> };
    expect(state.providers.primary?.state).toBe('cooling_down');
  });

  it('both providers down: a clear 502 listing every attempt', async () => {
    await stack.fault('primary', { kind: 'status', status: 500 });
    await stack.fault('secondary', { kind: 'status', status: 503 });
    const res = await stack.chat({ messages: [{ role: 'user', content: 'a question never answered before' }] });
    expect(res.status).toBe(502);
    const body = (await res.json()) as { error: { code: string; message: string; attempts: Array<{ provider: string; status: number }>; request_id: string } };
    expect(body.error.code).toBe('all_providers_failed');
    expect(body.error.attempts.map((a) => `${a.provider}:${a.status}`)).toEqual(['primary:500', 'primary:500', 'secondary:503', 'secondary:503']);
    expect(body.error.message).toMatch(/primary 500 server_error after \d+ ms; .*secondary 503/);
    expect(body.error.request_id).toBe(res.headers.get('x-ballast-request-id'));
  });

  it('when every provider is cooling down it still tries them rather than fail untried', async () => {
    const c = stack.ballast.runtime.cooldowns;
    c.recordAuthFailure('secondary', 'test');
    c.recordAuthFailure('primary', 'test');
    const res = await stack.chat({});
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('x-ballast-attempts'))).toBeGreaterThanOrEqual(1);
  });

  it('a cut after the first token ends the stream with an explicit error, no [DONE], recorded as a failure', async () => {
    await stack.fault('primary', { kind: 'cut', after_tokens: 3 });
    const res = await stack.chat({ stream: true });
    expect(res.status).toBe(200);
    const events = await readSse(res);
    expect(events).not.toContain('[DONE]');
    const last = events.at(-1) as { error?: { code: string } };
    expect(last.error?.code).toBe('stream_interrupted');
    const client = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: 'x', maxRetries: 0 });
    const stream = await client.chat.completions.create({ model: 'default', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    await expect(async () => {
      for await (const _ of stream) void _;
    }).rejects.toThrow(/broke off/);
    const line = stack.logs.map((l) => JSON.parse(l) as Record<string, unknown>).findLast((l) => l.event === 'request');
    expect(line).toMatchObject({ outcome: 'stream_error', error: 'stream_cut', provider: 'primary' });
  });

  it('no provider key reaches a log line', () => {
    const all = stack.logs.join('\n');
    expect(all).not.toContain(KEYS.primary);
    expect(all).not.toContain(KEYS.secondary);
  });
});

describe('secrets', () => {
  it('a provider echoing part of the key in its 401 puts it in no error body and no log line', async () => {
    await stack.revoke('primary');
    await stack.revoke('secondary');
    const res = await stack.chat({ messages: [{ role: 'user', content: 'another question never answered before' }] });
    expect(res.status).toBe(502);
    const text = await res.text();
    expect(text).toMatch(/"code":"auth"/);
    for (const key of Object.values(KEYS)) {
      for (const piece of [key, key.slice(-8), key.slice(0, 12)]) {
        expect(text).not.toContain(piece);
        expect(stack.logs.join('\n')).not.toContain(piece);
      }
    }
  });
});
