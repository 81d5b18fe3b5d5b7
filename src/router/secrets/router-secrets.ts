/**
 * Which secrets a router knows: the values of every environment variable its config
 * names as a secret (provider keys, tenant keys, notifier URLs and keys, tracing
 * header values), the admin token, the emulator's keys, Langfuse's keys and the
 * header they make, and any variable named like a secret. scrub.ts cuts them.
 */
import type { Config } from '../config/schema.js';
import { EMULATOR_KEY_ENV } from '../config/defaults.js';
import { MIN_SECRET_LENGTH } from './scrub.js';

const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
/** Environment variables that hold a secret by their name alone, named by the config or not. */
const SECRET_ENV_NAME = /(KEY|TOKEN|SECRET|PASSWORD|PASSWD|WEBHOOK|CREDENTIAL|AUTH)/i;

/**
 * Every secret value this router can see, longest first.
 *
 * @example
 * const secrets = routerSecrets({ config, env });
 * scrub(providerErrorBody, secrets);
 */
export function routerSecrets(rt: { config: Pick<Config, 'server'> & Partial<Config>; env: NodeJS.ProcessEnv }): string[] {
  const named = Object.keys(rt.env).filter((k) => SECRET_ENV_NAME.test(k));
  const names = secretEnvNames(rt.config, [rt.config.server.admin_token_env, ...Object.values(EMULATOR_KEY_ENV), ...named]);
  const values = secretValues(rt.env, names);
  // Langfuse's header is made of both keys: a collector that echoes it echoes neither alone.
  const { LANGFUSE_PUBLIC_KEY: pk, LANGFUSE_SECRET_KEY: sk } = rt.env;
  if (pk && sk) values.push(Buffer.from(`${pk}:${sk}`, 'utf8').toString('base64'));
  return [...new Set(values)].sort((a, b) => b.length - a.length);
}

/**
 * Every environment variable a config names as holding a secret: keys ending in
 * `_env` (provider keys, tenant keys, webhook URLs, routing keys, header values) and
 * the values of `*_env` maps such as headers_env.
 */
export function secretEnvNames(config: unknown, extra: readonly string[] = []): string[] {
  const names = new Set(extra);
  const visit = (key: string, v: unknown): void => {
    if (typeof v === 'string') {
      if (key.endsWith('_env') && ENV_NAME.test(v)) names.add(v);
    } else if (Array.isArray(v)) v.forEach((x) => visit(key, x));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(key.endsWith('_env') ? `${k}_env` : k, x);
  };
  visit('', config);
  return [...names];
}

/**
 * The strings to cut from any output: the value of each named variable that is set,
 * and for URL values the parts that carry their token. Values under 6 characters are
 * left alone (they would erase ordinary words, and are no credential worth the name).
 */
export function secretValues(env: NodeJS.ProcessEnv, names: readonly string[]): string[] {
  const out = new Set<string>();
  for (const name of names) {
    const v = env[name];
    if (!v || v.length < MIN_SECRET_LENGTH) continue;
    for (const part of urlSecrets(v)) if (part.length >= MIN_SECRET_LENGTH && part !== '/') out.add(part);
    out.add(v);
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/**
 * What to cut out of a text when a URL is the secret: the URL, its path and query,
 * each query value and each long path segment (a Slack hook's token alone, say).
 * Anything that is not a URL is its own only part.
 */
export function urlSecrets(url: string): string[] {
  const out = [url];
  try {
    const u = new URL(url);
    out.push(`${u.pathname}${u.search}`, u.pathname);
    if (u.search !== '') out.push(u.search);
    for (const v of u.searchParams.values()) if (v.length >= 4) out.push(v);
    for (const seg of u.pathname.split('/')) if (seg.length >= 8) out.push(seg);
  } catch {
    // Not a URL: the whole value is all there is to cut.
  }
  // Longest first, so a part never spoils the cut of the whole.
  return [...new Set(out)].sort((a, b) => b.length - a.length);
}
