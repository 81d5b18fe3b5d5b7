/**
 * What start reads from the environment besides the provider and tenant keys:
 * tracing's headers and Langfuse pair, the notifiers' secrets, the metrics token. Each
 * problem names the key (or the variable) and never a value.
 */
import { notifierEnvProblems } from '../alerting/create-notifiers.js';
import { resolveExportTarget } from '../telemetry/traces/resolve-export-target.js';
import { ConfigError } from './config-error.js';
import type { Config } from './schema.js';

/** One line per missing or malformed variable; empty when start can read them all. */
export function environmentProblems(config: Config, env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  try {
    // The same call createTracing makes at start: unset headers_env variables, a half-set
    // Langfuse pair, a header value with a line break.
    resolveExportTarget(config.tracing, env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems.map((p) => (p.startsWith('tracing.') ? p : `tracing: ${p}`)));
  }
  if (config.alerting.enabled) {
    problems.push(...notifierEnvProblems(config.alerting.notifiers, env));
    for (const [name, n] of Object.entries(config.alerting.notifiers)) {
      if (n.kind !== 'webhook') continue;
      for (const [header, variable] of Object.entries(n.headers_env ?? {})) {
        const value = env[variable];
        if (value !== undefined && !isHeaderValue(value)) {
          problems.push(`alerting.notifiers.${name}.headers_env.${header}: the environment variable ${variable} holds characters an HTTP header cannot carry (a line break?)`);
        }
      }
    }
  }
  const metrics = config.server.metrics_token_env;
  if (metrics !== undefined) {
    const value = env[metrics];
    if (value === undefined || value === '') problems.push(`server.metrics_token_env: the environment variable ${metrics} is not set; export it, or remove the key`);
    else if (!isHeaderValue(value)) problems.push(`server.metrics_token_env: the environment variable ${metrics} holds characters a bearer token cannot have (a line break?)`);
  }
  return problems;
}

function isHeaderValue(s: string): boolean {
  return /^[\t\x20-\x7e\x80-\xff]*$/.test(s);
}
