/**
 * Retention: raw rows older than raw_retention_days and rollups older than
 * rollup_retention_days are deleted in small batches, each its own short transaction,
 * yielding to the event loop between batches so a large backlog never blocks requests.
 * Runs on open and then at most hourly.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Logger } from '../log.js';

export const DAY_MS = 86_400_000;
export const PRUNE_EVERY_MS = 3_600_000;

export interface RetentionPolicy {
  rawRetentionDays: number;
  rollupRetentionDays: number;
}

export interface PruneResult {
  requests: number;
  rollups: number;
}

/** Rows with `time` (rollups: `minute`) strictly before these are deleted. */
export function cutoffs(now: number, p: RetentionPolicy): { requestsBefore: number; rollupsBefore: number } {
  return { requestsBefore: now - p.rawRetentionDays * DAY_MS, rollupsBefore: now - p.rollupRetentionDays * DAY_MS };
}

export class Pruner {
  readonly #deleteRequests: Statement;
  readonly #deleteRollups: Statement;
  #running: Promise<PruneResult> | null = null;
  #stopped = false;
  lastRunAt: number | null = null;
  readonly totals: PruneResult = { requests: 0, rollups: 0 };

  constructor(
    db: Database,
    private readonly policy: RetentionPolicy,
    private readonly now: () => number,
    private readonly batchSize = 2000,
    private readonly log?: Logger,
  ) {
    this.#deleteRequests = db.prepare('DELETE FROM requests WHERE seq IN (SELECT seq FROM requests WHERE time < ? ORDER BY time LIMIT ?)');
    this.#deleteRollups = db.prepare('DELETE FROM rollups WHERE rowid IN (SELECT rowid FROM rollups WHERE minute < ? ORDER BY minute LIMIT ?)');
  }

  /** Whether an hour has passed since the last run started (or it never ran). */
  due(): boolean {
    return this.#running === null && (this.lastRunAt === null || this.now() - this.lastRunAt >= PRUNE_EVERY_MS);
  }

  /** Prunes in batches, yielding between them; concurrent calls share one run. */
  run(): Promise<PruneResult> {
    this.#running ??= this.#loop().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  /** Stops a running prune after its current batch (close). */
  stop(): void {
    this.#stopped = true;
  }

  async #loop(): Promise<PruneResult> {
    this.lastRunAt = this.now();
    const c = cutoffs(this.lastRunAt, this.policy);
    const result: PruneResult = { requests: 0, rollups: 0 };
    try {
      for (;;) {
        if (this.#stopped) break;
        const requests = this.#deleteRequests.run(c.requestsBefore, this.batchSize).changes;
        const rollups = this.#deleteRollups.run(c.rollupsBefore, this.batchSize).changes;
        result.requests += requests;
        result.rollups += rollups;
        if (requests < this.batchSize && rollups < this.batchSize) break;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } catch (err) {
      // A busy or failing disk: try again at the next hourly run.
      this.log?.warn('ledger_prune_failed', { error: (err as Error).message });
    }
    this.totals.requests += result.requests;
    this.totals.rollups += result.rollups;
    if (result.requests + result.rollups > 0) this.log?.info('ledger_pruned', { ...result });
    return result;
  }
}
