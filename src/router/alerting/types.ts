/**
 * What paging is made of: a Page (one alert starting to fire, or resolving) and the
 * one narrow interface every notifier implements. Pages carry figures only, never a
 * secret: they are stored as they are in the outbox.
 */
import type { AlertPhase } from '../../core/slo/alert-state.js';
import type { AlertName } from '../../core/slo/config.js';

export type PageState = 'firing' | 'resolved';

export interface Page {
  /** Stable per alert, state and time: `success:firing:1718000000000`. */
  id: string;
  /** Which ballast paged (ballast.yaml `alerting.instance`); part of PagerDuty's dedup_key. */
  instance: string;
  alert: AlertName;
  state: PageState;
  /** The phase the alert left (pending or inactive for firing, firing for resolved). */
  from: AlertPhase;
  /** When the transition happened, epoch ms. */
  at: number;
  /** The figure read over the window (a rate, ms, USD or a burn rate); null with no data. */
  value: number | null;
  threshold: number;
  /** Eligible requests in the window. */
  eligible: number;
  /** The window label, e.g. `5m` or `1h/5m`. */
  window: string;
  /** Why, when not the condition itself (e.g. the alert was disabled while firing). */
  note?: string;
}

/**
 * A place pages go. `send` resolves once the receiver accepted the page and throws a
 * NotifierError (with `retryable`) otherwise; the outbox decides what happens next.
 */
export interface Notifier {
  readonly name: string;
  send(page: Page): Promise<void>;
}
