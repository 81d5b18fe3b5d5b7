/**
 * One alert's state machine, as Prometheus runs it: inactive -> pending (the condition
 * holds, since `activeAt`) -> firing (it held for `for`, at `firedAt`) -> resolved (it
 * stopped holding, at `resolvedAt`) -> inactive after `keep_resolved`, or pending again.
 * A pending alert whose condition stops holding goes back to inactive without paging.
 */
import type { AlertCondition } from './alert-conditions.js';
import type { AlertName } from './config.js';

export type AlertPhase = 'inactive' | 'pending' | 'firing' | 'resolved';

export interface AlertState {
  phase: AlertPhase;
  activeAt: number | null;
  firedAt: number | null;
  resolvedAt: number | null;
  /** The last evaluation's figures. */
  value: number | null;
  threshold: number;
  eligible: number;
  window: string;
  evaluatedAt: number;
}

export interface AlertTransition {
  alert: AlertName;
  from: AlertPhase;
  to: AlertPhase;
  at: number;
  value: number | null;
  threshold: number;
  eligible: number;
  window: string;
}

export interface AlertTiming {
  for_ms: number;
  keep_resolved_ms: number;
}

/**
 * Whether a transition should reach a human: an alert starts firing, or a firing one resolves.
 *
 * @example transitions.filter(isPage).forEach(sendPage)
 */
export function isPage(t: AlertTransition): boolean {
  return t.to === 'firing' || (t.from === 'firing' && t.to === 'resolved');
}

/**
 * The next state of one alert given this evaluation's condition. With `for_ms` 0 an
 * alert goes from inactive straight to firing (one transition).
 *
 * @example stepAlert('success', undefined, { active: true, ... }, now, { for_ms: 300_000, keep_resolved_ms: 900_000 })
 *   // { state: { phase: 'pending', activeAt: now, ... }, transitions: [{ from: 'inactive', to: 'pending', ... }] }
 */
export function stepAlert(
  alert: AlertName,
  prev: AlertState | undefined,
  cond: AlertCondition,
  now: number,
  timing: AlertTiming,
): { state: AlertState; transitions: AlertTransition[] } {
  let phase: AlertPhase = prev?.phase ?? 'inactive';
  let activeAt = prev?.activeAt ?? null;
  let firedAt = prev?.firedAt ?? null;
  let resolvedAt = prev?.resolvedAt ?? null;
  const transitions: AlertTransition[] = [];
  const figures = { value: cond.value, threshold: cond.threshold, eligible: cond.eligible, window: cond.window };
  const move = (to: AlertPhase) => {
    transitions.push({ alert, from: phase, to, at: now, ...figures });
    phase = to;
  };

  if (cond.active) {
    if (phase === 'inactive' || phase === 'resolved') {
      activeAt = now;
      firedAt = null;
      resolvedAt = null;
    }
    if (phase !== 'firing' && now - (activeAt as number) >= timing.for_ms) {
      firedAt = now;
      move('firing');
    } else if (phase !== 'pending' && phase !== 'firing') {
      move('pending');
    }
  } else if (phase === 'pending') {
    activeAt = null;
    move('inactive');
  } else if (phase === 'firing') {
    resolvedAt = now;
    move('resolved');
  } else if (phase === 'resolved' && now - (resolvedAt as number) >= timing.keep_resolved_ms) {
    activeAt = firedAt = resolvedAt = null;
    move('inactive');
  }
  return { state: { phase, activeAt, firedAt, resolvedAt, ...figures, evaluatedAt: now }, transitions };
}
