/** Shared bits of the ledger integration tests: temp dirs, a direct look at the file, the compiled fixture. */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ballast-ledger-it-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Reads the file with a plain SQLite connection (as after a crash: recovers the WAL). */
export function readFile(path: string): { ids: Map<string, number>; rollups: Array<{ eligible: number; successes: number; client_errors: number }> } {
  const db = new Database(path);
  try {
    const rows = db.prepare('SELECT request_id, time FROM requests').all() as Array<{ request_id: string; time: number }>;
    const ids = new Map<string, number>();
    for (const r of rows) {
      if (ids.has(r.request_id)) throw new Error(`${r.request_id} stored twice`);
      ids.set(r.request_id, r.time);
    }
    const rollups = db.prepare('SELECT eligible, successes, client_errors FROM rollups').all() as Array<{ eligible: number; successes: number; client_errors: number }>;
    return { ids, rollups };
  } finally {
    db.close();
  }
}

/**
 * The crash tests run the ledger compiled (a child process cannot load TypeScript on
 * Node 20): `npm test` builds dist/ first; run `npx tsc -b` before vitest otherwise.
 */
export function assertLedgerBuilt(): void {
  const src = join(ROOT, 'src/router/ledger');
  for (const f of readdirSync(src).filter((n) => n.endsWith('.ts'))) {
    const built = join(ROOT, 'dist/router/ledger', f.replace(/\.ts$/, '.js'));
    if (!existsSync(built)) throw new Error(`dist/router/ledger/${f.replace(/\.ts$/, '.js')} is missing: run "npx tsc -b" first (npm test does)`);
  }
}
