/**
 * The one validation start and check-config both run (issue #11, item 8): environment
 * overrides, command-line overrides, the schema, references, the environment start
 * reads (provider and tenant keys, tracing, notifiers, the metrics token) and the
 * files it opens. Whatever goes wrong comes back as a ConfigError naming the key,
 * never as another exception with a stack.
 */
import { ConfigError } from './config-error.js';
import { applyEnvOverrides, isMapping } from './load.js';
import type { Config } from './schema.js';
import { validateConfig } from './validate-config.js';

export interface PrepareConfigInput {
  /** The parsed file or built-in default, before any override. */
  raw: unknown;
  /** Where it came from, for the messages: a path or "the embedded default". */
  source: string;
  env: NodeJS.ProcessEnv;
  /** Base of the relative paths (ledger.path, cache.path, alerting.path). */
  cwd: string;
  /** --host and --port: they win over the file and the environment. */
  host?: string | undefined;
  port?: number | undefined;
}

/**
 * The configuration start runs on, or a ConfigError listing every problem.
 *
 * @example
 * const resolved = resolveConfigSource({ configPath, env: process.env });
 * const config = prepareConfig({ raw: resolved.raw, source: resolved.source, env: process.env, cwd: process.cwd() });
 */
export function prepareConfig(input: PrepareConfigInput): Config {
  try {
    const overridden = applyEnvOverrides(input.raw, input.env);
    const withFlags = isMapping(overridden) && (input.host !== undefined || input.port !== undefined) ? applyFlags(overridden, input) : overridden;
    return validateConfig(withFlags, input.source, input.env, { cwd: input.cwd });
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    // A configuration found a bug in the validation itself: still a message, not a stack.
    const e = err instanceof Error ? `${err.name}: ${err.message.split('\n')[0]}` : String(err);
    throw new ConfigError(input.source, [`(configuration): ballast could not check this configuration (${e}); this is a bug in ballast: please report it with the file`]);
  }
}

function applyFlags(raw: Record<string, unknown>, input: PrepareConfigInput): Record<string, unknown> {
  const server = isMapping(raw.server) ? { ...raw.server } : raw.server === undefined ? {} : raw.server;
  if (!isMapping(server)) return raw; // the schema says what is wrong with `server:`
  if (input.host !== undefined) server.host = input.host;
  if (input.port !== undefined) server.port = input.port;
  return { ...raw, server };
}
