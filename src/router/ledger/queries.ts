/**
 * Reading the ledger: rollups for the SLO engine, and raw rows newest first with an
 * opaque cursor. Rows are paged by their insertion sequence, so rows written while a
 * client pages never shift or repeat what it sees.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Outcome } from '../context.js';
import type { Rollup } from '../../core/slo/rollup.js';
import { histogramFromText } from './rollup-aggregate.js';
import type { LedgerRow } from './row.js';
import { ROW_COLUMNS, fromSqlRow, type SqlValue } from './sql-row.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

export interface ListRequestsOptions {
  /** 1..500, default 50. */
  limit?: number;
  /** The next_cursor of the previous page. */
  before?: string;
  tenant?: string;
  feature?: string;
  provider?: string;
  outcome?: Outcome;
}

export interface RequestsPage {
  data: LedgerRow[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  next_cursor: string | null;
}

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor() {
    super('cursor is not one this ledger gave out; pass the next_cursor of the previous page unchanged, or omit it for the newest rows');
  }
}

export function encodeCursor(seq: number): string {
  return Buffer.from(`s${seq}`).toString('base64url');
}

/** The sequence number in a cursor, or null when it is not one. */
export function decodeCursor(cursor: string): number | null {
  if (!/^[A-Za-z0-9_-]{1,24}$/.test(cursor)) return null;
  const m = /^s([1-9][0-9]{0,15})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  return m ? Number(m[1]) : null;
}

type Filter = 'tenant' | 'feature' | 'provider' | 'outcome';
const FILTERS: readonly Filter[] = ['tenant', 'feature', 'provider', 'outcome'];

export class LedgerQueries {
  readonly #rollups: Statement;
  /** One prepared statement per combination of filters in use (16 at most). */
  readonly #pages = new Map<string, Statement>();

  constructor(private readonly db: Database) {
    this.#rollups = db.prepare(
      'SELECT minute, tenant, feature, provider, eligible, successes, client_errors, cost_usd, cost_saved_usd, cache_hits, latency FROM rollups WHERE minute >= ? AND minute < ? ORDER BY minute, tenant, feature, provider',
    );
  }

  /** Rollups whose minute starts in [fromMs, toMs), oldest first. */
  rollupsBetween(fromMs: number, toMs: number): Rollup[] {
    return (this.#rollups.all(fromMs, toMs) as Array<Record<string, SqlValue>>).map((s) => ({
      minute: s.minute as number,
      tenant: s.tenant as string,
      feature: s.feature as string,
      provider: s.provider as string,
      eligible: s.eligible as number,
      successes: s.successes as number,
      clientErrors: s.client_errors as number,
      costUsd: s.cost_usd as number,
      costSavedUsd: s.cost_saved_usd as number,
      cacheHits: s.cache_hits as number,
      latency: histogramFromText(s.latency as string),
    }));
  }

  /** Rows newest first. Throws RangeError for a bad limit and InvalidCursorError for a bad cursor. */
  listRequests(o: ListRequestsOptions = {}): RequestsPage {
    const limit = o.limit ?? DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new RangeError(`limit must be an integer from 1 to ${MAX_LIMIT}`);
    let before = Number.MAX_SAFE_INTEGER;
    if (o.before !== undefined) {
      const seq = decodeCursor(o.before);
      if (seq === null) throw new InvalidCursorError();
      before = seq;
    }
    const used = FILTERS.filter((f) => o[f] !== undefined);
    const rows = this.#page(used).all(before, ...used.map((f) => o[f] as string), limit + 1) as Array<Record<string, SqlValue>>;
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const last = page[page.length - 1];
    return { data: page.map(fromSqlRow), next_cursor: more && last ? encodeCursor(last.seq as number) : null };
  }

  #page(used: Filter[]): Statement {
    const key = used.join(',');
    let stmt = this.#pages.get(key);
    if (!stmt) {
      const where = ['seq < ?', ...used.map((f) => `${f} = ?`)].join(' AND ');
      stmt = this.db.prepare(`SELECT seq, ${ROW_COLUMNS.join(', ')} FROM requests WHERE ${where} ORDER BY seq DESC LIMIT ?`);
      this.#pages.set(key, stmt);
    }
    return stmt;
  }
}
