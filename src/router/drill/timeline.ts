/** What a drill's timeline holds: people's actions and what the router saw. */
import type { EventKind } from '../../core/drill/types.js';

export type { EventKind };

export interface DrillEvent {
  at: number;
  kind: EventKind;
  step?: string | null;
  who?: string | null;
  text?: string | null;
  provider?: string | null;
  detail?: string | null;
}

export const EVENT_LABEL: Record<EventKind, string> = {
  started: 'Drill started',
  step: 'Step checked',
  note: 'Note',
  revoke: 'Key revoked',
  first_auth_failure: 'First auth failure',
  failover: 'Failover detected',
  cooldown_start: 'Cooldown started',
  restore: 'Key restored',
  recovery: 'Recovered',
  finished: 'Drill finished',
};

/** Timeline order: by time, then in the order recorded. */
export function sortTimeline(events: readonly DrillEvent[]): DrillEvent[] {
  return events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || a.i - b.i).map((x) => x.e);
}
