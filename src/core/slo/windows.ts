/**
 * Trailing windows over per-minute rollups. A window of length W at `now` holds the
 * rollups whose minute start m satisfies now - W < m <= now: exactly W / 1 minute
 * minutes, the current (possibly still filling) minute included, the minute that
 * starts exactly at now - W excluded.
 */
import { MINUTE_MS } from './duration.js';
import { matches } from './rollup.js';
import type { Rollup, RollupFilter } from './rollup.js';
import { addTotals, cloneTotals, emptyTotals } from './totals.js';
import type { Totals } from './totals.js';

/** First and last minute starts a window covers (both included). */
export interface WindowBounds {
  from: number;
  to: number;
}

/**
 * @example windowBounds(Date.UTC(2025, 0, 1, 12, 5, 30), 300_000)
 *   // { from: 12:01:00, to: 12:05:00 } (as epoch ms)
 */
export function windowBounds(now: number, ms: number): WindowBounds {
  return {
    from: Math.floor((now - ms) / MINUTE_MS) * MINUTE_MS + MINUTE_MS,
    to: Math.floor(now / MINUTE_MS) * MINUTE_MS,
  };
}

/**
 * Whether the rollup minute starting at `minute` lies in the window of `ms` ending at `now`.
 *
 * @example inWindow(now - 300_000, now, 300_000) // false: the edge minute is out
 */
export function inWindow(minute: number, now: number, ms: number): boolean {
  return minute > now - ms && minute <= now;
}

/**
 * Totals for several trailing windows in one pass. Windows ending at the same `now` nest,
 * so each rollup is added once, to the band between the next shorter window and its own,
 * and each window is the sum of the bands inside it: O(rollups + windows) merges.
 * Histograms are merged only for the windows in `latencyFor`; the others get an empty one.
 *
 * @example const [h, d] = sumWindows(rollups, now, [3_600_000, 86_400_000]) // last hour, last day
 */
export function sumWindows(
  rollups: Iterable<Rollup>,
  now: number,
  windows: readonly number[],
  filter: RollupFilter = {},
  latencyFor: readonly number[] = windows,
): Totals[] {
  const sorted = [...new Set(windows)].sort((a, b) => a - b);
  const bands = sorted.map(() => emptyTotals());
  const longest = sorted[sorted.length - 1] ?? 0;
  const latencyWithin = Math.max(0, ...latencyFor);
  for (const r of rollups) {
    const age = now - r.minute;
    if (age < 0 || age >= longest || !matches(r, filter)) continue;
    let i = 0;
    while (age >= (sorted[i] as number)) i++;
    addTotals(bands[i] as Totals, r, age < latencyWithin);
  }
  const wantLatency = new Set(latencyFor);
  const running = emptyTotals();
  const byWindow = new Map<number, Totals>();
  sorted.forEach((ms, i) => {
    addTotals(running, bands[i] as Totals);
    byWindow.set(ms, wantLatency.has(ms) ? cloneTotals(running) : { ...running, latency: new Map(), cacheLatency: new Map() });
  });
  return windows.map((ms) => byWindow.get(ms) as Totals);
}
