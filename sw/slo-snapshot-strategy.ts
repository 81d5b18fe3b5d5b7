/**
 * The reads the panels need offline (GET /api/slo, /api/slo/series, /healthz, /api/kit
 * and its documents), network first: every good answer is kept as the last-known
 * snapshot (body and time, per path and query), served offline marked with its age.
 *
 * Every page polls /api/slo (the freeze banner), but only the Health page reads
 * /healthz and the series; so a good /api/slo answer also refreshes those copies, at
 * most once a minute, and the Health page opened offline for the first time still has
 * the providers and the charts (issue #19).
 */
import { Strategy, type StrategyHandler, type StrategyOptions } from 'workbox-strategies';
import { DEFAULT_SETTINGS, SNAPSHOT_AGE_HEADER } from '../src/app/travel-protocol.js';
import { raceNetwork, TIMED_OUT } from './race-network.js';
import type { TravelCache } from './travel-cache.js';
import type { SloSnapshot } from './travel-db.js';


/** The reads kept fresh alongside /api/slo: the health panel's first view (its default chart range). */
export const COMPANION_PATHS = ['/healthz', '/api/slo/series?minutes=60&step=1'] as const;
const COMPANION_EVERY_MS = 60_000;

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
  /** Per router origin, when the companions were last refreshed. */
  readonly #companionsAt = new Map<string, number>();

  constructor(
    private readonly cache: TravelCache,
    options: StrategyOptions = {},
    private readonly now: () => number = Date.now,
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
      if (res.ok && new URL(request.url).pathname === '/api/slo') handler.waitUntil(this.refreshCompanions(request));
      return res;
    }
    return (await this.read(id)) ?? noSnapshot();
  }

  /** Fetches and keeps /healthz and the hour's series with the same credentials as `request`. */
  private async refreshCompanions(request: Request): Promise<void> {
    const origin = new URL(request.url).origin;
    const last = this.#companionsAt.get(origin);
    if (last !== undefined && this.now() - last < COMPANION_EVERY_MS) return;
    this.#companionsAt.set(origin, this.now());
    const auth = request.headers.get('authorization');
    await Promise.all(
      COMPANION_PATHS.map(async (path) => {
        const url = new URL(path, origin);
        try {
          const res = await fetch(url, { headers: auth ? { authorization: auth } : {}, cache: 'no-store' });
          if (res.ok) await this.save(snapshotId(url), res);
        } catch {
          // the router went away between the two reads: the previous copy stays
        }
      }),
    );
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
