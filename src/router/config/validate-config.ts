/**
 * Validating the configuration: the shape (zod), then what zod cannot see: reserved
 * names, references between sections, keys in the environment, exposure, and (given a
 * working directory) the files start will open. Every problem names the key it
 * concerns and what to do about it; start refuses to run on any of them.
 */
import { isIP } from 'node:net';
import type { z } from 'zod';
import { DEFAULT_PRICES } from '../../core/prices.js';
import { withDefaults } from '../../core/slo/config.js';
import { ConfigError } from './config-error.js';
import { environmentProblems } from './environment-checks.js';
import { fileProblems } from './file-checks.js';
import { isReservedName, reservedNameProblems } from './reserved-names.js';
import { configSchema, type Config } from './schema.js';

export interface ValidateOptions {
  /** Also check the files start opens, relative to this directory (see file-checks.ts). */
  cwd?: string;
}

/**
 * The validated configuration, or a ConfigError listing every problem.
 *
 * @example validateConfig(parseYaml(text, 'ballast.yaml'), 'ballast.yaml', process.env, { cwd: process.cwd() })
 */
export function validateConfig(raw: unknown, source: string, env: NodeJS.ProcessEnv, options: ValidateOptions = {}): Config {
  const reserved = reservedNameProblems(raw);
  if (reserved.length > 0) throw new ConfigError(source, reserved);
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(source, parsed.error.issues.map((issue) => describeIssue(issue, raw)));
  const config = parsed.data;
  const problems = [...referenceProblems(config, env), ...environmentProblems(config, env)];
  try {
    withDefaults(config.slo);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    problems.push(`${err.message.startsWith('slo.') ? '' : 'slo: '}${err.message}`);
  }
  problems.push(...exposureProblems(config, env));
  if (options.cwd !== undefined) problems.push(...fileProblems(config, options.cwd));
  if (problems.length > 0) throw new ConfigError(source, problems);
  return config;
}

/** Names that point at other sections (providers, tenants), prices, and environment keys. */
function referenceProblems(config: Config, env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  const providers = Object.keys(config.providers);
  const isProvider = (name: string) => Object.hasOwn(config.providers, name);
  if (providers.length === 0) problems.push('providers: add at least one provider (see docs/configuration.md)');
  if (Object.keys(config.groups).length === 0) problems.push('groups: add at least one model group, e.g. "default"');
  for (const [name, p] of Object.entries(config.providers)) {
    if (!env[p.api_key_env]) {
      problems.push(`providers.${name}.api_key_env: the environment variable ${p.api_key_env} is not set; export it before starting (keys are read from the environment only)`);
    }
    if (p.kind === 'openai') {
      for (const [header, variable] of Object.entries(p.headers_env ?? {})) {
        if (!env[variable]) problems.push(`providers.${name}.headers_env.${header}: the environment variable ${variable} is not set; export it before starting`);
      }
    }
  }
  for (const [gname, g] of Object.entries(config.groups)) {
    g.deployments.forEach((d, i) => {
      if (!isProvider(d.provider)) {
        problems.push(`groups.${gname}.deployments[${i}].provider: "${d.provider}" is not a provider; use one of ${list(providers)}`);
      }
    });
    const priced = (d: { provider: string; model: string; price?: unknown }, key: string) => {
      // Own keys only: a model named "constructor" has no built-in price.
      if (isProvider(d.provider) && d.price === undefined && !Object.hasOwn(DEFAULT_PRICES, d.model)) {
        problems.push(`${key}: no price is known for model "${d.model}"; add price: { input: <USD per million tokens>, output: <USD per million tokens> } to it (built-in prices: ${Object.keys(DEFAULT_PRICES).length} common models, see docs/costs.md)`);
      }
    };
    g.deployments.forEach((d, i) => priced(d, `groups.${gname}.deployments[${i}]`));
    if (g.cheaper) {
      if (!isProvider(g.cheaper.provider)) {
        problems.push(`groups.${gname}.cheaper.provider: "${g.cheaper.provider}" is not a provider; use one of ${list(providers)}`);
      }
      priced(g.cheaper, `groups.${gname}.cheaper`);
    }
    if (g.strategy === 'weighted' && g.deployments.every((d) => d.weight === 0)) {
      problems.push(`groups.${gname}.deployments: every weight is 0; give at least one deployment a weight above 0`);
    }
  }
  for (const [fname, f] of Object.entries(config.features)) {
    if (f.pin !== undefined && !isProvider(f.pin)) {
      problems.push(`features.${fname}.pin: "${f.pin}" is not a provider; use one of ${list(providers)}`);
    }
  }
  config.ledger.features.forEach((name, i) => {
    if (isReservedName(name)) problems.push(`ledger.features[${i}]: "${name}" is a reserved name (it is a property of every JavaScript object); choose another name`);
  });
  for (const [tname, t] of Object.entries(config.tenants)) {
    if (t.key_env && !env[t.key_env]) {
      problems.push(`tenants.${tname}.key_env: the environment variable ${t.key_env} is not set`);
    }
  }
  const tenantNames = Object.keys(config.tenants);
  for (const name of Object.keys(config.budgets.tenants)) {
    const known = tenantNames.length === 0 ? name === 'default' : tenantNames.includes(name);
    if (!known) {
      problems.push(
        `budgets.tenants.${name}: there is no tenant "${name}"; ${tenantNames.length === 0 ? 'with no tenants configured every request is tenant "default"' : `use one of ${list(tenantNames)}`}`,
      );
    }
  }
  return problems;
}

/** A router reachable beyond loopback needs tenants and an admin token. */
function exposureProblems(config: Config, env: NodeJS.ProcessEnv): string[] {
  if (isLoopback(config.server.host)) return [];
  const problems: string[] = [];
  if (Object.keys(config.tenants).length === 0) {
    problems.push(`server.host: ${config.server.host} is not a loopback address and no tenants are configured; add tenants with their keys, or bind 127.0.0.1`);
  }
  if (!env[config.server.admin_token_env]) {
    problems.push(`server.host: ${config.server.host} is not a loopback address and ${config.server.admin_token_env} is not set; export an admin token, or bind 127.0.0.1`);
  }
  return problems;
}

export function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

function list(names: string[]): string {
  return names.length === 0 ? '(none defined)' : names.map((n) => `"${n}"`).join(', ');
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const path = issue.path.length === 0 ? '(top level)' : formatPath(issue.path);
  if (issue.path.length === 0 && issue.code === 'invalid_type') {
    return `(top level): the file must be a mapping of sections (server:, providers:, groups:, ...), not ${describeReceived(raw)}; see docs/configuration.md`;
  }
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

function describeReceived(input: unknown): string {
  if (Array.isArray(input)) return 'a list';
  if (input === null) return 'null';
  return `a ${typeof input}`;
}

function formatPath(path: PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}
