/**
 * No secret (routing key, webhook token, auth header) reaches an outbox row, a history
 * row or a log line, even when a receiver fails and echoes the secret back.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withDefaults } from '../../../src/core/slo/config.js';
import { alertingConfigSchema } from '../../../src/router/alerting/config.js';
import { postJson } from '../../../src/router/alerting/post-json.js';
import { startAlertingFromConfig } from '../../../src/router/alerting/start-from-config.js';
import type { Alerting } from '../../../src/router/alerting/start-alerting.js';
import { captureLog, MINUTE, T, traffic, type CapturedLog } from '../../unit/router/alerting/fixtures.js';
import { dumpDatabase, startReceiver, tempDir, type Receiver } from './receiver.js';

const SECRETS = {
  routingKey: 'pdRoutingKeySECRET0123456789abcd',
  slackToken: 'slackHookTokenSECRETxyz',
  webhookToken: 'webhookUrlTokenSECRET42',
  authHeader: 'Bearer authHeaderSECRET77',
};

const tmp = tempDir();
const path = join(tmp.dir, 'alerts.db');
let receiver: Receiver;
let log: CapturedLog;
let alerting: Alerting | null;

beforeAll(async () => {
  const calls = new Map<string, number>();
  // Each receiver first fails echoing everything it got (as some do), then a 5xx, then accepts.
  receiver = await startReceiver((r) => {
    const n = (calls.get(r.path.split('?')[0] ?? '') ?? 0) + 1;
    calls.set(r.path.split('?')[0] ?? '', n);
    const echo = `${r.path} ${r.raw} ${r.headers.authorization ?? ''}`;
    if (r.body.state === 'firing' || r.body.event_action === 'trigger' || String(r.body.text).includes('FIRING')) {
      return n === 1 ? { status: 503, body: `unavailable: ${echo}` } : { status: 202, body: 'ok' };
    }
    return { status: 400, body: `rejected: ${echo}` };
  });
  log = captureLog();
  const env = {
    PD_ROUTING_KEY: SECRETS.routingKey,
    SLACK_URL: receiver.url(`/services/T0000/B0000/${SECRETS.slackToken}`),
    OPS_URL: receiver.url(`/ops?token=${SECRETS.webhookToken}`),
    OPS_AUTH: SECRETS.authHeader,
  };
  const config = alertingConfigSchema.parse({
    path,
    retry: { initial_s: 0.02, max_s: 0.2 },
    notifiers: {
      oncall: { kind: 'pagerduty', routing_key_env: 'PD_ROUTING_KEY', url: receiver.url('/pd') },
      slack: { kind: 'slack', url_env: 'SLACK_URL' },
      ops: { kind: 'webhook', url_env: 'OPS_URL', headers_env: { authorization: 'OPS_AUTH' } },
    },
  });
  alerting = startAlertingFromConfig({ config, slo: withDefaults(), env, rollups: traffic(T - 60 * MINUTE, (m) => m >= T && m < T + 20 * MINUTE), log });
  if (alerting === null) throw new Error('alerting is enabled by default');
  for (const at of [T, T + 5 * MINUTE, T + 25 * MINUTE]) alerting.tick(at);
  const a = alerting;
  await vi.waitFor(() => expect(a.outbox.counts()).toEqual({ pending: 0, delivered: 3, failed: 3 }), { timeout: 10_000, interval: 20 });
  await a.close();
});
afterAll(async () => {
  await alerting?.close();
  await receiver.stop();
  tmp.remove();
});

describe('secrets stay out of the outbox, the history and the logs', () => {
  it('the receivers did get them (the test would see a leak)', () => {
    const wire = receiver.received.map((r) => `${r.path} ${r.raw} ${r.headers.authorization ?? ''}`).join('\n');
    for (const s of Object.values(SECRETS)) expect(wire).toContain(s);
  });

  it('no row of the alerting file holds one, failures included', () => {
    const dump = dumpDatabase(path);
    expect(dump).toContain('alert_history');
    expect(dump).toContain('[redacted]');
    for (const s of Object.values(SECRETS)) expect(dump).not.toContain(s);
  });

  it('no log line holds one', () => {
    expect(log.events()).toEqual(expect.arrayContaining(['alert_page_retry', 'alert_page_failed', 'alert_page_delivered', 'alert_transition']));
    const text = log.lines.join('\n');
    for (const s of Object.values(SECRETS)) expect(text).not.toContain(s);
  });
});

describe('webhook error bodies truncated before they are redacted (issue #11)', () => {
  it('a secret straddling character 300 of the receiver answer leaves none of its characters in the error', async () => {
    const secret = 'straddlingWebhookSecret0123456789';
    for (const at of [285, 295, 299, 300]) {
      const echo = await startReceiver(() => ({ status: 400, body: `${'x'.repeat(at)}${secret} trailing words` }));
      const error = await postJson({ notifier: 'ops', url: echo.url('/hook'), headers: { authorization: secret }, timeoutMs: 5000, secrets: [secret] }, { ok: true }).then(
        () => null,
        (e: unknown) => e as Error,
      );
      await echo.stop();
      expect(error?.message).toMatch(/^ops: HTTP 400: x+/);
      for (let n = 4; n <= secret.length; n++) expect(error?.message).not.toContain(secret.slice(0, n));
    }
  });
});
