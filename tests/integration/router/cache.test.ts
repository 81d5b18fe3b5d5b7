import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { readSse, startStack, type Stack } from '../helpers/stack.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const ask = (s: Stack, content: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  s.chat({ messages: [{ role: 'user', content }], ...extra }, headers);
type Completion = { choices: Array<{ message: { content: string } }> };

describe('router cache', () => {
  it('repeat: a fresh identical request is served without a provider call, free, with its saving', async () => {
    stack = await startStack({ config: { cache: { policy: 'repeat' } } });
    const first = await ask(stack, 'What is ballast?');
    expect(first.headers.get('x-ballast-cache')).toBe('miss');
    const answer = ((await first.json()) as Completion).choices[0]!.message.content;
    const before = (await stack.stats('primary')).requests + (await stack.stats('secondary')).requests;
    const second = await ask(stack, '  What is ballast?\n');
    expect(second.headers.get('x-ballast-cache')).toBe('hit');
    expect(second.headers.get('x-ballast-cost-usd')).toBe('0.0');
    expect(((await second.json()) as Completion).choices[0]!.message.content).toBe(answer);
    expect((await stack.stats('primary')).requests + (await stack.stats('secondary')).requests).toBe(before);
    const refreshed = await ask(stack, 'What is ballast?', {}, { 'x-ballast-cache': 'refresh' });
    expect(refreshed.headers.get('x-ballast-cache')).toBe('miss');
  });

  it('a cached answer to a streaming request is replayed as a proper SSE stream', async () => {
    stack = await startStack({ config: { cache: { policy: 'repeat' } } });
    const live = await readSse(await ask(stack, 'stream me', { stream: true }));
    const replay = await ask(stack, 'stream me', { stream: true });
    expect(replay.headers.get('x-ballast-cache')).toBe('hit');
    const events = await readSse(replay);
    const text = (evs: typeof events) => evs.map((e) => (e === '[DONE]' ? '' : ((e.choices as Array<{ delta: { content?: string } }>)[0]?.delta.content ?? ''))).join('');
    expect(text(events)).toBe(text(live));
    expect(events.at(-1)).toBe('[DONE]');
  });

  it('fallback: when every provider fails, the last answer is served, marked cached', async () => {
    stack = await startStack();
    const ok = (await (await ask(stack, 'remember me')).json()) as Completion;
    await stack.fault('primary', { kind: 'status', status: 500 });
    await stack.fault('secondary', { kind: 'status', status: 500 });
    const res = await ask(stack, 'remember me');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ballast-cache')).toBe('hit');
    expect(res.headers.get('x-ballast-degraded')).toBe('cached');
    expect(((await res.json()) as Completion).choices[0]!.message.content).toBe(ok.choices[0]!.message.content);
    expect((await ask(stack, 'never seen')).status).toBe(502);
  });

  it('tenant B never gets tenant A\'s answer', async () => {
    const hash = (k: string) => createHash('sha256').update(k).digest('hex');
    stack = await startStack({ config: { cache: { policy: 'repeat' }, tenants: { a: { key_sha256: hash('key-a') }, b: { key_sha256: hash('key-b') } } } });
    await (await ask(stack, 'shared question', {}, { authorization: 'Bearer key-a' })).arrayBuffer();
    const b = await ask(stack, 'shared question', {}, { authorization: 'Bearer key-b' });
    expect(b.headers.get('x-ballast-cache')).toBe('miss');
    const a = await ask(stack, 'shared question', {}, { authorization: 'Bearer key-a' });
    expect(a.headers.get('x-ballast-cache')).toBe('hit');
    expect((await ask(stack, 'x', {}, { authorization: 'Bearer nobody' })).status).toBe(401);
  });

  it('an expired answer is not repeated, but still serves as a fallback; no-store stores nothing', async () => {
    stack = await startStack({ config: { cache: { policy: 'repeat', ttl_s: 0 } } });
    await (await ask(stack, 'short-lived')).arrayBuffer();
    expect((await ask(stack, 'short-lived')).headers.get('x-ballast-cache')).toBe('miss');
    await (await ask(stack, 'secret', {}, { 'x-ballast-cache': 'no-store' })).arrayBuffer();
    await stack.fault('primary', { kind: 'status', status: 500 });
    await stack.fault('secondary', { kind: 'status', status: 500 });
    expect((await ask(stack, 'short-lived')).headers.get('x-ballast-degraded')).toBe('cached');
    expect((await ask(stack, 'secret')).status).toBe(502);
  });

  it('the ladder\'s cached rung serves a stored answer when a request no longer fits its cap', async () => {
    stack = await startStack({ config: { groups: { default: { strategy: 'ordered' } } } });
    const prompt = 'lorem ipsum dolor sit amet '.repeat(100);
    await (await ask(stack, prompt, { max_tokens: 100 })).arrayBuffer();
    // Tighten the cap on the running router (a config reload would do the same).
    stack.ballast.runtime.config.guardrails.max_cost_usd = 0.000001;
    const res = await ask(stack, prompt, { max_tokens: 100 });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ballast-degraded')).toBe('cached');
    expect(res.headers.get('x-ballast-cache')).toBe('hit');
    const other = await ask(stack, `${prompt} and more`, { max_tokens: 100 });
    expect(other.status).toBe(400);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('budget_exceeded');
  });
});
