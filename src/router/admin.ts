/**
 * Operator endpoints: the bypass switch and the router's live state. They need the
 * admin token when one is set; without one they answer on loopback only.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual, createHash } from 'node:crypto';
import { BallastError, invalidRequest } from './http/errors.js';
import { readJsonBody } from './http/read-body.js';
import { sendJson } from './http/respond.js';
import type { Runtime } from './runtime.js';

export function checkAdmin(req: IncomingMessage, rt: Runtime): void {
  const token = rt.env[rt.config.server.admin_token_env];
  if (token) {
    if (!bearerMatches(req, token)) {
      throw new BallastError(401, 'authentication_error', 'invalid_admin_token', `Admin endpoints need "Authorization: Bearer <${rt.config.server.admin_token_env}>".`);
    }
    return;
  }
  const addr = req.socket.remoteAddress ?? '';
  if (!(addr.startsWith('127.') || addr === '::1' || addr === '::ffff:127.0.0.1')) {
    throw new BallastError(403, 'permission_error', 'admin_loopback_only', `Admin endpoints answer loopback clients only unless ${rt.config.server.admin_token_env} is set.`);
  }
}

/** GET /metrics: the scraper's own token (server.metrics_token_env) when one is set, or the admin's. */
export function checkMetrics(req: IncomingMessage, rt: Runtime): void {
  const envName = rt.config.server.metrics_token_env;
  const token = envName ? rt.env[envName] : undefined;
  if (token && bearerMatches(req, token)) return;
  checkAdmin(req, rt);
}

function bearerMatches(req: IncomingMessage, token: string): boolean {
  const given = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim() ?? '';
  // Hashes first: equal lengths for timingSafeEqual, and no early exit on a prefix.
  return timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(token).digest());
}

export function routerState(rt: Runtime): Record<string, unknown> {
  return {
    bypass: { enabled: rt.bypass.on, changed_at: new Date(rt.bypass.changedAt).toISOString() },
    providers: Object.fromEntries(
      Object.entries(rt.config.providers).map(([name, p]) => {
        const c = rt.cooldowns.state(name);
        const revokedAt = rt.keyOverrides.revokedAt(name);
        return [
          name,
          {
            kind: p.kind,
            emulated: p.emulated,
            state: revokedAt !== null ? 'revoked' : rt.bypass.on && name !== primaryProvider(rt) ? 'bypassed' : c.coolingDown ? 'cooling_down' : 'healthy',
            revoked: revokedAt !== null,
            revoked_at: revokedAt === null ? null : new Date(revokedAt).toISOString(),
            cooling_down_until: c.until === null ? null : new Date(c.until).toISOString(),
            reason: c.reason,
            recent_failures: c.recentFailures,
          },
        ];
      }),
    ),
    groups: Object.keys(rt.config.groups),
  };
}

/** The provider bypass routes to: the first deployment of the "default" group (or of the first group). */
function primaryProvider(rt: Runtime): string | undefined {
  const group = rt.config.groups.default ?? Object.values(rt.config.groups)[0];
  return group?.deployments[0]?.provider;
}

export async function handleBypass(req: IncomingMessage, res: ServerResponse, rt: Runtime): Promise<void> {
  checkAdmin(req, rt);
  const body = (await readJsonBody(req, 4096)) as { enabled?: unknown };
  if (typeof body !== 'object' || body === null || typeof body.enabled !== 'boolean') {
    throw invalidRequest('Send {"enabled": true} or {"enabled": false}.', 'enabled');
  }
  const changed = rt.bypass.set(body.enabled);
  if (changed) rt.log.warn(body.enabled ? 'bypass_on' : 'bypass_off', { note: body.enabled ? 'primary only: no retry, no failover' : 'routing restored' });
  sendJson(res, 200, routerState(rt));
}

export function handleState(req: IncomingMessage, res: ServerResponse, rt: Runtime): void {
  checkAdmin(req, rt);
  sendJson(res, 200, routerState(rt));
}
