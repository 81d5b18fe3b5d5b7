import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDefaults } from '../../../src/core/slo/config.js';
import { handleAlertsApi } from '../../../src/router/alerting/alerts-api.js';
import { openOutbox } from '../../../src/router/alerting/outbox.js';
import { startAlerting, type Alerting } from '../../../src/router/alerting/start-alerting.js';
import { captureLog, MINUTE, T, traffic } from '../../unit/router/alerting/fixtures.js';

let alerting: Alerting;
let server: Server;
let url: string;

beforeAll(async () => {
  alerting = startAlerting({
    rollups: traffic(T - 60 * MINUTE, (m) => m >= T),
    config: withDefaults(),
    notifiers: [],
    outbox: openOutbox({ path: ':memory:' }),
    log: captureLog(),
    intervalMs: 0,
  });
  alerting.tick(T);
  alerting.tick(T + 5 * MINUTE);
  server = createServer((req, res) => handleAlertsApi(req, res, alerting));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/alerts`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await alerting.close();
});

describe('GET /api/alerts', () => {
  it('answers the states, the history newest first and the outbox, uncached', async () => {
    const res = await fetch(`${url}?alert=success`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { alerts: Array<{ alert: string; phase: string }>; history: Array<{ to: string; at: string }>; outbox: Record<string, unknown> };
    expect(body.alerts.find((a) => a.alert === 'success')?.phase).toBe('firing');
    expect(body.history.map((h) => [h.to, h.at])).toEqual([
      ['firing', new Date(T + 5 * MINUTE).toISOString()],
      ['pending', new Date(T).toISOString()],
    ]);
    expect(body.outbox).toEqual({ pending: 0, delivered: 0, failed: 0, recent_failures: [] });
  });

  it('a bad parameter is a 400 in the OpenAI envelope naming it', async () => {
    const res = await fetch(`${url}?limit=5000`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'invalid_parameter', param: 'limit' } });
  });
});
