import { describe, expect, it } from 'vitest';
import { formatAge, formatBurnRate, formatCount, formatMs, formatPercent, formatSuccessRate, formatUsd, formatWindow } from '../../../../../src/app/pages/health/format.js';

describe('health panel formatting', () => {
  it('writes null as "no data", never as 0', () => {
    for (const f of [formatSuccessRate, formatPercent, formatMs, formatUsd, formatCount, formatBurnRate]) expect(f(null)).toBe('no data');
    expect(formatSuccessRate(0)).toBe('0.00%');
    expect(formatMs(0)).toBe('0 ms');
  });

  it('floors success rates so they never read better than they are, without binary noise', () => {
    expect(formatSuccessRate(0.995)).toBe('99.50%'); // 0.995 * 10000 = 9949.999999999998
    expect(formatSuccessRate(0.99996)).toBe('99.99%');
    expect(formatSuccessRate(1)).toBe('100.00%');
    expect(formatSuccessRate(0.8)).toBe('80.00%');
    expect(formatSuccessRate(2 / 3)).toBe('66.66%');
  });

  it('writes latency, cost, burn rate, ages and windows readably', () => {
    expect(formatMs(812.4)).toBe('812 ms');
    expect(formatMs(2500)).toBe('2.50 s');
    expect(formatUsd(0.015)).toBe('$0.0150');
    expect(formatUsd(0.0000185)).toBe('$0.0000185');
    expect(formatUsd(0.00123)).toBe('$0.00123');
    expect(formatUsd(0)).toBe('$0');
    expect(formatBurnRate(2)).toBe('2.00x');
    expect(formatBurnRate(14.4)).toBe('14.4x');
    expect(formatBurnRate(Infinity)).toBe('infinite');
    expect(formatCount(0.05)).toBe('0.05');
    expect(formatCount(12345)).toBe('12,345');
    expect(formatAge(12.7)).toBe('12 s');
    expect(formatAge(185)).toBe('3 min');
    expect(formatAge(2 * 3600 + 5 * 60)).toBe('2 h 5 min');
    expect(formatAge(3 * 86400)).toBe('3 days');
    expect(formatWindow(300_000)).toBe('5 m');
    expect(formatWindow(3_600_000)).toBe('1 h');
    expect(formatWindow(30 * 86_400_000)).toBe('30 d');
  });
});
