/**
 * The page's window into the travel cache: one request per message, the reply on the
 * MessageChannel port the page sent along (see src/app/travel-client.ts).
 */
import type { TravelReply, TravelRequest, TravelResults, TravelExport } from '../src/app/travel-protocol.js';
import { resetCounters } from './counters.js';
import type { TravelCache } from './travel-cache.js';

export function isTravelRequest(data: unknown): data is TravelRequest {
  const type = (data as { type?: unknown } | null)?.type;
  return typeof type === 'string' && type.startsWith('travel:');
}

/** Runs one request against the cache. Unknown types and bad arguments come back as errors. */
export async function handleTravelRequest(cache: TravelCache, req: TravelRequest): Promise<TravelReply> {
  try {
    return { ok: true, result: await dispatch(cache, req) };
  } catch (err) {
    const e = err as Error;
    const code = e instanceof RangeError || e instanceof TypeError ? 'invalid_request' : 'travel_cache_error';
    return { ok: false, error: { code, message: e.message } };
  }
}

async function dispatch(cache: TravelCache, req: TravelRequest): Promise<TravelResults[TravelRequest['type']]> {
  switch (req.type) {
    case 'travel:list':
      return (await cache.store()).list(req.query ?? {});
    case 'travel:get':
      return (await (await cache.store()).get(String(req.key))) ?? null;
    case 'travel:delete':
      return (await cache.store()).delete(String(req.key));
    case 'travel:clear': {
      const n = await (await cache.store()).clear();
      await resetCounters(await cache.db());
      return n;
    }
    case 'travel:export': {
      const out: TravelExport = {
        version: 1,
        exportedAt: Date.now(),
        counters: await cache.counters(),
        settings: await cache.settings(),
        entries: await (await cache.store()).all(),
      };
      return out;
    }
    case 'travel:counters':
      return cache.counters();
    case 'travel:totals':
      return (await cache.store()).totals();
    case 'travel:get-settings':
      return cache.settings();
    case 'travel:set-settings':
      return cache.setSettings(req.settings ?? {});
    case 'travel:get-router-origin':
      return cache.routerOrigin();
    case 'travel:set-router-origin':
      return cache.setRouterOrigin(req.origin ?? null);
    default:
      throw new TypeError(`Unknown travel request "${(req as { type: string }).type}".`);
  }
}
