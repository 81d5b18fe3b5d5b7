import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteAnswerCache } from '../../../../src/router/cache/sqlite-answer-cache.js';
import type { ChatCompletion } from '../../../../src/core/chat.js';

const completion = (text: string): ChatCompletion => ({
  id: `chatcmpl-${text}`,
  object: 'chat.completion',
  created: 1,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
});
const answer = (text: string, createdAt = Date.now()) => ({ completion: completion(text), provider: 'primary', model: 'm', costUsd: 0.001, createdAt });

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function dbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ballast-answer-cache-'));
  dirs.push(dir);
  return join(dir, 'cache.sqlite');
}
const rowsIn = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT key, hits, completion FROM answers ORDER BY key').all() as Array<{ key: string; hits: number; completion: string }>;
  } finally {
    db.close();
  }
};

describe('SqliteAnswerCache write-behind', () => {
  it('answers a held write at once, before it reaches the file', () => {
    const path = dbPath();
    let now = 1000;
    const cache = new SqliteAnswerCache({ path, maxAgeDays: 7, now: () => now, flushMs: 60_000 });
    cache.set('k1', answer('one'), 5000);
    expect(rowsIn(path)).toEqual([]);
    expect(cache.get('k1')?.completion.choices[0]?.message.content).toBe('one');
    now = 7000; // past its TTL: not fresh, still there for fallback
    expect(cache.get('k1')).toBeNull();
    expect(cache.get('k1', { anyAge: true })?.provider).toBe('primary');
    cache.close();
  });

  it('writes every held answer in one flush, keeping the last write of a key and its hits', () => {
    const path = dbPath();
    const cache = new SqliteAnswerCache({ path, maxAgeDays: 7, flushMs: 60_000 });
    cache.set('a', answer('first'), 60_000);
    cache.set('a', answer('second'), 60_000);
    cache.set('b', answer('bee'), 60_000);
    cache.get('b');
    cache.get('b');
    cache.flush();
    const rows = rowsIn(path);
    expect(rows.map((r) => r.key)).toEqual(['a', 'b']);
    expect(JSON.parse(rows[0]!.completion).choices[0].message.content).toBe('second');
    expect(rows[1]!.hits).toBe(2);
    expect(cache.get('a')?.completion.choices[0]?.message.content).toBe('second'); // now read from the file
    cache.close();
  });

  it('flushes by itself after flushMs, and on close', async () => {
    const path = dbPath();
    const cache = new SqliteAnswerCache({ path, maxAgeDays: 7, flushMs: 5 });
    cache.set('timed', answer('t'), 60_000);
    await expect.poll(() => rowsIn(path).length, { timeout: 2000 }).toBe(1);
    cache.set('closing', answer('c'), 60_000);
    cache.close();
    expect(rowsIn(path).map((r) => r.key)).toEqual(['closing', 'timed']);
  });
});
