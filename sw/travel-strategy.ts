/**
 * The travel strategy for POST /v1/chat/completions: network first with a timeout,
 * the stored answer when the network fails or is too slow, optionally cache first for
 * repeats, and every successful answer written through to IndexedDB.
 */
import { Strategy, type StrategyHandler, type StrategyOptions } from 'workbox-strategies';
import { DEFAULT_SETTINGS, type TravelEntry, type TravelWhy } from '../src/app/travel-protocol.js';
import { cachedAnswer, offlineError, type TravelReason } from './cached-response.js';
import { assembleStream } from './sse-assembler.js';
import { travelKey, type TravelKey } from './request-key.js';
import type { TravelCache } from './travel-cache.js';
import { raceNetwork, TIMED_OUT } from './race-network.js';
import type { ChatCompletion } from '../src/core/chat.js';


/** Router answers that mean "nothing upstream could answer": a stored answer beats them. */
const UPSTREAM_DOWN = new Set([502, 503, 504]);

export class TravelStrategy extends Strategy {
  constructor(
    private readonly cache: TravelCache,
    options: StrategyOptions = {},
  ) {
    super(options);
  }

  protected override async _handle(request: Request, handler: StrategyHandler): Promise<Response> {
    // The body is read from a clone first: handler.fetch() consumes the original.
    const startedAt = performance.now();
    const k = await travelKey(request.headers, await request.clone().text()).catch(() => null);
    if (k === null) return handler.fetch(request);
    k.summary = { ...k.summary, router: new URL(request.url).origin };

    const directive = request.headers.get('x-ballast-cache');
    const mayServe = directive !== 'refresh';
    const mayStore = directive !== 'no-store';
    const settings = await this.cache.settings().catch(() => null);

    if (settings?.cacheFirstForRepeats && mayServe) {
      const hit = await this.serveStored(k, handler, 'repeat', startedAt);
      if (hit) return hit;
    }

    const { first, network } = await raceNetwork(handler, request, settings?.networkTimeoutMs ?? DEFAULT_SETTINGS.networkTimeoutMs);
    let outcome = first;

    if (outcome === TIMED_OUT) {
      // no response headers within the timeout: the one slowness the worker can tell
      const hit = mayServe ? await this.serveStored(k, handler, 'offline', startedAt, 'timeout') : null;
      if (hit) {
        // the late answer still refreshes the entry
        if (mayStore) handler.waitUntil(network.then((o) => ('res' in o && o.res.ok ? this.store(o.res, k) : undefined)));
        return hit;
      }
      outcome = await network;
    }

    if ('res' in outcome) {
      const res = outcome.res;
      if (UPSTREAM_DOWN.has(res.status) && mayServe) {
        const hit = await this.serveStored(k, handler, 'offline', startedAt, 'upstream');
        if (hit) return hit;
      }
      handler.waitUntil(this.cache.count({ misses: 1 }));
      return res.ok && mayStore ? this.writeThrough(res, k, handler) : res;
    }

    const hit = mayServe ? await this.serveStored(k, handler, 'offline', startedAt, 'network') : null;
    if (hit) return hit;
    handler.waitUntil(this.cache.count({ misses: 1 }));
    return offlineError(navigator.onLine);
  }

  /** The stored answer as a response, counting the hit; null when there is none. */
  private async serveStored(k: TravelKey, handler: StrategyHandler, reason: TravelReason, startedAt: number, why?: TravelWhy): Promise<Response | null> {
    const t0 = performance.now();
    let entry: TravelEntry | undefined;
    try {
      const store = await this.cache.store();
      entry = await store.get(k.key);
      if (entry) handler.waitUntil(store.touch(k.key).catch(() => undefined));
    } catch {
      return null;
    }
    if (!entry) return null;
    const now = performance.now();
    const timing = { lookupMs: now - t0, workerMs: now - startedAt, ...(why ? { why } : {}) };
    handler.waitUntil(
      this.cache.count({ hits: 1, offlineAnswers: reason === 'offline' ? 1 : 0, bytesSaved: entry.bytes, dollarsSaved: entry.costUsd }),
    );
    return cachedAnswer(entry, { stream: k.body.stream === true, includeUsage: k.body.stream_options?.include_usage === true, reason, timing });
  }

  /** Hands the page its response while a copy is written to IndexedDB. */
  private writeThrough(res: Response, k: TravelKey, handler: StrategyHandler): Response {
    if (isEventStream(res) && res.body) {
      const [page, copy] = res.body.tee();
      handler.waitUntil(this.store(new Response(copy, { headers: res.headers }), k));
      return new Response(page, { status: res.status, statusText: res.statusText, headers: res.headers });
    }
    handler.waitUntil(this.store(res.clone(), k));
    return res;
  }

  /** Consumes a response copy and stores the answer it carries. Never throws. */
  private async store(copy: Response, k: TravelKey): Promise<void> {
    try {
      let completion: ChatCompletion | null = null;
      let costUsd = Number(copy.headers.get('x-ballast-cost-usd') ?? NaN);
      if (isEventStream(copy) && copy.body) {
        const assembled = await assembleStream(copy.body);
        completion = assembled.completion;
        if (assembled.costUsd !== null) costUsd = assembled.costUsd;
      } else {
        const body = (await copy.json()) as ChatCompletion;
        if (body?.object === 'chat.completion' && Array.isArray(body.choices)) completion = body;
      }
      if (completion === null) return;
      const store = await this.cache.store();
      await store.put({
        key: k.key,
        summary: k.summary,
        completion,
        provider: copy.headers.get('x-ballast-provider'),
        model: copy.headers.get('x-ballast-model') ?? completion.model,
        costUsd: Number.isFinite(costUsd) ? costUsd : 0,
      });
    } catch {
      // a failed write-through costs a future offline answer, never this one
    }
  }
}

function isEventStream(res: Response): boolean {
  return (res.headers.get('content-type') ?? '').includes('text/event-stream');
}
