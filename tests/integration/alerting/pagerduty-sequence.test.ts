/**
 * The whole path, driven by tick(now) over synthetic rollups: an incident makes the
 * success alert fire and later resolve; PagerDuty receives exactly one trigger and one
 * resolve, paired by the same dedup_key, however many evaluations run in between.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withDefaults } from '../../../src/core/slo/config.js';
import { createPagerDutyNotifier } from '../../../src/router/alerting/pagerduty-notifier.js';
import { fromEnv } from '../../../src/router/alerting/secret-source.js';
import { openOutbox } from '../../../src/router/alerting/outbox.js';
import { startAlerting, type Alerting } from '../../../src/router/alerting/start-alerting.js';
import { captureLog, MINUTE, T, traffic } from '../../unit/router/alerting/fixtures.js';
import { startReceiver, type Receiver } from './receiver.js';

let receiver: Receiver;
let alerting: Alerting;
const env = { PD_ROUTING_KEY: 'R0123456789abcdef0123456789abcde' };

beforeAll(async () => {
  receiver = await startReceiver(() => ({ status: 202, body: '{"status":"success","message":"Event processed"}' }));
  const pd = createPagerDutyNotifier({ name: 'oncall', routingKey: fromEnv(env, 'PD_ROUTING_KEY'), url: receiver.url('/v2/enqueue') });
  alerting = startAlerting({
    // Half the requests fail from 14:00 to 14:19; all succeed before and after.
    rollups: traffic(T - 60 * MINUTE, (m) => m >= T && m < T + 20 * MINUTE),
    config: withDefaults(),
    notifiers: [pd],
    outbox: openOutbox({ path: ':memory:', backoff: { initialMs: 20, maxMs: 200 } }),
    log: captureLog(),
    intervalMs: 0,
    instance: 'ballast-test',
  });
  // One evaluation a minute for an hour, as the loop would run them.
  for (let at = T - 5 * MINUTE; at <= T + 55 * MINUTE; at += MINUTE) alerting.tick(at);
  await vi.waitFor(() => expect(alerting.outbox.counts()).toEqual({ pending: 0, delivered: 2, failed: 0 }), { timeout: 10_000, interval: 20 });
});
afterAll(async () => {
  await alerting.close();
  await receiver.stop();
});

describe('firing -> resolved, end to end', () => {
  it('sends exactly one trigger and one resolve, with the same dedup_key', () => {
    const events = receiver.received.map((r) => r.body);
    expect(events.map((e) => e.event_action)).toEqual(['trigger', 'resolve']);
    expect(events[0]?.dedup_key).toBe('ballast:ballast-test:success');
    expect(events[1]?.dedup_key).toBe(events[0]?.dedup_key);
    expect(events.every((e) => e.routing_key === env.PD_ROUTING_KEY)).toBe(true);
  });

  it('the trigger is the v2 alert event with what fired and when', () => {
    expect(receiver.received[0]?.body).toMatchObject({
      payload: {
        summary: '[FIRING] ballast-test success: success rate 50% is below the 99.5% threshold over 5m (500 eligible requests)',
        source: 'ballast-test',
        severity: 'critical',
        timestamp: new Date(T + 5 * MINUTE).toISOString(),
        custom_details: { alert: 'success', value: '50%', window: '5m', eligible_requests: 500 },
      },
    });
  });

  it('the history has every transition, the pages marked', () => {
    expect(alerting.history().map((h) => [h.to, h.at, h.paged])).toEqual([
      ['inactive', T + 39 * MINUTE, false],
      ['resolved', T + 24 * MINUTE, true],
      ['firing', T + 5 * MINUTE, true],
      ['pending', T, false],
    ]);
  });
});
