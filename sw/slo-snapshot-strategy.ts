/**
 * The reads the panels need offline (GET /api/slo, /api/slo/series, /healthz, /api/kit
 * and its documents), network first: every good answer is kept as the last-known
 * snapshot (body and time, per path and query), served offline marked with its age.
 */
import { Strategy, type StrategyHandler, type StrategyOptions } from 'workbox-strategies';
import { DEFAULT_SETTINGS, SNAPSHOT_AGE_HEADER } from '../src/app/travel-protocol.js';
import { raceNetwork, TIMED_OUT } from './race-network.js';
import type { TravelCache } from './travel-cache.js';
import type { SloSnapshot } from './travel-db.js';


export function snapshotId(url: URL): `slo:${string}` {
  return `slo:${url.pathname}${url.search}`;
}

export function snapshotResponse(s: SloSnapshot, now = Date.now()): Response {
  return new Response(s.body, {
    status: 200,
    headers: {
      'content-type': s.contentType,
      [SNAPSHOT_AGE_HEADER]: String(Math.max(0, Math.round((now - s.savedAt) / 1000))),
      'x-ballast-travel': 'offline',
    },
  });
}

export class SloSnapshotStrategy extends Strategy {
  constructor(
    private readonly cache: TravelCache,
    options: StrategyOptions = {},
  ) {
    super(options);
  }

  protected override async _handle(request: Request, handler: StrategyHandler): Promise<Response> {
    const id = snapshotId(new URL(request.url));
    const timeoutMs = (await this.cache.settings().catch(() => null))?.networkTimeoutMs ?? DEFAULT_SETTINGS.networkTimeoutMs;
    const { first, network } = await raceNetwork(handler, request, timeoutMs);
    let outcome = first;
    if (outcome === TIMED_OUT) {
      const snap = await this.read(id);
      if (snap) return snap;
      outcome = await network;
    }
    if ('res' in outcome) {
      const res = outcome.res;
      if (res.ok) handler.waitUntil(this.save(id, res.clone()));
      return res;
    }
    return (await this.read(id)) ?? noSnapshot();
  }

  private async read(id: `slo:${string}`): Promise<Response | null> {
    try {
      const rec = await (await this.cache.db()).get('meta', id);
      return rec && rec.id === id ? snapshotResponse(rec.value as SloSnapshot) : null;
    } catch {
      return null;
    }
  }

  private async save(id: `slo:${string}`, res: Response): Promise<void> {
    try {
      const body = await res.text();
      const value: SloSnapshot = { url: id.slice(4), body, contentType: res.headers.get('content-type') ?? 'application/json', savedAt: Date.now() };
      await (await this.cache.db()).put('meta', { id, value });
    } catch {
      // the previous snapshot stays
    }
  }
}

function noSnapshot(): Response {
  const body = {
    error: {
      message: 'You are offline and this device has no saved copy of this view yet. Open it once while online.',
      type: 'service_unavailable_error',
      code: 'offline_no_snapshot',
      param: null,
    },
  };
  return new Response(JSON.stringify(body), { status: 503, headers: { 'content-type': 'application/json; charset=utf-8', 'x-ballast-travel': 'offline' } });
}
