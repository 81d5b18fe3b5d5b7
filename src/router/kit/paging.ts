/**
 * What the live configuration says about paging, so no kit document promises a page
 * that nobody would receive: with alerting on but no notifier, alerts are evaluated and
 * recorded and the router warns at start (alerting_no_notifiers), but nobody is paged.
 */
import type { Config } from '../config/schema.js';
import { placeholder } from '../../core/kit/placeholders.js';

export interface Paging {
  /** Alerts are evaluated (alerting.enabled). */
  evaluated: boolean;
  intervalS: number;
  /** 'hook (webhook)', one per configured notifier. */
  notifiers: string[];
  /** Evaluated and delivered to at least one notifier. */
  pages: boolean;
}

const KIND_WORDS: Record<string, string> = { webhook: 'webhook', slack: 'Slack', pagerduty: 'PagerDuty' };

export function pagingOf(config: Config): Paging {
  const notifiers = Object.entries(config.alerting.notifiers).map(([name, n]) => `${name} (${KIND_WORDS[n.kind] ?? n.kind})`);
  const evaluated = config.alerting.enabled;
  return { evaluated, intervalS: config.alerting.interval_s, notifiers, pages: evaluated && notifiers.length > 0 };
}

/** The distinct notifier kinds in words: 'PagerDuty and webhook'. */
function channels(config: Config): string {
  const kinds = [...new Set(Object.values(config.alerting.notifiers).map((n) => KIND_WORDS[n.kind] ?? n.kind))];
  return kinds.length <= 1 ? (kinds[0] ?? '') : `${kinds.slice(0, -1).join(', ')} and ${kinds.at(-1)}`;
}

/**
 * The client-safe sentence about alerting, true for `config`, and when nobody is paged
 * an operator's placeholder saying what to add (listed before export by the Kit page).
 *
 * @example pagingSentence(config) // 'We are paged (PagerDuty) when latency, success rate or cost drift from target.'
 */
export function pagingSentence(config: Config): string {
  const p = pagingOf(config);
  if (p.pages) return `We are paged (${channels(config)}) when latency, success rate or cost drift from target.`;
  if (p.evaluated) {
    return `Latency, success rate and cost are checked against target every ${p.intervalS} seconds. ${placeholder('operator: no notifier is configured, so nobody is paged; add alerting.notifiers to ballast.yaml before promising paging, then regenerate')}`;
  }
  return placeholder('operator: alerting is off (alerting.enabled: false); turn it on and add alerting.notifiers before promising that anyone watches these targets');
}
