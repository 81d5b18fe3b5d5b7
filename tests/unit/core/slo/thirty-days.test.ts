/**
 * Thirty days of synthetic traffic (see synthetic-month.ts) driven through the alert
 * evaluator once a minute with a fake clock. Each minute is evaluated at its start with
 * its rollup already complete, as if the evaluation ran at the end of that minute.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { isPage } from '../../../../src/core/slo/alert-state.js';
import type { AlertTransition } from '../../../../src/core/slo/alert-state.js';
import { computeSlis } from '../../../../src/core/slo/compute-slis.js';
import { withDefaults } from '../../../../src/core/slo/config.js';
import type { SloConfig } from '../../../../src/core/slo/config.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../../src/core/slo/duration.js';
import { evaluateAlerts } from '../../../../src/core/slo/evaluate-alerts.js';
import type { AlertsState } from '../../../../src/core/slo/evaluate-alerts.js';
import type { Rollup } from '../../../../src/core/slo/rollup.js';
import { DAYS, T0, at, label, syntheticMonth } from './synthetic-month.js';

let month: Rollup[] = [];

/** Evaluates every minute from `from` to `to` (inclusive), passing only the last 6 hours of rollups. */
function drive(config: SloConfig, from: number, to: number): AlertTransition[] {
  let state: AlertsState = {};
  const out: AlertTransition[] = [];
  for (let now = from; now <= to; now += MINUTE_MS) {
    const i = (now - T0) / MINUTE_MS;
    const r = evaluateAlerts(state, month.slice(Math.max(0, i - 360), i + 1), now, config);
    state = r.state;
    out.push(...r.transitions);
  }
  return out;
}

const brief = (ts: AlertTransition[], alert: string) => ts.filter((t) => t.alert === alert).map((t) => `${t.from}->${t.to} ${label(t.at)}`);

