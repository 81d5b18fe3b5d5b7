/**
 * Issue #14: the first-token gate abandoned the last provider alive. With the primary
 * down and the secondary taking 3 s to its first token, every stream got a 502 after
 * 2.03 s while the same request non-streamed succeeded in 3 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSse, startStack, type Stack } from '../helpers/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ config: { groups: { default: { strategy: 'ordered' } }, cache: { policy: 'off' } } });
  await stack.fault('primary', { kind: 'status', status: 500 });
  await fetch(`${stack.emulator.controlUrl}/providers/secondary/settings`, { method: 'PATCH', body: JSON.stringify({ ttft_ms: 3000 }) });
});
afterAll(() => stack.close());

describe('regression: the gate abandoned the last provider alive', () => {
  it('primary down, secondary 3 s to its first token: the stream is served, not failed at the gate', async () => {
    const res = await stack.chat({ stream: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ballast-provider')).toBe('secondary');
    const events = await readSse(res);
    expect(events.at(-1)).toBe('[DONE]');
  });
});
