/**
 * The page's own settings, kept in this browser only (localStorage): where the router
 * is and the keys to reach it. Never sent anywhere but the router itself.
 */
import { useSyncExternalStore } from 'react';

export interface AppSettings {
  /** The router's base URL; empty means the origin that served this app. */
  routerUrl: string;
  /** The ballast key sent as `Authorization: Bearer` on /v1 calls (empty: none). */
  apiKey: string;
  /** The admin token for /api and /admin calls (empty: none, loopback only). */
  adminToken: string;
}

export const DEFAULT_APP_SETTINGS: AppSettings = { routerUrl: '', apiKey: '', adminToken: '' };
const STORAGE_KEY = 'ballast:settings';

type Listener = () => void;
const listeners = new Set<Listener>();
let current: AppSettings = load();

function load(): AppSettings {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    return raw ? { ...DEFAULT_APP_SETTINGS, ...(JSON.parse(raw) as Partial<AppSettings>) } : { ...DEFAULT_APP_SETTINGS };
  } catch {
    return { ...DEFAULT_APP_SETTINGS };
  }
}

export function getSettings(): AppSettings {
  return current;
}

export function saveSettings(patch: Partial<AppSettings>): AppSettings {
  current = { ...current, ...patch };
  globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(current));
  for (const l of listeners) l();
  return current;
}

function subscribe(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useAppSettings(): AppSettings {
  return useSyncExternalStore(subscribe, getSettings);
}
