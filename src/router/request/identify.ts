/**
 * Client key -> tenant, and the tags every request carries. With no tenants
 * configured (allowed on loopback only) every request is tenant "default".
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Config } from '../config/schema.js';
import { unauthorized, invalidRequest } from '../http/errors.js';

export interface Tags {
  tenant: string;
  feature: string;
  promptVersion: string | null;
  pin: string | null;
}

export class TenantKeys {
  readonly #byHash: Array<{ tenant: string; hash: Buffer }>;

  constructor(config: Config, env: NodeJS.ProcessEnv) {
    this.#byHash = Object.entries(config.tenants).map(([tenant, t]) => ({
      tenant,
      hash: t.key_sha256 ? Buffer.from(t.key_sha256, 'hex') : sha256(env[t.key_env as string] ?? ''),
    }));
  }

  get open(): boolean {
    return this.#byHash.length === 0;
  }

  /** Returns the tenant for a bearer token, or throws a 401. */
  resolve(authorization: string | undefined): string {
    if (this.open) return 'default';
    const token = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim();
    if (!token) throw unauthorized('Missing ballast key: send "Authorization: Bearer <your ballast key>".');
    const hash = sha256(token);
    for (const t of this.#byHash) if (timingSafeEqual(t.hash, hash)) return t.tenant;
    throw unauthorized('Unknown ballast key; check the key your operator gave you.');
  }
}

const TAG = /^[A-Za-z0-9._:-]{1,64}$/;

export function readTags(headers: IncomingHttpHeaders, tenant: string, config: Config): Tags {
  const feature = header(headers, 'x-ballast-feature') ?? 'default';
  const promptVersion = header(headers, 'x-ballast-prompt-version') ?? null;
  const pin = header(headers, 'x-ballast-pin') ?? config.features[feature]?.pin ?? null;
  if (!TAG.test(feature)) throw invalidRequest('x-ballast-feature must be 1-64 letters, digits, or . _ : -', 'x-ballast-feature');
  if (promptVersion !== null && !TAG.test(promptVersion)) {
    throw invalidRequest('x-ballast-prompt-version must be 1-64 letters, digits, or . _ : -', 'x-ballast-prompt-version');
  }
  if (pin !== null && !config.providers[pin]) {
    throw invalidRequest(`x-ballast-pin: "${pin}" is not a provider; use one of ${Object.keys(config.providers).join(', ')}.`, 'x-ballast-pin');
  }
  return { tenant, feature, promptVersion, pin };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === '' ? undefined : s;
}

function sha256(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}
