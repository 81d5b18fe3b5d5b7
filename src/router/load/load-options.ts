/**
 * `ballast load` options: parsed, defaulted and bounded. Every refusal names the flag
 * and the range it accepts, so a typo cannot turn a drill into a flood.
 */
import { parseDuration } from '../../core/slo/duration.js';

export interface LoadOptions {
  url: string;
  /** The ballast key (from the environment), or null to send none. */
  key: string | null;
  keyEnv: string;
  model: string;
  rate: number;
  durationMs: number;
  prompts: number;
  repeat: number;
  stream: number;
  feature: string | null;
  concurrency: number;
  maxTokens: number;
  seed: number;
  json: boolean;
}

export const LOAD_BOUNDS = {
  rate: { min: 0.1, max: 200 },
  durationMs: { min: 1000, max: 2 * 3_600_000 },
  prompts: { min: 1, max: 100_000 },
  concurrency: { min: 1, max: 512 },
  maxTokens: { min: 1, max: 4096 },
} as const;

export const LOAD_DEFAULTS = {
  url: 'http://127.0.0.1:4100',
  keyEnv: 'BALLAST_API_KEY',
  model: 'default',
  rate: 5,
  duration: '60s',
  prompts: 50,
  repeat: 0.3,
  stream: 0.2,
  concurrency: 32,
  maxTokens: 64,
} as const;

export class LoadOptionError extends Error {
  override readonly name = 'LoadOptionError';
}

export interface RawLoadFlags {
  url?: string | undefined;
  'key-env'?: string | undefined;
  model?: string | undefined;
  rate?: string | undefined;
  duration?: string | undefined;
  prompts?: string | undefined;
  repeat?: string | undefined;
  stream?: string | undefined;
  feature?: string | undefined;
  concurrency?: string | undefined;
  'max-tokens'?: string | undefined;
  seed?: string | undefined;
  json?: boolean | undefined;
}

function num(flag: string, raw: string | undefined, def: number, min: number, max: number, integer = false): number {
  if (raw === undefined) return def;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    throw new LoadOptionError(`--${flag} ${raw}: expected ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`);
  }
  if (n < min || n > max) throw new LoadOptionError(`--${flag} ${raw}: must be from ${min} to ${max}${n > max ? ` (the upper bound keeps a load test bounded)` : ''}`);
  return n;
}

/** A share written as 0.3 or 30%. */
function share(flag: string, raw: string | undefined, def: number): number {
  if (raw === undefined) return def;
  const pct = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(raw);
  const n = pct ? Number(pct[1]) / 100 : Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new LoadOptionError(`--${flag} ${raw}: expected a share from 0 to 1 (or 0% to 100%)`);
  return n;
}

function durationOf(raw: string): number {
  const ms = /^\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) * 1000 : parseDuration(raw);
  const { min, max } = LOAD_BOUNDS.durationMs;
  if (ms === null) throw new LoadOptionError(`--duration ${raw}: expected a duration such as 30s, 5m or 1h`);
  if (ms < min || ms > max) throw new LoadOptionError(`--duration ${raw}: must be from 1s to 2h${ms > max ? ' (the upper bound keeps a load test bounded)' : ''}`);
  return ms;
}

/**
 * Options from the command line and the environment.
 *
 * @example loadOptions({ rate: '10', duration: '5m' }, process.env).durationMs // 300_000
 */
export function loadOptions(flags: RawLoadFlags, env: NodeJS.ProcessEnv): LoadOptions {
  const b = LOAD_BOUNDS;
  const url = (flags.url ?? LOAD_DEFAULTS.url).replace(/\/+$/, '');
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
  } catch {
    throw new LoadOptionError(`--url ${url}: expected the router's http(s) URL such as ${LOAD_DEFAULTS.url}`);
  }
  const keyEnv = flags['key-env'] ?? LOAD_DEFAULTS.keyEnv;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(keyEnv)) throw new LoadOptionError(`--key-env ${keyEnv}: expected an environment variable name such as ${LOAD_DEFAULTS.keyEnv}`);
  if (flags['key-env'] !== undefined && !env[keyEnv]) throw new LoadOptionError(`--key-env ${keyEnv}: the environment variable ${keyEnv} is not set; export the ballast key there`);
  const feature = flags.feature ?? null;
  if (feature !== null && !/^[A-Za-z0-9._:-]{1,64}$/.test(feature)) throw new LoadOptionError(`--feature ${feature}: 1-64 letters, digits, or . _ : -`);
  const seed = num('seed', flags.seed, Date.now() % 2 ** 31, 0, 2 ** 31 - 1, true);
  return {
    url,
    key: env[keyEnv] || null,
    keyEnv,
    model: flags.model ?? LOAD_DEFAULTS.model,
    rate: num('rate', flags.rate, LOAD_DEFAULTS.rate, b.rate.min, b.rate.max),
    durationMs: durationOf(flags.duration ?? LOAD_DEFAULTS.duration),
    prompts: num('prompts', flags.prompts, LOAD_DEFAULTS.prompts, b.prompts.min, b.prompts.max, true),
    repeat: share('repeat', flags.repeat, LOAD_DEFAULTS.repeat),
    stream: share('stream', flags.stream, LOAD_DEFAULTS.stream),
    feature,
    concurrency: num('concurrency', flags.concurrency, LOAD_DEFAULTS.concurrency, b.concurrency.min, b.concurrency.max, true),
    maxTokens: num('max-tokens', flags['max-tokens'], LOAD_DEFAULTS.maxTokens, b.maxTokens.min, b.maxTokens.max, true),
    seed,
    json: flags.json ?? false,
  };
}
