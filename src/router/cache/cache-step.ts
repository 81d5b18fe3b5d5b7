/**
 * The router cache on the request path: the key (after parse), a `repeat` hit before
 * routing, a `fallback` answer of any age when every provider failed, and the
 * write-through of every successful answer in the record step.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { createHash } from 'node:crypto';
import { canonicalJson, type CacheScope } from '../../core/cache-key.js';
import type { ChatRequest } from '../../core/chat.js';
import type { RequestContext } from '../context.js';
import { invalidRequest } from '../http/errors.js';
import type { Runtime } from '../runtime.js';
import type { CachedAnswer } from './types.js';

interface FeaturePolicy {
  policy: 'fallback' | 'repeat' | 'off';
  ttlMs: number;
}

export function policyFor(rt: Runtime, feature: string): FeaturePolicy {
  const f = rt.config.features[feature]?.cache;
  return { policy: f?.policy ?? rt.config.cache.policy, ttlMs: (f?.ttl_s ?? rt.config.cache.ttl_s) * 1000 };
}

/** Reads the directive and computes the key; null key when the cache is off. */
export function prepareCache(ctx: RequestContext, rt: Runtime, headers: IncomingHttpHeaders, request: ChatRequest): void {
  const raw = headers['x-ballast-cache'];
  const directive = Array.isArray(raw) ? raw[0] : raw;
  if (directive !== undefined && directive !== 'no-store' && directive !== 'refresh') {
    throw invalidRequest('x-ballast-cache must be "no-store" or "refresh".', 'x-ballast-cache');
  }
  ctx.cacheDirective = directive ?? null;
  const tags = ctx.tags as NonNullable<RequestContext['tags']>;
  if (rt.answerCache === null || policyFor(rt, tags.feature).policy === 'off') return;
  ctx.cacheKey = routerCacheKey({ tenant: tags.tenant, group: ctx.group as string, promptVersion: tags.promptVersion }, request);
  ctx.cache = 'miss';
}

/**
 * The core's cache key, hashed with node:crypto: the same hex digest as the worker's
 * WebCrypto one, without WebCrypto's hop through the thread pool on the request path.
 */
export function routerCacheKey(scope: CacheScope, request: ChatRequest): string {
  return createHash('sha256').update(canonicalJson(scope, request)).digest('hex');
}

/** A fresh answer for a repeated request, under the `repeat` policy. */
export function repeatHit(ctx: RequestContext, rt: Runtime): CachedAnswer | null {
  if (ctx.cacheKey === null || ctx.cacheDirective === 'refresh') return null;
  if (policyFor(rt, (ctx.tags as NonNullable<RequestContext['tags']>).feature).policy !== 'repeat') return null;
  return rt.answerCache?.get(ctx.cacheKey) ?? null;
}

/** Any stored answer for this request, when nothing fresher can be had. */
export function anyAgeHit(ctx: RequestContext, rt: Runtime): CachedAnswer | null {
  if (ctx.cacheKey === null) return null;
  return rt.answerCache?.get(ctx.cacheKey, { anyAge: true }) ?? null;
}

export function writeThrough(ctx: RequestContext, rt: Runtime): void {
  if (ctx.outcome !== 'success' || ctx.cache === 'hit' || ctx.cacheKey === null || ctx.answer === null) return;
  if (ctx.cacheDirective === 'no-store' || rt.answerCache === null || ctx.provider === null || ctx.model === null) return;
  const { ttlMs } = policyFor(rt, (ctx.tags as NonNullable<RequestContext['tags']>).feature);
  rt.answerCache.set(ctx.cacheKey, { completion: ctx.answer, provider: ctx.provider, model: ctx.model, costUsd: ctx.costUsd ?? 0, createdAt: Date.now() }, ttlMs);
}
