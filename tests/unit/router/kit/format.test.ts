import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFigure, formatUsdAmount, printOnSide, promise } from '../../../../src/router/kit/format.js';
import { withDefaults } from '../../../../src/core/slo/config.js';

const rate = (value: number | null, met: boolean | null, target = 0.995) => formatFigure({ value, target, better: 'higher', met, scale: 100, suffix: '%', perfect: 1 });

describe('kit figure formatting: a miss stays a miss', () => {
  it('99.49% against 99.5% prints as missed and not as 99.5%', () => {
    expect(rate(0.9949, false)).toEqual({ value: '99.49%', target: '≥ 99.5%', verdict: 'missed' });
    expect(rate(0.99499, false).value).toBe('99.499%');
    expect(rate(0.994999999, false).value).not.toBe('99.5%');
    expect(rate(0.995, true)).toEqual({ value: '99.5%', target: '≥ 99.5%', verdict: 'met' });
    expect(rate(0.99951, true).value).toBe('99.95%');
    expect(rate(0.99996, true).value).toBe('99.996%'); // not flawless: never 100.0%
    expect(rate(1, true).value).toBe('100.0%');
  });

  it('latency and cost misses print above their target', () => {
    expect(formatFigure({ value: 2500.4, target: 2500, better: 'lower', met: false, suffix: ' ms' })).toEqual({ value: '2,500.4 ms', target: '≤ 2,500 ms', verdict: 'missed' });
    expect(formatFigure({ value: 0.0150004, target: 0.015, better: 'lower', met: false, prefix: '$', significant: 3 }).value).toBe('$0.0150004');
    expect(formatFigure({ value: 0.0000143, target: 0.015, better: 'lower', met: true, prefix: '$', significant: 3 }).value).toBe('$0.0000143');
  });

  it('null is "no data", never a number', () => {
    expect(rate(null, null)).toMatchObject({ value: 'no data', verdict: 'no data' });
  });

  it('for any value, the printed number lies on the same side of the target as the value', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0.9, 0.99, 0.995, 0.999, 0.9995), (v, target) => {
        const printed = Number(printOnSide(v * 100, Number((target * 100).toPrecision(12)), 'higher'));
        const t = Number((target * 100).toPrecision(12));
        const vv = Number((v * 100).toPrecision(12));
        expect(printed >= t).toBe(vv >= t);
        if (vv < t) expect(printed).toBeLessThan(t);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10_000, noNaN: true }), fc.constantFrom(800, 2500), (v, target) => {
        const vv = Number(v.toPrecision(12));
        expect(Number(printOnSide(v, target, 'lower')) <= target).toBe(vv <= target);
      }),
      { numRuns: 2000 },
    );
  });

  it('states the promise in one sentence', () => {
    expect(promise(withDefaults())).toBe('99.5% of requests succeed, p95 latency under 2.5 s, average cost per request under $0.015, measured over a rolling 30-day window.');
    expect(formatUsdAmount(1234.5)).toBe('$1,234.50');
  });
});
