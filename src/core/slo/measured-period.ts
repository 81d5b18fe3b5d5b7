/**
 * How much of the rolling window has data. "Rolling 30 days" said of nineteen hours of
 * traffic overstates the evidence (issue #19), so until the ledger covers the whole
 * window, /api/slo, the health panel and the kit say how long they have measured.
 */
import type { Rollup } from './rollup.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface MeasuredPeriod {
  /** Epoch ms of the first minute with data inside the rolling window, or null with none. */
  since: number | null;
  /** Milliseconds from `since` to now, never more than the window (0 with no data). */
  coveredMs: number;
  windowMs: number;
  /** True once data reaches back (within an hour) to the window's far edge. */
  full: boolean;
}

/**
 * The measured period of `rollups` in the rolling window ending `now`. Rollups older
 * than a day arrive merged by the hour (their `minute` is the hour's start), so such an
 * hour counts from its end: the period is never stated longer than measured.
 *
 * @example measuredPeriod(rollups, now, 30 * 86_400_000).full // false on a fresh ledger
 */
export function measuredPeriod(rollups: readonly Rollup[], now: number, windowMs: number): MeasuredPeriod {
  const from = now - windowMs;
  let since: number | null = null;
  for (const r of rollups) {
    if (r.minute < from - HOUR || r.eligible + r.clientErrors === 0) continue;
    const start = r.minute < now - DAY && r.minute % HOUR === 0 ? Math.min(r.minute + HOUR, now) : r.minute;
    const clipped = Math.max(start, from);
    if (since === null || clipped < since) since = clipped;
  }
  const coveredMs = since === null ? 0 : Math.min(windowMs, Math.max(0, now - since));
  return { since, coveredMs, windowMs, full: since !== null && coveredMs >= windowMs - HOUR };
}

/** A span in the largest whole unit that does not overstate it: '19 hours', '3 days', '1 minute'. */
export function spanWords(ms: number): string {
  const [n, unit] = ms >= 2 * DAY ? [Math.floor(ms / DAY), 'day'] : ms >= 2 * HOUR ? [Math.floor(ms / HOUR), 'hour'] : [Math.max(1, Math.floor(ms / MINUTE)), 'minute'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * The rolling window in words, as far as it is measured: 'rolling 30 days' once full,
 * else 'the 19 hours measured so far (of a rolling 30-day window)'.
 */
export function periodWords(p: MeasuredPeriod, windowDays: number): string {
  if (p.full) return `rolling ${windowDays} day${windowDays === 1 ? '' : 's'}`;
  if (p.since === null) return `rolling ${windowDays}-day window (nothing measured yet)`;
  return `the ${spanWords(p.coveredMs)} measured so far (of a rolling ${windowDays}-day window)`;
}
