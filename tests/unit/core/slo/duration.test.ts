import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../../../src/core/slo/duration.js';

describe('parseDuration', () => {
  it('reads Prometheus-style durations, compound ones included', () => {
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('30d')).toBe(2_592_000_000);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration(1234)).toBe(1234);
  });

  it('refuses what is not a duration', () => {
    for (const bad of ['', '5', '5x', 'm5', '-5m', '1.5h', '5 m', 'five minutes']) expect(parseDuration(bad)).toBeNull();
    expect(parseDuration(-1)).toBeNull();
    expect(parseDuration(Number.NaN)).toBeNull();
    expect(parseDuration(Infinity)).toBeNull();
  });
});

describe('formatDuration', () => {
  it('labels windows the short way', () => {
    expect(formatDuration(300_000)).toBe('5m');
    expect(formatDuration(3_600_000)).toBe('1h');
    expect(formatDuration(30 * 86_400_000)).toBe('30d');
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(0)).toBe('0s');
  });

  it('round-trips through parseDuration', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 400 * 86_400_000 }), (ms) => {
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    }));
  });
});
