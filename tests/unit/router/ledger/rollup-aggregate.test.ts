import { afterEach, describe, expect, it } from 'vitest';
import { createHistogram, quantile, record, total } from '../../../../src/core/histogram.js';
import { openLedger, type Ledger } from '../../../../src/router/ledger/ledger.js';
import { aggregate, emptyRollup, mergeHistogramText, minuteOf, NO_PROVIDER, UNIDENTIFIED } from '../../../../src/router/ledger/rollup-aggregate.js';
import { addTotals } from '../../../../src/core/slo/totals.js';
import { toLedgerRow } from '../../../../src/router/ledger/row.js';
import { finishedContext } from './context-fixture.js';

const T = 1_700_000_020_000; // 40 s into a minute
const M = minuteOf(T);

describe('aggregate', () => {
  it('sums one minute and combination: eligible, successes, cost, savings, cache hits, latency of successes only', () => {
    const rows = [
      finishedContext({ startedAt: T, latencyMs: 100, costUsd: 0.01 }),
      finishedContext({ startedAt: T + 5_000, latencyMs: 200, costUsd: 0.02, cache: 'hit', costSavedUsd: 0.005 }),
      finishedContext({ startedAt: T + 10_000, latencyMs: 9_000, costUsd: 0.001, outcome: 'stream_error', stream: true }),
    ].map(toLedgerRow);
    const [r, hit, ...rest] = aggregate(rows);
    expect(rest).toEqual([]);
    expect(r).toMatchObject({ minute: M, tenant: 'acme', feature: 'chat', provider: 'primary', eligible: 2, successes: 1, clientErrors: 0, cacheHits: 0 });
    expect(r?.costUsd).toBeCloseTo(0.011, 12);
    expect(total(r!.latency)).toBe(1);
    // the hit is the cache's, with its latency also in the cache-only histogram (issue #12)
    expect(hit).toMatchObject({ provider: 'cache', eligible: 1, successes: 1, cacheHits: 1 });
    expect(hit?.costSavedUsd).toBeCloseTo(0.005, 12);
    expect(total(hit!.latency)).toBe(1);
    expect(total(hit!.cacheLatency)).toBe(1);
    expect(quantile(hit!.latency, 1)).toBeLessThan(202);
  });

  it('splits by minute, tenant, feature and provider', () => {
    const rows = [
      finishedContext({ startedAt: T }),
      finishedContext({ startedAt: T + 30_000 }), // next minute
      finishedContext({ startedAt: T, tags: { tenant: 'globex', feature: 'chat', promptVersion: null, pin: null } }),
      finishedContext({ startedAt: T, tags: { tenant: 'acme', feature: 'search', promptVersion: null, pin: null } }),
      finishedContext({ startedAt: T, provider: 'secondary' }),
    ].map(toLedgerRow);
    expect(aggregate(rows)).toHaveLength(5);
  });

  it('client errors, early cancels and clients gone after the first token count apart; pre-routing provider failures count nowhere', () => {
    const rows = [
      finishedContext({ startedAt: T, outcome: 'client_error', status: 400, provider: null }),
      finishedContext({ startedAt: T, tags: null, group: null, outcome: 'client_error', status: 401, provider: null }),
      finishedContext({ startedAt: T, outcome: 'client_gone', provider: null }),
      finishedContext({ startedAt: T, outcome: 'cancelled_early', provider: null }),
      finishedContext({ startedAt: T, group: null, outcome: 'provider_error', status: 500, provider: null }),
    ].map(toLedgerRow);
    const rollups = aggregate(rows);
    expect(rollups).toHaveLength(2);
    expect(rollups.find((r) => r.tenant === 'acme')).toMatchObject({ provider: NO_PROVIDER, eligible: 0, successes: 0, clientErrors: 1, clientGone: 1, cancelledEarly: 1, costUsd: 0 });
    expect(rollups.find((r) => r.tenant === UNIDENTIFIED)).toMatchObject({ feature: UNIDENTIFIED, clientErrors: 1 });
  });

  it('abandoned requests and ballast\'s own failures are eligible failures, counted by kind (issues #11, #12)', () => {
    const rows = [
      finishedContext({ startedAt: T, outcome: 'abandoned', provider: null, latencyMs: 8000 }),
      finishedContext({ startedAt: T, outcome: 'internal_error', provider: null, status: 500 }),
    ].map(toLedgerRow);
    const [r] = aggregate(rows);
    expect(r).toMatchObject({ eligible: 2, successes: 0, abandoned: 1, internalErrors: 1, clientErrors: 0 });
    expect(total(r!.latency)).toBe(0);
  });

  it('a request no provider served (all failed) is eligible under provider "none"', () => {
    const [r] = aggregate([toLedgerRow(finishedContext({ startedAt: T, provider: null, outcome: 'provider_error', costUsd: null, status: 502 }))]);
    expect(r).toMatchObject({ provider: NO_PROVIDER, eligible: 1, successes: 0 });
    expect(total(r!.latency)).toBe(0);
  });
});

