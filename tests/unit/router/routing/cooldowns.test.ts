import { describe, expect, it } from 'vitest';
import { Cooldowns } from '../../../../src/router/routing/cooldowns.js';

const policy = { failures: 3, window_ms: 10_000, cooldown_ms: 5_000, auth_cooldown_ms: 60_000 };

describe('Cooldowns', () => {
  it('cools a provider down after N failures within the window, then lets it back', () => {
    let now = 1_000_000;
    const c = new Cooldowns(policy, () => now);
    expect(c.recordFailure('p', 'x')).toBe(false);
    expect(c.recordFailure('p', 'x')).toBe(false);
    expect(c.isCoolingDown('p')).toBe(false);
    expect(c.recordFailure('p', '503')).toBe(true);
    expect(c.isCoolingDown('p')).toBe(true);
    expect(c.state('p').reason).toBe('503');
    now += 5_001;
    expect(c.isCoolingDown('p')).toBe(false);
  });

  it('forgets failures older than the window', () => {
    let now = 0;
    const c = new Cooldowns(policy, () => now);
    c.recordFailure('p', 'x');
    c.recordFailure('p', 'x');
    now += 10_001;
    expect(c.recordFailure('p', 'x')).toBe(false);
    expect(c.isCoolingDown('p')).toBe(false);
  });

  it('a success resets the failure count', () => {
    const c = new Cooldowns(policy, () => 0);
    c.recordFailure('p', 'x');
    c.recordFailure('p', 'x');
    c.recordSuccess('p');
    expect(c.recordFailure('p', 'x')).toBe(false);
  });

  it('an auth failure cools down at once for the auth cooldown; clear restores', () => {
    let now = 0;
    const c = new Cooldowns(policy, () => now);
    c.recordAuthFailure('p', '401');
    expect(c.isCoolingDown('p')).toBe(true);
    now = 59_999;
    expect(c.isCoolingDown('p')).toBe(true);
    c.clear('p');
    expect(c.isCoolingDown('p')).toBe(false);
    expect(c.lastFailureAt('p')).toBe(0);
  });
});

describe('hold: a 429 remembered for its retry-after (issue #14)', () => {
  it('takes the provider out of rotation for exactly that long, never shortening a longer cooldown', () => {
    let t = 1_000_000;
    const c = new Cooldowns({ failures: 3, window_ms: 60_000, cooldown_ms: 30_000, auth_cooldown_ms: 300_000 }, () => t);
    c.hold('p', 30_000, 'p: 429');
    expect(c.state('p')).toMatchObject({ coolingDown: true, until: 1_030_000, reason: 'p: 429' });
    t += 29_999;
    expect(c.isCoolingDown('p')).toBe(true);
    t += 1;
    expect(c.isCoolingDown('p')).toBe(false);
    c.recordPersistentFailure('q', 'q: 401');
    c.hold('q', 1_000, 'q: 429');
    expect(c.state('q').until).toBe(t + 300_000);
  });
});
