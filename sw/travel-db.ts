/**
 * The travel cache's one IndexedDB database: answers in `entries` (LRU by last hit),
 * small records (counters, settings, totals, panel snapshots) in `meta`.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { TravelCounters, TravelEntry, TravelSettings } from '../src/app/travel-protocol.js';

export const DB_NAME = 'ballast-travel';
export const DB_VERSION = 2;

/** Running totals kept in the same transaction as every write, so eviction never scans. */
export interface Totals {
  count: number;
  bytes: number;
}

export interface SloSnapshot {
  url: string;
  body: string;
  contentType: string;
  savedAt: number;
}

export type MetaRecord =
  | { id: 'totals'; value: Totals }
  | { id: 'counters'; value: TravelCounters }
  | { id: 'settings'; value: TravelSettings }
  | { id: 'router'; value: { origin: string | null } }
  | { id: `slo:${string}`; value: SloSnapshot };

export interface TravelSchema extends DBSchema {
  entries: { key: string; value: TravelEntry; indexes: { lastHitAt: number; createdAt: number } };
  meta: { key: string; value: MetaRecord };
}

export type TravelDb = IDBPDatabase<TravelSchema>;

export function openTravelDb(name = DB_NAME): Promise<TravelDb> {
  return openDB<TravelSchema>(name, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        const entries = db.createObjectStore('entries', { keyPath: 'key' });
        entries.createIndex('lastHitAt', 'lastHitAt');
        db.createObjectStore('meta', { keyPath: 'id' });
      }
      // v2: the travel page lists newest first without reading every entry into memory
      if (oldVersion < 2) tx.objectStore('entries').createIndex('createdAt', 'createdAt');
    },
  });
}
