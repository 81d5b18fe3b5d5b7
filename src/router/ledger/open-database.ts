/**
 * Opening the ledger file: create its directory, WAL mode, the schema. Any failure is
 * a configuration error that names `ledger.path` and says what to do.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError } from '../config/config-error.js';
import type { Logger } from '../log.js';
import { migrate, NewerSchemaError } from './migrations.js';

export const MEMORY = ':memory:';
const BUSY_TIMEOUT_MS = 50;
const FIX = 'set ledger.path to a writable file (its directory is created when missing), or to ":memory:" to keep the ledger in memory only';

export interface OpenedDatabase {
  db: Database.Database;
  /** The absolute file, or ":memory:". */
  file: string;
}

export function openDatabase(path: string, cwd: string, log?: Logger): OpenedDatabase {
  const file = path === MEMORY ? MEMORY : resolve(cwd, path);
  let db: Database.Database | null = null;
  try {
    if (file !== MEMORY) ensureDirectory(dirname(file));
    db = new Database(file);
    // WAL: readers never block the writer; NORMAL: a commit survives a process crash
    // (the WAL is in the OS cache), only a power loss may take the last commits.
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (file !== MEMORY && mode !== 'wal') log?.warn('ledger_not_wal', { path: file, journal_mode: mode });
    db.pragma('synchronous = NORMAL');
    // Short: a flush that finds the file locked (another process writing) gives up
    // quickly and keeps its rows for the next flush instead of stalling the event loop.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    migrate(db);
    return { db, file };
  } catch (err) {
    db?.close();
    throw new ConfigError('ledger.path', [`cannot open the ledger at "${file}": ${reason(err, file)}; ${FIX}`]);
  }
}

/** mkdir -p, one level at a time: Node 20's recursive mkdirSync spins forever under /proc. */
function ensureDirectory(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) {
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing.reverse()) mkdirSync(d);
  if (!statSync(dir).isDirectory()) throw Object.assign(new Error(`${dir} is not a directory`), { code: 'ENOTDIR', path: dir });
}

function reason(err: unknown, file: string): string {
  if (err instanceof NewerSchemaError) return err.message;
  const e = err as { code?: string; message?: string; path?: string };
  switch (e.code) {
    case 'SQLITE_NOTADB':
      return 'the file exists but is not a SQLite database (move it away or choose another file)';
    case 'SQLITE_CANTOPEN':
      return 'SQLite cannot open the file (is it a directory, or is its directory read-only?)';
    case 'SQLITE_READONLY':
      return 'the file is read-only';
    case 'EACCES':
    case 'EPERM':
      return `no permission to create ${e.path ?? dirname(file)}`;
    case 'ENOENT':
    case 'EROFS':
      return `cannot create the directory ${e.path ?? dirname(file)} (${e.code})`;
    case 'ENOTDIR':
    case 'EEXIST':
      return `${e.path ?? dirname(file)} is in the way: a file where a directory should be`;
    default:
      return `${e.code ?? 'error'}: ${e.message ?? String(err)}`;
  }
}
