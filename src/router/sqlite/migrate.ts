/**
 * Schema versions for ballast's SQLite files (ledger, alerting, drills), kept in
 * SQLite's user_version: each migration runs once, in order, in its own transaction;
 * a file written by a newer ballast is refused rather than misread.
 *
 * @example
 *   applyMigrations(db, MIGRATIONS, 'ledger');
 */
import type { Database } from 'better-sqlite3';

export class NewerSchemaError extends Error {
  override readonly name = 'NewerSchemaError';
  constructor(
    readonly what: string,
    readonly found: number,
    readonly known: number,
  ) {
    super(`the file has ${what} schema version ${found}, newer than this ballast knows (${known}); upgrade ballast or choose another file`);
  }
}

export function applyMigrations(db: Database, migrations: readonly string[], what: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) throw new NewerSchemaError(what, current, migrations.length);
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v] as string);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
