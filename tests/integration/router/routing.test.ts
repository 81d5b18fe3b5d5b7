import { afterEach, describe, expect, it, vi } from 'vitest';
import { readSse, startStack, type Stack } from '../helpers/stack.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

/** Sends n requests, `concurrency` at a time, and counts the serving provider. */
async function countProviders(s: Stack, n: number, concurrency: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        next++;
        const res = await s.chat({});
        await res.arrayBuffer();
        const p = res.headers.get('x-ballast-provider') ?? `status ${res.status}`;
        counts[p] = (counts[p] ?? 0) + 1;
      }
    }),
  );
  return counts;
}

describe('weights and order', () => {
  it('9:1 weighting holds within statistical bounds over 2,000 requests', async () => {
    stack = await startStack();
    const counts = await countProviders(stack, 2000, 16);
    expect((counts.primary ?? 0) + (counts.secondary ?? 0)).toBe(2000);
    // Binomial(2000, 0.1): sd = 13.4; 5 sd either side.
    expect(counts.secondary).toBeGreaterThan(200 - 67);
    expect(counts.secondary).toBeLessThan(200 + 67);
  });

  it('explicit order sends nothing to the secondary while the primary is healthy', async () => {
    stack = await startStack({ config: { groups: { default: { strategy: 'ordered' } } } });
    const counts = await countProviders(stack, 200, 8);
    expect(counts).toEqual({ primary: 200 });
    expect((await stack.stats('secondary')).requests).toBe(0);
  });

  it('x-ballast-pin and a per-feature pin send a request to that provider', async () => {
    stack = await startStack({ config: { features: { search: { pin: 'secondary' } } } });
    for (let i = 0; i < 20; i++) {
      expect((await stack.chat({}, { 'x-ballast-pin': 'primary' })).headers.get('x-ballast-provider')).toBe('primary');
      expect((await stack.chat({}, { 'x-ballast-feature': 'search' })).headers.get('x-ballast-provider')).toBe('secondary');
    }
    const bad = await stack.chat({}, { 'x-ballast-pin': 'nowhere' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/"nowhere" is not a provider/);
  });
});

describe('the first-token gate', () => {
  it('a primary that stalls its first token for 5 s: the first token comes from the secondary in about 2 s, no byte of the primary', async () => {
    stack = await startStack({ config: { groups: { default: { strategy: 'ordered' } } } });
    await stack.fault('primary', { kind: 'stall_first_token', ms: 5000 });
    const t0 = performance.now();
    const res = await stack.chat({ stream: true });
    const headersAt = performance.now() - t0;
    expect(res.headers.get('x-ballast-provider')).toBe('secondary');
    expect(res.headers.get('x-ballast-attempts')).toBe('2'); // no in-group retry of a stalled stream
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let firstAt = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (firstAt === 0) firstAt = performance.now() - t0;
      text += decoder.decode(value, { stream: true });
    }
    expect(headersAt).toBeGreaterThanOrEqual(1950);
    expect(firstAt).toBeLessThan(3000);
    const events = await readSse(new Response(text));
    const ids = new Set(events.filter((e) => e !== '[DONE]').map((e) => (e as { id: string }).id));
    expect(ids.size).toBe(1); // every chunk is the secondary's: the primary's opening chunk never left ballast
    expect([...ids][0]).toMatch(/^chatcmpl-msg_/);
    expect(events.at(-1)).toBe('[DONE]');
  });
});

