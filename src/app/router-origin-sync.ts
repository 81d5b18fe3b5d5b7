/**
 * Tells the service worker which router the page talks to, so its travel cache stands
 * in front of that router too when it is on another origin (Settings, router URL).
 */
import { getSettings } from './settings.js';
import { travel } from './travel-client.js';

/** The router's origin when it differs from the app's; null when it is the app's own. */
export function routerOriginOf(routerUrl: string, appOrigin = location.origin): string | null {
  if (routerUrl.trim() === '') return null;
  try {
    const origin = new URL(routerUrl, appOrigin).origin;
    return origin === appOrigin ? null : origin;
  } catch {
    return null;
  }
}

/** Sends the current router origin to the worker; failures only cost the cache for that router. */
export async function syncRouterOrigin(): Promise<void> {
  await travel.setRouterOrigin(routerOriginOf(getSettings().routerUrl)).catch(() => undefined);
}
