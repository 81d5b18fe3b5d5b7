/**
 * The `alerting:` section of ballast.yaml. Defaults live here; the config owner mounts
 * it as `alerting: alertingConfigSchema.prefault({})` in config/schema.ts. Secrets
 * (webhook URLs with tokens, routing keys, auth headers) are named by environment
 * variable only: a URL with an obvious token in it is refused with what to write instead.
 */
import { z } from 'zod';
import { inlineSecretIn } from './inline-secret.js';
import { PAGERDUTY_EVENTS_URL } from './pagerduty-notifier.js';

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name such as ALERT_SLACK_WEBHOOK_URL');
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://alerts.example.com/ballast' });
const timeoutMs = z.number().int().min(100, 'must be at least 100 (ms)').max(60_000, 'must be at most 60000 (ms)').default(10_000);
const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be an HTTP header name such as authorization');
/** A key only present to say why it must not be: caught below with a better message than "unknown key". */
const refused = z.unknown().optional();

function urlRules(kind: string, example: string) {
  return (n: { url?: string | undefined; url_env?: string | undefined }, ctx: z.RefinementCtx) => {
    if ((n.url === undefined) === (n.url_env === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['url_env'], message: `set exactly one of url_env (the environment variable holding the ${kind} URL, e.g. ${example}) or url` });
    }
    const why = n.url === undefined ? null : inlineSecretIn(n.url);
    if (why !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: `this URL holds a secret (${why}); do not write it in ballast.yaml: export it as an environment variable and set url_env: ${example} instead`,
      });
    }
  };
}

export const webhookNotifierSchema = z
  .strictObject({
    kind: z.literal('webhook'),
    url: httpUrl.optional(),
    url_env: envName.optional(),
    /** Header name -> environment variable holding its value, e.g. { authorization: ALERT_WEBHOOK_AUTH }. */
    headers_env: z.record(headerName, envName, { error: (issue) => (issue.code === 'invalid_key' ? 'must be an HTTP header name such as authorization' : undefined) }).optional(),
    timeout_ms: timeoutMs,
  })
  .superRefine(urlRules('webhook', 'ALERT_WEBHOOK_URL'));

export const slackNotifierSchema = z
  .strictObject({
    kind: z.literal('slack'),
    /** The incoming-webhook URL's variable: the URL is the token. */
    url_env: envName.optional(),
    /** Only for a URL with no token, such as a local test receiver. */
    url: httpUrl.optional(),
    timeout_ms: timeoutMs,
  })
  .superRefine(urlRules('Slack incoming-webhook', 'ALERT_SLACK_WEBHOOK_URL'));

export const pagerDutyNotifierSchema = z
  .strictObject({
    kind: z.literal('pagerduty'),
    routing_key_env: envName,
    routing_key: refused,
    /** The Events API v2 endpoint; override for a local receiver or the EU service region. */
    url: httpUrl.default(PAGERDUTY_EVENTS_URL),
    severity: z.enum(['critical', 'error', 'warning', 'info']).default('critical'),
    timeout_ms: timeoutMs,
  })
  .superRefine((n, ctx) => {
    if (n.routing_key !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['routing_key'],
        message: 'a routing key is a secret; do not write it in ballast.yaml: export it (e.g. PD_ROUTING_KEY) and set routing_key_env: PD_ROUTING_KEY instead',
      });
    }
    const why = inlineSecretIn(n.url);
    if (why !== null) ctx.addIssue({ code: 'custom', path: ['url'], message: `this URL holds a secret (${why}); the routing key goes in routing_key_env, the URL stays plain` });
  });

export const notifierConfigSchema = z.discriminatedUnion('kind', [webhookNotifierSchema, slackNotifierSchema, pagerDutyNotifierSchema], {
  error: 'kind must be one of "webhook", "slack" or "pagerduty"',
});

const NOTIFIER_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export const alertingConfigSchema = z.strictObject({
  /** false: no evaluation loop, no pages (the SLO report still works). */
  enabled: z.boolean().default(true),
  /** SQLite file for the outbox, the alert history and the alert state (relative to the working directory), or ":memory:". */
  path: z.string().min(1, 'must be a file path such as .ballast/alerts.db, or ":memory:"').default('.ballast/alerts.db'),
  /** How often the alerts are evaluated. */
  interval_s: z.number().min(1, 'must be at least 1 (second)').max(3600, 'must be at most 3600 (seconds)').default(15),
  /** Names this ballast in pages: PagerDuty's source and dedup_key. Keep it stable across restarts and hosts. */
  instance: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,100}$/, 'must be 1-100 letters, digits, or . _ : - (e.g. ballast-prod)')
    .default('ballast'),
  notifiers: z
    .record(z.string().regex(NOTIFIER_NAME), notifierConfigSchema, {
      // zod reports a bad record key as "Invalid key in record"; say what a name may be.
      error: (issue) => (issue.code === 'invalid_key' ? 'notifier names are 1-64 lowercase letters, digits, - and _ (e.g. oncall, slack-sre)' : undefined),
    })
    .default({}),
  /** Delivery retries: exponential from initial_s, doubling, capped at max_s, with jitter. */
  retry: z
    .strictObject({
      initial_s: z.number().gt(0, 'must be above 0 (seconds)').max(3600).default(1),
      max_s: z.number().gt(0, 'must be above 0 (seconds)').max(86_400).default(300),
    })
    .refine((r) => r.initial_s <= r.max_s, { message: 'initial_s is larger than max_s' })
    .prefault({}),
  /** Days delivered and failed pages and alert history are kept. */
  retention_days: z.number().int().min(1).max(3650).default(90),
});

export type AlertingConfig = z.infer<typeof alertingConfigSchema>;
export type NotifierConfig = z.infer<typeof notifierConfigSchema>;
