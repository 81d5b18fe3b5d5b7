/**
 * The alerting file: the outbox, the alert history and the alert state, in one SQLite
 * database so that recording a transition, queueing its pages and moving the state
 * happen in one transaction. Versioned with user_version, like the ledger.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError } from '../config/config-error.js';
import { applyMigrations } from '../sqlite/migrate.js';

export const MEMORY = ':memory:';

const MIGRATIONS: readonly string[] = [
  // 1: outbox, history, state
  `
  CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    notifier        TEXT    NOT NULL,
    page_id         TEXT    NOT NULL,
    page            TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    last_attempt_at INTEGER,
    done_at         INTEGER,
    last_error      TEXT,
    UNIQUE (notifier, page_id)
  );
  CREATE INDEX outbox_lane ON outbox (status, notifier, id);

  CREATE TABLE alert_history (
    seq          INTEGER PRIMARY KEY,
    alert        TEXT    NOT NULL,
    from_phase   TEXT    NOT NULL,
    to_phase     TEXT    NOT NULL,
    at           INTEGER NOT NULL,
    value        REAL,
    threshold    REAL    NOT NULL,
    eligible     INTEGER NOT NULL,
    alert_window TEXT    NOT NULL,
    paged        INTEGER NOT NULL,
    note         TEXT
  );
  CREATE INDEX alert_history_at ON alert_history (at);

  CREATE TABLE alert_state (
    alert TEXT PRIMARY KEY,
    state TEXT NOT NULL
  );
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export interface AlertsDatabase {
  db: Database.Database;
  /** The absolute file, or ":memory:". */
  file: string;
}

/**
 * Opens (creating when missing) the alerting file. Any failure is a ConfigError naming
 * `alerting.path` and what to do.
 *
 * @example const { db } = openAlertsDatabase('.ballast/alerts.db', process.cwd());
 */
export function openAlertsDatabase(path: string, cwd: string = process.cwd()): AlertsDatabase {
  const file = path === MEMORY ? MEMORY : resolve(cwd, path);
  let db: Database.Database | null = null;
  try {
    if (file !== MEMORY && !existsSync(dirname(file))) mkdirSync(dirname(file), { recursive: true });
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    // A page is written before it is sent: it must survive a crash of the process.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 1000');
    migrate(db);
    return { db, file };
  } catch (err) {
    db?.close();
    const e = err as { code?: string; message?: string };
    throw new ConfigError('alerting.path', [
      `cannot open the alerting database at "${file}" (${e.code ?? 'error'}: ${e.message ?? String(err)}); set alerting.path to a writable file (its directory is created when missing), or ":memory:" to keep pages in memory only`,
    ]);
  }
}

function migrate(db: Database.Database): void {
  applyMigrations(db, MIGRATIONS, 'alerting');
}
