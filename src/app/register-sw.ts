/**
 * Registers the service worker and runs the update flow: a new worker waits until the
 * user accepts ("new version, reload"), so it never takes over under an answer in flight.
 */
import { Workbox } from 'workbox-window';

type Listener = () => void;

let wb: Workbox | null = null;
let updateAvailable = false;
const listeners = new Set<Listener>();

function setUpdateAvailable(v: boolean): void {
  updateAvailable = v;
  for (const l of listeners) l();
}

/** For useSyncExternalStore: is a new version waiting? */
export function subscribeUpdate(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
export const isUpdateAvailable = (): boolean => updateAvailable;

/**
 * Registers /sw.js (a no-op where service workers are unavailable).
 *
 * @example
 *   if (import.meta.env.PROD) registerServiceWorker();
 */
export function registerServiceWorker(url = '/sw.js'): void {
  if (wb !== null || !('serviceWorker' in navigator)) return;
  wb = new Workbox(url, { scope: '/' });
  wb.addEventListener('waiting', () => setUpdateAvailable(true));
  void wb.register({ immediate: true }).catch((err: unknown) => console.warn('ballast: service worker registration failed', err));
}

/** Activates the waiting worker and reloads once it controls the page. */
export function acceptUpdate(): void {
  if (wb === null) return;
  navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
  wb.messageSkipWaiting();
  setUpdateAvailable(false);
}

/** Resolves once a service worker is active and controls this page (requests go through it). */
export async function whenControlled(): Promise<ServiceWorker> {
  const sw = navigator.serviceWorker;
  await sw.ready;
  if (sw.controller) return sw.controller;
  return new Promise((resolve) => {
    const check = () => {
      if (sw.controller) {
        sw.removeEventListener('controllerchange', check);
        resolve(sw.controller);
      }
    };
    sw.addEventListener('controllerchange', check);
    check();
  });
}