describe('thirty days with a fake clock', () => {
  let transitions: AlertTransition[] = [];
  beforeAll(() => {
    month = syntheticMonth();
    transitions = drive(withDefaults({ alerts: { burn_rate: { enabled: true } } }), T0, T0 + DAYS * DAY_MS - MINUTE_MS);
  });

  it('latency: pending at the spike, firing 15 minutes on, resolved when the 5-minute window is clean', () => {
    expect(brief(transitions, 'latency')).toEqual(['inactive->pending d3 14:00', 'pending->firing d3 14:15', 'firing->resolved d3 14:44', 'resolved->inactive d3 14:59']);
    const firing = transitions.find((t) => t.alert === 'latency' && t.to === 'firing');
    expect(firing).toMatchObject({ threshold: 2500, eligible: 250, window: '5m' });
    expect(firing?.value).toBeGreaterThan(3000);
  });

  it('success: the 12-minute drop, the fast burn and the slow trickle page; the 3 a.m. blip does not', () => {
    expect(brief(transitions, 'success')).toEqual([
      'inactive->pending d5 10:00',
      'pending->firing d5 10:05',
      'firing->resolved d5 10:16',
      'resolved->inactive d5 10:31',
      'inactive->pending d15 12:00',
      'pending->firing d15 12:05',
      'firing->resolved d15 12:19',
      'resolved->inactive d15 12:34',
      // The trickle's first minute alone is 1 failure in 250: the second one breaches.
      'inactive->pending d20 08:01',
      'pending->firing d20 08:06',
      'firing->resolved d20 20:03',
      'resolved->inactive d20 20:18',
    ]);
    expect(transitions.find((t) => t.alert === 'success' && t.to === 'firing')).toMatchObject({ value: 0.9, threshold: 0.995, eligible: 250, window: '5m' });
  });

  it('cost: pending once two surge minutes are in the window, firing 15 minutes on', () => {
    expect(brief(transitions, 'cost')).toEqual(['inactive->pending d8 16:01', 'pending->firing d8 16:16', 'firing->resolved d8 16:33', 'resolved->inactive d8 16:48']);
    expect(transitions.find((t) => t.alert === 'cost' && t.to === 'firing')?.value).toBe(0.036);
  });

  it('burn rate: fires at once on the fast burn, not on the 12-minute drop nor the slow trickle', () => {
    expect(brief(transitions, 'burn_rate')).toEqual(['inactive->firing d15 12:08', 'firing->resolved d15 12:19', 'resolved->inactive d15 12:34']);
    const firing = transitions.find((t) => t.alert === 'burn_rate' && t.to === 'firing');
    // 1h: 9 minutes x 25 failures + the 11:30 one = 226 in 3,000 = burn 15.07; 5m: 50% = burn 100.
    expect(firing).toMatchObject({ threshold: 14.4, eligible: 250, window: '1h/5m' });
    expect(firing?.value).toBeCloseTo(226 / 15, 9);
  });

  it('pages 13 times in the month: a firing and a resolution per incident that matters', () => {
    expect(transitions.filter(isPage).length).toBe(2 * (1 + 3 + 1 + 1));
  });

  it('the 3 a.m. blip would have paged without the min-traffic guard', () => {
    const lenient = withDefaults({ alerts: { success: { min_requests: 1 } } });
    const night = drive(lenient, at(10, 2, 0), at(10, 4, 0));
    expect(brief(night, 'success')).toEqual(['inactive->pending d10 03:01', 'pending->firing d10 03:06', 'firing->resolved d10 03:08', 'resolved->inactive d10 03:23']);
    expect(night.find((t) => t.to === 'firing')).toMatchObject({ value: 0.6, eligible: 5 });
    expect(drive(withDefaults(), at(10, 2, 0), at(10, 4, 0))).toEqual([]);
  });

  it('error budget and burn rates at the end of the 12-minute drop (day 5, 10:11)', () => {
    const r = computeSlis(month, at(5, 10, 11), withDefaults());
    // 5 days x (360 + 54,000) + 360 + 252 x 50; failures: 17 a day x 5 + 3 baseline + 60 in the drop.
    expect(r.rolling).toMatchObject({ window: '30d', eligible: 284_760, successes: 284_760 - 148 });
    // (1 - 0.995) x 284,760 = 1,423.8: 1,423 whole failures allowed.
    expect(r.budget).toMatchObject({ allowed: 1423, spent: 148, remaining: 1275, exhausted: false });
    expect(r.budget.remainingRatio).toBeCloseTo(1275 / 1423, 9);
    expect(r.burnRates.map((b) => [b.window, b.eligible])).toEqual([['5m', 250], ['30m', 1500], ['1h', 3000], ['6h', 108 + 12_600]]);
    expect(r.burnRates[0]?.rate).toBe(20);
    expect(r.burnRates[1]?.rate).toBe(8);
    expect(r.burnRates[2]?.rate).toBeCloseTo(61 / 15, 9);
    expect(r.burnRates[3]?.rate).toBeCloseTo(63 / 12_708 / 0.005, 9);
  });

  it('burn rates in the middle of the fast burn (day 15, 12:08)', () => {
    const rates = computeSlis(month, at(15, 12, 8), withDefaults()).burnRates.map((b) => b.rate);
    expect(rates[0]).toBe(100);
    expect(rates[1]).toBe(30);
    expect(rates[2]).toBeCloseTo(226 / 15, 9);
    expect(rates[3]).toBeCloseTo(230 / 18_000 / 0.005, 9);
  });

  it('the SLIs in the latency spike: the hour misses p95, the day still meets it', () => {
    const r = computeSlis(month, at(3, 14, 39), withDefaults());
    const byWindow = Object.fromEntries(r.windows.map((w) => [w.window, w]));
    expect(byWindow['1h']?.met.p95Latency).toBe(false);
    expect(byWindow['1h']?.p95LatencyMs).toBeGreaterThan(2500);
    expect(byWindow['1d']?.met).toEqual({ successRate: true, p95Latency: true, avgCost: true });
    expect(byWindow['1d']?.cacheHitRate).toBeCloseTo(5400 / 54_360, 12);
  });

  it('the month: budget spent but not exhausted at 99.5%, exhausted at 99.9%, the first minute just out of the window', () => {
    const end = T0 + DAYS * DAY_MS;
    const failures = 17 * 30 + 60 + 3 + 375 + 720;
    const r = computeSlis(month, end, withDefaults());
    expect(r.rolling.eligible).toBe(30 * 54_360 - 1); // minute T0 is exactly 30 days old
    expect(r.budget).toMatchObject({ allowed: 8153, spent: failures, remaining: 8153 - failures, exhausted: false });
    expect(computeSlis(month, end - 1, withDefaults()).rolling.eligible).toBe(30 * 54_360);
    expect(computeSlis(month, end, withDefaults({ success_rate: 0.999 })).budget).toMatchObject({ allowed: 1630, spent: failures, remaining: -38, exhausted: true });
    expect(r.rolling.met).toEqual({ successRate: true, p95Latency: true, avgCost: true });
    expect(r.rolling.costSavedUsd).toBeCloseTo(30 * 5400 * 0.01, 6);
  });

  it('answers the 30-day report over a month of rollups in one pass', () => {
    const hour = HOUR_MS;
    const t = performance.now();
    computeSlis(month, T0 + DAYS * DAY_MS - hour, withDefaults());
    // Not a benchmark: a guard against quadratic work (43,200 rollups).
    expect(performance.now() - t).toBeLessThan(2000);
  });
});
