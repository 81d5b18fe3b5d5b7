import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ config: { groups: { default: { strategy: 'ordered', retries_in_group: 0 } }, cache: { policy: 'off' } } });
});
afterAll(() => stack.close());

type Report = {
  windows: Array<{ window: string; eligible: number; successes: number; successRate: number | null; p95LatencyMs: number | null; avgCostUsd: number | null; costUsd: number }>;
  rolling: { eligible: number; successes: number; successRate: number | null; clientErrors: number; verdict: string; minRequests: number; sent: number; excluded: number; met: Record<string, boolean | null> };
  budget: { allowed: number; spent: number; remaining: number; exhausted: boolean };
  freeze: { active: boolean };
};

describe('GET /api/slo and GET /api/requests', () => {
  it('tell the same story as the traffic and /metrics: successes, failures, client errors apart, cost', async () => {
    for (let i = 0; i < 8; i++) await (await stack.chat({ messages: [{ role: 'user', content: `ok ${i}` }] })).arrayBuffer();
    await stack.fault('primary', { kind: 'status', status: 500 });
    await stack.fault('secondary', { kind: 'status', status: 500 });
    for (let i = 0; i < 2; i++) expect((await stack.chat({ messages: [{ role: 'user', content: `fail ${i}` }] })).status).toBe(502);
    await stack.clearFault('primary');
    await stack.clearFault('secondary');
    expect((await stack.chat({ model: 'nope' })).status).toBe(404); // a client error: never eligible

    const slo = (await (await fetch(`${stack.url}/api/slo`)).json()) as Report;
    const fiveMin = slo.windows.find((w) => w.window === '5m')!;
    expect(fiveMin).toMatchObject({ eligible: 10, successes: 8, successRate: 0.8 });
    expect(fiveMin.p95LatencyMs).toBeGreaterThan(0);
    expect(slo.rolling).toMatchObject({ eligible: 10, successes: 8 });
    expect(slo.budget.spent).toBe(2);
    // Whole failures: 0.5% of 10 allows none. And 10 eligible requests are too few to judge
    // (slo.min_requests, 100): no verdict, no freeze (issue #12).
    expect(slo.budget).toMatchObject({ allowed: 0, remaining: -2, exhausted: false });
    expect(slo.freeze.active).toBe(false);
    expect(slo.rolling).toMatchObject({ verdict: 'not_enough_traffic', minRequests: 100, sent: 11, excluded: 1, met: { successRate: null } });

    const metrics = await (await fetch(`${stack.url}/metrics`)).text();
    const sum = (re: RegExp) => metrics.split('\n').filter((l) => re.test(l)).reduce((n, l) => n + Number(l.split(' ').at(-1)), 0);
    expect(sum(/^ballast_requests_total\{.*outcome="success"/)).toBe(8);
    expect(sum(/^ballast_requests_total\{.*outcome="provider_error"/)).toBe(2);
    expect(sum(/^ballast_cost_usd_total\{/)).toBeCloseTo(fiveMin.costUsd, 12);

    const page1 = (await (await fetch(`${stack.url}/api/requests?limit=4`)).json()) as { data: Array<{ outcome: string }>; next_cursor: string };
    expect(page1.data).toHaveLength(4);
    const page2 = (await (await fetch(`${stack.url}/api/requests?limit=50&cursor=${page1.next_cursor}`)).json()) as { data: unknown[]; next_cursor: string | null };
    expect(page1.data.length + page2.data.length).toBe(11);
    expect(page2.next_cursor).toBeNull();
    const failed = (await (await fetch(`${stack.url}/api/requests?outcome=provider_error`)).json()) as { data: unknown[] };
    expect(failed.data).toHaveLength(2);
  });

  it('filters by provider and refuses unknown parameters', async () => {
    const byProvider = (await (await fetch(`${stack.url}/api/slo?provider=secondary`)).json()) as Report;
    expect(byProvider.rolling.eligible).toBe(0);
    expect(byProvider.rolling.successRate).toBeNull();
    const bad = await fetch(`${stack.url}/api/slo?tenantt=x`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/Unknown parameter "tenantt"/);
    expect((await fetch(`${stack.url}/api/requests?limit=0`)).status).toBe(400);
  });
});
