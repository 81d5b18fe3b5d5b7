import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHistogram, merge, quantile, record } from '../../../src/core/histogram.js';
import { withDefaults } from '../../../src/core/slo/config.js';
import { RollupWindow } from '../../../src/router/api/rollup-window.js';
import { handleSloSeries } from '../../../src/router/api/slo-series.js';
import type { SloSeries } from '../../../src/core/slo/series.js';
import { sendError, toBallastError } from '../../../src/router/http/respond.js';
import { openLedger, type Ledger } from '../../../src/router/ledger/ledger.js';
import { finishedContext } from '../../unit/router/ledger/context-fixture.js';
import { startStack, type Stack } from '../helpers/stack.js';

const ADMIN = 'adm-series-test-7f3c9a1b2d';
const MINUTE = 60_000;

/** GET /api/slo/series: the core's series plus what the handler adds. */
type Series = SloSeries & { minutes: number; targets: { success_rate: number; p95_latency_ms: number } };

describe('GET /api/slo/series on a running router', () => {
  let stack: Stack;
  const get = (query: string, token: string | null = ADMIN) =>
    fetch(`${stack.url}/api/slo/series${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    stack = await startStack({
      config: { groups: { default: { strategy: 'ordered', retries_in_group: 0 } }, cache: { policy: 'off' } },
      env: { BALLAST_ADMIN_TOKEN: ADMIN },
    });
  });
  afterAll(() => stack.close());

  const settings = async (body: Record<string, number>) => {
    const res = await fetch(`${stack.emulator.controlUrl}/providers/primary/settings`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.ok).toBe(true);
  };

  it('counts each minute and takes its p95 from the same latencies the ledger holds', async () => {
    await settings({ latency_ms: 20 });
    for (let i = 0; i < 17; i++) expect((await stack.chat({ messages: [{ role: 'user', content: `fast ${i}` }] })).status).toBe(200);
    await settings({ latency_ms: 300 });
    for (let i = 0; i < 3; i++) expect((await stack.chat({ messages: [{ role: 'user', content: `slow ${i}` }] })).status).toBe(200);
    await settings({ latency_ms: 0 });
    await stack.fault('primary', { kind: 'status', status: 500 });
    await stack.fault('secondary', { kind: 'status', status: 500 });
    expect((await stack.chat({ messages: [{ role: 'user', content: 'fails' }] })).status).toBe(502);
    await stack.clearFault('primary');
    await stack.clearFault('secondary');
    expect((await stack.chat({ model: 'nope' })).status).toBe(404); // a client error: counted apart

    const res = await get('?minutes=60&step=1');
    expect(res.status).toBe(200);
    const s = (await res.json()) as Series;
    expect(s).toMatchObject({ minutes: 60, stepMinutes: 1, targets: { success_rate: 0.995, p95_latency_ms: 2500 } });
    expect(s.t).toHaveLength(60);
    expect(s.t.every((t, i) => i === 0 || t - (s.t[i - 1] as number) === MINUTE)).toBe(true);

    // the ground truth: the ledger's own rows, grouped by the minute they started
    const rows = ((await (await fetch(`${stack.url}/api/requests?limit=100`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as {
      data: Array<{ time: number; eligible: boolean; outcome: string; latency_ms: number | null }>;
    }).data;
    expect(rows).toHaveLength(22);
    const byMinute = new Map<number, { eligible: number; successes: number; clientErrors: number; latency: ReturnType<typeof createHistogram> }>();
    for (const r of rows) {
      const m = Math.floor(r.time / MINUTE) * MINUTE;
      const b = byMinute.get(m) ?? { eligible: 0, successes: 0, clientErrors: 0, latency: createHistogram() };
      byMinute.set(m, b);
      if (!r.eligible) b.clientErrors++;
      else b.eligible++;
      if (r.outcome === 'success') {
        b.successes++;
        record(b.latency, r.latency_ms as number);
      }
    }
    s.t.forEach((t, i) => {
      const want = byMinute.get(t);
      expect(s.eligible[i]).toBe(want?.eligible ?? 0);
      expect(s.successes[i]).toBe(want?.successes ?? 0);
      expect(s.clientErrors[i]).toBe(want?.clientErrors ?? 0);
      expect(s.requestsPerMinute[i]).toBe(want?.eligible ?? 0);
      expect(s.successRate[i]).toBe(want && want.eligible > 0 ? want.successes / want.eligible : null);
      expect(s.p95LatencyMs[i]).toBe(want ? quantile(want.latency, 0.95) : null);
      if (!want) expect(s.avgCostUsd[i]).toBeNull();
    });
    expect(s.eligible.reduce((a, b) => a + b, 0)).toBe(21);
    expect(s.successes.reduce((a, b) => a + b, 0)).toBe(20);

    // Over five-minute steps the minutes' histograms merge: the slow 3 of 20 set the p95.
    const five = (await (await get('?minutes=60&step=5')).json()) as Series;
    expect(five.t).toHaveLength(12);
    expect(five.eligible.reduce((a, b) => a + b, 0)).toBe(21);
    five.t.forEach((t, i) => {
      const merged = createHistogram();
      for (const [m, b] of byMinute) if (m >= t && m < t + 5 * MINUTE) merge(merged, b.latency);
      expect(five.p95LatencyMs[i]).toBe(quantile(merged, 0.95));
    });
    expect(Math.max(...five.p95LatencyMs.map((p) => p ?? 0))).toBeGreaterThanOrEqual(300);
  });

  it('answers bad parameters with a 400 that names the parameter', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['?minutes=0', 'minutes', /from 1 to 1440/],
      ['?minutes=1441', 'minutes', /from 1 to 1440/],
      ['?minutes=abc', 'minutes', /whole number/],
      ['?minutes=1.5', 'minutes', /whole number/],
      ['?minutes=60&step=7', 'minutes', /multiple of step \(7\), e\.g\. minutes=56/],
      ['?minutes=5&step=10', 'step', /must not exceed minutes/],
      ['?step=-1', 'step', /whole number/],
      ['?minutes=60&minutes=30', 'minutes', /once/],
      ['?window=1h', 'window', /Unknown parameter "window"/],
      ['?tenant=a%20b', 'tenant', /letters, digits/],
    ];
    for (const [query, param, message] of cases) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { error: { type: string; param: string; message: string } };
      expect(body.error, query).toMatchObject({ type: 'invalid_request_error', param });
      expect(body.error.message, query).toMatch(message);
    }
  });

  it('is an admin endpoint: refused without the token, which never appears in an answer', async () => {
    const res = await get('?minutes=5', null);
    expect(res.status).toBe(401);
    const text = await res.text();
    expect(text).toContain('invalid_admin_token');
    expect(text).not.toContain(ADMIN);
    expect((await get('?minutes=5', 'wrong-token')).status).toBe(401);
  });
});

describe('GET /api/slo/series over several minutes of a real ledger', () => {
  const T0 = Date.UTC(2025, 5, 1, 12, 0);
  let ledger: Ledger;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    ledger = openLedger({ path: ':memory:' });
    // minute k (0..9) holds k + 1 requests; every third minute one fails; latencies k*100 .. k*100 + k
    for (let k = 0; k < 10; k++) {
      for (let j = 0; j <= k; j++) {
        const failed = k % 3 === 0 && j === 0;
        ledger.record(
          finishedContext({
            startedAt: T0 + k * MINUTE + j * 1000,
            latencyMs: 100 * (k + 1) + j,
            outcome: failed ? 'provider_error' : 'success',
            ...(failed ? { status: 502, provider: null, costUsd: 0 } : {}),
          }),
        );
      }
    }
    const rollups = new RollupWindow(ledger, 30 * 86_400_000);
    server = createServer((req, res) => {
      try {
        handleSloSeries(req, res, { ledger, rollups, slo: withDefaults(), now: () => T0 + 9 * MINUTE + 30_000 });
      } catch (err) {
        sendError(res, toBallastError(err)!, '');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/slo/series`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    ledger.close();
  });

  it('puts each minute in its bucket and merges histograms per step', async () => {
    const one = (await (await fetch(`${url}?minutes=10&step=1`)).json()) as Series;
    expect(one.t).toEqual(Array.from({ length: 10 }, (_, k) => T0 + k * MINUTE));
    expect(one.eligible).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(one.successes).toEqual([0, 2, 3, 3, 5, 6, 6, 8, 9, 9]);
    expect(one.successRate[0]).toBe(0);
    expect(one.p95LatencyMs[0]).toBeNull(); // no success: no latency, and never 0
    one.p95LatencyMs.slice(1).forEach((p, i) => {
      const k = i + 1;
      // the slowest of the minute, reported as its bucket's upper edge: above it, by under 2%
      const slowest = 100 * (k + 1) + k;
      expect(p as number).toBeGreaterThan(slowest);
      expect(p as number).toBeLessThanOrEqual(slowest * 1.02);
    });

    const five = (await (await fetch(`${url}?minutes=10&step=5`)).json()) as Series;
    expect(five.t).toEqual([T0, T0 + 5 * MINUTE]);
    expect(five.eligible).toEqual([15, 40]);
    expect(five.successes).toEqual([13, 38]);
    expect(five.requestsPerMinute).toEqual([3, 8]);
    // 12:05-12:09 holds 38 successes from 600 ms to 1009 ms; the 37th (ceil(0.95 * 38)) is 1008 ms
    expect(five.p95LatencyMs[1] as number).toBeGreaterThan(1008);
    expect(five.p95LatencyMs[1] as number).toBeLessThanOrEqual(1008 * 1.02);

    const empty = (await (await fetch(`${url}?minutes=10&step=1&tenant=globex`)).json()) as Series;
    expect(empty.eligible.every((e) => e === 0)).toBe(true);
    expect(empty.successRate.every((r) => r === null)).toBe(true);
  });
});
