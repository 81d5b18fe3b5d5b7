import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations, NewerSchemaError } from '../../../../src/router/sqlite/migrate.js';

const V1 = 'CREATE TABLE a (x INTEGER)';
const V2 = 'ALTER TABLE a ADD COLUMN y TEXT';

describe('applyMigrations', () => {
  it('runs each migration once, in order, and records the version', () => {
    const db = new Database(':memory:');
    applyMigrations(db, [V1], 'test');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    applyMigrations(db, [V1, V2], 'test'); // only V2 runs: V1 again would fail (table exists)
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect((db.prepare('SELECT name FROM pragma_table_info(?)').all('a') as Array<{ name: string }>).map((c) => c.name)).toEqual(['x', 'y']);
  });

  it('leaves the version where it was when a migration fails', () => {
    const db = new Database(':memory:');
    expect(() => applyMigrations(db, [V1, 'NOT SQL'], 'test')).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(1);
  });

  it('refuses a file from a newer ballast, naming what it is', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 3');
    expect(() => applyMigrations(db, [V1], 'drills')).toThrow(NewerSchemaError);
    expect(() => applyMigrations(db, [V1], 'drills')).toThrow(/drills schema version 3, newer than this ballast knows \(1\)/);
  });
});
