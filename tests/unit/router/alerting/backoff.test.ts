import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../../src/router/alerting/backoff.js';

const noJitter = () => 0;

describe('backoffDelay', () => {
  it('doubles from 1 s and stops at 5 minutes', () => {
    const schedule = Array.from({ length: 11 }, (_, i) => backoffDelay(i + 1, {}, noJitter));
    expect(schedule).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000]);
    expect(backoffDelay(5000, {}, noJitter)).toBe(300_000);
  });

  it('jitter only shortens a wait, by at most 20%', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (n, r) => {
        const d = backoffDelay(n, {}, () => r);
        const full = backoffDelay(n, {}, noJitter);
        return d <= full && d >= Math.floor(full * 0.8);
      }),
    );
  });

  it('takes its own start and cap', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, { initialMs: 20, maxMs: 50 }, noJitter))).toEqual([20, 40, 50, 50]);
  });

  it('waits at least a 429\'s Retry-After, within the cap', () => {
    expect(backoffDelay(1, {}, noJitter, 30_000)).toBe(30_000);
    expect(backoffDelay(1, {}, noJitter, 3_600_000)).toBe(300_000);
    expect(backoffDelay(6, {}, noJitter, 1_000)).toBe(32_000);
  });
});
