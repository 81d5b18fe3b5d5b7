/**
 * The ledger's tables, versioned with SQLite's user_version. Each migration runs once,
 * in order, in its own transaction; a file from a newer ballast is refused.
 */
import type { Database } from 'better-sqlite3';
import { applyMigrations } from '../sqlite/migrate.js';

export { NewerSchemaError } from '../sqlite/migrate.js';

const MIGRATIONS: readonly string[] = [
  // 1: raw requests and per-minute rollups
  `
  CREATE TABLE requests (
    seq                INTEGER PRIMARY KEY,
    request_id         TEXT    NOT NULL,
    time               INTEGER NOT NULL,
    tenant             TEXT,
    feature            TEXT,
    prompt_version     TEXT,
    model_group        TEXT,
    provider           TEXT,
    model              TEXT,
    attempts           INTEGER NOT NULL,
    failover           INTEGER NOT NULL,
    attempts_detail    TEXT    NOT NULL,
    bypass             INTEGER NOT NULL,
    cache              TEXT,
    degraded           TEXT,
    tokens_in          INTEGER,
    tokens_out         INTEGER,
    cache_read_tokens  INTEGER,
    cache_write_tokens INTEGER,
    cost_usd           REAL,
    cost_saved_usd     REAL    NOT NULL,
    latency_ms         REAL,
    ttft_ms            REAL,
    stream             INTEGER NOT NULL,
    outcome            TEXT    NOT NULL,
    error_code         TEXT,
    status             INTEGER,
    eligible           INTEGER NOT NULL
  );
  -- Retention only. No index on tenant or outcome: each costs ~40% more per insert,
  -- and listing scans a bounded window of seq instead (queries.ts).
  CREATE INDEX requests_time ON requests (time);

  CREATE TABLE rollups (
    minute          INTEGER NOT NULL,
    tenant          TEXT    NOT NULL,
    feature         TEXT    NOT NULL,
    provider        TEXT    NOT NULL,
    eligible        INTEGER NOT NULL,
    successes       INTEGER NOT NULL,
    client_errors   INTEGER NOT NULL,
    cost_usd        REAL    NOT NULL,
    cost_saved_usd  REAL    NOT NULL,
    cache_hits      INTEGER NOT NULL,
    latency         TEXT    NOT NULL,
    PRIMARY KEY (minute, tenant, feature, provider)
  );
  `,
  // 2: outcomes counted apart (issues #11, #12), estimated costs, a cache hit's origin
  `
  ALTER TABLE requests ADD COLUMN cost_estimated  INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE requests ADD COLUMN origin_provider TEXT;
  ALTER TABLE rollups  ADD COLUMN internal_errors INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE rollups  ADD COLUMN abandoned       INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE rollups  ADD COLUMN cancelled_early INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE rollups  ADD COLUMN client_gone     INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE rollups  ADD COLUMN cache_latency   TEXT    NOT NULL DEFAULT '{}';
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function migrate(db: Database): void {
  applyMigrations(db, MIGRATIONS, 'ledger');
}
