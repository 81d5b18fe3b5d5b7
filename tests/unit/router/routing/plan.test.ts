import { describe, expect, it } from 'vitest';
import { groupSchema } from '../../../../src/router/config/schema.js';
import { planAttempts, type PlanInput } from '../../../../src/router/routing/plan.js';

const group = groupSchema.parse({
  deployments: [
    { provider: 'primary', model: 'm1', weight: 9 },
    { provider: 'secondary', model: 'm2', weight: 1 },
  ],
});

const base = (over: Partial<PlanInput> = {}): PlanInput => ({
  group,
  bypass: false,
  pin: undefined,
  isCoolingDown: () => false,
  lastFailureAt: () => 0,
  random: () => 0.5,
  ...over,
});
const names = (input: PlanInput) => planAttempts(input).deployments.map((d) => d.provider);

describe('planAttempts', () => {
  it('weighted: the draw picks the first provider, the other follows as failover', () => {
    expect(names(base({ random: () => 0.5 }))).toEqual(['primary', 'secondary']);
    expect(names(base({ random: () => 0.95 }))).toEqual(['secondary', 'primary']);
    expect(planAttempts(base()).retriesInGroup).toBe(1);
  });

  it('ordered: always primary first, whatever the weights', () => {
    const ordered = { ...group, strategy: 'ordered' as const };
    expect(names(base({ group: ordered, random: () => 0.99 }))).toEqual(['primary', 'secondary']);
  });

  it('bypass: the primary only, no retry', () => {
    const plan = planAttempts(base({ bypass: true, random: () => 0.99 }));
    expect(plan.deployments.map((d) => d.provider)).toEqual(['primary']);
    expect(plan.retriesInGroup).toBe(0);
    expect(plan.mode).toBe('bypass');
  });

  it('pinned: that provider only, even while it cools down', () => {
    expect(names(base({ pin: 'secondary', isCoolingDown: (p) => p === 'secondary' }))).toEqual(['secondary']);
  });

  it('a cooling provider moves behind the healthy ones', () => {
    expect(names(base({ isCoolingDown: (p) => p === 'primary' }))).toEqual(['secondary', 'primary']);
  });

  it('all cooling: the one that failed least recently goes first, so nothing fails untried', () => {
    const lastFailureAt = (p: string) => (p === 'primary' ? 2000 : 1000);
    expect(names(base({ isCoolingDown: () => true, lastFailureAt }))).toEqual(['secondary', 'primary']);
  });
});
