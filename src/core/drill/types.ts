/**
 * The drill as the admin API answers it (GET /admin/drills/:id): shared by the router,
 * which builds it, and the PWA's Drill page, which shows it. Types only.
 */
export type Role = 'lead' | 'operator' | 'scribe';

export type EventKind =
  | 'started'
  | 'step'
  | 'note'
  | 'revoke'
  | 'first_auth_failure'
  | 'failover'
  | 'cooldown_start'
  | 'restore'
  | 'recovery'
  | 'finished';

export interface LiveFigures {
  requests: number;
  eligible: number;
  successes: number;
  /** Eligible requests that failed: what spends the error budget. */
  failed: number;
  client_errors: number;
  success_rate: number | null;
  split: Array<{ provider: string; requests: number; share: number }>;
  p95_ms: number | null;
  /** p95 of the requests that finished after the first auth failure; null before it. */
  p95_after_failure_ms: number | null;
  targets: { success_rate: number; p95_latency_ms: number };
  met: { success_rate: boolean | null; p95: boolean | null; p95_after_failure: boolean | null };
}

export interface Detection {
  provider: string | null;
  revoked_at: string | null;
  first_auth_failure_at: string | null;
  failover_at: string | null;
  cooldown_at: string | null;
  restored_at: string | null;
  recovered_at: string | null;
  /** Revoke -> first auth failure. */
  time_to_detect_ms: number | null;
  /** Revoke -> first answer from another provider. */
  time_to_failover_ms: number | null;
  /** Restore -> first answer from the restored provider. */
  time_to_recover_ms: number | null;
}

export interface BudgetUse {
  /** Eligible requests that failed during the drill. */
  failed_in_drill: number;
  /** Failures the success target allows over the rolling window (SLO engine). */
  allowed_in_window: number;
  window_days: number;
  window_eligible: number;
  /** failed_in_drill / allowed_in_window; null when the window allows none. */
  share: number | null;
}

export interface DrillView {
  id: string;
  status: 'running' | 'finished';
  started_at: string;
  deadline: string;
  finished_at: string | null;
  now: string;
  remaining_ms: number;
  roles: Record<Role, string>;
  primary: string;
  steps: Array<{
    id: string;
    label: string;
    role: Role;
    checked_at: string | null;
    checked_by: string | null;
    /** The live condition behind the step (baseline, verify_green) while the drill runs; null for a step with none. */
    condition?: { met: boolean; reason: string } | null;
    /** Checked while its condition was not met: why, and the note that overrode it. */
    override?: { reason: string; note: string } | null;
  }>;
  next_step: string | null;
  timeline: Array<{ at: string; offset_ms: number; kind: EventKind; label: string; who: string | null; step: string | null; text: string | null; provider: string | null; detail: string | null }>;
  figures: LiveFigures;
  detection: Detection;
  error_budget: BudgetUse | null;
  findings: string | null;
  report_available: boolean;
  /** Providers not back to normal (key revoked, cooling down): now while running, at the finish once finished (null for drills finished before issue #19). */
  unhealthy?: string[] | null;
}