describe('bypass', () => {
  it('BYPASS_ROUTER=true at start: primary only, no retry, no failover, said in a header and the log', async () => {
    stack = await startStack({ env: { BYPASS_ROUTER: 'true' } });
    await stack.fault('primary', { kind: 'status', status: 500 });
    const res = await stack.chat({});
    expect(res.status).toBe(502);
    expect(res.headers.get('x-ballast-bypass')).toBe('true');
    expect((await stack.stats('primary')).requests).toBe(1);
    expect((await stack.stats('secondary')).requests).toBe(0);
    expect(stack.logs.some((l) => l.includes('"bypass":true'))).toBe(true);
  });

  it('the admin toggle flips within a second, both ways, under traffic', async () => {
    stack = await startStack();
    const s = stack;
    let stop = false;
    const seen: Array<{ at: number; done: number; bypass: boolean }> = [];
    const traffic = Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let i = 0; i < 2000 && !stop; i++) {
          const at = performance.now();
          const res = await s.chat({});
          await res.arrayBuffer();
          expect(res.status).toBe(200);
          seen.push({ at, done: performance.now(), bypass: res.headers.get('x-ballast-bypass') === 'true' });
        }
      }),
    );
    const toggle = async (enabled: boolean) => {
      const sentAt = performance.now();
      const res = await fetch(`${s.url}/admin/bypass`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ enabled }) });
      expect(res.status).toBe(200);
      return { sentAt, doneAt: performance.now() };
    };
    await vi.waitFor(() => expect(seen.length).toBeGreaterThan(20), { timeout: 10_000 });
    const on = await toggle(true);
    const onAt = on.doneAt;
    await vi.waitFor(() => expect(seen.filter((x) => x.at > onAt).length).toBeGreaterThan(20), { timeout: 10_000 });
    const off = await toggle(false);
    const offAt = off.doneAt;
    await vi.waitFor(() => expect(seen.filter((x) => x.at > offAt).length).toBeGreaterThan(20), { timeout: 10_000 });
    stop = true;
    await traffic;
    // Every request sent more than a second after a toggle follows it.
    // (a request still in flight when "off" was sent may land on either side of it)
    expect(seen.filter((x) => x.at > onAt + 1000 && x.done < off.sentAt).every((x) => x.bypass)).toBe(true);
    expect(seen.filter((x) => x.at > offAt + 1000).every((x) => !x.bypass)).toBe(true);
    // And in fact at once: the first request sent after each toggle already follows it.
    expect(seen.filter((x) => x.at > onAt && x.done < off.sentAt).every((x) => x.bypass)).toBe(true);
    expect(seen.filter((x) => x.at > offAt).every((x) => !x.bypass)).toBe(true);
    expect(stack.logs.some((l) => l.includes('"event":"bypass_on"'))).toBe(true);
    expect(stack.logs.some((l) => l.includes('"event":"bypass_off"'))).toBe(true);
  });

  it('admin endpoints need the admin token when one is set', async () => {
    stack = await startStack({ env: { BALLAST_ADMIN_TOKEN: 'admin-secret-1' } });
    const send = (token?: string) =>
      fetch(`${stack!.url}/admin/bypass`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ enabled: true }),
      });
    expect((await send()).status).toBe(401);
    expect((await send('wrong')).status).toBe(401);
    expect((await send('admin-secret-1')).status).toBe(200);
  });
});

describe('a client that goes away', () => {
  it('cancels the upstream call at once, with no failover and no provider failure counted', async () => {
    stack = await startStack({ config: { groups: { default: { strategy: 'ordered' } } } });
    await stack.fault('primary', { kind: 'slow', factor: 200 }); // 200 ms a token
    const res = await stack.chat({ stream: true });
    const reader = res.body!.getReader();
    await reader.read(); // the first token arrived
    await reader.cancel();
    const s = stack;
    await vi.waitFor(async () => expect((await s.stats('primary')).aborted).toBe(1), { timeout: 5000 });
    expect((await s.stats('secondary')).requests).toBe(0);
    await vi.waitFor(() => {
      const line = s.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.event === 'request');
      expect(line).toMatchObject({ outcome: 'client_gone' });
    });
    expect(s.ballast.runtime.cooldowns.state('primary').recentFailures).toBe(0);
  });
});

describe('a client that goes away before a non-streamed answer', () => {
  it('cancels the upstream call, with no failover', async () => {
    stack = await startStack({ config: { groups: { default: { strategy: 'ordered' } } } });
    await stack.fault('primary', { kind: 'stall_headers', ms: 10_000 });
    const ctrl = new AbortController();
    const s = stack;
    const req = fetch(`${s.url}/v1/chat/completions`, {
      method: 'POST',
      signal: ctrl.signal,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'default', messages: [{ role: 'user', content: 'hi' }] }),
    }).catch((e: Error) => e.name);
    await vi.waitFor(async () => expect((await s.stats('primary')).in_flight).toBe(1), { timeout: 5000 });
    ctrl.abort();
    expect(await req).toBe('AbortError');
    await vi.waitFor(async () => expect((await s.stats('primary')).aborted).toBe(1), { timeout: 5000 });
    expect((await s.stats('secondary')).requests).toBe(0);
  });
});
