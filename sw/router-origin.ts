/**
 * The router's origin when the page talks to a router other than the one that served
 * it (Settings, router URL). The worker then puts the travel cache in front of that
 * origin's chat endpoint and SLO snapshot too. Kept in `meta` so a restarted worker knows it.
 */
import type { TravelDb } from './travel-db.js';

const ORIGIN = /^https?:\/\/[^/?#\s]+$/;

/** null (the app's own origin) or a bare origin; throws a RangeError otherwise. */
export function validateRouterOrigin(origin: unknown): string | null {
  if (origin === null || origin === '') return null;
  if (typeof origin !== 'string' || !ORIGIN.test(origin)) {
    throw new RangeError('routerOrigin must be null or an origin such as https://router.example.com (scheme, host, optional port; no path).');
  }
  return new URL(origin).origin;
}

export async function readRouterOrigin(db: TravelDb): Promise<string | null> {
  const rec = await db.get('meta', 'router');
  return rec?.id === 'router' ? rec.value.origin : null;
}

export async function writeRouterOrigin(db: TravelDb, origin: unknown): Promise<string | null> {
  const value = validateRouterOrigin(origin);
  await db.put('meta', { id: 'router', value: { origin: value } });
  return value;
}
