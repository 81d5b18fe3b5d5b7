/**
 * Issue #11, defect 9: any client-chosen x-ballast-feature became its own rollup row
 * (20,000 tags -> 20,006 rows), slowloris sockets stayed open for the whole test, and
 * there was no cap on connections. Also defect 7's metrics token.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    config: { features: { chat: {} }, server: { max_connections: 40, request_timeout_ms: 1000, metrics_token_env: 'SCRAPE_TOKEN' } },
    env: { SCRAPE_TOKEN: 'scrape-token-for-bounds-test', BALLAST_ADMIN_TOKEN: 'admin-token-for-bounds-test' },
  });
});
afterAll(() => stack.close());

function open(): Promise<Socket> {
  const url = new URL(stack.url);
  return new Promise((resolve, reject) => {
    const s = connect(Number(url.port), url.hostname, () => resolve(s));
    s.on('error', reject);
  });
}
const closed = (s: Socket) => new Promise<void>((resolve) => (s.destroyed ? resolve() : s.once('close', () => resolve())));

describe('regression: client-chosen feature tags grew the rollups without bound', () => {
  it('300 invented tags fold into "other" in the rollups; configured ones keep their own row', async () => {
    // 20 at a time: the connection cap (40) is tested below
    for (let batch = 0; batch < 15; batch++) {
      await Promise.all(Array.from({ length: 20 }, (_, j) => stack.chat({}, { 'x-ballast-feature': `invented-${batch * 20 + j}` }).then((r) => r.arrayBuffer())));
    }
    await (await stack.chat({}, { 'x-ballast-feature': 'chat' })).arrayBuffer();
    const ledger = stack.ballast.runtime.ledger!;
    ledger.flush();
    const features = new Set(ledger.rollupsBetween(0, Date.now() + 60_000).map((r) => r.feature));
    expect([...features].sort()).toEqual(['chat', 'other']);
    // the raw rows keep what the client sent
    expect(ledger.listRequests({ feature: 'invented-7' }).data).toHaveLength(1);
  });
});

describe('regression: slowloris sockets stayed open and connections were not capped', () => {
  it('a client that never finishes its headers is cut after server.request_timeout_ms', async () => {
    const sockets = await Promise.all(Array.from({ length: 10 }, () => open()));
    for (const s of sockets) s.write('POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    const t0 = performance.now();
    await Promise.all(sockets.map(closed));
    expect(performance.now() - t0).toBeLessThan(5_000);
    const res = await stack.chat({});
    expect(res.status).toBe(200);
  });

  it('connections past server.max_connections are refused; the router serves again once they close', async () => {
    const held = await Promise.all(Array.from({ length: 40 }, () => open()));
    // The kernel accepts the 41st; the server drops it without reading: a full request gets no answer.
    const extra = await open().catch(() => null);
    if (extra) {
      let answer = '';
      extra.on('data', (d: Buffer) => (answer += d.toString()));
      extra.on('error', () => undefined);
      extra.write('GET /livez HTTP/1.1\r\nHost: x\r\n\r\n');
      await closed(extra);
      expect(answer).toBe('');
    }
    for (const s of held) s.destroy();
    await Promise.all(held.map(closed));
    await expect.poll(async () => (await stack.chat({}).then(async (r) => (await r.arrayBuffer(), r.status)).catch(() => 0))).toBe(200);
  });
});

describe('GET /metrics with its own token', () => {
  it('the metrics token reads /metrics and nothing else; the admin token reads it too', async () => {
    const get = (path: string, token?: string) => fetch(`${stack.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    expect((await get('/metrics')).status).toBe(401);
    const scraped = await get('/metrics', 'scrape-token-for-bounds-test');
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(/ballast_requests_total/);
    expect((await get('/api/slo', 'scrape-token-for-bounds-test')).status).toBe(401);
    expect((await get('/metrics', 'admin-token-for-bounds-test')).status).toBe(200);
  });
});
