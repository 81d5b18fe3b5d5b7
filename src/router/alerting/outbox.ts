/**
 * The durable outbox: every page is written to SQLite first (one row per page and
 * notifier), then a background loop delivers it. A receiver that is down loses nothing:
 * its pages wait, retried with exponential backoff, and arrive in order when it is back.
 * A page a receiver refuses for good (a 4xx other than 408/429) is marked failed with
 * the reason. Rows still pending at close are delivered after the file is reopened.
 * Delivery is at least once: a page sent just before a crash may be sent again.
 *
 * @example
 *   const outbox = openOutbox({ path: '.ballast/alerts.db', log });
 *   outbox.start(notifiers);
 *   outbox.enqueue(page, notifiers.map((n) => n.name));
 *   await outbox.close();
 */
import type Database from 'better-sqlite3';
import type { Logger } from '../log.js';
import { openAlertsDatabase } from './alerts-database.js';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import { toNotifierError } from './notifier-error.js';
import { OutboxRows, type OutboxQuery, type OutboxRow, type OutboxStatus } from './outbox-rows.js';
import { realTimers, type TimerHandle, type Timers } from './timers.js';
import type { Notifier, Page } from './types.js';

export interface OutboxOptions {
  /** SQLite file (relative to `cwd`), or ":memory:". Default `.ballast/alerts.db`. */
  path?: string;
  cwd?: string;
  log?: Logger;
  now?: () => number;
  timers?: Timers;
  random?: () => number;
  backoff?: BackoffOptions;
}

/** Counts since the outbox was opened. */
export interface OutboxStats {
  delivered: number;
  retried: number;
  failed: number;
}

/** A failed pass (the file locked, say) is tried again after this long. */
const PASS_RETRY_MS = 5_000;

export class Outbox {
  /** The absolute file, or ":memory:". */
  readonly file: string;
  /** The alerting database: the history and the alert state live here too. */
  readonly db: Database.Database;
  readonly #rows: OutboxRows;
  readonly #log: Logger | undefined;
  readonly #now: () => number;
  readonly #timers: Timers;
  readonly #random: () => number;
  readonly #backoff: BackoffOptions;
  readonly #stats: OutboxStats = { delivered: 0, retried: 0, failed: 0 };
  #notifiers: Map<string, Notifier> | null = null;
  #timer: TimerHandle | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #closing = false;
  #closed: Promise<void> | null = null;

  constructor(options: OutboxOptions = {}) {
    const { db, file } = openAlertsDatabase(options.path ?? '.ballast/alerts.db', options.cwd);
    this.db = db;
    this.file = file;
    this.#rows = new OutboxRows(db);
    this.#log = options.log;
    this.#now = options.now ?? Date.now;
    this.#timers = options.timers ?? realTimers;
    this.#random = options.random ?? Math.random;
    this.#backoff = options.backoff ?? {};
  }

  /**
   * Queues a page for each notifier, durably, before any delivery. Inside a transaction
   * the caller kicks delivery after it commits; outside one delivery starts at once.
   * Returns the rows added (a page already queued for a notifier is not queued twice).
   */
  enqueue(page: Page, notifiers: readonly string[]): number {
    const added = this.#rows.insert(page, notifiers, this.#now());
    if (!this.db.inTransaction) this.kick();
    return added;
  }

