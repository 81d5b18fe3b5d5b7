/**
 * Thirty days of per-minute rollups for one tenant, built straight as rollups (1.6
 * million requests): 50 requests a minute from 06:00 to 23:59 UTC, 1 a minute at night,
 * one baseline failure at hh:30 from 07:30 to 23:30, and these incidents:
 *
 * | id | when (day, UTC)      | what                                                   |
 * |----|----------------------|--------------------------------------------------------|
 * | L  | day 3, 14:00-14:39   | latency spike: 15 of 50 answers take 3,000-3,840 ms      |
 * | S  | day 5, 10:00-10:11   | success drop: 5 of 50 fail (10%)                       |
 * | C  | day 8, 16:00-16:29   | cost surge: $0.04 per uncached request instead of $0.01 |
 * | B  | day 10, 03:01-03:03  | 3 a.m. blip: 3 failures among the 5 requests of 03:00-03:04 |
 * | F  | day 15, 12:00-12:14  | fast burn: 25 of 50 fail (50%)                         |
 * | R  | day 20, 08:00-19:59  | slow trickle: 1 of 50 fails (2%, burn rate 4)          |
 *
 * Every 10th daytime request is a cache hit: cost 0, saving $0.01.
 */
import { createHistogram, record } from '../../../../src/core/histogram.js';
import { emptyTotals } from '../../../../src/core/slo/totals.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../../src/core/slo/duration.js';
import type { Rollup } from '../../../../src/core/slo/rollup.js';

export const T0 = Date.UTC(2025, 5, 1);
export const DAYS = 30;

/** Epoch ms of day `d` (0-based), hh:mm UTC. */
export const at = (d: number, hh: number, mm: number) => T0 + d * DAY_MS + hh * HOUR_MS + mm * MINUTE_MS;
/** The inverse, for readable failures: 'd3 14:15'. */
export function label(t: number): string {
  const m = Math.round((t - T0) / MINUTE_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `d${Math.floor(m / 1440)} ${pad(Math.floor((m % 1440) / 60))}:${pad(m % 60)}`;
}

const during = (t: number, d: number, from: [number, number], to: [number, number]) => t >= at(d, ...from) && t <= at(d, ...to);

function minuteRollup(minute: number): Rollup {
  const hour = new Date(minute).getUTCHours();
  const mm = new Date(minute).getUTCMinutes();
  const n = hour < 6 ? 1 : 50;
  let failures = hour >= 7 && mm === 30 ? 1 : 0;
  if (during(minute, 5, [10, 0], [10, 11])) failures = 5;
  if (during(minute, 10, [3, 1], [3, 3])) failures = 1;
  if (during(minute, 15, [12, 0], [12, 14])) failures = 25;
  if (during(minute, 20, [8, 0], [19, 59])) failures += 1;
  const slow = during(minute, 3, [14, 0], [14, 39]) ? 15 : 0;
  const price = during(minute, 8, [16, 0], [16, 29]) ? 0.04 : 0.01;

  const r: Rollup = { minute, tenant: 'acme', feature: 'chat', provider: 'primary', ...emptyTotals(), eligible: n, successes: n - failures };
  const index = (minute - T0) / MINUTE_MS;
  for (let i = 0; i < n; i++) {
    if (i % 10 === 9) {
      r.cacheHits++;
      r.costSavedUsd += 0.01;
    } else r.costUsd += price;
    if (i >= n - failures) continue;
    record(r.latency, i < slow ? 3000 + i * 60 : 500 + ((i * 37 + index * 11) % 1000));
  }
  return r;
}

/** One rollup per minute, oldest first: index i is minute T0 + i. */
export function syntheticMonth(): Rollup[] {
  return Array.from({ length: DAYS * 1440 }, (_, i) => minuteRollup(T0 + i * MINUTE_MS));
}
