/**
 * What the router saw during a drill, from the finished requests (rt.recorders) and
 * the cooldowns: after a revoke, the first auth failure on that provider, the first
 * answer from another provider (failover), the provider's cooldown; after a restore,
 * the first answer from the restored provider (recovery). Only observes.
 */
import type { RequestContext } from '../context.js';
import type { CooldownState } from '../routing/cooldowns.js';
import type { DrillEvent } from './timeline.js';

interface Cycle {
  revokedAt: number;
  firstAuthAt: number | null;
  failoverAt: number | null;
  cooldownAt: number | null;
  restoredAt: number | null;
  recoveredAt: number | null;
}

export class DrillWatch {
  readonly #cycles = new Map<string, Cycle>();
  /** The drill's first auth failure on a revoked provider: p95 "after the first failure" counts from here. */
  firstFailureAt: number | null = null;

  /** Rebuilds the state from a stored timeline (after a restart). */
  static replay(events: readonly DrillEvent[]): DrillWatch {
    const w = new DrillWatch();
    for (const e of events) w.#apply(e);
    return w;
  }

  #apply(e: DrillEvent): void {
    const p = e.provider ?? '';
    const c = this.#cycles.get(p);
    switch (e.kind) {
      case 'revoke':
        this.#cycles.set(p, { revokedAt: e.at, firstAuthAt: null, failoverAt: null, cooldownAt: null, restoredAt: null, recoveredAt: null });
        break;
      case 'first_auth_failure':
        if (c) c.firstAuthAt = e.at;
        this.firstFailureAt ??= e.at;
        break;
      case 'failover':
        if (c) c.failoverAt = e.at;
        break;
      case 'cooldown_start':
        if (c) c.cooldownAt = e.at;
        break;
      case 'restore':
        if (c) c.restoredAt = e.at;
        break;
      case 'recovery':
        if (c) c.recoveredAt = e.at;
        break;
      default:
    }
  }

  /** Records a revoke or restore event and arms what follows it. */
  action(e: DrillEvent): void {
    this.#apply(e);
  }

  /** The router events this finished request reveals (usually none). */
  observe(ctx: RequestContext, cooldown: (provider: string) => CooldownState, now: number): DrillEvent[] {
    const out: DrillEvent[] = [];
    const emit = (e: DrillEvent) => {
      this.#apply(e);
      out.push(e);
    };
    for (const [provider, c] of this.#cycles) {
      if (c.restoredAt === null) {
        if (c.firstAuthAt === null) {
          const a = ctx.attempts.find((x) => x.provider === provider && x.outcome === 'auth');
          const at = a ? ctx.startedAt + a.startMs + a.durationMs : null;
          if (a && at !== null && at >= c.revokedAt) {
            emit({ at, kind: 'first_auth_failure', provider, who: 'router', detail: `${provider} answered ${a.status ?? 'an auth error'} (request ${ctx.id})` });
          }
        }
        if (c.firstAuthAt !== null && c.cooldownAt === null) {
          const s = cooldown(provider);
          if (s.coolingDown) {
            const until = s.until === null ? '' : ` until ${new Date(s.until).toISOString()}`;
            emit({ at: Math.max(s.lastFailureAt ?? c.firstAuthAt, c.firstAuthAt), kind: 'cooldown_start', provider, who: 'router', detail: `${provider} out of rotation${until}` });
          }
        }
        if (c.firstAuthAt !== null && c.failoverAt === null && ctx.outcome === 'success' && ctx.provider !== null && ctx.provider !== provider) {
          emit({ at: Math.max(now, c.firstAuthAt), kind: 'failover', provider, who: 'router', detail: `request ${ctx.id} served by ${ctx.provider}` });
        }
      } else if (c.recoveredAt === null && ctx.outcome === 'success' && ctx.provider === provider && ctx.startedAt >= c.restoredAt) {
        emit({ at: now, kind: 'recovery', provider, who: 'router', detail: `request ${ctx.id} served by ${provider} again` });
      }
    }
    return out;
  }
}
