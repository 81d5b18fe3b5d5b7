/**
 * The one object the worker's routes and message API share: the database (opened
 * lazily, once), the entry store, counters and settings (kept in memory once read).
 */
import type { TravelCounters, TravelSettings } from '../src/app/travel-protocol.js';
import { bumpCounters, readCounters } from './counters.js';
import { DEFAULT_LIMITS, EntryStore, type StoreLimits } from './entry-store.js';
import { readRouterOrigin, writeRouterOrigin } from './router-origin.js';
import { readSettings, writeSettings } from './settings.js';
import { DB_NAME, openTravelDb, type TravelDb } from './travel-db.js';

export class TravelCache {
  private dbPromise: Promise<TravelDb> | null = null;
  private storePromise: Promise<EntryStore> | null = null;
  private settingsCache: TravelSettings | null = null;
  private routerOriginCache: { origin: string | null } | null = null;

  constructor(
    private readonly dbName = DB_NAME,
    private readonly limits: StoreLimits = DEFAULT_LIMITS,
  ) {}

  db(): Promise<TravelDb> {
    this.dbPromise ??= openTravelDb(this.dbName).catch((err: unknown) => {
      this.dbPromise = null;
      throw err;
    });
    return this.dbPromise;
  }

  store(): Promise<EntryStore> {
    this.storePromise ??= this.db().then((db) => new EntryStore(db, this.limits));
    return this.storePromise;
  }

  async settings(): Promise<TravelSettings> {
    this.settingsCache ??= await readSettings(await this.db());
    return this.settingsCache;
  }

  async setSettings(patch: Partial<TravelSettings>): Promise<TravelSettings> {
    this.settingsCache = await writeSettings(await this.db(), patch);
    return this.settingsCache;
  }

  /** The router's origin when it is not the app's own; null when it is. */
  async routerOrigin(): Promise<string | null> {
    this.routerOriginCache ??= { origin: await readRouterOrigin(await this.db()) };
    return this.routerOriginCache.origin;
  }

  async setRouterOrigin(origin: unknown): Promise<string | null> {
    this.routerOriginCache = { origin: await writeRouterOrigin(await this.db(), origin) };
    return this.routerOriginCache.origin;
  }

  /** Does the travel cache stand in front of this origin: the app's own, or the configured router's? */
  async servesOrigin(origin: string, appOrigin: string): Promise<boolean> {
    if (origin === appOrigin) return true;
    return (await this.routerOrigin().catch(() => null)) === origin;
  }

  async counters(): Promise<TravelCounters> {
    return readCounters(await this.db());
  }

  async count(delta: Partial<TravelCounters>): Promise<void> {
    try {
      await bumpCounters(await this.db(), delta);
    } catch {
      // counting never fails a request
    }
  }
}
