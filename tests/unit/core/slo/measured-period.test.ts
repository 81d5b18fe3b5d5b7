import { describe, expect, it } from 'vitest';
import { emptyTotals } from '../../../../src/core/slo/totals.js';
import type { Rollup } from '../../../../src/core/slo/rollup.js';
import { measuredPeriod, periodWords, spanWords } from '../../../../src/core/slo/measured-period.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const WINDOW = 30 * DAY;
const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);

function rollup(minute: number, eligible = 1): Rollup {
  return { minute, tenant: 'default', feature: 'default', provider: 'primary', ...emptyTotals(), eligible, successes: eligible };
}

describe('the measured period of the rolling window', () => {
  it('states nineteen hours of data as nineteen hours, not as rolling 30 days', () => {
    const p = measuredPeriod([rollup(NOW - 19 * HOUR - 5 * MIN), rollup(NOW - MIN)], NOW, WINDOW);
    expect(p.full).toBe(false);
    expect(periodWords(p, 30)).toBe('the 19 hours measured so far (of a rolling 30-day window)');
  });

  it('says nothing is measured on a fresh ledger, and ignores minutes with no request', () => {
    const p = measuredPeriod([rollup(NOW - 2 * HOUR, 0)], NOW, WINDOW);
    expect(p).toMatchObject({ since: null, coveredMs: 0, full: false });
    expect(periodWords(p, 30)).toBe('rolling 30-day window (nothing measured yet)');
  });

  it('counts an hour merged from older minutes from its end, so the period is never overstated', () => {
    const mergedHour = Math.floor((NOW - 3 * DAY) / HOUR) * HOUR;
    const p = measuredPeriod([rollup(mergedHour)], NOW, WINDOW);
    expect(p.since).toBe(mergedHour + HOUR);
    expect(periodWords(p, 30)).toMatch(/^the [23] days measured so far/);
  });

  it('reads "rolling 30 days" once data reaches the far edge of the window', () => {
    const edge = NOW - WINDOW + 10 * MIN;
    expect(periodWords(measuredPeriod([rollup(edge), rollup(NOW - MIN)], NOW, WINDOW), 30)).toBe('rolling 30 days');
  });

  it('rounds a span down to its largest whole unit', () => {
    expect(spanWords(59 * 1000)).toBe('1 minute');
    expect(spanWords(119 * MIN)).toBe('119 minutes');
    expect(spanWords(47 * HOUR + 59 * MIN)).toBe('47 hours');
    expect(spanWords(2 * DAY + 23 * HOUR)).toBe('2 days');
  });
});
