/**
 * The console's own IndexedDB database (`ballast-console`), kept apart from the worker's
 * travel cache: threads are the user's documents, the travel cache is a cache that
 * "Clear all" and its size limits may empty. The page reads and writes it directly, with
 * no round trip through the worker's message API.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Thread } from './thread-types.js';

export const CONSOLE_DB = 'ballast-console';

interface ConsoleSchema extends DBSchema {
  threads: { key: string; value: Thread; indexes: { 'by-updated': number } };
}

export type ConsoleDb = IDBPDatabase<ConsoleSchema>;

export function openConsoleDb(name = CONSOLE_DB): Promise<ConsoleDb> {
  return openDB<ConsoleSchema>(name, 1, {
    upgrade(db) {
      const threads = db.createObjectStore('threads', { keyPath: 'id' });
      threads.createIndex('by-updated', 'updatedAt');
    },
  });
}

/** Every thread, most recently used first. */
export async function readThreads(db: ConsoleDb): Promise<Thread[]> {
  return (await db.getAllFromIndex('threads', 'by-updated')).reverse();
}

export async function writeThread(db: ConsoleDb, t: Thread): Promise<void> {
  await db.put('threads', t);
}

export async function deleteThread(db: ConsoleDb, id: string): Promise<void> {
  await db.delete('threads', id);
}
