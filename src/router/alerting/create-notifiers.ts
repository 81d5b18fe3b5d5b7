/**
 * Notifiers from the `alerting.notifiers` config. Each secret is checked at start (the
 * variable is set, a URL parses) and read again at every send.
 */
import { ConfigError } from '../config/config-error.js';
import type { NotifierConfig } from './config.js';
import { createPagerDutyNotifier } from './pagerduty-notifier.js';
import { fromEnv, literal, type SecretSource } from './secret-source.js';
import { createSlackNotifier } from './slack-notifier.js';
import type { Notifier } from './types.js';
import { createWebhookNotifier } from './webhook-notifier.js';

/**
 * What is wrong with the environment for these notifiers: one line per problem, naming
 * the key and the variable, never a value. Empty when all is well.
 */
export function notifierEnvProblems(notifiers: Record<string, NotifierConfig>, env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  const need = (key: string, name: string, url: boolean) => {
    const value = env[name];
    if (value === undefined || value === '') {
      problems.push(`alerting.notifiers.${key}: the environment variable ${name} is not set; export it before starting (secrets are read from the environment only)`);
    } else if (url && !/^https?:\/\/[^\s]+$/.test(value)) {
      problems.push(`alerting.notifiers.${key}: the environment variable ${name} does not hold an http(s) URL`);
    }
  };
  for (const [name, n] of Object.entries(notifiers)) {
    if (n.kind === 'pagerduty') need(`${name}.routing_key_env`, n.routing_key_env, false);
    else if (n.url_env !== undefined) need(`${name}.url_env`, n.url_env, true);
    if (n.kind === 'webhook') for (const [header, variable] of Object.entries(n.headers_env ?? {})) need(`${name}.headers_env.${header}`, variable, false);
  }
  return problems;
}

/**
 * One notifier per configured name. Throws a ConfigError listing every missing variable.
 *
 * @example const notifiers = createNotifiers(config.alerting.notifiers, process.env);
 */
export function createNotifiers(notifiers: Record<string, NotifierConfig>, env: NodeJS.ProcessEnv): Notifier[] {
  const problems = notifierEnvProblems(notifiers, env);
  if (problems.length > 0) throw new ConfigError('alerting', problems);
  return Object.entries(notifiers).map(([name, n]) => createNotifier(name, n, env));
}

export function createNotifier(name: string, n: NotifierConfig, env: NodeJS.ProcessEnv): Notifier {
  switch (n.kind) {
    case 'webhook':
      return createWebhookNotifier({
        name,
        url: urlSource(n, env),
        headers: Object.fromEntries(Object.entries(n.headers_env ?? {}).map(([header, variable]) => [header, fromEnv(env, variable)])),
        timeoutMs: n.timeout_ms,
      });
    case 'slack':
      return createSlackNotifier({ name, url: urlSource(n, env), timeoutMs: n.timeout_ms });
    case 'pagerduty':
      return createPagerDutyNotifier({ name, routingKey: fromEnv(env, n.routing_key_env), url: n.url, severity: n.severity, timeoutMs: n.timeout_ms });
  }
}

function urlSource(n: { url?: string | undefined; url_env?: string | undefined }, env: NodeJS.ProcessEnv): SecretSource {
  return n.url_env !== undefined ? fromEnv(env, n.url_env) : literal(n.url ?? '');
}
