/**
 * Issue #14: the official OpenAI SDK retried ballast's 502 twice, so one client request
 * became 12 upstream calls; and x-ballast-failover was set on 502s that no provider served.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ config: { cache: { policy: 'off' } } });
  await stack.fault('primary', { kind: 'status', status: 500 });
  await stack.fault('secondary', { kind: 'status', status: 500 });
});
afterAll(() => stack.close());

describe('regression: the official SDK retried ballast\'s 502 twice (one request, 12 upstream calls)', () => {
  it('a 502 all_providers_failed says x-should-retry: false, and the SDK makes one call', async () => {
    const before = (await stack.stats('primary')).requests + (await stack.stats('secondary')).requests;
    const client = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: 'anything', maxRetries: 2 });
    const error = await client.chat.completions.create({ model: 'default', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
    expect((error as InstanceType<typeof OpenAI.APIError>).headers?.get('x-should-retry')).toBe('false');
    const after = (await stack.stats('primary')).requests + (await stack.stats('secondary')).requests;
    // one ballast request: each provider tried, with its one in-group retry
    expect(after - before).toBe(4);
  });

  it('a 502 that no provider served carries no x-ballast-failover', async () => {
    const res = await stack.chat({});
    expect(res.status).toBe(502);
    expect(res.headers.get('x-ballast-failover')).toBeNull();
    await res.arrayBuffer();
  });
});
