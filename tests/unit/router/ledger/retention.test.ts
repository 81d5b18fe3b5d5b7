import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../../src/router/ledger/ledger.js';
import { DAY_MS, PRUNE_EVERY_MS } from '../../../../src/router/ledger/retention.js';
import { finishedContext } from './context-fixture.js';

const NOW = 1_800_000_000_000 - (1_800_000_000_000 % 60_000); // on a minute
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let ledger: Ledger | undefined;
const dirs: string[] = [];
afterEach(() => {
  ledger?.close();
  ledger = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const ids = (l: Ledger) => l.listRequests({ limit: 500 }).data.map((r) => r.request_id).sort();

describe('retention', () => {
  it('keeps raw rows exactly raw_retention_days and rollups exactly rollup_retention_days', async () => {
    let now = NOW - 500 * DAY_MS; // the clock at open: nothing is old yet
    ledger = openLedger({ path: ':memory:', raw_retention_days: 35, rollup_retention_days: 400 }, { now: () => now });
    await ledger.prune();
    const at = (id: string, t: number) => ledger!.record(finishedContext({ id, startedAt: t }));
    at('raw_expired', NOW - 35 * DAY_MS - 1);
    at('raw_boundary', NOW - 35 * DAY_MS);
    at('fresh', NOW - 1000);
    at('rollup_expired', NOW - 400 * DAY_MS - 60_000);
    at('rollup_boundary', NOW - 400 * DAY_MS);
    ledger.flush();
    now = NOW;
    const pruned = await ledger.prune();
    expect(ids(ledger)).toEqual(['fresh', 'raw_boundary']);
    const minutes = ledger.rollupsBetween(0, NOW + DAY_MS).map((r) => r.minute);
    expect(minutes).not.toContain(NOW - 400 * DAY_MS - 60_000);
    expect(minutes).toContain(NOW - 400 * DAY_MS);
    expect(minutes).toContain(NOW - 35 * DAY_MS - 60_000); // raw row gone, its rollup stays
    expect(pruned).toEqual({ requests: 3, rollups: 1 });
    expect(ledger.stats().pruned).toEqual({ requests: 3, rollups: 1 });
  });

  it('deletes in small batches and yields to the event loop between them', async () => {
    let now = NOW - 100 * DAY_MS;
    ledger = openLedger({ path: ':memory:' }, { now: () => now, pruneBatchSize: 3 });
    await ledger.prune();
    for (let i = 0; i < 10; i++) ledger.record(finishedContext({ startedAt: NOW - 40 * DAY_MS + i }));
    ledger.flush();
    now = NOW;
    const run = ledger.prune();
    // Only the first batch ran synchronously; the rest waits for the event loop.
    expect(ledger.listRequests({ limit: 500 }).data).toHaveLength(7);
    let ticked = false;
    setImmediate(() => (ticked = true));
    expect(await run).toEqual({ requests: 10, rollups: 0 });
    expect(ticked).toBe(true);
    expect(ledger.listRequests({ limit: 500 }).data).toHaveLength(0);
  });

  it('runs at most hourly from the flush timer', async () => {
    let now = NOW;
    ledger = openLedger({ path: ':memory:', flush_interval_ms: 10 }, { now: () => now });
    await sleep(30);
    ledger.record(finishedContext({ id: 'old', startedAt: NOW - 36 * DAY_MS }));
    now = NOW + PRUNE_EVERY_MS - 1;
    await sleep(60);
    expect(ids(ledger)).toEqual(['old']); // flushed, not yet pruned: the last run was under an hour ago
    now = NOW + PRUNE_EVERY_MS;
    await sleep(60);
    expect(ids(ledger)).toEqual([]);
    expect(ledger.stats().lastPruneAt).toBe(NOW + PRUNE_EVERY_MS);
  });

  it('prunes on open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ballast-ledger-'));
    dirs.push(dir);
    const path = join(dir, 'ledger.db');
    const first = openLedger({ path }, { now: () => NOW - 100 * DAY_MS });
    first.record(finishedContext({ id: 'old', startedAt: NOW - 36 * DAY_MS }));
    first.record(finishedContext({ id: 'new', startedAt: NOW - 34 * DAY_MS }));
    first.close();
    ledger = openLedger({ path }, { now: () => NOW });
    await sleep(0);
    expect(ids(ledger)).toEqual(['new']);
  });
});
