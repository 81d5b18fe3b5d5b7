import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertingConfigSchema } from '../../../src/router/alerting/config.js';
import { createNotifiers } from '../../../src/router/alerting/create-notifiers.js';
import { NotifierError } from '../../../src/router/alerting/notifier-error.js';
import { createWebhookNotifier } from '../../../src/router/alerting/webhook-notifier.js';
import { literal } from '../../../src/router/alerting/secret-source.js';
import type { Notifier } from '../../../src/router/alerting/types.js';
import { page } from '../../unit/router/alerting/fixtures.js';
import { downReceiver, startReceiver, type Receiver } from './receiver.js';

let receiver: Receiver;
let notifiers: Map<string, Notifier>;
const env = {
  OPS_URL: '',
  OPS_AUTH: 'Bearer ops-token-123',
  SLACK_URL: '',
  PD_KEY: 'pdkey0123456789abcdef0123456789ab',
};

beforeAll(async () => {
  receiver = await startReceiver((r) => (r.path === '/pd' ? { status: 202, body: '{"status":"success"}' } : { status: 200, body: 'ok' }));
  env.OPS_URL = receiver.url('/ops');
  env.SLACK_URL = receiver.url('/services/T000/B000/slacktoken');
  const config = alertingConfigSchema.parse({
    notifiers: {
      ops: { kind: 'webhook', url_env: 'OPS_URL', headers_env: { authorization: 'OPS_AUTH' } },
      slack: { kind: 'slack', url_env: 'SLACK_URL' },
      oncall: { kind: 'pagerduty', routing_key_env: 'PD_KEY', url: receiver.url('/pd'), severity: 'error' },
    },
  });
  notifiers = new Map(createNotifiers(config.notifiers, env).map((n) => [n.name, n]));
});
afterAll(() => receiver.stop());

function lastTo(path: string) {
  const r = receiver.received.filter((x) => x.path === path).at(-1);
  if (r === undefined) throw new Error(`nothing received on ${path}`);
  return r;
}

describe('notifiers over HTTP', () => {
  it('webhook: the page as JSON, with the header from the environment', async () => {
    await notifiers.get('ops')?.send(page());
    const r = lastTo('/ops');
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.headers.authorization).toBe('Bearer ops-token-123');
    expect(r.body).toMatchObject({ version: 1, alert: 'success', state: 'firing', value: 0.972, threshold: 0.995, eligible: 412, window: '5m', time: '2024-06-10T14:00:00.000Z' });
  });

  it('slack: text and blocks, to the URL from the environment', async () => {
    await notifiers.get('slack')?.send(page({ state: 'resolved', value: 0.999 }));
    const r = lastTo('/services/T000/B000/slacktoken');
    expect(Object.keys(r.body).sort()).toEqual(['blocks', 'text']);
    expect(r.body.text).toMatch(/^:white_check_mark: \[RESOLVED\] ballast success: success rate back to 99.9%/);
    expect((r.body.blocks as Array<{ type: string }>).map((b) => b.type)).toEqual(['header', 'section', 'section', 'context']);
  });

  it('pagerduty: a v2 trigger and a resolve with the same dedup_key and the routing key from the environment', async () => {
    await notifiers.get('oncall')?.send(page());
    const trigger = lastTo('/pd').body;
    await notifiers.get('oncall')?.send(page({ state: 'resolved', at: page().at + 60_000 }));
    const resolve = lastTo('/pd').body;
    expect(trigger).toMatchObject({ routing_key: env.PD_KEY, event_action: 'trigger', dedup_key: 'ballast:ballast:success', payload: { source: 'ballast', severity: 'error', class: 'success' } });
    expect(resolve).toEqual({ routing_key: env.PD_KEY, event_action: 'resolve', dedup_key: 'ballast:ballast:success' });
  });
});

describe('delivery failures become NotifierErrors', () => {
  const hook = (path: string, timeoutMs = 5_000) => createWebhookNotifier({ name: 'hook', url: literal(receiver.url(path)), timeoutMs });

  it.each([
    [500, 'server_error', true],
    [503, 'server_error', true],
    [408, 'timeout', true],
    [429, 'rate_limited', true],
    [400, 'rejected', false],
    [404, 'rejected', false],
    [410, 'rejected', false],
    [301, 'rejected', false],
  ])('HTTP %i -> %s (retryable: %s)', async (status, code, retryable) => {
    receiver.answer = () => ({ status, body: 'nope', headers: status === 429 ? { 'retry-after': '7' } : ({} as Record<string, string>) });
    try {
      const err = await hook(`/status-${status}`).send(page()).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(NotifierError);
      expect(err).toMatchObject({ code, retryable, status, message: expect.stringMatching(new RegExp(`^hook: HTTP ${status}.*: nope$`)) });
      if (status === 429) expect(err).toMatchObject({ retryAfterMs: 7_000 });
    } finally {
      receiver.answer = () => ({ status: 200, body: 'ok' });
    }
  });

  it('a receiver that never answers is a retryable timeout', async () => {
    // The request is held open on purpose: the notifier's own timeout is what is under test.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
      const err = await createWebhookNotifier({ name: 'slow', url: literal(`http://127.0.0.1:${port}/x`), timeoutMs: 200 })
        .send(page())
        .then(() => null, (e: unknown) => e);
      expect(err).toMatchObject({ code: 'timeout', retryable: true, message: 'slow: no answer within 200 ms' });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('a receiver that is not listening is a retryable connection failure that names no address', async () => {
    const down = await downReceiver();
    const err = await createWebhookNotifier({ name: 'down', url: literal(down.url('/services/T1/B1/secretpath')) })
      .send(page())
      .then(() => null, (e: unknown) => e);
    expect(err).toMatchObject({ code: 'connection', retryable: true, message: 'down: connection failed (ECONNREFUSED)' });
  });
});
