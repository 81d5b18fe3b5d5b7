/**
 * Reading the ledger: rollups for the SLO engine, and raw rows newest first with an
 * opaque cursor. Rows are paged by their insertion sequence (seq), so rows written
 * while a client pages never shift or repeat what it sees. A filtered page reads at
 * most `scanWindow` rows of seq, so no query blocks the event loop for long: a page
 * may hold fewer rows than asked (even none) and still have a next_cursor.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Outcome } from '../context.js';
import type { Rollup } from '../../core/slo/rollup.js';
import { histogramFromText } from './rollup-aggregate.js';
import type { LedgerRow } from './row.js';
import { ROW_COLUMNS, fromSqlRow, type SqlValue } from './sql-row.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;
/** Rows of seq one page reads at most (a few ms). */
export const SCAN_WINDOW = 20_000;

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
  /** Pass as `before` for the next (older) page; null when nothing older is left. */
  next_cursor: string | null;
}

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor() {
    super('cursor is not one this ledger gave out; pass the next_cursor of the previous page unchanged, or omit it for the newest rows');
  }
}

/** A cursor stands for "rows with seq below this". */
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
  readonly #bounds: Statement;
  readonly #spend: Statement;
  /** One prepared statement per combination of filters in use (16 at most). */
  readonly #pages = new Map<string, Statement>();

  constructor(
    private readonly db: Database,
    private readonly scanWindow = SCAN_WINDOW,
  ) {
    this.#rollups = db.prepare(
      'SELECT minute, tenant, feature, provider, eligible, successes, client_errors, internal_errors, abandoned, cancelled_early, client_gone, cost_usd, cost_saved_usd, cache_hits, latency, cache_latency FROM rollups WHERE minute >= ? AND minute < ? ORDER BY minute, tenant, feature, provider',
    );
    // Two subqueries: SQLite answers a lone min() or max() from the rowid B-tree, not both at once.
    this.#bounds = db.prepare('SELECT (SELECT min(seq) FROM requests) AS lo, (SELECT max(seq) FROM requests) AS hi');
    this.#spend = db.prepare('SELECT tenant, feature, sum(cost_usd) AS cost FROM requests WHERE time >= ? AND cost_usd > 0 GROUP BY tenant, feature');
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
      internalErrors: s.internal_errors as number,
      abandoned: s.abandoned as number,
      cancelledEarly: s.cancelled_early as number,
      clientGone: s.client_gone as number,
      costUsd: s.cost_usd as number,
      costSavedUsd: s.cost_saved_usd as number,
      cacheHits: s.cache_hits as number,
      latency: histogramFromText(s.latency as string),
      cacheLatency: histogramFromText(s.cache_latency as string),
    }));
  }

  /** USD charged per tenant and feature since `fromMs` (the time index bounds the scan). */
  spendSince(fromMs: number): Array<{ tenant: string; feature: string; costUsd: number }> {
    return (this.#spend.all(fromMs) as Array<{ tenant: string | null; feature: string | null; cost: number }>).map((r) => ({
      tenant: r.tenant ?? '',
      feature: r.feature ?? '',
      costUsd: r.cost,
    }));
  }

  /** Rows newest first. Throws RangeError for a bad limit and InvalidCursorError for a bad cursor. */
  listRequests(o: ListRequestsOptions = {}): RequestsPage {
    const limit = o.limit ?? DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new RangeError(`limit must be an integer from 1 to ${MAX_LIMIT}`);
    const bounds = this.#bounds.get() as { lo: number | null; hi: number | null };
    if (bounds.lo === null || bounds.hi === null) return { data: [], next_cursor: null };
    let upper = bounds.hi + 1;
    if (o.before !== undefined) {
      const seq = decodeCursor(o.before);
      if (seq === null) throw new InvalidCursorError();
      upper = Math.min(seq, upper);
    }
    const used = FILTERS.filter((f) => o[f] !== undefined);
    // Unfiltered, every row in range matches: the LIMIT alone bounds the read.
    const lower = used.length === 0 ? bounds.lo : Math.max(upper - this.scanWindow, bounds.lo);
    const rows = this.#page(used).all(upper, lower, ...used.map((f) => o[f] as string), limit + 1) as Array<Record<string, SqlValue>>;
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    let next: number | null = null;
    if (rows.length > limit && last) next = last.seq as number;
    else if (lower > bounds.lo) next = lower; // the window ended before the page filled: older rows remain
    return { data: page.map(fromSqlRow), next_cursor: next === null ? null : encodeCursor(next) };
  }

  #page(used: Filter[]): Statement {
    const key = used.join(',');
    let stmt = this.#pages.get(key);
    if (!stmt) {
      const where = ['seq < ?', 'seq >= ?', ...used.map((f) => `${f} = ?`)].join(' AND ');
      stmt = this.db.prepare(`SELECT seq, ${ROW_COLUMNS.join(', ')} FROM requests WHERE ${where} ORDER BY seq DESC LIMIT ?`);
      this.#pages.set(key, stmt);
    }
    return stmt;
  }
}
