/**
 * A generic JSON webhook: the page as JSON, plus a readable summary, POSTed to a URL.
 * Static headers (an Authorization header, say) take their values from the environment.
 *
 *   POST <url>   content-type: application/json   authorization: <$ALERT_WEBHOOK_AUTH>
 *   {"version":1,"id":"success:firing:1718000000000","instance":"ballast","alert":"success",
 *    "state":"firing","from":"pending","time":"2024-06-10T06:13:20.000Z","at":1718000000000,
 *    "value":0.972,"threshold":0.995,"eligible":412,"window":"5m","summary":"[FIRING] ..."}
 */
import { pageSummary } from './describe-page.js';
import { postJson } from './post-json.js';
import { urlSecrets } from '../secrets/router-secrets.js';
import { readSecret, type SecretSource } from './secret-source.js';
import type { Notifier, Page } from './types.js';

export interface WebhookMessage extends Omit<Page, 'note'> {
  version: 1;
  time: string;
  summary: string;
  note: string | null;
}

/** The JSON body a webhook receives. */
export function webhookMessage(page: Page): WebhookMessage {
  return {
    version: 1,
    id: page.id,
    instance: page.instance,
    alert: page.alert,
    state: page.state,
    from: page.from,
    time: new Date(page.at).toISOString(),
    at: page.at,
    value: page.value,
    threshold: page.threshold,
    eligible: page.eligible,
    window: page.window,
    summary: pageSummary(page),
    note: page.note ?? null,
  };
}

export interface WebhookNotifierOptions {
  name: string;
  url: SecretSource;
  /** Header name -> where its value comes from. */
  headers?: Record<string, SecretSource>;
  timeoutMs?: number;
}

/**
 * @example createWebhookNotifier({ name: 'ops', url: fromEnv(env, 'ALERT_WEBHOOK_URL'),
 *   headers: { authorization: fromEnv(env, 'ALERT_WEBHOOK_AUTH') } })
 */
export function createWebhookNotifier(options: WebhookNotifierOptions): Notifier {
  const { name } = options;
  return {
    name,
    async send(page) {
      const url = readSecret(options.url, name);
      const headers: Record<string, string> = {};
      const secrets: string[] = options.url.secret ? urlSecrets(url) : [];
      for (const [header, source] of Object.entries(options.headers ?? {})) {
        headers[header] = readSecret(source, name);
        secrets.push(headers[header]);
      }
      await postJson({ notifier: name, url, headers, timeoutMs: options.timeoutMs ?? 10_000, secrets }, webhookMessage(page));
    },
  };
}
