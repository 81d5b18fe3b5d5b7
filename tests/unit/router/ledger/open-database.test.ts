import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../src/router/config/load.js';
import { ledgerConfigSchema } from '../../../../src/router/ledger/config.js';
import { openLedger } from '../../../../src/router/ledger/ledger.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ballast-ledger-open-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function openError(path: string): ConfigError {
  try {
    openLedger({ path }, { cwd: dir }).close();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected the open to fail');
}

describe('opening the ledger', () => {
  it('creates missing parent directories (relative paths resolve against cwd) in WAL mode', () => {
    const ledger = openLedger({ path: 'a/b/ledger.db' }, { cwd: dir });
    expect(ledger.stats().path).toBe(join(dir, 'a/b/ledger.db'));
    ledger.close();
    expect(existsSync(join(dir, 'a/b/ledger.db'))).toBe(true);
  });

  it('a file in the way of the directory: the error names ledger.path and the fix', () => {
    writeFileSync(join(dir, 'blocker'), 'x');
    const err = openError('blocker/ledger.db');
    expect(err.message).toMatch(/ledger\.path/);
    expect(err.message).toMatch(/in the way/);
    expect(err.message).toMatch(/set ledger\.path to a writable file.*":memory:"/);
  });

  it('a file that is not a SQLite database', () => {
    writeFileSync(join(dir, 'notes.db'), 'these are not the pages you are looking for'.repeat(100));
    expect(openError('notes.db').message).toMatch(/ledger\.path[\s\S]*not a SQLite database/);
  });

  it('a directory where the file should be', () => {
    mkdirSync(join(dir, 'ledger.db'));
    expect(openError('ledger.db').message).toMatch(/ledger\.path[\s\S]*cannot open/);
  });

  it(':memory: keeps nothing on disk', () => {
    const ledger = openLedger({ path: ':memory:' });
    expect(ledger.stats().path).toBe(':memory:');
    ledger.close();
  });
});

describe('ledgerConfigSchema', () => {
  it('has the documented defaults', () => {
    expect(ledgerConfigSchema.parse({})).toEqual({ path: '.ballast/ledger.db', flush_interval_ms: 100, raw_retention_days: 35, rollup_retention_days: 400 });
  });

  it('refuses unknown keys and out-of-range values', () => {
    expect(ledgerConfigSchema.safeParse({ flush_ms: 5 }).success).toBe(false);
    expect(ledgerConfigSchema.safeParse({ flush_interval_ms: 0 }).success).toBe(false);
    expect(ledgerConfigSchema.safeParse({ raw_retention_days: 0 }).success).toBe(false);
    expect(ledgerConfigSchema.safeParse({ path: '' }).success).toBe(false);
  });
});
