/**
 * The alert evaluator the router calls every minute (or every few seconds): state in,
 * state and transitions out, no clock of its own.
 */
import { alertConditions } from './alert-conditions.js';
import { stepAlert } from './alert-state.js';
import type { AlertState, AlertTransition } from './alert-state.js';
import type { AlertName, SloConfig } from './config.js';
import type { Rollup, RollupFilter } from './rollup.js';

/** One entry per enabled alert; `{}` is the state before the first evaluation. */
export type AlertsState = Partial<Record<AlertName, AlertState>>;

export interface AlertsEvaluation {
  state: AlertsState;
  transitions: AlertTransition[];
}

const ORDER: readonly AlertName[] = ['latency', 'success', 'cost', 'burn_rate'];

/**
 * Evaluates every enabled alert at `now` and steps its state machine. Disabled alerts
 * drop out of the state. Only the last few hours of rollups matter (the longest alert
 * window); older ones are skipped cheaply, so passing more is harmless.
 *
 * @example
 * let state: AlertsState = {};
 * const r = evaluateAlerts(state, rollups, now, withDefaults());
 * state = r.state;
 * for (const t of r.transitions.filter(isPage)) page(t);
 */
export function evaluateAlerts(
  state: AlertsState,
  rollups: Iterable<Rollup>,
  now: number,
  config: SloConfig,
  filter: RollupFilter = {},
): AlertsEvaluation {
  const conditions = alertConditions(rollups, now, config, filter);
  const next: AlertsState = {};
  const transitions: AlertTransition[] = [];
  for (const name of ORDER) {
    const cond = conditions[name];
    if (cond === undefined) continue;
    const step = stepAlert(name, state[name], cond, now, { for_ms: config.alerts[name].for_ms, keep_resolved_ms: config.alerts.keep_resolved_ms });
    next[name] = step.state;
    transitions.push(...step.transitions);
  }
  return { state: next, transitions };
}
