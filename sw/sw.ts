/// <reference lib="webworker" />
/**
 * ballast's service worker: the precached app shell (the app opens offline), the
 * travel strategy in front of the chat endpoint, the last-known SLO snapshot, and the
 * message API the page uses to read and manage the travel cache.
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import type { RouteHandlerCallback } from 'workbox-core';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import type { Strategy } from 'workbox-strategies';
import { handleTravelRequest, isTravelRequest } from './message-api.js';
import { SloSnapshotStrategy } from './slo-snapshot-strategy.js';
import { TravelCache } from './travel-cache.js';
import { TravelStrategy } from './travel-strategy.js';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<string | { url: string; revision: string | null }> };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/(v1|api|admin|healthz|metrics)(\/|$)/] }));

// The first install takes the open page at once, so the first visit's requests are
// already answered through the worker. An update waits for the user (SKIP_WAITING below),
// never swapping the worker under an answer in flight.
clientsClaim();

const cache = new TravelCache();
const isHttp = (url: URL) => url.protocol === 'http:' || url.protocol === 'https:';

/**
 * The app's own origin always goes through `strategy`; another origin only when it is the
 * router set in Settings (the worker learns it by message). Route matchers are synchronous
 * and the origin lives in IndexedDB, so the check happens here, not in the matcher.
 */
function forRouter(strategy: Strategy): RouteHandlerCallback {
  return async ({ request, event, url }) =>
    url.origin === self.location.origin || (await cache.servesOrigin(url.origin, self.location.origin))
      ? strategy.handle({ request, event })
      : fetch(request);
}

registerRoute(({ url }) => isHttp(url) && url.pathname === '/v1/chat/completions', forRouter(new TravelStrategy(cache)), 'POST');
// The health panel's and the kit's reads: each keeps its last good answer (per query
// string) for offline, so health and the one-pager can still be read on a plane.
const SNAPSHOT_PATHS = new Set(['/api/slo', '/api/slo/series', '/healthz', '/api/kit']);
const isSnapshotPath = (path: string) => SNAPSHOT_PATHS.has(path) || path.startsWith('/api/kit/');
registerRoute(({ url }) => isHttp(url) && isSnapshotPath(url.pathname), forRouter(new SloSnapshotStrategy(cache)), 'GET');

self.addEventListener('message', (event) => {
  const data = event.data as unknown;
  if ((data as { type?: unknown } | null)?.type === 'SKIP_WAITING') {
    void self.skipWaiting();
    return;
  }
  const port = event.ports[0];
  if (!isTravelRequest(data) || port === undefined) return;
  event.waitUntil(handleTravelRequest(cache, data).then((reply) => port.postMessage(reply)));
});
