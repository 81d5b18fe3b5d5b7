/**
 * PagerDuty Events API v2: `trigger` when an alert fires, `resolve` when it resolves,
 * paired by a dedup_key that is stable per alert and instance. The routing key is read
 * from the environment at send time and appears nowhere else.
 *
 *   POST https://events.pagerduty.com/v2/enqueue  -> 202 {"status":"success","dedup_key":...}
 *   {"routing_key":"<$PD_ROUTING_KEY>","event_action":"trigger","dedup_key":"ballast:ballast:success",
 *    "client":"ballast","payload":{"summary":"[FIRING] ...","source":"ballast","severity":"critical",
 *    "timestamp":"2024-06-10T06:13:20.000Z","component":"ballast","class":"success","custom_details":{...}}}
 *   {"routing_key":"<$PD_ROUTING_KEY>","event_action":"resolve","dedup_key":"ballast:ballast:success"}
 */
import { formatValue, pageSummary, thresholdText } from './describe-page.js';
import { postJson } from './post-json.js';
import { readSecret, type SecretSource } from './secret-source.js';
import type { Notifier, Page } from './types.js';

export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';

export type PagerDutySeverity = 'critical' | 'error' | 'warning' | 'info';

export interface PagerDutyTrigger {
  routing_key: string;
  event_action: 'trigger';
  dedup_key: string;
  client: string;
  payload: {
    summary: string;
    source: string;
    severity: PagerDutySeverity;
    timestamp: string;
    component: string;
    class: string;
    custom_details: Record<string, string | number | null>;
  };
}

export interface PagerDutyResolve {
  routing_key: string;
  event_action: 'resolve';
  dedup_key: string;
}

export type PagerDutyEvent = PagerDutyTrigger | PagerDutyResolve;

/** `ballast:<instance>:<alert>`: the same for an alert's trigger and its resolve (255 characters at most). */
export function dedupKey(page: Pick<Page, 'instance' | 'alert'>): string {
  return `ballast:${page.instance}:${page.alert}`.slice(0, 255);
}

/** The Events API v2 body for a page. */
export function pagerDutyEvent(page: Page, routingKey: string, severity: PagerDutySeverity = 'critical'): PagerDutyEvent {
  const key = dedupKey(page);
  if (page.state === 'resolved') return { routing_key: routingKey, event_action: 'resolve', dedup_key: key };
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: key,
    client: 'ballast',
    payload: {
      summary: pageSummary(page).slice(0, 1024),
      source: page.instance,
      severity,
      timestamp: new Date(page.at).toISOString(),
      component: 'ballast',
      class: page.alert,
      custom_details: {
        alert: page.alert,
        value: formatValue(page.alert, page.value),
        threshold: `pages ${thresholdText(page)}`,
        window: page.window,
        eligible_requests: page.eligible,
        page_id: page.id,
        note: page.note ?? null,
      },
    },
  };
}

export interface PagerDutyNotifierOptions {
  name: string;
  routingKey: SecretSource;
  /** Default: the Events API v2 endpoint. Tests point it at a local receiver. */
  url?: string;
  severity?: PagerDutySeverity;
  timeoutMs?: number;
}

/** @example createPagerDutyNotifier({ name: 'oncall', routingKey: fromEnv(env, 'PD_ROUTING_KEY') }) */
export function createPagerDutyNotifier(options: PagerDutyNotifierOptions): Notifier {
  const { name } = options;
  return {
    name,
    async send(page) {
      const key = readSecret(options.routingKey, name);
      await postJson(
        { notifier: name, url: options.url ?? PAGERDUTY_EVENTS_URL, timeoutMs: options.timeoutMs ?? 10_000, secrets: [key] },
        pagerDutyEvent(page, key, options.severity),
      );
    },
  };
}
