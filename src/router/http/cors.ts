/**
 * CORS for the configured browser origins (`server.cors_origins`), so the PWA served by
 * one router can call another. No origin is allowed by default; a request from an
 * origin not in the list gets no CORS headers (the browser then blocks it), and its
 * preflight a 403 that says which key to set.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BallastError } from './errors.js';
import { sendError } from './respond.js';

/** The headers a page may read: everything the console shows. */
export const EXPOSED_HEADERS = [
  'x-ballast-request-id',
  'x-ballast-provider',
  'x-ballast-model',
  'x-ballast-attempts',
  'x-ballast-failover',
  'x-ballast-bypass',
  'x-ballast-emulated',
  'x-ballast-cost-usd',
  'x-ballast-cache',
  'x-ballast-degraded',
  'server-timing',
].join(', ');

const ALLOWED_HEADERS = 'authorization, content-type, x-ballast-feature, x-ballast-pin, x-ballast-prompt-version, x-ballast-cache';
const PREFLIGHT_MAX_AGE_S = '600';

/**
 * Sets the CORS headers for an allowed origin and answers preflights. Returns true when
 * the request was answered (a preflight), false when the route should handle it.
 *
 * @example
 *   if (applyCors(req, res, rt.config.server.cors_origins)) return;
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
  if (allowed.length === 0 || origin === undefined) return preflight ? refuse(req, res, origin) : false;
  res.setHeader('vary', 'Origin');
  if (!allowed.includes(origin)) return preflight ? refuse(req, res, origin) : false;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
  if (!preflight) return false;
  req.resume();
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': ALLOWED_HEADERS,
    'access-control-max-age': PREFLIGHT_MAX_AGE_S,
    'content-length': '0',
  });
  res.end();
  return true;
}

function refuse(req: IncomingMessage, res: ServerResponse, origin: string | undefined): true {
  req.resume();
  sendError(
    res,
    new BallastError(403, 'permission_error', 'cors_origin_not_allowed', `Origin ${origin ?? '(none)'} may not call this router from a browser; add it to server.cors_origins (or BALLAST_CORS_ORIGINS).`),
    '',
  );
  return true;
}
