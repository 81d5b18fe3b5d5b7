/**
 * Words and numbers for a page, shared by every notifier so Slack, PagerDuty and a
 * webhook say the same thing: "success rate 97.2% is below the 99.5% threshold".
 */
import type { AlertName } from '../../core/slo/config.js';
import type { Page } from './types.js';

interface AlertWords {
  /** What the value measures. */
  measure: string;
  /** Which side of the threshold pages. */
  bad: 'above' | 'below';
  format(value: number): string;
}

const significant = (n: number, digits: number) => String(Number(n.toPrecision(digits)));

const WORDS: Readonly<Record<AlertName, AlertWords>> = {
  latency: { measure: 'p95 latency', bad: 'above', format: (v) => `${Math.round(v)} ms` },
  success: { measure: 'success rate', bad: 'below', format: (v) => `${significant(v * 100, 4)}%` },
  cost: { measure: 'average cost per request', bad: 'above', format: (v) => `$${significant(v, 3)}` },
  burn_rate: { measure: 'burn rate', bad: 'above', format: (v) => `${significant(v, 3)}x` },
};

/** The value in the alert's unit (`2510 ms`, `97.2%`, `$0.0213`, `14.4x`), or `no data`. */
export function formatValue(alert: AlertName, value: number | null): string {
  return value === null || !Number.isFinite(value) ? 'no data' : WORDS[alert].format(value);
}

/** `p95 latency`, `success rate`, ... */
export function measureOf(alert: AlertName): string {
  return WORDS[alert].measure;
}

/** `above 2500 ms` / `below 99.5%`: the side of the threshold that pages. */
export function thresholdText(page: Pick<Page, 'alert' | 'threshold'>): string {
  return `${WORDS[page.alert].bad} ${formatValue(page.alert, page.threshold)}`;
}

/** `1,234 eligible requests` */
export function eligibleText(eligible: number): string {
  return `${eligible.toLocaleString('en-US')} eligible request${eligible === 1 ? '' : 's'}`;
}

/**
 * One line that stands on its own (a phone notification, a PagerDuty title).
 *
 * @example pageSummary(page)
 *   // '[FIRING] ballast success: success rate 97.2% is below the 99.5% threshold over 5m (412 eligible requests)'
 *   // '[RESOLVED] ballast success: success rate back to 99.9% (threshold 99.5%) over 5m (398 eligible requests)'
 */
export function pageSummary(page: Page): string {
  const w = WORDS[page.alert];
  const value = formatValue(page.alert, page.value);
  const threshold = formatValue(page.alert, page.threshold);
  const figures =
    page.state === 'firing'
      ? `${w.measure} ${value} is ${w.bad} the ${threshold} threshold`
      : page.value === null
        ? `resolved, ${w.measure}: no data (threshold ${threshold})`
        : `${w.measure} back to ${value} (threshold ${threshold})`;
  const note = page.note === undefined ? '' : `; ${page.note}`;
  return `[${page.state.toUpperCase()}] ${page.instance} ${page.alert}: ${figures} over ${page.window} (${eligibleText(page.eligible)})${note}`;
}
