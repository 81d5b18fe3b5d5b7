/**
 * Every alert transition, paging or not, with the figures it was decided on: what the
 * API and the panel show as "what happened to the alerts", newest first.
 */
import type Database from 'better-sqlite3';
import type { AlertPhase, AlertTransition } from '../../core/slo/alert-state.js';
import type { AlertName } from '../../core/slo/config.js';

export interface AlertHistoryEntry extends AlertTransition {
  seq: number;
  /** Whether this transition paged (went to the outbox). */
  paged: boolean;
  note: string | null;
}

export interface HistoryQuery {
  /** Default 100, at most 1000. */
  limit?: number;
  alert?: AlertName;
  /** Only transitions at or after this time, epoch ms. */
  since?: number;
}

export const HISTORY_DEFAULT_LIMIT = 100;
export const HISTORY_MAX_LIMIT = 1000;

interface SqlRow {
  seq: number;
  alert: AlertName;
  from_phase: AlertPhase;
  to_phase: AlertPhase;
  at: number;
  value: number | null;
  threshold: number;
  eligible: number;
  alert_window: string;
  paged: number;
  note: string | null;
}

export class AlertHistory {
  readonly #db: Database.Database;
  readonly #insert: Database.Statement;
  readonly #prune: Database.Statement;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#insert = db.prepare(
      'INSERT INTO alert_history (alert, from_phase, to_phase, at, value, threshold, eligible, alert_window, paged, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.#prune = db.prepare('DELETE FROM alert_history WHERE at < ?');
  }

  record(t: AlertTransition, paged: boolean, note: string | null = null): void {
    const value = t.value === null || !Number.isFinite(t.value) ? null : t.value;
    this.#insert.run(t.alert, t.from, t.to, t.at, value, t.threshold, t.eligible, t.window, paged ? 1 : 0, note);
  }

  /** Newest first. */
  list(query: HistoryQuery = {}): AlertHistoryEntry[] {
    const where: string[] = [];
    const args: Array<string | number> = [];
    if (query.alert !== undefined) {
      where.push('alert = ?');
      args.push(query.alert);
    }
    if (query.since !== undefined) {
      where.push('at >= ?');
      args.push(query.since);
    }
    const limit = Math.max(1, Math.min(HISTORY_MAX_LIMIT, Math.floor(query.limit ?? HISTORY_DEFAULT_LIMIT)));
    const sql = `SELECT * FROM alert_history ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, seq DESC LIMIT ${limit}`;
    return (this.#db.prepare(sql).all(...args) as SqlRow[]).map((r) => ({
      seq: r.seq,
      alert: r.alert,
      from: r.from_phase,
      to: r.to_phase,
      at: r.at,
      value: r.value,
      threshold: r.threshold,
      eligible: r.eligible,
      window: r.alert_window,
      paged: r.paged === 1,
      note: r.note,
    }));
  }

  prune(before: number): number {
    return this.#prune.run(before).changes;
  }
}
