import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { deleteThread, openConsoleDb, readThreads, writeThread } from '../../../../src/app/console/thread-db.js';
import { thread, turn } from './fixtures.js';

let n = 0;

describe('the console database', () => {
  it('keeps threads across opens, most recently used first, and deletes one', async () => {
    const name = `console-test-${process.pid}-${++n}`;
    const a = thread([turn('a', '1')], { updatedAt: 10 });
    const b = thread([turn('b', '2')], { updatedAt: 30 });
    const c = thread([turn('c', '3')], { updatedAt: 20 });
    const db = await openConsoleDb(name);
    for (const t of [a, b, c]) await writeThread(db, t);
    db.close();
    const again = await openConsoleDb(name);
    expect((await readThreads(again)).map((t) => t.id)).toEqual([b.id, c.id, a.id]);
    await deleteThread(again, c.id);
    expect((await readThreads(again)).map((t) => t.turns[0]!.prompt)).toEqual(['b', 'a']);
  });
});
