/** The alert states as the API shows them: one entry per alert, times in ISO 8601. */
import type { AlertPhase } from '../../core/slo/alert-state.js';
import type { AlertName } from '../../core/slo/config.js';
import type { AlertsState } from '../../core/slo/evaluate-alerts.js';

export interface AlertStateView {
  alert: AlertName;
  phase: AlertPhase;
  active_at: string | null;
  fired_at: string | null;
  resolved_at: string | null;
  value: number | null;
  threshold: number;
  eligible: number;
  window: string;
  evaluated_at: string;
  /** When the loop reads the alerts again (evaluated_at + alerting.interval_s), or null when it does not run on a timer. */
  next_evaluation_at: string | null;
  interval_s: number | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The states with when they were read and when they will be read next: an alert is a
 * reading of its own window every interval, so the panel says how old it is (issue #19).
 */
export function currentStatesOf(state: AlertsState, intervalMs = 0): AlertStateView[] {
  return (Object.entries(state) as Array<[AlertName, NonNullable<AlertsState[AlertName]>]>).map(([alert, s]) => ({
    alert,
    phase: s.phase,
    active_at: iso(s.activeAt),
    fired_at: iso(s.firedAt),
    resolved_at: iso(s.resolvedAt),
    value: s.value,
    threshold: s.threshold,
    eligible: s.eligible,
    window: s.window,
    evaluated_at: new Date(s.evaluatedAt).toISOString(),
    next_evaluation_at: intervalMs > 0 ? new Date(s.evaluatedAt + intervalMs).toISOString() : null,
    interval_s: intervalMs > 0 ? intervalMs / 1000 : null,
  }));
}
