/**
 * Serves the built PWA (dist/app) for GET requests the API does not claim.
 * Hashed assets are immutable; the HTML shell is revalidated on every load.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodePathParam, rawPathOf } from './decode-path.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

export const APP_ROOT = fileURLToPath(new URL('../../app/', import.meta.url));

/** Returns false when no file matches, so the caller answers 404. */
export function serveApp(req: IncomingMessage, res: ServerResponse, root = APP_ROOT): boolean {
  const path = decodePathParam(rawPathOf(req.url));
  const rel = path === '/' ? 'index.html' : path.slice(1);
  const file = normalize(join(root, rel));
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) return false;
  if (!existsSync(file) || !statSync(file).isFile()) {
    if (path === '/') {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The ballast app is not built yet: run "npm run build" (npm start does it for you). The API is up at /v1.\n');
      return true;
    }
    return false;
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
  return true;
}
