/**
 * The evaluation loop: every interval, read the recent rollups, step the alert state
 * machines, and in one transaction record every transition, queue the pages (only those
 * that must reach a human) for every notifier and save the state. The outbox delivers.
 *
 * @example
 *   const alerting = startAlerting({ rollups: ledger.rollupsBetween, config: withDefaults(cfg.slo), notifiers, outbox, log });
 *   alerting.currentStates(); alerting.history({ limit: 20 });
 *   await alerting.close(); // also closes the outbox
 */
import type { AlertTransition } from '../../core/slo/alert-state.js';
import type { AlertName, SloConfig } from '../../core/slo/config.js';
import { MINUTE_MS } from '../../core/slo/duration.js';
import { evaluateAlerts, type AlertsState } from '../../core/slo/evaluate-alerts.js';
import type { Rollup } from '../../core/slo/rollup.js';
import type { Logger } from '../log.js';
import { AlertHistory, type AlertHistoryEntry, type HistoryQuery } from './alert-history.js';
import { AlertStateStore } from './alert-state-store.js';
import { currentStatesOf, type AlertStateView } from './current-states.js';
import type { Outbox } from './outbox.js';
import { pageOf } from './page.js';
import { realTimers, type TimerHandle, type Timers } from './timers.js';
import type { Notifier } from './types.js';

export interface StartAlertingOptions {
  /** Rollups whose minute starts in [fromMs, toMs), e.g. `ledger.rollupsBetween`. */
  rollups: (fromMs: number, toMs: number) => Iterable<Rollup>;
  config: SloConfig;
  notifiers: readonly Notifier[];
  /** Its file also keeps the history and the state. Closed by `close()`. */
  outbox: Outbox;
  log: Logger;
  now?: () => number;
  /** Default 15 000. 0: no timer, evaluate by calling `tick()`. */
  intervalMs?: number;
  /** Names this ballast in pages (default "ballast"). */
  instance?: string;
  /** How long history and finished outbox rows are kept (default 90 days). */
  retentionMs?: number;
  timers?: Timers;
}

export interface Alerting {
  /** The state machines as `evaluateAlerts` keeps them. */
  state(): AlertsState;
  /** One entry per alert, JSON-ready, for GET /api/alerts. */
  currentStates(): AlertStateView[];
  /** Transitions newest first. */
  history(query?: HistoryQuery): AlertHistoryEntry[];
  /** Evaluates now (or at `now`); returns the transitions. The timer calls this. */
  tick(now?: number): AlertTransition[];
  readonly outbox: Outbox;
  /** Stops evaluating, lets a send in flight finish, closes the file. */
  close(): Promise<void>;
}

export const DISABLED_WHILE_FIRING = 'the alert was disabled in the configuration while firing';
const PRUNE_EVERY_MS = 3_600_000;

/** The longest window any enabled alert reads: how far back the rollups must go. */
export function lookbackMs(config: SloConfig): number {
  const a = config.alerts;
  const windows = [a.latency, a.success, a.cost].filter((x) => x.enabled).map((x) => x.window_ms);
  if (a.burn_rate.enabled) for (const p of a.burn_rate.pairs) windows.push(p.long_ms, p.short_ms);
  return Math.max(MINUTE_MS, ...windows);
}

export function startAlerting(options: StartAlertingOptions): Alerting {
  const { config, outbox, log } = options;
  const now = options.now ?? Date.now;
  const timers = options.timers ?? realTimers;
  const instance = options.instance ?? 'ballast';
  const intervalMs = options.intervalMs ?? 15_000;
  const retentionMs = options.retentionMs ?? 90 * 86_400_000;
  const names = options.notifiers.map((n) => n.name);
  const history = new AlertHistory(outbox.db);
  const store = new AlertStateStore(outbox.db);
  const lookback = lookbackMs(config);
  let state: AlertsState = store.load();
  let timer: TimerHandle | null = null;
  let closed = false;
  let lastPrune = -Infinity;

  outbox.start(options.notifiers);
  if (names.length === 0) log.warn('alerting_no_notifiers', { note: 'alerts are evaluated and recorded, but nobody is paged: add alerting.notifiers' });

  const tick = (at: number = now()): AlertTransition[] => {
    if (closed) return [];
    let transitions: AlertTransition[];
    let next: AlertsState;
    const notes = new Map<AlertTransition, string>();
    try {
      const result = evaluateAlerts(state, options.rollups(at - lookback, at + 1), at, config);
      next = result.state;
      transitions = [...result.transitions, ...disabledWhileFiring(state, next, at, notes)];
      outbox.db.transaction(() => {
        for (const t of transitions) {
          const note = notes.get(t);
          const page = pageOf(t, instance, note);
          history.record(t, page !== null && names.length > 0, note ?? null);
          if (page !== null) outbox.enqueue(page, names);
        }
        store.save(next);
      })();
    } catch (err) {
      // Nothing was recorded and the state did not move: the next tick tries again.
      log.error('alert_evaluation_failed', { error: String((err as Error)?.message ?? err) });
      return [];
    }
    state = next;
    for (const t of transitions) {
      const fields = { alert: t.alert, from: t.from, to: t.to, value: t.value, threshold: t.threshold, eligible: t.eligible, window: t.window };
      if (t.to === 'firing') log.warn('alert_transition', fields);
      else log.info('alert_transition', fields);
    }
    if (transitions.length > 0) outbox.kick();
    if (at - lastPrune >= PRUNE_EVERY_MS) {
      lastPrune = at;
      prune(at - retentionMs);
    }
    return transitions;
  };

  const prune = (before: number) => {
    try {
      const rows = outbox.prune(before);
      const entries = history.prune(before);
      if (rows + entries > 0) log.info('alerting_pruned', { outbox_rows: rows, history_entries: entries });
    } catch (err) {
      log.warn('alerting_prune_failed', { error: String((err as Error)?.message ?? err) });
    }
  };

  const schedule = () => {
    if (closed || intervalMs <= 0) return;
    timer = timers.setTimeout(() => {
      timer = null;
      tick();
      schedule();
    }, intervalMs);
  };
  schedule();

  return {
    state: () => state,
    currentStates: () => currentStatesOf(state, intervalMs),
    history: (query) => history.list(query),
    tick,
    outbox,
    async close() {
      if (!closed) {
        closed = true;
        if (timer !== null) timers.clearTimeout(timer);
        timer = null;
      }
      await outbox.close();
    },
  };
}

/**
 * An alert disabled while firing drops out of the state without resolving: resolve it
 * here, so the incident it opened (in PagerDuty, say) does not stay open forever.
 */
function disabledWhileFiring(prev: AlertsState, next: AlertsState, at: number, notes: Map<AlertTransition, string>): AlertTransition[] {
  const out: AlertTransition[] = [];
  for (const [alert, s] of Object.entries(prev) as Array<[AlertName, NonNullable<AlertsState[AlertName]>]>) {
    if (s.phase !== 'firing' || next[alert] !== undefined) continue;
    const t: AlertTransition = { alert, from: 'firing', to: 'resolved', at, value: s.value, threshold: s.threshold, eligible: s.eligible, window: s.window };
    notes.set(t, DISABLED_WHILE_FIRING);
    out.push(t);
  }
  return out;
}