  /** Begins delivering with these notifiers; rows for a notifier not among them are marked failed. */
  start(notifiers: readonly Notifier[]): void {
    if (this.#closing) throw new Error('the outbox is closed');
    this.#notifiers = new Map(notifiers.map((n) => [n.name, n]));
    this.kick();
  }

  /** Delivers what is due now, in the background. */
  kick(): void {
    if (this.#notifiers !== null && !this.#closing) void this.#pump();
  }

  /** Delivers what is due now and resolves when that pass (and any it triggered) is over. */
  deliverDue(): Promise<void> {
    return this.#notifiers === null || this.#closing ? Promise.resolve() : this.#pump();
  }

  list(query?: OutboxQuery): OutboxRow[] {
    return this.#rows.list(query);
  }

  counts(): Record<OutboxStatus, number> {
    return this.#rows.counts();
  }

  stats(): OutboxStats {
    return { ...this.#stats };
  }

  /** Deletes delivered and failed rows finished before `before` (epoch ms). */
  prune(before: number): number {
    return this.#rows.prune(before);
  }

  /** Stops the loop, waits for a send in flight (bounded by the notifier's timeout), closes the file. Safe to call twice. */
  close(): Promise<void> {
    if (this.#closed !== null) return this.#closed;
    this.#closing = true;
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
    this.#closed = (async () => {
      await this.#running;
      const pending = this.#rows.counts().pending;
      if (pending > 0) this.#log?.info('alert_outbox_closed_pending', { pending, path: this.file });
      this.db.close();
    })();
    return this.#closed;
  }

  #pump(): Promise<void> {
    if (this.#running !== null) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      let failed = false;
      try {
        do {
          this.#again = false;
          await this.#pass();
        } while (this.#again && !this.#closing);
      } catch (err) {
        failed = true;
        this.#log?.error('alert_outbox_pass_failed', { error: String((err as Error)?.message ?? err) });
      } finally {
        this.#running = null;
      }
      this.#schedule(failed);
    })();
    return this.#running;
  }

  async #pass(): Promise<void> {
    const lanes = new Set(this.#rows.heads().map((r) => r.notifier));
    // Every lane finishes before the pass does, even when one throws: close() waits for the pass.
    const results = await Promise.allSettled([...lanes].map((name) => this.#drainLane(name)));
    const failure = results.find((r) => r.status === 'rejected');
    if (failure !== undefined) throw failure.reason;
  }

  /** One notifier's pages, oldest first, until one must wait or none is left. */
  async #drainLane(name: string): Promise<void> {
    const notifier = this.#notifiers?.get(name);
    for (;;) {
      if (this.#closing) return;
      const row = this.#rows.head(name);
      if (row === null) return;
      if (notifier === undefined) {
        const reason = `notifier "${name}" is not configured any more; add it back under alerting.notifiers to deliver its pages`;
        this.#rows.markFailed(row, this.#now(), reason, false);
        this.#stats.failed += 1;
        this.#log?.error('alert_page_failed', { ...fields(row), error: reason });
        continue;
      }
      if (row.nextAttemptAt > this.#now()) return;
      try {
        await notifier.send(row.page);
      } catch (err) {
        const e = toNotifierError(name, err);
        const at = this.#now();
        if (e.retryable) {
          const delay = backoffDelay(row.attempts + 1, this.#backoff, this.#random, e.retryAfterMs);
          this.#rows.markRetry(row, at, at + delay, e.message);
          this.#stats.retried += 1;
          this.#log?.warn('alert_page_retry', { ...fields(row), attempts: row.attempts + 1, code: e.code, status: e.status ?? null, retry_in_ms: delay, error: e.message });
          return;
        }
        this.#rows.markFailed(row, at, e.message);
        this.#stats.failed += 1;
        this.#log?.error('alert_page_failed', { ...fields(row), attempts: row.attempts + 1, code: e.code, status: e.status ?? null, error: e.message });
        continue;
      }
      this.#rows.markDelivered(row, this.#now());
      this.#stats.delivered += 1;
      this.#log?.info('alert_page_delivered', { ...fields(row), attempts: row.attempts + 1 });
    }
  }

  /** Wakes up when the earliest notifier head is due. */
  #schedule(afterFailure: boolean): void {
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#closing || this.#notifiers === null) return;
    let delay: number;
    try {
      const heads = this.#rows.heads();
      if (heads.length === 0) return;
      delay = afterFailure ? PASS_RETRY_MS : Math.max(0, Math.min(...heads.map((h) => h.nextAttemptAt)) - this.#now());
    } catch (err) {
      this.#log?.error('alert_outbox_pass_failed', { error: String((err as Error)?.message ?? err) });
      delay = PASS_RETRY_MS;
    }
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = null;
      void this.#pump();
    }, delay);
  }
}

/** Opens (or creates) the outbox file. Throws ConfigError when it cannot. */
export function openOutbox(options: OutboxOptions = {}): Outbox {
  return new Outbox(options);
}

function fields(row: OutboxRow): Record<string, unknown> {
  return { notifier: row.notifier, page_id: row.page.id, alert: row.page.alert, state: row.page.state };
}
