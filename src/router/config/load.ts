/**
 * Reading the configuration: the file, its YAML, and the environment variables that
 * override it. Validation lives in validate-config.ts; the one entry point start and
 * check-config share is prepareConfig() in prepare-config.ts.
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { ConfigError } from './config-error.js';

export { ConfigError } from './config-error.js';
export { isLoopback, validateConfig } from './validate-config.js';

/**
 * Aliases a file may expand. A small config uses a handful; a "billion laughs" alias
 * bomb needs thousands, and is refused with a message instead of eating the memory.
 */
export const MAX_ALIAS_COUNT = 100;

/** Parses YAML text; syntax errors name the line, alias problems name the alias. */
export function parseYaml(text: string, source: string): unknown {
  let doc: ReturnType<typeof parseDocument>;
  try {
    // logLevel error: yaml's warnings (a collection used as a key) go to the process's
    // stderr as Node warnings; the schema names such a key anyway.
    doc = parseDocument(text, { prettyErrors: true, logLevel: 'error' });
  } catch (err) {
    throw new ConfigError(source, [`(YAML): cannot be parsed (${firstLine(err)}); check the nesting and the syntax`]);
  }
  if (doc.errors.length > 0) {
    throw new ConfigError(
      source,
      doc.errors.map((e) => `${e.message.split('\n')[0]} (fix the YAML syntax there)`),
    );
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (err) {
    // yaml throws a ReferenceError for an alias with no anchor and for an alias bomb.
    const message = firstLine(err);
    throw new ConfigError(source, [
      /Excessive alias count/i.test(message)
        ? `(YAML aliases): the file expands more than ${MAX_ALIAS_COUNT} aliases (*name), which looks like an alias bomb; write the values out, or use fewer aliases`
        : /alias/i.test(message)
          ? `(YAML aliases): ${message}; define the anchor (&name) before the alias (*name) that uses it`
          : `(YAML): cannot be read (${message})`,
    ]);
  }
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
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

/**
 * Environment variables that override the file. Documented in docs/configuration.md.
 * A document that is not a mapping is returned as it is, for the schema to refuse.
 */
export function applyEnvOverrides(raw: unknown, env: NodeJS.ProcessEnv): unknown {
  if (!isMapping(raw ?? {})) return raw;
  const out = structuredClone((raw ?? {}) as Record<string, unknown>);
  const section = (name: string): Record<string, unknown> => {
    const value = out[name];
    if (value !== undefined && !isMapping(value)) return {};
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

/** A YAML mapping: an object that is not an array. */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
