/**
 * The worker's side of the one cache key (src/core/cache-key.ts): the scope comes from
 * the request's headers. The tenant is a hash of the bearer token, never the token.
 */
import { cacheKey, type CacheScope } from '../src/core/cache-key.js';
import type { ChatMessage, ChatRequest } from '../src/core/chat.js';
import type { RequestSummary } from '../src/app/travel-protocol.js';

export const SUMMARY_CHARS = 200;

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** "default" without a bearer token, else `key_` + the first 32 hex digits of its SHA-256. */
export async function tenantFromAuthorization(authorization: string | null): Promise<string> {
  const m = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? '');
  const token = m?.[1]?.trim();
  if (!token) return 'default';
  return `key_${(await sha256Hex(token)).slice(0, 32)}`;
}

function textOf(m: ChatMessage): string {
  if (typeof m.content === 'string') return m.content;
  if (Array.isArray(m.content)) return m.content.map((p) => (p.type === 'text' ? p.text : '')).join(' ');
  return '';
}

export const PROMPT_CHARS = 4000;

export function summarize(body: ChatRequest, headers: Headers): RequestSummary {
  const users = (body.messages ?? []).filter((m) => m.role === 'user');
  const last = users.at(-1);
  const text = last ? textOf(last) : '';
  return {
    group: body.model,
    feature: headers.get('x-ballast-feature'),
    promptVersion: headers.get('x-ballast-prompt-version'),
    lastUser: text.trim().slice(0, SUMMARY_CHARS),
    prompt: text.slice(0, PROMPT_CHARS),
    userTurns: users.length,
  };
}

export interface TravelKey {
  key: string;
  scope: CacheScope;
  body: ChatRequest;
  summary: RequestSummary;
}

/** Parses the body text; null when it is not a chat request (the router then answers the 400). */
export function parseChatBody(text: string): ChatRequest | null {
  try {
    const body = JSON.parse(text) as unknown;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
    const b = body as ChatRequest;
    if (typeof b.model !== 'string' || !Array.isArray(b.messages)) return null;
    return b;
  } catch {
    return null;
  }
}

/**
 * The key for a chat request as the worker sees it.
 *
 * @example
 *   const k = await travelKey(request.headers, await request.clone().text());
 */
export async function travelKey(headers: Headers, bodyText: string): Promise<TravelKey | null> {
  const body = parseChatBody(bodyText);
  if (body === null) return null;
  const scope: CacheScope = {
    tenant: await tenantFromAuthorization(headers.get('authorization')),
    group: body.model,
    promptVersion: headers.get('x-ballast-prompt-version') ?? null,
  };
  return { key: await cacheKey(scope, body), scope, body, summary: summarize(body, headers) };
}