describe('merging two rollups of one minute', () => {
  it('adds counts and costs and merges histograms (core addTotals)', () => {
    const a = emptyRollup(M, 't', 'f', 'p');
    const b = emptyRollup(M, 't', 'f', 'p');
    Object.assign(a, { eligible: 3, successes: 2, clientErrors: 1, costUsd: 0.5, costSavedUsd: 0.1, cacheHits: 1 });
    Object.assign(b, { eligible: 4, successes: 4, clientErrors: 2, costUsd: 0.25, costSavedUsd: 0.2, cacheHits: 2 });
    record(a.latency, 100);
    record(b.latency, 100);
    record(b.latency, 3000);
    addTotals(a, b);
    expect(a).toMatchObject({ eligible: 7, successes: 6, clientErrors: 3, costUsd: 0.75, cacheHits: 3 });
    expect(a.costSavedUsd).toBeCloseTo(0.3, 12);
    expect(total(a.latency)).toBe(3);
  });

  it('the stored-text merge used by the SQL upsert matches the in-memory merge', () => {
    const h = createHistogram();
    record(h, 5);
    record(h, 5);
    expect(mergeHistogramText('{}', '{"10":1}')).toBe('{"10":1}');
    expect(JSON.parse(mergeHistogramText('{"10":1,"20":2}', '{"20":3,"30":1}'))).toEqual({ 10: 1, 20: 5, 30: 1 });
  });
});

describe('rollups in the database merge across flushes', () => {
  let ledger: Ledger | undefined;
  afterEach(() => ledger?.close());

  it('a second flush for the same minute and combination adds to the stored rollup', () => {
    ledger = openLedger({ path: ':memory:' }, { now: () => T });
    ledger.record(finishedContext({ startedAt: T, latencyMs: 100, costUsd: 0.01 }));
    ledger.record(finishedContext({ startedAt: T, outcome: 'client_error', status: 400, provider: null }));
    ledger.flush();
    ledger.record(finishedContext({ startedAt: T + 1_000, latencyMs: 2_000, costUsd: 0.02 }));
    ledger.record(finishedContext({ startedAt: T + 2_000, outcome: 'provider_error', provider: 'primary', costUsd: null, status: 502 }));
    ledger.record(finishedContext({ startedAt: T + 3_000, outcome: 'abandoned', provider: 'primary', costUsd: null }));
    ledger.flush();
    ledger.record(finishedContext({ startedAt: T + 4_000, outcome: 'cancelled_early', provider: 'primary', costUsd: null }));
    ledger.flush();
    const rollups = ledger.rollupsBetween(M, M + 60_000);
    const served = rollups.find((r) => r.provider === 'primary');
    expect(served).toMatchObject({ minute: M, eligible: 4, successes: 2, abandoned: 1, cancelledEarly: 1 });
    expect(served?.costUsd).toBeCloseTo(0.03, 12);
    expect(total(served!.latency)).toBe(2);
    const p100 = quantile(served!.latency, 1)!;
    expect(Math.abs(p100 - 2000) / 2000).toBeLessThan(0.01);
    expect(rollups.find((r) => r.provider === NO_PROVIDER)).toMatchObject({ clientErrors: 1, eligible: 0 });
  });

  it('rollupsBetween is [from, to) by minute start', () => {
    ledger = openLedger({ path: ':memory:' }, { now: () => T });
    for (const dm of [-1, 0, 1, 2]) ledger.record(finishedContext({ startedAt: M + dm * 60_000 }));
    ledger.flush();
    expect(ledger.rollupsBetween(M, M + 120_000).map((r) => r.minute)).toEqual([M, M + 60_000]);
  });
});
