/**
 * Reads, overrides and validates the configuration. Every problem is reported with
 * the key it concerns and what to do about it; start refuses to run on any of them.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { configSchema, type Config } from './schema.js';
import { DEFAULT_PRICES } from '../../core/prices.js';
import { priceFor } from '../guard/prices.js';
import { withDefaults } from '../../core/slo/config.js';
import { notifierEnvProblems } from '../alerting/create-notifiers.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses YAML text; syntax errors name the line. */
export function parseYaml(text: string, source: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      source,
      doc.errors.map((e) => `${e.message.split('\n')[0]} (fix the YAML syntax there)`),
    );
  }
  return doc.toJS() ?? {};
}

export function readConfigFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(path, [
      code === 'ENOENT' ? `file not found: pass an existing file to --config, or run without it for the embedded default` : `cannot read the file (${code ?? String(err)})`,
    ]);
  }
  return parseYaml(text, path);
}

/** Environment variables that override the file. Documented in docs/configuration.md. */
export function applyEnvOverrides(raw: unknown, env: NodeJS.ProcessEnv): unknown {
  const out = structuredClone((raw ?? {}) as Record<string, unknown>);
  const section = (name: string): Record<string, unknown> => {
    const value = out[name];
    if (value !== undefined && (typeof value !== 'object' || value === null)) return {};
    out[name] = { ...(value as Record<string, unknown> | undefined) };
    return out[name] as Record<string, unknown>;
  };
  if (env.BYPASS_ROUTER !== undefined && env.BYPASS_ROUTER !== '') {
    section('routing').bypass = parseBool(env.BYPASS_ROUTER, 'BYPASS_ROUTER');
  }
  if (env.BALLAST_HOST) section('server').host = env.BALLAST_HOST;
  if (env.BALLAST_PORT) section('server').port = parsePort(env.BALLAST_PORT, 'BALLAST_PORT');
  if (env.BALLAST_CORS_ORIGINS) section('server').cors_origins = env.BALLAST_CORS_ORIGINS.split(',').map((o) => o.trim()).filter((o) => o !== '');
  return out;
}

function parseBool(value: string, name: string): boolean {
  if (/^(true|1|yes|on)$/i.test(value)) return true;
  if (/^(false|0|no|off)$/i.test(value)) return false;
  throw new ConfigError('environment', [`${name}=${value}: expected true or false`]);
}

export function parsePort(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new ConfigError('environment', [`${name}=${value}: expected a port number from 0 to 65535`]);
  }
  return n;
}

/** Validates the shape, then what zod cannot see: references, keys in the environment, exposure. */
export function validateConfig(raw: unknown, source: string, env: NodeJS.ProcessEnv): Config {
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(source, parsed.error.issues.map(describeIssue));
  const config = parsed.data;
  const problems: string[] = [];
  const providers = Object.keys(config.providers);
  if (providers.length === 0) problems.push('providers: add at least one provider (see docs/configuration.md)');
  if (Object.keys(config.groups).length === 0) problems.push('groups: add at least one model group, e.g. "default"');
  for (const [name, p] of Object.entries(config.providers)) {
    if (!env[p.api_key_env]) {
      problems.push(`providers.${name}.api_key_env: the environment variable ${p.api_key_env} is not set; export it before starting (keys are read from the environment only)`);
    }
    if (p.cache_ttl && p.kind !== 'anthropic') {
      problems.push(`providers.${name}.cache_ttl: only anthropic providers take a prompt-cache TTL; remove it`);
    }
  }
  for (const [gname, g] of Object.entries(config.groups)) {
    g.deployments.forEach((d, i) => {
      if (!config.providers[d.provider]) {
        problems.push(`groups.${gname}.deployments[${i}].provider: "${d.provider}" is not a provider; use one of ${list(providers)}`);
      }
    });
    const priced = (d: { provider: string; model: string; price?: unknown }, key: string) => {
      const p = config.providers[d.provider];
      if (p && d.price === undefined && priceFor({ model: d.model }, p.kind) === undefined) {
        problems.push(`${key}: no price is known for model "${d.model}"; add price: { input: <USD per million tokens>, output: <USD per million tokens> } to it (built-in prices: ${Object.keys(DEFAULT_PRICES).length} common models, see docs/costs.md)`);
      }
    };
    g.deployments.forEach((d, i) => priced(d, `groups.${gname}.deployments[${i}]`));
    if (g.cheaper) {
      if (!config.providers[g.cheaper.provider]) {
        problems.push(`groups.${gname}.cheaper.provider: "${g.cheaper.provider}" is not a provider; use one of ${list(providers)}`);
      }
      priced(g.cheaper, `groups.${gname}.cheaper`);
    }
    if (g.strategy === 'weighted' && g.deployments.every((d) => d.weight === 0)) {
      problems.push(`groups.${gname}.deployments: every weight is 0; give at least one deployment a weight above 0`);
    }
  }
  for (const [fname, f] of Object.entries(config.features)) {
    if (f.pin !== undefined && !config.providers[f.pin]) {
      problems.push(`features.${fname}.pin: "${f.pin}" is not a provider; use one of ${list(providers)}`);
    }
  }
  for (const [tname, t] of Object.entries(config.tenants)) {
    if (t.key_env && !env[t.key_env]) {
      problems.push(`tenants.${tname}.key_env: the environment variable ${t.key_env} is not set`);
    }
  }
  try {
    withDefaults(config.slo);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    problems.push(`${err.message.startsWith('slo.') ? '' : 'slo: '}${err.message}`);
  }
  if (config.alerting.enabled) problems.push(...notifierEnvProblems(config.alerting.notifiers, env));
  const tenantNames = Object.keys(config.tenants);
  for (const name of Object.keys(config.budgets.tenants)) {
    const known = tenantNames.length === 0 ? name === 'default' : tenantNames.includes(name);
    if (!known) {
      problems.push(
        `budgets.tenants.${name}: there is no tenant "${name}"; ${tenantNames.length === 0 ? 'with no tenants configured every request is tenant "default"' : `use one of ${list(tenantNames)}`}`,
      );
    }
  }
  if (!isLoopback(config.server.host)) {
    if (Object.keys(config.tenants).length === 0) {
      problems.push(`server.host: ${config.server.host} is not a loopback address and no tenants are configured; add tenants with their keys, or bind 127.0.0.1`);
    }
    if (!env[config.server.admin_token_env]) {
      problems.push(`server.host: ${config.server.host} is not a loopback address and ${config.server.admin_token_env} is not set; export an admin token, or bind 127.0.0.1`);
    }
  }
  if (problems.length > 0) throw new ConfigError(source, problems);
  return config;
}

export function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

function list(names: string[]): string {
  return names.length === 0 ? '(none defined)' : names.map((n) => `"${n}"`).join(', ');
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length === 0 ? '(top level)' : formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return `${path}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; check the spelling against docs/configuration.md`;
  }
  if (issue.code === 'invalid_value') {
    return `${path}: must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) {
    return `${path}: is required (expected ${issue.expected}); see docs/configuration.md`;
  }
  return `${path}: ${issue.message.replace(/^Invalid input: /, '')}`;
}

function formatPath(path: PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}
