/**
 * The drill file: admin events (revoke, restore), drill sessions and their timelines,
 * in one SQLite database next to the ledger (drills.db in the ledger's directory), so
 * both survive a restart. Versioned with user_version, like the ledger.
 */
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError } from '../config/config-error.js';
import { applyMigrations } from '../sqlite/migrate.js';

export const MEMORY = ':memory:';

const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE admin_events (
    seq      INTEGER PRIMARY KEY,
    at       INTEGER NOT NULL,
    action   TEXT    NOT NULL,
    provider TEXT    NOT NULL,
    actor    TEXT
  );
  CREATE TABLE drills (
    id               TEXT    PRIMARY KEY,
    started_at       INTEGER NOT NULL,
    deadline         INTEGER NOT NULL,
    lead             TEXT    NOT NULL,
    operator         TEXT    NOT NULL,
    scribe           TEXT    NOT NULL,
    primary_provider TEXT    NOT NULL,
    finished_at      INTEGER,
    findings         TEXT,
    figures          TEXT    NOT NULL,
    report           TEXT
  );
  CREATE TABLE drill_events (
    seq      INTEGER PRIMARY KEY,
    drill_id TEXT    NOT NULL,
    at       INTEGER NOT NULL,
    kind     TEXT    NOT NULL,
    step     TEXT,
    who      TEXT,
    text     TEXT,
    provider TEXT,
    detail   TEXT
  );
  CREATE INDEX drill_events_drill ON drill_events (drill_id, seq);
  `,
];

/** drills.db next to the ledger file; in memory when the ledger is. */
export function drillsPathFor(ledgerPath: string, cwd: string): string {
  return ledgerPath === MEMORY ? MEMORY : join(dirname(resolve(cwd, ledgerPath)), 'drills.db');
}

export function openDrillDatabase(file: string): Database.Database {
  let db: Database.Database | null = null;
  try {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    applyMigrations(db, MIGRATIONS, 'drills');
    return db;
  } catch (err) {
    db?.close();
    throw new ConfigError('ledger.path', [`cannot open the drill store at "${file}" (next to the ledger): ${(err as Error).message}; point ledger.path at a writable directory`]);
  }
}
