/**
 * Calls to the router, with the base URL and keys from the settings. /v1 calls carry
 * the ballast key; /api and /admin calls carry the admin token.
 *
 * @example
 *   const res = await routerFetch('/v1/chat/completions', { method: 'POST', body });
 *   const slo = await getJson<SloReport>('/api/slo');
 */
import { getSettings } from './settings.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function routerUrl(path: string): string {
  const base = getSettings().routerUrl.replace(/\/+$/, '');
  return `${base}${path}`;
}

export function routerFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const s = getSettings();
  const headers = new Headers(init.headers);
  const token = path.startsWith('/v1/') ? s.apiKey : s.adminToken;
  if (token && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
  if (init.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
  return fetch(routerUrl(path), { ...init, headers });
}

/** The error the router sent (OpenAI envelope), or one that says the network failed. */
export async function errorOf(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: { message?: string; code?: string } };
    return new ApiError(res.status, body.error?.code ?? 'http_error', body.error?.message ?? `HTTP ${res.status}`);
  } catch {
    return new ApiError(res.status, 'http_error', `HTTP ${res.status}`);
  }
}

export async function getJson<T>(path: string, init: RequestInit = {}): Promise<{ data: T; res: Response }> {
  const res = await routerFetch(path, init);
  if (!res.ok) throw await errorOf(res);
  return { data: (await res.json()) as T, res };
}

export function postJson<T>(path: string, body: unknown): Promise<{ data: T; res: Response }> {
  return getJson<T>(path, { method: 'POST', body: JSON.stringify(body) });
}
