import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHistogram, record } from '../../../../src/core/histogram.js';
import { emptyTotals } from '../../../../src/core/slo/totals.js';
import { computeSlis } from '../../../../src/core/slo/compute-slis.js';
import { withDefaults } from '../../../../src/core/slo/config.js';
import type { Rollup } from '../../../../src/core/slo/rollup.js';
import { RollupWindow } from '../../../../src/router/api/rollup-window.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** An in-memory store with the ledger's rollupsBetween contract: minute in [from, to). */
class Store {
  rollups: Rollup[] = [];
  rollupsBetween(from: number, to: number): Rollup[] {
    return this.rollups.filter((r) => r.minute >= from && r.minute < to).map((r) => ({ ...r, latency: new Map(r.latency) }));
  }
}

function minuteRollup(minute: number, provider: string, n: number, fails: number, latency: number): Rollup {
  const h = createHistogram();
  record(h, latency, n - fails);
  return { minute, tenant: 't', feature: 'f', provider, ...emptyTotals(), eligible: n, successes: n - fails, costUsd: n * 0.001, latency: h };
}

describe('RollupWindow', () => {
  it('gives exactly the figures of reading every minute, at any moment, across hour and day boundaries (property)', () => {
    const slo = withDefaults({ window_days: 2 });
    const start = Date.UTC(2026, 10, 1);
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.integer({ min: 0, max: 3 * 24 * 60 - 1 }), provider: fc.constantFrom('primary', 'secondary'), n: fc.integer({ min: 1, max: 50 }), fails: fc.integer({ min: 0, max: 3 }), latency: fc.integer({ min: 100, max: 5000 }) }), { minLength: 20, maxLength: 200 }),
        fc.array(fc.integer({ min: 2 * 24 * 60, max: 3 * 24 * 60 }), { minLength: 1, maxLength: 6 }),
        (traffic, checks) => {
          const store = new Store();
          const window = new RollupWindow(store, slo.window_days * DAY);
          for (const checkMinute of [...checks].sort((a, b) => a - b)) {
            // traffic arrives over time: what started before "now" is stored, at most 15 minutes late
            const now = start + checkMinute * MINUTE + 30_000;
            store.rollups = traffic.filter((t) => start + t.at * MINUTE <= now).map((t) => minuteRollup(start + t.at * MINUTE, t.provider, t.n, Math.min(t.fails, t.n), t.latency));
            const exact = computeSlis(store.rollupsBetween(now - slo.window_days * DAY - MINUTE, now + MINUTE), now, slo);
            const warm = computeSlis(window.at(now), now, slo);
            expect(warm.rolling).toEqual(exact.rolling);
            expect(warm.windows).toEqual(exact.windows);
            expect(warm.budget).toEqual(exact.budget);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
