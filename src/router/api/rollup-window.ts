/**
 * The rollups the SLO engine reads, kept warm between calls. Reading 30 days of
 * per-minute rollups (43,200 minutes x each tenant/feature/provider) on every
 * GET /api/slo would cost about a second; instead, complete hours older than a day are
 * merged once into hourly rollups and kept in memory, and only the recent minutes are
 * re-read. Every window stays exact: minute rollups cover the last day (every window
 * but the rolling one) and the partial hour at the rolling window's far edge; the
 * merged hours lie wholly inside the rolling window and outside all the others.
 */
import { createHistogram, merge } from '../../core/histogram.js';
import type { Rollup } from '../../core/slo/rollup.js';
import { addTotals } from '../../core/slo/totals.js';
import type { Ledger } from '../ledger/index.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/**
 * Minutes this close to the previous call are re-read: a request is rolled up under the
 * minute it started, and is written when it ends (plus a flush interval), so a long
 * stream lands in a minute long past. Older minutes are re-read when their hour is merged.
 */
const UNSETTLED = 15 * MINUTE;

export class RollupWindow {
  readonly #hours = new Map<number, Rollup[]>();
  #hot: Rollup[] = [];
  #lastNow: number | null = null;
  #edge: { hour: number; rollups: Rollup[] } | null = null;

  constructor(
    private readonly ledger: Pick<Ledger, 'rollupsBetween'>,
    private readonly windowMs: number,
  ) {}

  /** Rollups for every SLO window at `now`, exact at each window's edges. */
  at(now: number): Rollup[] {
    const from = now - this.windowMs;
    const hotStart = Math.floor((now - DAY) / HOUR) * HOUR;
    const edgeHour = Math.floor(from / HOUR) * HOUR;
    this.#loadHours(edgeHour + HOUR, hotStart);
    if (this.#edge?.hour !== edgeHour) this.#edge = { hour: edgeHour, rollups: this.ledger.rollupsBetween(edgeHour, Math.min(edgeHour + HOUR, hotStart)) };
    this.#refreshHot(hotStart, now);
    const out: Rollup[] = [];
    for (const rollups of this.#hours.values()) out.push(...rollups);
    out.push(...this.#edge.rollups, ...this.#hot);
    return out;
  }

  /** Merges and keeps every complete hour in [first, end) not held yet; forgets older ones. */
  #loadHours(first: number, end: number): void {
    for (const hour of this.#hours.keys()) if (hour < first || hour >= end) this.#hours.delete(hour);
    let runStart: number | null = null;
    const flush = (runEnd: number) => {
      if (runStart === null) return;
      const byHour = new Map<number, Map<string, Rollup>>();
      for (let h = runStart; h < runEnd; h += HOUR) byHour.set(h, new Map());
      for (const r of this.ledger.rollupsBetween(runStart, runEnd)) {
        const hour = Math.floor(r.minute / HOUR) * HOUR;
        const combos = byHour.get(hour) as Map<string, Rollup>;
        const key = `${r.tenant}\u0000${r.feature}\u0000${r.provider}`;
        const acc = combos.get(key);
        // Copies of both histograms: addTotals merges later minutes into the accumulator's.
        if (acc === undefined) combos.set(key, { ...r, minute: hour, latency: merge(createHistogram(), r.latency), cacheLatency: merge(createHistogram(), r.cacheLatency) });
        else addTotals(acc, r);
      }
      for (const [hour, combos] of byHour) this.#hours.set(hour, [...combos.values()]);
      runStart = null;
    };
    for (let h = first; h < end; h += HOUR) {
      if (this.#hours.has(h)) flush(h);
      else runStart ??= h;
    }
    flush(end);
  }

  #refreshHot(hotStart: number, now: number): void {
    const since = this.#lastNow === null ? hotStart : Math.min(this.#lastNow, now) - UNSETTLED;
    const reread = Math.max(hotStart, Math.floor(since / MINUTE) * MINUTE);
    this.#hot = this.#hot.filter((r) => r.minute >= hotStart && r.minute < reread);
    this.#hot.push(...this.ledger.rollupsBetween(reread, now + MINUTE));
    this.#lastNow = now;
  }
}
