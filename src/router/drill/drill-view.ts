/**
 * A drill as the API answers it: roles, clock, checklist, timeline, live figures,
 * detection times and the error budget it spent.
 */
import type { DrillRow } from './drill-store.js';
import type { BudgetUse, Detection, DrillView, EventKind, LiveFigures, Role } from '../../core/drill/types.js';
import { ROLE_LABEL, SOP_STEPS } from './sop.js';
import { EVENT_LABEL, sortTimeline, type DrillEvent } from './timeline.js';

export type { BudgetUse, Detection, DrillView };

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

export function detectionOf(events: readonly DrillEvent[]): Detection {
  const revoke = events.find((e) => e.kind === 'revoke');
  const p = revoke?.provider ?? null;
  const after = (kind: EventKind, from: number | undefined) =>
    from === undefined ? undefined : events.find((e) => e.kind === kind && e.provider === p && e.at >= from);
  const auth = after('first_auth_failure', revoke?.at);
  const failover = after('failover', revoke?.at);
  const cooldown = after('cooldown_start', revoke?.at);
  const restore = after('restore', revoke?.at);
  const recovery = after('recovery', restore?.at);
  const diff = (a?: DrillEvent, b?: DrillEvent) => (a && b ? Math.max(0, b.at - a.at) : null);
  return {
    provider: p,
    revoked_at: iso(revoke?.at),
    first_auth_failure_at: iso(auth?.at),
    failover_at: iso(failover?.at),
    cooldown_at: iso(cooldown?.at),
    restored_at: iso(restore?.at),
    recovered_at: iso(recovery?.at),
    time_to_detect_ms: diff(revoke, auth),
    time_to_failover_ms: diff(revoke, failover),
    time_to_recover_ms: diff(restore, recovery),
  };
}

export function budgetUse(failed: number, window: { allowed: number; eligible: number; window_days: number } | null): BudgetUse | null {
  if (window === null) return null;
  return {
    failed_in_drill: failed,
    allowed_in_window: window.allowed,
    window_days: window.window_days,
    window_eligible: window.eligible,
    share: window.allowed > 0 ? failed / window.allowed : null,
  };
}

/** The prefix of a step event's detail when it was checked against a failed condition. */
export const OVERRIDE_PREFIX = 'not met: ';

export interface LiveState {
  /** Each step's live condition (running drills only). */
  conditions: (step: string) => { met: boolean; reason: string } | null;
  unhealthy: string[] | null;
}

export function toView(row: DrillRow, events: readonly DrillEvent[], figures: LiveFigures, budget: BudgetUse | null, now: number, live: LiveState | null = null): DrillView {
  const roles: Record<Role, string> = { lead: row.lead, operator: row.operator, scribe: row.scribe };
  const checks = new Map<string, DrillEvent>();
  for (const e of events) if (e.kind === 'step' && e.step && !checks.has(e.step)) checks.set(e.step, e);
  const steps = SOP_STEPS.map((s) => {
    const e = checks.get(s.id);
    const overridden = e?.detail?.startsWith(OVERRIDE_PREFIX) ? { reason: e.detail.slice(OVERRIDE_PREFIX.length), note: e.text ?? '' } : null;
    return { ...s, checked_at: iso(e?.at), checked_by: e?.who ?? null, condition: live && row.finished_at === null ? live.conditions(s.id) : null, override: overridden };
  });
  const end = row.finished_at ?? now;
  return {
    id: row.id,
    status: row.finished_at === null ? 'running' : 'finished',
    started_at: new Date(row.started_at).toISOString(),
    deadline: new Date(row.deadline).toISOString(),
    finished_at: iso(row.finished_at),
    now: new Date(now).toISOString(),
    remaining_ms: row.finished_at === null ? row.deadline - now : row.deadline - end,
    roles,
    primary: row.primary_provider,
    steps,
    next_step: steps.find((s) => s.checked_at === null)?.id ?? null,
    timeline: sortTimeline(events).map((e) => ({
      at: new Date(e.at).toISOString(),
      offset_ms: e.at - row.started_at,
      kind: e.kind,
      label: EVENT_LABEL[e.kind],
      who: e.who ?? null,
      step: e.step ?? null,
      text: e.text ?? null,
      provider: e.provider ?? null,
      detail: e.detail ?? null,
    })),
    figures,
    detection: detectionOf(events),
    error_budget: budget,
    findings: row.findings,
    report_available: row.report !== null,
    unhealthy: live?.unhealthy ?? null,
  };
}

export { ROLE_LABEL };
