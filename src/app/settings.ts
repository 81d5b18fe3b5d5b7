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

export type RouterCheck =
  | { ok: true; providers: number }
  | { ok: false; kind: 'no-internet' | 'unreachable' | 'not-a-router'; message: string };

/**
 * Asks `GET /healthz` of the router at `routerUrl` (empty: this app's origin) before it is
 * saved, so a typo is caught here rather than as "offline" on the next prompt.
 *
 * @example
 *   const check = await checkRouter('http://127.0.0.1:4100');
 *   if (!check.ok) show(check.message);
 */
export async function checkRouter(routerUrl: string, timeoutMs = 5000): Promise<RouterCheck> {
  const base = routerUrl.trim().replace(/\/+$/, '');
  const where = base === '' ? 'the router that served this app' : base;
  if (!navigator.onLine) return { ok: false, kind: 'no-internet', message: 'This device is offline: the router cannot be checked now.' };
  let res: Response;
  try {
    res = await fetch(`${base}/healthz`, { cache: 'no-store', signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    return { ok: false, kind: 'unreachable', message: `Nothing answered at ${where} (wrong URL, the router is not running, or it does not allow this origin in server.cors_origins).` };
  }
  // the worker's saved copy of /healthz is not the router answering
  const body = res.headers.get('x-ballast-travel') === null ? ((await res.json().catch(() => null)) as { status?: unknown; providers?: unknown } | null) : null;
  if (!res.ok || body?.status !== 'ok') {
    return { ok: false, kind: 'not-a-router', message: `${where} answered, but not as a ballast router (GET /healthz: HTTP ${res.status}). Check the URL.` };
  }
  return { ok: true, providers: Array.isArray(body.providers) ? body.providers.length : 0 };
}
