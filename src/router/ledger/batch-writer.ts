/**
 * The write side, off the request path: record() only queues a mapped row; flush()
 * writes every queued row and the rollups they add up to in one transaction with
 * prepared statements. A failed flush keeps its rows queued for the next one.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Rollup } from '../../core/slo/rollup.js';
import type { Logger } from '../log.js';
import { aggregate, histogramToText, mergeHistogramText } from './rollup-aggregate.js';
import type { LedgerRow } from './row.js';
import { ROW_COLUMNS, toSqlParams } from './sql-row.js';

export interface WriterStats {
  /** Rows waiting for the next flush. */
  queued: number;
  /** Rows committed since open. */
  written: number;
  /** Committed transactions since open. */
  flushes: number;
  failedFlushes: number;
  /** Rows thrown away because the queue was full (the database kept failing). */
  dropped: number;
  lastFlushMs: number;
  maxFlushMs: number;
  /** Time spent in committed flushes since open: the ledger's whole cost on the event loop, besides record(). */
  totalFlushMs: number;
}

const INSERT_ROW = `INSERT INTO requests (${ROW_COLUMNS.join(', ')}) VALUES (${ROW_COLUMNS.map(() => '?').join(', ')})`;

const UPSERT_ROLLUP = `
  INSERT INTO rollups (minute, tenant, feature, provider, eligible, successes, client_errors, internal_errors, abandoned, cancelled_early, client_gone,
                       cost_usd, cost_saved_usd, cache_hits, latency, cache_latency)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (minute, tenant, feature, provider) DO UPDATE SET
    eligible       = eligible + excluded.eligible,
    successes      = successes + excluded.successes,
    client_errors  = client_errors + excluded.client_errors,
    internal_errors = internal_errors + excluded.internal_errors,
    abandoned      = abandoned + excluded.abandoned,
    cancelled_early = cancelled_early + excluded.cancelled_early,
    client_gone    = client_gone + excluded.client_gone,
    cost_usd       = cost_usd + excluded.cost_usd,
    cost_saved_usd = cost_saved_usd + excluded.cost_saved_usd,
    cache_hits     = cache_hits + excluded.cache_hits,
    latency        = ballast_merge_histograms(latency, excluded.latency),
    cache_latency  = ballast_merge_histograms(cache_latency, excluded.cache_latency)`;

export class BatchWriter {
  #queue: LedgerRow[] = [];
  readonly #insert: Statement;
  readonly #upsert: Statement;
  readonly #write: (rows: LedgerRow[]) => void;
  readonly #stats: WriterStats = { queued: 0, written: 0, flushes: 0, failedFlushes: 0, dropped: 0, lastFlushMs: 0, maxFlushMs: 0, totalFlushMs: 0 };
  #failing = false;

  constructor(
    db: Database,
    private readonly maxQueue: number,
    private readonly log?: Logger,
    foldFeature?: (feature: string) => string,
  ) {
    db.function('ballast_merge_histograms', { deterministic: true }, (a, b) => mergeHistogramText(a as string, b as string));
    this.#insert = db.prepare(INSERT_ROW);
    this.#upsert = db.prepare(UPSERT_ROLLUP);
    this.#write = db.transaction((rows: LedgerRow[]) => {
      for (const row of rows) this.#insert.run(toSqlParams(row));
      for (const r of aggregate(rows, foldFeature)) this.#upsert.run(rollupParams(r));
    });
  }

  /** O(1): the only work record() does after mapping. */
  push(row: LedgerRow): void {
    if (this.#queue.length >= this.maxQueue) {
      this.#stats.dropped += 1;
      return;
    }
    this.#queue.push(row);
  }

  get queued(): number {
    return this.#queue.length;
  }

  /**
   * Writes the oldest `maxRows` queued rows (default: all) in one transaction; returns
   * the rows written (0 on failure, the rows stay queued).
   */
  flush(maxRows = Infinity): number {
    if (this.#queue.length === 0) return 0;
    let batch: LedgerRow[];
    if (this.#queue.length <= maxRows) {
      batch = this.#queue;
      this.#queue = [];
    } else {
      batch = this.#queue.splice(0, maxRows);
    }
    const t0 = performance.now();
    try {
      this.#write(batch);
    } catch (err) {
      this.#requeue(batch);
      this.#stats.failedFlushes += 1;
      if (!this.#failing) this.log?.warn('ledger_write_failed', { rows: batch.length, error: (err as Error).message, queued: this.#queue.length });
      this.#failing = true;
      return 0;
    }
    const ms = performance.now() - t0;
    if (this.#failing) this.log?.info('ledger_write_recovered', { rows: batch.length });
    this.#failing = false;
    this.#stats.written += batch.length;
    this.#stats.flushes += 1;
    this.#stats.lastFlushMs = ms;
    this.#stats.maxFlushMs = Math.max(this.#stats.maxFlushMs, ms);
    this.#stats.totalFlushMs += ms;
    return batch.length;
  }

  stats(): WriterStats {
    return { ...this.#stats, queued: this.#queue.length };
  }

  #requeue(batch: LedgerRow[]): void {
    const rows = batch.concat(this.#queue);
    const over = rows.length - this.maxQueue;
    // Keep the newest rows when the database has been failing for long.
    if (over > 0) this.#stats.dropped += over;
    this.#queue = over > 0 ? rows.slice(over) : rows;
  }
}

function rollupParams(r: Rollup): Array<string | number> {
  return [
    r.minute, r.tenant, r.feature, r.provider, r.eligible, r.successes, r.clientErrors, r.internalErrors, r.abandoned, r.cancelledEarly, r.clientGone,
    r.costUsd, r.costSavedUsd, r.cacheHits, histogramToText(r.latency), histogramToText(r.cacheLatency),
  ];
}
