/**
 * The drill SOP as a checklist: each step, who does it, and what it asks. The router
 * only records the steps as people check them; nothing here acts.
 */
import type { Role } from '../../core/drill/types.js';

export type { Role };

export interface SopStep {
  id: string;
  label: string;
  role: Role;
}

export const SOP_STEPS: readonly SopStep[] = [
  { id: 'announce', label: 'Announce the drill and start the clock', role: 'lead' },
  { id: 'baseline', label: 'Baseline check: traffic flowing, providers healthy, p95 within target', role: 'operator' },
  { id: 'revoke', label: "Revoke the primary provider's key", role: 'operator' },
  { id: 'watch_failover', label: 'Watch the router fail over to the secondary', role: 'operator' },
  { id: 'confirm_p95', label: 'Confirm p95 stays within target', role: 'lead' },
  { id: 'restore', label: "Restore the primary's key", role: 'operator' },
  { id: 'verify_green', label: 'Verify everything is green: the primary serves again', role: 'operator' },
  { id: 'debrief', label: 'Debrief: the scribe reads the findings', role: 'scribe' },
];

export const ROLES: readonly Role[] = ['lead', 'operator', 'scribe'];
export const ROLE_LABEL: Record<Role, string> = { lead: 'drill lead', operator: 'operator', scribe: 'scribe' };

/** The drill clock: 30 minutes. */
export const DRILL_MS = 30 * 60_000;

export function stepById(id: string): SopStep | undefined {
  return SOP_STEPS.find((s) => s.id === id);
}
