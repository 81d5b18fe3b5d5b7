import { describe, expect, it } from 'vitest';
import type { AttemptRecord, RequestContext } from '../../../../src/router/context.js';
import { DrillWatch } from '../../../../src/router/drill/drill-watch.js';
import type { CooldownState } from '../../../../src/router/routing/cooldowns.js';

const T0 = 1_700_000_000_000;
function ctx(startedAt: number, provider: string | null, attempts: Array<Partial<AttemptRecord>>, outcome: RequestContext['outcome'] = 'success'): RequestContext {
  return {
    id: `req_${startedAt}`,
    startedAt,
    provider,
    outcome,
    attempts: attempts.map((a) => ({ provider: 'primary', model: 'm', startMs: 0, durationMs: 10, outcome: 'ok', ...a })),
  } as RequestContext;
}
const calm = (p: string): CooldownState => ({ provider: p, coolingDown: false, until: null, reason: null, recentFailures: 0, lastFailureAt: null });

describe('DrillWatch', () => {
  it('sees revoke -> first auth failure -> cooldown -> failover, then restore -> recovery, each once', () => {
    const w = new DrillWatch();
    expect(w.observe(ctx(T0, 'primary', [{}]), calm, T0 + 20)).toEqual([]);
    w.action({ at: T0 + 100, kind: 'revoke', provider: 'primary' });
    // a request that started before the revoke and succeeded on the primary says nothing
    expect(w.observe(ctx(T0 + 90, 'primary', [{}]), calm, T0 + 120)).toEqual([]);
    const cooling = (p: string): CooldownState => ({ ...calm(p), coolingDown: p === 'primary', until: T0 + 300_000, lastFailureAt: T0 + 215 });
    const failedOver = ctx(T0 + 200, 'secondary', [{ outcome: 'auth', status: 401, startMs: 5, durationMs: 10 }, { provider: 'secondary', startMs: 16 }]);
    const seen = w.observe(failedOver, cooling, T0 + 260);
    expect(seen.map((e) => [e.kind, e.at])).toEqual([
      ['first_auth_failure', T0 + 215],
      ['cooldown_start', T0 + 215],
      ['failover', T0 + 260],
    ]);
    expect(w.firstFailureAt).toBe(T0 + 215);
    expect(w.observe(ctx(T0 + 300, 'secondary', [{ provider: 'secondary' }]), cooling, T0 + 320)).toEqual([]);
    w.action({ at: T0 + 400, kind: 'restore', provider: 'primary' });
    expect(w.observe(ctx(T0 + 410, 'secondary', [{ provider: 'secondary' }]), calm, T0 + 430)).toEqual([]);
    expect(w.observe(ctx(T0 + 450, 'primary', [{}]), calm, T0 + 470).map((e) => e.kind)).toEqual(['recovery']);
    expect(w.observe(ctx(T0 + 480, 'primary', [{}]), calm, T0 + 490)).toEqual([]);
  });

  it('replays a stored timeline: nothing already seen is reported again', () => {
    const w = DrillWatch.replay([
      { at: T0, kind: 'revoke', provider: 'primary' },
      { at: T0 + 10, kind: 'first_auth_failure', provider: 'primary' },
    ]);
    expect(w.firstFailureAt).toBe(T0 + 10);
    const again = ctx(T0 + 20, 'secondary', [{ outcome: 'auth', status: 401 }, { provider: 'secondary' }]);
    expect(w.observe(again, calm, T0 + 50).map((e) => e.kind)).toEqual(['failover']);
  });
});
