import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';

let stack: Stack;
let receiver: Server;
const pages: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      pages.push(JSON.parse(body) as Record<string, unknown>);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  stack = await startStack({
    config: {
      groups: { default: { strategy: 'ordered', retries_in_group: 0 } },
      cache: { policy: 'off' },
      alerting: { interval_s: 3600, notifiers: { hook: { kind: 'webhook', url } } },
      // a 10-minute window held 5 minutes: the burst below stays in view until the alert fires
      slo: { alerts: { success: { window: '10m', for: '5m' } } },
    },
  });
});
afterAll(async () => {
  await stack.close();
  await new Promise<void>((r) => receiver.close(() => r()));
});

describe('the success alert, end to end', () => {
  it('failures in the ledger make /api/slo, /metrics and a webhook page tell the same story', async () => {
    for (let i = 0; i < 10; i++) await (await stack.chat({ messages: [{ role: 'user', content: `fine ${i}` }] })).arrayBuffer();
    await stack.fault('primary', { kind: 'status', status: 500 });
    await stack.fault('secondary', { kind: 'status', status: 500 });
    for (let i = 0; i < 20; i++) await (await stack.chat({ messages: [{ role: 'user', content: `broken ${i}` }] })).arrayBuffer();
    const rt = stack.ballast.runtime;
    rt.ledger!.flush();
    const now = Date.now();
    const alerting = rt.alerting!;
    // The evaluation loop runs on a timer; tick drives it at chosen moments instead of waiting 5 minutes.
    expect(alerting.tick(now).map((t) => `${t.alert}:${t.to}`)).toContain('success:pending');
    const fired = alerting.tick(now + 5 * 60_000);
    expect(fired.map((t) => `${t.alert}:${t.to}`)).toContain('success:firing');

    await vi.waitFor(() => expect(pages.length).toBeGreaterThanOrEqual(1), { timeout: 10_000 });
    const page = JSON.stringify(pages[0]);
    expect(page).toMatch(/success/);
    expect(page).toMatch(/firing/);

    const slo = (await (await fetch(`${stack.url}/api/slo`)).json()) as { windows: Array<{ window: string; eligible: number; successes: number }>; alerts: Array<{ alert: string; phase: string }> };
    const w = slo.windows.find((x) => x.window === '15m')!;
    expect(w).toMatchObject({ eligible: 30, successes: 10 });
    expect(slo.alerts.find((a) => a.alert === 'success')?.phase).toBe('firing');
    const metrics = await (await fetch(`${stack.url}/metrics`)).text();
    const sum = (re: RegExp) => metrics.split('\n').filter((l) => re.test(l)).reduce((n, l) => n + Number(l.split(' ').at(-1)), 0);
    expect(sum(/^ballast_requests_total\{.*outcome="provider_error"/)).toBe(20);
    const history = (await (await fetch(`${stack.url}/api/alerts`)).json()) as Record<string, unknown>;
    expect(JSON.stringify(history)).toMatch(/firing/);
  });
});
