/**
 * The files start opens (answer cache, ledger, drill store, alerting database),
 * checked without creating anything: each must be a writable file, or not exist yet in
 * a directory ballast can create. check-config runs these too, so a path that start
 * would refuse is refused by check-config first (issue #11, item 8).
 */
import { accessSync, closeSync, constants, openSync, readSync, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SCHEMA_VERSION as ALERTING_SCHEMA_VERSION } from '../alerting/alerts-database.js';
import { SCHEMA_VERSION as LEDGER_SCHEMA_VERSION } from '../ledger/migrations.js';
import type { Config } from './schema.js';

const MEMORY = ':memory:';
const SQLITE_MAGIC = 'SQLite format 3\0';
const HEADER_BYTES = 100;
const USER_VERSION_OFFSET = 60;

interface FileUse {
  /** The key the path comes from, named in every problem. */
  key: string;
  /** The path as configured (relative to cwd), or ":memory:". */
  path: string;
  what: string;
  /** The schema version this ballast knows: a file written by a newer one is refused at start. */
  schemaVersion?: number;
}

/** Whether start opens the answer cache: a policy other than `off`, globally or for a feature. */
export function usesAnswerCache(config: Config): boolean {
  return config.cache.policy !== 'off' || Object.values(config.features).some((f) => f.cache?.policy !== undefined && f.cache.policy !== 'off');
}

/** One line per file start could not open, naming its key; empty when all can be opened. */
export function fileProblems(config: Config, cwd: string): string[] {
  const uses: FileUse[] = [{ key: 'ledger.path', path: config.ledger.path, what: 'the ledger', schemaVersion: LEDGER_SCHEMA_VERSION }];
  if (config.ledger.path !== MEMORY) {
    uses.push({ key: 'ledger.path', path: join(dirname(resolve(cwd, config.ledger.path)), 'drills.db'), what: 'the drill store (drills.db, next to the ledger)' });
  }
  if (usesAnswerCache(config)) uses.push({ key: 'cache.path', path: config.cache.path, what: 'the answer cache' });
  if (config.alerting.enabled) uses.push({ key: 'alerting.path', path: config.alerting.path, what: 'the alerting database', schemaVersion: ALERTING_SCHEMA_VERSION });
  const problems: string[] = [];
  for (const use of uses) {
    if (use.path === MEMORY) continue;
    const why = fileProblem(resolve(cwd, use.path), use.schemaVersion);
    if (why !== null) problems.push(`${use.key}: cannot open ${use.what} at "${resolve(cwd, use.path)}": ${why}; point ${use.key} at a writable file (its directory is created when missing), or ":memory:"`);
  }
  return problems;
}

/** Why a SQLite file at `file` could not be opened for writing, or null. */
function fileProblem(file: string, schemaVersion: number | undefined): string | null {
  const st = stat(file);
  if (st !== null) {
    if (st.isDirectory()) return 'it is a directory';
    if (!st.isFile()) return 'it is not a regular file';
    if (!canReadWrite(file)) return 'the file is not readable and writable';
    if (!canWrite(dirname(file))) return `its directory ${dirname(file)} is not writable (SQLite writes its journal there)`;
    if (st.size === 0) return null;
    const header = readHeader(file);
    if (header === null) return 'the file exists but is not a SQLite database (move it away or choose another file)';
    // user_version, as the migrations keep it. In WAL mode a running writer may not have
    // checkpointed a new version yet; start reads the live value and refuses it as well.
    const version = header.readUInt32BE(USER_VERSION_OFFSET);
    if (schemaVersion !== undefined && version > schemaVersion) {
      return `the file has schema version ${version}, newer than this ballast knows (${schemaVersion}); upgrade ballast or choose another file`;
    }
    return null;
  }
  // Not there yet: the nearest existing ancestor must be a directory ballast may write in.
  let dir = dirname(file);
  let dirStat = stat(dir);
  while (dirStat === null && dirname(dir) !== dir) {
    dir = dirname(dir);
    dirStat = stat(dir);
  }
  if (dirStat === null) return `no part of its directory exists`;
  if (!dirStat.isDirectory()) return `${dir} is in the way: a file where a directory should be`;
  if (!canWrite(dir)) return `${dir} is not writable, so ${dir === dirname(file) ? 'the file' : 'its directory'} cannot be created`;
  return null;
}

function stat(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function canReadWrite(path: string): boolean {
  try {
    accessSync(path, constants.R_OK | constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function canWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The 100-byte SQLite header, or null when the file is not a SQLite database. */
function readHeader(file: string): Buffer | null {
  let fd: number | null = null;
  try {
    fd = openSync(file, 'r');
    const header = Buffer.alloc(HEADER_BYTES);
    const n = readSync(fd, header, 0, header.length, 0);
    return n === header.length && header.toString('latin1', 0, SQLITE_MAGIC.length) === SQLITE_MAGIC ? header : null;
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
