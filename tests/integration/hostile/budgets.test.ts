/**
 * Issue #11, defect 5: a stream settled at `ctx.costUsd ?? 0`, and usage arrives only at
 * its end, so streams abandoned after the first token were charged $0 (160 of them were
 * admitted against a $0.50 budget while the provider billed $1.92); a restart reset every
 * budget although the ledger held the spend.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';

const STREAMS = 200;
const DAILY_USD = 0.0005;
let stack: Stack | null = null;
afterEach(async () => {
  await stack?.close();
  stack = null;
});

/** Opens a stream, reads until its first content token, then hangs up. Returns whether it was admitted. */
async function abandonAfterFirstToken(s: Stack, i: number): Promise<'admitted' | 'refused'> {
  const controller = new AbortController();
  const res = await fetch(`${s.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ballast-pin': 'primary' },
    body: JSON.stringify({ model: 'default', stream: true, max_tokens: 60, messages: [{ role: 'user', content: `Tell me a long story number ${i}` }] }),
    signal: controller.signal,
  });
  if (res.status !== 200) {
    await res.arrayBuffer();
    return 'refused';
  }
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!/"content":"[^"]/.test(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  controller.abort();
  return 'admitted';
}

describe('regression: streams abandoned after the first token were charged $0', () => {
  it(`${STREAMS} streams abandoned after their first token: charged at least what the provider billed, and the budget holds`, async () => {
    stack = await startStack({ config: { budgets: { tenants: { default: { daily_usd: DAILY_USD } } }, cache: { policy: 'off' } } });
    await fetch(`${stack.emulator.controlUrl}/providers/primary/settings`, { method: 'PATCH', body: JSON.stringify({ tokens_per_second: 20 }) });
    const outcomes = await Promise.all(Array.from({ length: STREAMS }, (_, i) => abandonAfterFirstToken(stack!, i).catch(() => 'admitted' as const)));
    const admitted = outcomes.filter((o) => o === 'admitted').length;
    expect(admitted).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o === 'refused').length).toBeGreaterThan(0); // the budget ran out

    const rt = stack.ballast.runtime;
    await expect.poll(async () => (await stack!.stats('primary')).in_flight, { timeout: 10_000 }).toBe(0);
    rt.ledger!.flush();
    const rows = rt.ledger!.listRequests({ limit: 500 }).data.filter((r) => r.provider === 'primary');
    const charged = rows.reduce((sum, r) => sum + (r.cost_usd ?? 0), 0);
    expect(rows.filter((r) => r.cost_estimated).length).toBe(admitted);

    const { billed } = (await stack.stats('primary')) as unknown as { billed: { input_tokens: number; output_tokens: number } };
    const price = rt.price({ provider: 'primary', model: 'emulated-gpt-4o-mini' });
    const billedUsd = (billed.input_tokens * price.input + billed.output_tokens * price.output) / 1e6;
    expect(billedUsd).toBeGreaterThan(0);
    expect(charged).toBeGreaterThanOrEqual(billedUsd);
    // the budget holds: what was charged never passed it
    expect(charged).toBeLessThanOrEqual(DAILY_USD + 1e-9);
  });

  it('a restart restores each budget\'s spend from the ledger: a spent budget stays spent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ballast-budget-restart-'));
    const config = { budgets: { tenants: { default: { daily_usd: 0.0002 } } }, cache: { policy: 'off' }, ledger: { path: join(dir, 'ledger.db') } };
    stack = await startStack({ config });
    let refusedAt = -1;
    for (let i = 0; i < 200 && refusedAt < 0; i++) {
      const res = await stack.chat({ max_tokens: 60, messages: [{ role: 'user', content: `question ${i}` }] }, { 'x-ballast-pin': 'primary' });
      await res.arrayBuffer();
      if (res.status === 429) refusedAt = i;
    }
    expect(refusedAt).toBeGreaterThan(0);
    await stack.close();
    stack = await startStack({ config });
    const after = await stack.chat({ max_tokens: 60, messages: [{ role: 'user', content: 'one more' }] }, { 'x-ballast-pin': 'primary' });
    expect(after.status).toBe(429);
    expect(((await after.json()) as { error: { code: string } }).error.code).toBe('budget_exceeded');
  });
});
