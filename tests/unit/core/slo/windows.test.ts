import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantile, total } from '../../../../src/core/histogram.js';
import { MINUTE_MS } from '../../../../src/core/slo/duration.js';
import { inWindow, sumWindows, windowBounds } from '../../../../src/core/slo/windows.js';
import { arbFilter, arbNow, arbRequests, reference, toRollups } from './reference.js';
import type { RawRequest } from './reference.js';

const T = Date.UTC(2025, 5, 1, 12, 5); // 12:05:00, on a minute start
const W = 5 * MINUTE_MS;

function one(minute: number): RawRequest {
  return { at: minute, tenant: 'acme', feature: 'chat', provider: 'primary', outcome: 'success', latencyMs: 100, costUsd: 0.01, cacheHit: false, savedUsd: 0 };
}

describe('window edges: (now - W, now] over minute starts', () => {
  it('covers exactly W / 1 minute minutes, the current one included', () => {
    expect(windowBounds(T, W)).toEqual({ from: T - 4 * MINUTE_MS, to: T });
    expect(windowBounds(T + 30_000, W)).toEqual({ from: T - 4 * MINUTE_MS, to: T });
    expect(windowBounds(T + 59_999, W)).toEqual({ from: T - 4 * MINUTE_MS, to: T });
    expect(windowBounds(T - 1, W)).toEqual({ from: T - 5 * MINUTE_MS, to: T - MINUTE_MS });
  });

  it('leaves out the rollup exactly at now - W and takes the one at now', () => {
    expect(inWindow(T - W, T, W)).toBe(false);
    expect(inWindow(T - W + MINUTE_MS, T, W)).toBe(true);
    expect(inWindow(T, T, W)).toBe(true);
    expect(inWindow(T + MINUTE_MS, T, W)).toBe(false);
    // One millisecond earlier the window slides back a whole minute.
    expect(inWindow(T - W, T - 1, W)).toBe(true);
    expect(inWindow(T, T - 1, W)).toBe(false);
  });

  it('sums the same rollups inWindow picks, at the edges', () => {
    const rollups = toRollups([-6, -5, -4, -1, 0, 1].map((k) => one(T + k * MINUTE_MS)));
    expect(sumWindows(rollups, T, [W])[0]?.eligible).toBe(3); // -4, -1, 0
    expect(sumWindows(rollups, T + 59_999, [W])[0]?.eligible).toBe(3);
    expect(sumWindows(rollups, T - 1, [W])[0]?.eligible).toBe(3); // -5, -4, -1
    expect(sumWindows(rollups, T + MINUTE_MS, [W])[0]?.eligible).toBe(3); // -1, 0, 1
  });
});

describe('sumWindows', () => {
  it('matches a brute-force sum for every window, nested or not, in the given order', () => {
    const windows = fc.array(fc.integer({ min: 1, max: 26 * 60 }).map((m) => m * MINUTE_MS), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(arbNow.chain((now) => fc.tuple(fc.constant(now), arbRequests(now), windows, arbFilter)), ([now, requests, ws, filter]) => {
        const sums = sumWindows(toRollups(requests), now, ws, filter);
        ws.forEach((ms, i) => {
          const ref = reference(requests, now, ms, filter);
          const got = sums[i];
          expect(got?.eligible).toBe(ref.eligible);
          expect(got?.successes).toBe(ref.successes);
          expect(got?.clientErrors).toBe(ref.clientErrors);
          expect(got?.cacheHits).toBe(ref.cacheHits);
          expect(got?.costUsd).toBeCloseTo(ref.costUsd, 9);
          expect(got?.costSavedUsd).toBeCloseTo(ref.costSavedUsd, 9);
          expect(total(got?.latency ?? new Map())).toBe(ref.successes);
        });
      }),
    );
  });

  it('merges histograms only for the windows asked, and leaves the others empty', () => {
    const requests = [-30, -10, -2].map((k) => one(T + k * MINUTE_MS));
    const [five, hour] = sumWindows(toRollups(requests), T, [W, 60 * MINUTE_MS], {}, [W]);
    expect(total(five?.latency ?? new Map())).toBe(1);
    expect(total(hour?.latency ?? new Map())).toBe(0);
    expect(hour?.successes).toBe(3);
    expect(quantile(five?.latency ?? new Map(), 0.95)).toBeCloseTo(100, -1);
  });

  it('returns empty totals, not an error, for no rollups or no windows', () => {
    expect(sumWindows([], T, [W])[0]?.eligible).toBe(0);
    expect(sumWindows(toRollups([one(T)]), T, [])).toEqual([]);
  });
});
