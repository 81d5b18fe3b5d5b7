/**
 * One cache key for the router and the service worker alike (WebCrypto SHA-256).
 * The request is normalized first: object keys sorted, line endings unified, text
 * trimmed at the ends (inner whitespace kept), defaults made explicit so an absent
 * temperature is not the same as 0, transport fields (stream, stream_options) left
 * out. The tenant is part of the key, never optional: one tenant never reads
 * another's answers.
 */
import type { ChatRequest } from './chat.js';

/** Bump when normalization changes, so old entries stop matching. */
export const CACHE_KEY_VERSION = 1;

/** Fields that do not change the answer. */
const TRANSPORT = new Set(['model', 'stream', 'stream_options', 'user', 'metadata', 'store', 'service_tier']);

/** OpenAI's documented defaults, made explicit. */
const DEFAULTS: Record<string, unknown> = { temperature: 1, top_p: 1, n: 1, presence_penalty: 0, frequency_penalty: 0 };

export interface CacheScope {
  tenant: string;
  group: string;
  promptVersion: string | null;
}

export function normalizeText(s: string): string {
  return s.replace(/\r\n?/g, '\n').trim();
}

function normalizeValue(v: unknown): unknown {
  if (typeof v === 'string') return normalizeText(v);
  if (Array.isArray(v)) return v.map(normalizeValue);
  if (v !== null && typeof v === 'object') {
    // No prototype: a "__proto__" key in a client's body stays an ordinary key.
    const out: Record<string, unknown> = Object.create(null);
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = normalizeValue(x);
    }
    return out;
  }
  return v;
}

/** The request as the cache sees it. */
export function normalizeRequest(request: ChatRequest): Record<string, unknown> {
  const out: Record<string, unknown> = Object.assign(Object.create(null), DEFAULTS);
  for (const [k, v] of Object.entries(request)) {
    if (TRANSPORT.has(k) || v === undefined || v === null) continue;
    out[k] = v;
  }
  // max_tokens and max_completion_tokens ask for the same thing
  if (out.max_completion_tokens !== undefined && out.max_tokens === undefined) {
    out.max_tokens = out.max_completion_tokens;
  }
  delete out.max_completion_tokens;
  return normalizeValue(out) as Record<string, unknown>;
}

/** Canonical JSON: keys already sorted by normalizeValue. */
export function canonicalJson(scope: CacheScope, request: ChatRequest): string {
  if (!scope.tenant) throw new Error('cache key without a tenant');
  return JSON.stringify({ v: CACHE_KEY_VERSION, tenant: scope.tenant, group: scope.group, prompt_version: scope.promptVersion, request: normalizeRequest(request) });
}

/** Hex SHA-256 of the canonical form. */
export async function cacheKey(scope: CacheScope, request: ChatRequest): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(scope, request));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
