/**
 * Issue #14: 429s never counted and retry-after was forgotten: with retry-after 30 s, 20
 * requests put 17-20 hits on the rate-limited provider.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ config: { cache: { policy: 'off' } } });
});
afterAll(() => stack.close());

describe('regression: a 429\'s retry-after was forgotten, so every request paid it again', () => {
  it('retry-after 30 s: the rate-limited primary is hit once in 20 requests, and every request succeeds', async () => {
    await stack.fault('primary', { kind: 'status', status: 429, retry_after_s: 30 });
    const before = (await stack.stats('primary')).requests;
    for (let i = 0; i < 20; i++) {
      const res = await stack.chat({ messages: [{ role: 'user', content: `q${i}` }] });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }
    expect((await stack.stats('primary')).requests - before).toBeLessThanOrEqual(1);
    const state = stack.ballast.runtime.cooldowns.state('primary');
    expect(state.coolingDown).toBe(true);
    expect(state.until! - Date.now()).toBeGreaterThan(25_000);
  });
});
