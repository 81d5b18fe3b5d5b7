/**
 * The outbox table: one row per page and notifier, pending until delivered or failed.
 * A notifier's pages go out oldest first; its head row (the oldest pending) blocks the
 * rows behind it, so a resolve never overtakes its trigger.
 */
import type Database from 'better-sqlite3';
import type { Page } from './types.js';

export type OutboxStatus = 'pending' | 'delivered' | 'failed';

export interface OutboxRow {
  id: number;
  notifier: string;
  page: Page;
  status: OutboxStatus;
  /** Delivery attempts made so far. */
  attempts: number;
  createdAt: number;
  /** When a pending row may be tried next, epoch ms. */
  nextAttemptAt: number;
  lastAttemptAt: number | null;
  /** When it was delivered or marked failed. */
  doneAt: number | null;
  /** The last failure, secrets cut out. */
  lastError: string | null;
}

export interface OutboxQuery {
  status?: OutboxStatus;
  notifier?: string;
  /** Default 100, at most 1000. */
  limit?: number;
}

interface SqlRow {
  id: number;
  notifier: string;
  page: string;
  status: OutboxStatus;
  attempts: number;
  created_at: number;
  next_attempt_at: number;
  last_attempt_at: number | null;
  done_at: number | null;
  last_error: string | null;
}

const COLUMNS = 'id, notifier, page, status, attempts, created_at, next_attempt_at, last_attempt_at, done_at, last_error';

function fromSql(r: SqlRow): OutboxRow {
  return {
    id: r.id,
    notifier: r.notifier,
    page: JSON.parse(r.page) as Page,
    status: r.status,
    attempts: r.attempts,
    createdAt: r.created_at,
    nextAttemptAt: r.next_attempt_at,
    lastAttemptAt: r.last_attempt_at,
    doneAt: r.done_at,
    lastError: r.last_error,
  };
}

export class OutboxRows {
  readonly #db: Database.Database;
  readonly #insert: Database.Statement;
  readonly #heads: Database.Statement;
  readonly #head: Database.Statement;
  readonly #delivered: Database.Statement;
  readonly #retry: Database.Statement;
  readonly #failed: Database.Statement;
  readonly #counts: Database.Statement;
  readonly #prune: Database.Statement;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#insert = db.prepare(
      `INSERT OR IGNORE INTO outbox (notifier, page_id, page, status, attempts, created_at, next_attempt_at) VALUES (?, ?, ?, 'pending', 0, ?, ?)`,
    );
    this.#heads = db.prepare(
      `SELECT ${COLUMNS} FROM outbox WHERE id IN (SELECT MIN(id) FROM outbox WHERE status = 'pending' GROUP BY notifier) ORDER BY id`,
    );
    this.#head = db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE status = 'pending' AND notifier = ? ORDER BY id LIMIT 1`);
    this.#delivered = db.prepare(`UPDATE outbox SET status = 'delivered', attempts = ?, last_attempt_at = ?, done_at = ? WHERE id = ? AND status = 'pending'`);
    this.#retry = db.prepare(`UPDATE outbox SET attempts = ?, last_attempt_at = ?, next_attempt_at = ?, last_error = ? WHERE id = ? AND status = 'pending'`);
    this.#failed = db.prepare(`UPDATE outbox SET status = 'failed', attempts = ?, last_attempt_at = ?, done_at = ?, last_error = ? WHERE id = ? AND status = 'pending'`);
    this.#counts = db.prepare('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status');
    this.#prune = db.prepare(`DELETE FROM outbox WHERE status != 'pending' AND done_at < ?`);
  }

  /** One pending row per notifier (a page already queued for a notifier is not queued twice). Returns rows added. */
  insert(page: Page, notifiers: readonly string[], now: number): number {
    let added = 0;
    const json = JSON.stringify(page);
    for (const n of notifiers) added += this.#insert.run(n, page.id, json, now, now).changes;
    return added;
  }

  /** The oldest pending row of each notifier. */
  heads(): OutboxRow[] {
    return (this.#heads.all() as SqlRow[]).map(fromSql);
  }

  head(notifier: string): OutboxRow | null {
    const r = this.#head.get(notifier) as SqlRow | undefined;
    return r === undefined ? null : fromSql(r);
  }

  markDelivered(row: OutboxRow, at: number): void {
    this.#delivered.run(row.attempts + 1, at, at, row.id);
  }

  markRetry(row: OutboxRow, at: number, nextAt: number, error: string): void {
    this.#retry.run(row.attempts + 1, at, nextAt, error, row.id);
  }

  /** `attempted`: false when the row was failed without a send (its notifier is gone). */
  markFailed(row: OutboxRow, at: number, error: string, attempted = true): void {
    this.#failed.run(row.attempts + (attempted ? 1 : 0), attempted ? at : row.lastAttemptAt, at, error, row.id);
  }

  list(query: OutboxQuery = {}): OutboxRow[] {
    const where: string[] = [];
    const args: Array<string | number> = [];
    if (query.status !== undefined) {
      where.push('status = ?');
      args.push(query.status);
    }
    if (query.notifier !== undefined) {
      where.push('notifier = ?');
      args.push(query.notifier);
    }
    const limit = Math.max(1, Math.min(1000, Math.floor(query.limit ?? 100)));
    const sql = `SELECT ${COLUMNS} FROM outbox ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ${limit}`;
    return (this.#db.prepare(sql).all(...args) as SqlRow[]).map(fromSql);
  }

  counts(): Record<OutboxStatus, number> {
    const out: Record<OutboxStatus, number> = { pending: 0, delivered: 0, failed: 0 };
    for (const r of this.#counts.all() as Array<{ status: OutboxStatus; n: number }>) out[r.status] = r.n;
    return out;
  }

  /** Deletes delivered and failed rows finished before `before`; pending rows are never pruned. */
  prune(before: number): number {
    return this.#prune.run(before).changes;
  }
}
