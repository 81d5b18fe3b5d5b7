import { describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../../src/router/context.js';
import { ledgerRecorder, openLedger } from '../../../../src/router/ledger/ledger.js';
import { finishedContext } from './context-fixture.js';

describe('openLedger', () => {
  it('record() only queues; flush() writes; the recorder feeds the same queue', () => {
    const ledger = openLedger({ path: ':memory:', flush_interval_ms: 10_000 });
    const recorder = ledgerRecorder(ledger);
    ledger.record(finishedContext());
    recorder(finishedContext());
    expect(ledger.stats()).toMatchObject({ queued: 2, written: 0, flushes: 0 });
    expect(ledger.listRequests().data).toHaveLength(0);
    expect(ledger.flush()).toBe(2);
    expect(ledger.stats()).toMatchObject({ queued: 0, written: 2, flushes: 1 });
    expect(ledger.listRequests().data).toHaveLength(2);
    ledger.close();
  });

  it('record() never throws, even for a malformed context, and keeps recording', () => {
    const log: string[] = [];
    const write = (event: string) => log.push(event);
    const ledger = openLedger({ path: ':memory:' }, { log: { debug: write, info: write, warn: write, error: write } });
    expect(() => ledger.record({ id: 'req_bad' } as unknown as RequestContext)).not.toThrow();
    ledger.record(finishedContext());
    expect(ledger.flush()).toBe(1);
    expect(log).toContain('ledger_record_failed');
    ledger.close();
  });

  it('close() is idempotent; rows recorded after close are counted as dropped', async () => {
    const ledger = openLedger({ path: ':memory:' });
    ledger.close();
    ledger.close();
    ledger.record(finishedContext());
    expect(ledger.stats().dropped).toBe(1);
    expect(ledger.flush()).toBe(0);
    expect(await ledger.prune()).toEqual({ requests: 0, rollups: 0 });
  });

  it('a full queue drops new rows and counts them', () => {
    const ledger = openLedger({ path: ':memory:', flush_interval_ms: 10_000 }, { maxQueue: 3 });
    for (let i = 0; i < 5; i++) ledger.record(finishedContext());
    expect(ledger.stats()).toMatchObject({ queued: 3, dropped: 2 });
    ledger.close();
  });
});
