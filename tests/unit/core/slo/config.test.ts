import { describe, expect, it } from 'vitest';
import { withDefaults } from '../../../../src/core/slo/config.js';

describe('withDefaults', () => {
  it('fills the seed targets and the three alerts, burn rate off', () => {
    expect(withDefaults()).toEqual({
      success_rate: 0.995,
      p95_latency_ms: 2500,
      avg_cost_usd: 0.015,
      window_days: 30,
      min_requests: 100,
      include_cache_hits: true,
      alerts: {
        latency: { enabled: true, window_ms: 300_000, for_ms: 900_000, min_requests: 20, threshold: 2500 },
        success: { enabled: true, window_ms: 300_000, for_ms: 300_000, min_requests: 20, threshold: 0.995 },
        cost: { enabled: true, window_ms: 300_000, for_ms: 900_000, min_requests: 20, threshold: 0.015 },
        burn_rate: {
          enabled: false,
          for_ms: 0,
          min_requests: 20,
          pairs: [
            { long_ms: 3_600_000, short_ms: 300_000, factor: 14.4 },
            { long_ms: 21_600_000, short_ms: 1_800_000, factor: 6 },
          ],
        },
        keep_resolved_ms: 900_000,
      },
    });
  });

  it('takes alert thresholds from the targets unless set', () => {
    const c = withDefaults({ p95_latency_ms: 4000, success_rate: 0.99, alerts: { cost: { threshold: 0.05, window: '15m', for: '1h', min_requests: 5 } } });
    expect(c.alerts.latency.threshold).toBe(4000);
    expect(c.alerts.success.threshold).toBe(0.99);
    expect(c.alerts.cost).toEqual({ enabled: true, window_ms: 900_000, for_ms: 3_600_000, min_requests: 5, threshold: 0.05 });
  });

  it('takes the verdict rules, and names slo.min_requests when it is not a whole number of at least 1', () => {
    expect(withDefaults({ min_requests: 1, include_cache_hits: false })).toMatchObject({ min_requests: 1, include_cache_hits: false });
    expect(() => withDefaults({ min_requests: 0 })).toThrow(/^slo\.min_requests: must be a whole number of at least 1/);
    expect(() => withDefaults({ min_requests: 2.5 })).toThrow(RangeError);
  });

  it('accepts durations as milliseconds', () => {
    expect(withDefaults({ alerts: { success: { window: 600_000, for: 0 } } }).alerts.success).toMatchObject({ window_ms: 600_000, for_ms: 0 });
  });

  it('names the key when a duration does not parse or a window is not whole minutes', () => {
    expect(() => withDefaults({ alerts: { latency: { for: '15 minutes' } } })).toThrow(/slo\.alerts\.latency\.for: "15 minutes" is not a duration/);
    expect(() => withDefaults({ alerts: { success: { window: '90s' } } })).toThrow(/slo\.alerts\.success\.window: windows are whole minutes/);
    expect(() => withDefaults({ alerts: { burn_rate: { pairs: [{ long: '1h', short: '0m', factor: 2 }] } } })).toThrow(/burn_rate\.pairs\[0\]\.short/);
  });
});
