import { describe, expect, it } from 'vitest';
import { formatValue, pageSummary } from '../../../../src/router/alerting/describe-page.js';
import { dedupKey, pagerDutyEvent } from '../../../../src/router/alerting/pagerduty-notifier.js';
import { slackMessage } from '../../../../src/router/alerting/slack-notifier.js';
import { webhookMessage } from '../../../../src/router/alerting/webhook-notifier.js';
import { page, T } from './fixtures.js';

describe('pageSummary', () => {
  it('says what fired, the value against the threshold, the window and the traffic', () => {
    expect(pageSummary(page())).toBe('[FIRING] ballast success: success rate 97.2% is below the 99.5% threshold over 5m (412 eligible requests)');
    expect(pageSummary(page({ alert: 'latency', value: 3120.4, threshold: 2500, eligible: 1 }))).toBe(
      '[FIRING] ballast latency: p95 latency 3120 ms is above the 2500 ms threshold over 5m (1 eligible request)',
    );
  });

  it('says a resolve is one, with the value it went back to, or that there was no data', () => {
    expect(pageSummary(page({ state: 'resolved', value: 0.999 }))).toBe('[RESOLVED] ballast success: success rate back to 99.9% (threshold 99.5%) over 5m (412 eligible requests)');
    expect(pageSummary(page({ state: 'resolved', value: null, eligible: 0 }))).toMatch(/^\[RESOLVED\] ballast success: resolved, success rate: no data/);
  });

  it('formats each alert in its unit', () => {
    expect(formatValue('cost', 0.021345)).toBe('$0.0213');
    expect(formatValue('burn_rate', 14.4)).toBe('14.4x');
    expect(formatValue('success', 0.995)).toBe('99.5%');
    expect(formatValue('latency', null)).toBe('no data');
  });
});

describe('webhookMessage', () => {
  it('is the page as JSON, with an ISO time and the summary', () => {
    expect(webhookMessage(page())).toEqual({
      version: 1,
      id: `success:firing:${T}`,
      instance: 'ballast',
      alert: 'success',
      state: 'firing',
      from: 'pending',
      time: '2024-06-10T14:00:00.000Z',
      at: T,
      value: 0.972,
      threshold: 0.995,
      eligible: 412,
      window: '5m',
      summary: pageSummary(page()),
      note: null,
    });
  });
});

describe('slackMessage', () => {
  it('firing: a notification line and blocks with alert, state, value, threshold, window, traffic and time', () => {
    const m = slackMessage(page());
    expect(m.text).toBe(`:rotating_light: ${pageSummary(page())}`);
    expect(m.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: ':rotating_light: FIRING: success alert on ballast', emoji: true } });
    const section = m.blocks.find((b) => b.type === 'section' && b.fields !== undefined);
    if (section?.type !== 'section') throw new Error('no section with fields');
    expect(section.fields?.map((f) => f.text)).toEqual([
      '*Alert*\nsuccess (success rate)',
      '*State*\nfiring (was pending)',
      '*Value*\n97.2%',
      '*Threshold*\npages below 99.5%',
      '*Window*\n5m',
      '*Eligible requests*\n412 eligible requests',
      `*Time*\n<!date^${T / 1000}^{date_short_pretty} {time_secs}|2024-06-10T14:00:00.000Z>`,
    ]);
  });

  it('resolved: says so in the text, the header and the state', () => {
    const m = slackMessage(page({ state: 'resolved', value: 0.999 }));
    expect(m.text).toMatch(/^:white_check_mark: \[RESOLVED\] ballast success/);
    expect(JSON.stringify(m.blocks[0])).toContain('RESOLVED: success alert on ballast');
    expect(JSON.stringify(m.blocks)).toContain('*State*\\nresolved');
  });

  it('every block is a Slack block type with non-empty text', () => {
    for (const b of slackMessage(page({ note: 'why' })).blocks) {
      expect(['header', 'section', 'context']).toContain(b.type);
      expect(JSON.stringify(b)).not.toMatch(/"text":""/);
    }
  });
});

describe('pagerDutyEvent', () => {
  it('trigger: routing key, dedup_key and the v2 payload (summary, source, severity, timestamp, custom_details)', () => {
    const e = pagerDutyEvent(page(), 'R0UTINGKEY', 'error');
    expect(e).toEqual({
      routing_key: 'R0UTINGKEY',
      event_action: 'trigger',
      dedup_key: 'ballast:ballast:success',
      client: 'ballast',
      payload: {
        summary: pageSummary(page()),
        source: 'ballast',
        severity: 'error',
        timestamp: '2024-06-10T14:00:00.000Z',
        component: 'ballast',
        class: 'success',
        custom_details: { alert: 'success', value: '97.2%', threshold: 'pages below 99.5%', window: '5m', eligible_requests: 412, page_id: `success:firing:${T}`, note: null },
      },
    });
  });

  it('resolve: only what the API needs, with the trigger\'s dedup_key', () => {
    const trigger = pagerDutyEvent(page(), 'K');
    const resolve = pagerDutyEvent(page({ state: 'resolved', at: T + 600_000 }), 'K');
    expect(resolve).toEqual({ routing_key: 'K', event_action: 'resolve', dedup_key: trigger.dedup_key });
  });

  it('the dedup_key differs per alert and instance, and is at most 255 characters', () => {
    expect(dedupKey({ instance: 'eu', alert: 'latency' })).toBe('ballast:eu:latency');
    expect(dedupKey({ instance: 'eu', alert: 'latency' })).not.toBe(dedupKey({ instance: 'us', alert: 'latency' }));
    expect(dedupKey({ instance: 'x'.repeat(300), alert: 'cost' })).toHaveLength(255);
  });

  it('severity defaults to critical; the summary is cut at 1024 characters', () => {
    const e = pagerDutyEvent(page({ note: 'n'.repeat(2000) }), 'K');
    if (e.event_action !== 'trigger') throw new Error('expected a trigger');
    expect(e.payload.severity).toBe('critical');
    expect(e.payload.summary).toHaveLength(1024);
  });
});
