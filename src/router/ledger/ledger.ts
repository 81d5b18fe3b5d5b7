/**
 * The request ledger: one row per finished request and per-minute rollups, in SQLite.
 * record() maps and queues (microseconds, on the request path); a timer writes the
 * queue every flush_interval_ms in one transaction; close() writes what is left.
 *
 * @example
 *   const ledger = openLedger(config.ledger, { log });
 *   rt.recorders.push(ledgerRecorder(ledger));
 *   // on shutdown, after the server drained:
 *   ledger.close();
 */
import type { Rollup } from '../../core/slo/rollup.js';
import type { RequestContext } from '../context.js';
import type { Logger } from '../log.js';
import { featureFolder } from '../request/fold-feature.js';
import { BatchWriter, type WriterStats } from './batch-writer.js';
import { ledgerConfigSchema, type LedgerConfig } from './config.js';
import { openDatabase } from './open-database.js';
import { LedgerQueries, type ListRequestsOptions, type RequestsPage } from './queries.js';
import { Pruner, type PruneResult } from './retention.js';
import { toLedgerRow } from './row.js';

/** Rows per timer transaction: about 10 ms of writing on a slow disk. */
export const ROWS_PER_TRANSACTION = 2000;

export interface LedgerDeps {
  /** Clock for retention (epoch ms); rows carry the request's own start time. */
  now?: () => number;
  log?: Logger;
  /** Base for a relative ledger.path (default: process.cwd()). */
  cwd?: string;
  /** Rows held while the database keeps failing before the oldest are dropped (default 100 000). */
  maxQueue?: number;
  /** Rows deleted per retention batch (default 2000). */
  pruneBatchSize?: number;
  /** Rows of seq a filtered listRequests page reads at most (default 20 000). */
  scanWindow?: number;
}

export interface SpendRow {
  tenant: string;
  feature: string;
  costUsd: number;
}

export interface LedgerStats extends WriterStats {
  /** The absolute file, or ":memory:". */
  path: string;
  pruned: PruneResult;
  lastPruneAt: number | null;
}

export interface Ledger {
  /** Maps the finished request to a row and queues it. Never throws, never does I/O. */
  record(ctx: RequestContext): void;
  /** Rollups whose minute starts in [fromMs, toMs), histograms parsed; flushed data only. */
  rollupsBetween(fromMs: number, toMs: number): Rollup[];
  /** Rows newest first (flushed data only). Throws RangeError / InvalidCursorError on bad options. */
  listRequests(options?: ListRequestsOptions): RequestsPage;
  /** USD charged per tenant and feature for requests since `fromMs` (every row, eligible or not): what budgets restore from. */
  spendSince(fromMs: number): SpendRow[];
  /** Writes the whole queue now, synchronously, in one transaction; returns the rows written. */
  flush(): number;
  /** Runs retention now (batched, yielding between batches). */
  prune(): Promise<PruneResult>;
  /** Flushes everything synchronously and closes the file; safe to call twice. */
  close(): void;
  stats(): LedgerStats;
}

export function openLedger(options: Partial<LedgerConfig> = {}, deps: LedgerDeps = {}): Ledger {
  const config = ledgerConfigSchema.parse(options);
  const now = deps.now ?? Date.now;
  const log = deps.log;
  const { db, file } = openDatabase(config.path, deps.cwd ?? process.cwd(), log);
  const writer = new BatchWriter(db, deps.maxQueue ?? 100_000, log, config.features ? featureFolder(config.features) : undefined);
  const queries = new LedgerQueries(db, deps.scanWindow);
  const pruner = new Pruner(
    db,
    { rawRetentionDays: config.raw_retention_days, rollupRetentionDays: config.rollup_retention_days },
    now,
    deps.pruneBatchSize,
    log,
  );
  let closed = false;
  let mapFailed = false;
  let droppedAfterClose = 0;

  // The timer writes in chunks, yielding between them, so a backlog (a burst, or a
  // file that was locked for a while) never blocks the event loop for long.
  let draining = false;
  const drain = () => {
    draining = false;
    if (closed) return;
    if (writer.flush(ROWS_PER_TRANSACTION) > 0 && writer.queued > 0) {
      draining = true;
      setImmediate(drain);
    }
  };
  const timer = setInterval(() => {
    if (!draining) drain();
    if (pruner.due()) void pruner.run();
  }, config.flush_interval_ms);
  timer.unref();
  void pruner.run();

  return {
    record(ctx) {
      if (closed) {
        droppedAfterClose += 1; // a request that finished after shutdown began: close the ledger last
        return;
      }
      try {
        writer.push(toLedgerRow(ctx));
      } catch (err) {
        // A recorder must never break the request it records.
        if (!mapFailed) log?.error('ledger_record_failed', { request_id: ctx.id, error: String((err as Error)?.message ?? err) });
        mapFailed = true;
      }
    },
    rollupsBetween: (fromMs, toMs) => queries.rollupsBetween(fromMs, toMs),
    listRequests: (o) => queries.listRequests(o),
    spendSince: (fromMs) => queries.spendSince(fromMs),
    flush: () => (closed ? 0 : writer.flush()),
    prune: () => (closed ? Promise.resolve({ requests: 0, rollups: 0 }) : pruner.run()),
    close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      pruner.stop();
      writer.flush();
      const lost = writer.queued;
      if (lost > 0) log?.error('ledger_close_lost_rows', { rows: lost, path: file });
      db.close();
    },
    stats() {
      const w = writer.stats();
      return { ...w, dropped: w.dropped + droppedAfterClose, path: file, pruned: { ...pruner.totals }, lastPruneAt: pruner.lastRunAt };
    },
  };
}

/** The recorder to push into `rt.recorders`. */
export function ledgerRecorder(ledger: Pick<Ledger, 'record'>): (ctx: RequestContext) => void {
  return (ctx) => ledger.record(ctx);
}
