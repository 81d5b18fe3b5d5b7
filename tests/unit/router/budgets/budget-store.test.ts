import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryBudgetStore, type BudgetScope } from '../../../../src/router/budgets/budget-store.js';

const daily: BudgetScope = { key: 'tenant:a:daily:d', label: 'tenant "a" daily budget', limitUsd: 1 };
const feature: BudgetScope = { key: 'feature:f:daily:d', label: 'feature "f" daily budget', limitUsd: 0.5 };

describe('MemoryBudgetStore', () => {
  it('reserves in every scope or none', () => {
    const store = new MemoryBudgetStore();
    const r = store.reserve([daily, feature], 0.4);
    expect(r.ok).toBe(true);
    const refused = store.reserve([daily, feature], 0.2);
    expect(refused).toMatchObject({ ok: false, scope: feature });
    expect(store.usage(daily).reservedUsd).toBeCloseTo(0.4); // the daily scope was not touched by the refusal
  });

  it('settles to the actual cost and refunds the rest; settling twice changes nothing', () => {
    const store = new MemoryBudgetStore();
    const r = store.reserve([daily], 0.4);
    if (!r.ok) throw new Error('expected a reservation');
    store.settle(r.reservation, 0.1);
    store.settle(r.reservation, 0.1);
    expect(store.usage(daily)).toEqual({ spentUsd: 0.1, reservedUsd: 0 });
    expect(store.remaining(daily)).toBeCloseTo(0.9);
  });

  it('200 concurrent requests in any order never spend past the budget (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ worst: fc.double({ min: 0.001, max: 0.05, noNaN: true }), fraction: fc.double({ min: 0, max: 1, noNaN: true }) }), { minLength: 200, maxLength: 200 }),
        fc.array(fc.nat(), { minLength: 400, maxLength: 400 }),
        (requests, order) => {
          const store = new MemoryBudgetStore();
          const limit = daily.limitUsd;
          const open: Array<{ r: ReturnType<MemoryBudgetStore['reserve']>; actual: number }> = [];
          let next = 0;
          // Interleave: each step either starts the next request or settles a random open one.
          for (const pick of order) {
            if (next < requests.length && (open.length === 0 || pick % 2 === 0)) {
              const q = requests[next++]!;
              open.push({ r: store.reserve([daily], q.worst), actual: q.worst * q.fraction });
            } else if (open.length > 0) {
              const [o] = open.splice(pick % open.length, 1);
              if (o!.r.ok) store.settle(o!.r.reservation, o!.actual);
            }
            const u = store.usage(daily);
            expect(u.spentUsd + u.reservedUsd).toBeLessThanOrEqual(limit + 1e-9);
          }
          for (const o of open) if (o.r.ok) store.settle(o.r.reservation, o.actual);
          expect(store.usage(daily).spentUsd).toBeLessThanOrEqual(limit + 1e-9);
        },
      ),
      { numRuns: 100 },
    );
  });
});
