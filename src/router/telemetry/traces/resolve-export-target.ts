/**
 * Where spans go: the configured OTLP/HTTP endpoint with its headers read from the
 * environment, or Langfuse when its two keys are in the environment.
 */
import { ConfigError } from '../../config/config-error.js';
import type { TracingConfig } from './tracing-config.js';

export const LANGFUSE_DEFAULT_BASE_URL = 'https://cloud.langfuse.com';
export const LANGFUSE_TRACES_PATH = '/api/public/otel/v1/traces';

export interface ExportTarget {
  url: string;
  /** Sent with every export; values are secrets and go nowhere else. */
  headers: Record<string, string>;
  source: 'config' | 'langfuse';
}

/**
 * The endpoint and headers to export to, or null when tracing is off (no endpoint and
 * no Langfuse keys). Throws a ConfigError naming each missing or malformed variable.
 *
 * @example
 * resolveExportTarget(tracingConfigSchema.parse({}), { LANGFUSE_PUBLIC_KEY: 'pk-lf-1', LANGFUSE_SECRET_KEY: 'sk-lf-1' })
 * // { url: 'https://cloud.langfuse.com/api/public/otel/v1/traces', headers: { Authorization: 'Basic cGstbGYtMTpzay1sZi0x', ... }, source: 'langfuse' }
 */
export function resolveExportTarget(config: TracingConfig, env: NodeJS.ProcessEnv): ExportTarget | null {
  const problems: string[] = [];
  const headers = headersFromEnv(config.headers_env ?? {}, env, problems);
  let target: ExportTarget | null = null;
  if (config.endpoint !== undefined) target = { url: config.endpoint, headers, source: 'config' };
  else {
    const langfuse = langfuseTarget(env, problems);
    if (langfuse) target = { ...langfuse, headers: { ...langfuse.headers, ...headers } };
  }
  if (problems.length > 0) throw new ConfigError('environment', problems);
  return target;
}

/** Langfuse's OTLP endpoint with Basic auth (public key : secret key), when both keys are set. */
export function langfuseTarget(env: NodeJS.ProcessEnv, problems: string[] = []): ExportTarget | null {
  const publicKey = env.LANGFUSE_PUBLIC_KEY || undefined;
  const secretKey = env.LANGFUSE_SECRET_KEY || undefined;
  if (publicKey === undefined && secretKey === undefined) return null;
  if (publicKey === undefined || secretKey === undefined) {
    problems.push(
      `${publicKey === undefined ? 'LANGFUSE_PUBLIC_KEY' : 'LANGFUSE_SECRET_KEY'} is not set: tracing to Langfuse needs both LANGFUSE_PUBLIC_KEY and LANGFUSE_SECRET_KEY; export it, or unset the other`,
    );
    return null;
  }
  const baseVar = env.LANGFUSE_BASE_URL ? 'LANGFUSE_BASE_URL' : env.LANGFUSE_HOST ? 'LANGFUSE_HOST' : null;
  const base = langfuseBase(baseVar ? (env[baseVar] as string) : LANGFUSE_DEFAULT_BASE_URL);
  if (base === null) {
    problems.push(`${baseVar}: must be the http(s) URL of your Langfuse, without credentials or query, such as ${LANGFUSE_DEFAULT_BASE_URL} or https://us.cloud.langfuse.com`);
    return null;
  }
  if (!isHeaderValue(publicKey) || !isHeaderValue(secretKey)) {
    problems.push('LANGFUSE_PUBLIC_KEY or LANGFUSE_SECRET_KEY holds characters a key cannot have (a line break?); copy the keys again from the Langfuse project settings');
    return null;
  }
  return {
    url: `${base}${LANGFUSE_TRACES_PATH}`,
    headers: {
      Authorization: `Basic ${Buffer.from(`${publicKey}:${secretKey}`, 'utf8').toString('base64')}`,
      // Langfuse Cloud shows OTLP spans in real time only with ingestion version 4.
      'x-langfuse-ingestion-version': '4',
    },
    source: 'langfuse',
  };
}

function headersFromEnv(names: Record<string, string>, env: NodeJS.ProcessEnv, problems: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [header, variable] of Object.entries(names)) {
    const value = env[variable];
    if (value === undefined || value === '') problems.push(`tracing.headers_env.${header}: ${variable} is not set; export it, or remove the header`);
    else if (!isHeaderValue(value)) problems.push(`tracing.headers_env.${header}: ${variable} holds characters an HTTP header cannot carry (a line break?)`);
    else headers[header] = value;
  }
  return headers;
}

/** Where a target points, for logs: no user info, no query string. */
export function describeEndpoint(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname}`;
}

/** The base URL without its trailing slashes, or null when it is not a plain http(s) URL. */
function langfuseBase(s: string): string | null {
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return null;
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.username || u.password || u.search || u.hash) return null;
  return `${u.origin}${u.pathname}`.replace(/\/+$/, '');
}

function isHeaderValue(s: string): boolean {
  return /^[\t\x20-\x7e\x80-\xff]*$/.test(s);
}
