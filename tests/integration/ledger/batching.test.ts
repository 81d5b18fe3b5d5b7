import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../src/router/ledger/ledger.js';
import { finishedContext } from '../../unit/router/ledger/context-fixture.js';
import { readFile, tempDir } from './helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tick = () => new Promise<void>((r) => setImmediate(r));

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function fresh(options: { flush_interval_ms?: number } = {}): { ledger: Ledger; path: string } {
  const tmp = tempDir();
  cleanups.push(tmp.remove);
  const path = join(tmp.dir, 'ledger.db');
  const ledger = openLedger({ path, ...options });
  cleanups.unshift(() => ledger.close()); // close before the directory goes
  return { ledger, path };
}

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(5);
  }
}

describe('batched writes to a real SQLite file', () => {
  it('record() only queues; many records become few transactions', async () => {
    const { ledger, path } = fresh({ flush_interval_ms: 50 });
    for (let i = 0; i < 1000; i++) ledger.record(finishedContext({ startedAt: Date.now() }));
    expect(ledger.stats()).toMatchObject({ queued: 1000, written: 0, flushes: 0 });
    const t0 = Date.now();
    for (let chunk = 0; chunk < 19; chunk++) {
      for (let i = 0; i < 1000; i++) ledger.record(finishedContext({ startedAt: Date.now() }));
      await tick();
    }
    await until(() => ledger.stats().written === 20_000);
    const elapsed = Date.now() - t0;
    const { flushes, failedFlushes, dropped } = ledger.stats();
    expect(failedFlushes + dropped).toBe(0);
    // One transaction per timer tick at most, never one per row.
    expect(flushes).toBeLessThanOrEqual(Math.ceil(elapsed / 50) + 2);
    expect(flushes).toBeLessThan(100);
    expect(readFile(path).ids.size).toBe(20_000);
  });

  it('close() writes everything still queued; a reopen sees every row and rollup', () => {
    const { ledger, path } = fresh({ flush_interval_ms: 10_000 });
    const start = Date.now() - 300_000; // recent: the reopen's retention run keeps them
    const minutes = new Set<number>();
    for (let i = 0; i < 2500; i++) {
      const t = start + i * 100;
      minutes.add(t - (t % 60_000));
      ledger.record(finishedContext({ id: `req_close_${i}`, startedAt: t }));
    }
    ledger.close();
    const again = openLedger({ path });
    cleanups.push(() => again.close());
    let n = 0;
    let before: string | undefined;
    do {
      const page = again.listRequests({ limit: 500, ...(before ? { before } : {}) });
      n += page.data.length;
      before = page.next_cursor ?? undefined;
    } while (before);
    expect(n).toBe(2500);
    const rollups = again.rollupsBetween(0, Number.MAX_SAFE_INTEGER);
    expect(rollups.reduce((s, r) => s + r.eligible, 0)).toBe(2500);
    expect(rollups.map((r) => r.minute)).toEqual([...minutes]);
  });

  it('concurrent producers, timer flushes, manual flushes and reads: every row exactly once', async () => {
    const { ledger, path } = fresh({ flush_interval_ms: 10 });
    let stop = false;
    const flusher = (async () => {
      while (!stop) {
        ledger.flush();
        ledger.listRequests({ limit: 10, outcome: 'client_error' });
        ledger.rollupsBetween(0, Number.MAX_SAFE_INTEGER);
        await sleep(Math.random() * 3);
      }
    })();
    const producer = async (p: number) => {
      for (let i = 0; i < 2000; i++) {
        ledger.record(finishedContext({ id: `req_${p}_${i}`, startedAt: Date.now(), outcome: i % 10 === 0 ? 'client_error' : 'success' }));
        if (Math.random() < 0.05) await (Math.random() < 0.5 ? tick() : sleep(1));
      }
    };
    await Promise.all([0, 1, 2, 3].map(producer));
    stop = true;
    await flusher;
    ledger.close();
    const { ids, rollups } = readFile(path);
    expect(ids.size).toBe(8000);
    for (let p = 0; p < 4; p++) for (let i = 0; i < 2000; i += 137) expect(ids.has(`req_${p}_${i}`)).toBe(true);
    const sum = (k: 'eligible' | 'successes' | 'client_errors') => rollups.reduce((s, r) => s + r[k], 0);
    expect(sum('client_errors')).toBe(800);
    expect(sum('eligible')).toBe(7200);
    expect(sum('successes')).toBe(7200);
  });

  it('a failed flush (file locked by another writer) keeps its rows and writes them on a later flush', () => {
    const { ledger, path } = fresh({ flush_interval_ms: 10_000 });
    ledger.record(finishedContext({ id: 'req_survivor' }));
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    const t0 = performance.now();
    expect(ledger.flush()).toBe(0);
    // A short busy timeout: a locked file never stalls the event loop for long.
    expect(performance.now() - t0).toBeLessThan(500);
    expect(ledger.stats()).toMatchObject({ queued: 1, written: 0, failedFlushes: 1 });
    other.exec('ROLLBACK');
    other.close();
    expect(ledger.flush()).toBe(1);
    expect(readFile(path).ids.has('req_survivor')).toBe(true);
  });
});
