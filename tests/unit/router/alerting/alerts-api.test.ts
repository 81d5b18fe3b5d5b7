import { afterEach, describe, expect, it } from 'vitest';
import { withDefaults } from '../../../../src/core/slo/config.js';
import { alertsBody, parseAlertsQuery } from '../../../../src/router/alerting/alerts-api.js';
import { NotifierError } from '../../../../src/router/alerting/notifier-error.js';
import { openOutbox } from '../../../../src/router/alerting/outbox.js';
import { startAlerting, type Alerting } from '../../../../src/router/alerting/start-alerting.js';
import { captureLog, MINUTE, T, traffic } from './fixtures.js';

let alerting: Alerting | null = null;
afterEach(async () => {
  await alerting?.close();
  alerting = null;
});

describe('parseAlertsQuery', () => {
  it('takes limit, alert and since (ISO or epoch ms)', () => {
    expect(parseAlertsQuery('/api/alerts?limit=5&alert=cost&since=2024-06-10T14:00:00Z')).toEqual({ query: { limit: 5, alert: 'cost', since: T } });
    expect(parseAlertsQuery(`/api/alerts?since=${T}`)).toEqual({ query: { since: T } });
    expect(parseAlertsQuery('/api/alerts')).toEqual({ query: {} });
  });

  it.each([
    ['/api/alerts?limit=0', 'limit', /limit must be a whole number from 1 to 1000/],
    ['/api/alerts?limit=abc', 'limit', /limit must be/],
    ['/api/alerts?alert=disk', 'alert', /alert must be one of latency, success, cost, burn_rate/],
    ['/api/alerts?since=yesterday', 'since', /since must be an ISO 8601 time/],
    ['/api/alerts?tenant=acme', 'tenant', /Unknown query parameter "tenant"/],
    ['/api/alerts?alert=cost&alert=success', 'alert', /Give "alert" once/],
  ])('%s -> 400 naming %s', (url, param, message) => {
    const r = parseAlertsQuery(url);
    if (!('error' in r)) throw new Error('expected an error');
    expect(r.error.status).toBe(400);
    expect(r.error.param).toBe(param);
    expect(r.error.message).toMatch(message);
  });
});

describe('alertsBody', () => {
  it('has the current states, the history with ISO times, and the outbox with its recent failures', async () => {
    const refuse = { name: 'hook', send: () => Promise.reject(new NotifierError({ notifier: 'hook', code: 'rejected', status: 400, message: 'hook: HTTP 400: bad' })) };
    const outbox = openOutbox({ path: ':memory:' });
    alerting = startAlerting({ rollups: traffic(T - 60 * MINUTE, (m) => m >= T), config: withDefaults(), notifiers: [refuse], outbox, log: captureLog(), intervalMs: 0 });
    alerting.tick(T);
    alerting.tick(T + 5 * MINUTE);
    await outbox.deliverDue();
    const body = alertsBody(alerting, { limit: 1 });
    expect(body).toMatchObject({
      alerts: expect.arrayContaining([expect.objectContaining({ alert: 'success', phase: 'firing' })]),
      history: [{ alert: 'success', from: 'pending', to: 'firing', at: new Date(T + 5 * MINUTE).toISOString(), paged: true }],
      outbox: {
        pending: 0,
        delivered: 0,
        failed: 1,
        recent_failures: [{ notifier: 'hook', page_id: `success:firing:${T + 5 * MINUTE}`, attempts: 1, error: 'hook: HTTP 400: bad' }],
      },
    });
  });
});
