/**
 * ballast.yaml, as zod schemas. Every key is documented in docs/configuration.md;
 * defaults live here and nowhere else.
 */
import { z } from 'zod';
import { ledgerConfigSchema } from '../ledger/config.js';
import { alertingConfigSchema } from '../alerting/config.js';
import { tracingConfigSchema } from '../telemetry/traces/tracing-config.js';
import { nullPrototype } from './reserved-names.js';
import { providerConfigSchema, type ProviderConfig } from '../providers/registry.js';

const envName = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name such as OPENAI_API_KEY');

const ms = (def: number) => z.number().int().min(0).default(def);

/** A provider block: the keys every kind has plus its own (providers/registry.ts). */
export const providerSchema = providerConfigSchema;

const usdPerMtok = z.number().min(0, 'must be a price in USD per million tokens, 0 or more');

/** Overrides the built-in price table for one deployment (USD per million tokens). */
export const priceSchema = z.strictObject({
  input: usdPerMtok,
  output: usdPerMtok,
  cache_read: usdPerMtok.optional(),
  cache_write_5m: usdPerMtok.optional(),
  cache_write_1h: usdPerMtok.optional(),
});

export const deploymentSchema = z.strictObject({
  provider: z.string().min(1),
  model: z.string().min(1),
  weight: z.number().min(0).default(1),
  price: priceSchema.optional(),
});

export const degradeStep = z.enum(['truncate', 'cheaper_model', 'cached']);

/** Per-request guardrails. Set globally, per group and per feature; the narrower wins key by key. */
export const guardrailsSchema = z.strictObject({
  max_tokens_in: z.number().int().min(1).optional(),
  max_tokens_out: z.number().int().min(1).optional(),
  /** What to do with a request asking for more than max_tokens_out: lower it, or refuse it. */
  max_tokens_out_action: z.enum(['clamp', 'refuse']).optional(),
  /** Worst-case cost cap per request, USD. */
  max_cost_usd: z.number().gt(0, 'must be above 0 (remove the key for no cap)').optional(),
  /** The degradation ladder, tried in this order when a guardrail or budget would break. */
  degrade: z.array(degradeStep).optional(),
});

const budgetSchema = z
  .strictObject({
    daily_usd: z.number().gt(0, 'must be above 0').optional(),
    monthly_usd: z.number().gt(0, 'must be above 0').optional(),
  })
  .refine((b) => b.daily_usd === undefined || b.monthly_usd === undefined || b.daily_usd <= b.monthly_usd, {
    message: 'daily_usd is larger than monthly_usd; a day can never spend it',
  });

export const groupSchema = z.strictObject({
  strategy: z.enum(['weighted', 'ordered']).default('weighted'),
  deployments: z.array(deploymentSchema).min(1, 'needs at least one deployment'),
  retries_in_group: z.number().int().min(0).max(5).default(1),
  ttft_timeout_ms: z.number().int().min(1).default(2000),
  /**
   * Non-stream: how long a deployment may take to answer before ballast fails over to the
   * next one (no in-group retry). The last deployment standing gets its provider's timeout_ms.
   */
  answer_timeout_ms: z.number().int().min(1).default(5000),
  guardrails: guardrailsSchema.optional(),
  /** The degradation ladder's cheaper model for this group. */
  cheaper: deploymentSchema.omit({ weight: true }).optional(),
});

export const routingSchema = z.strictObject({
  bypass: z.boolean().default(false),
  /** A 429 whose retry-after is at most this is waited out on the same provider. */
  retry_after_cap_ms: ms(1000),
  cooldown: z
    .strictObject({
      failures: z.number().int().min(1).default(3),
      window_ms: ms(60_000),
      cooldown_ms: ms(30_000),
      auth_cooldown_ms: ms(300_000),
    })
    .prefault({}),
});

export const serverSchema = z.strictObject({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(4100),
  body_limit_bytes: z.number().int().min(1024).default(1_048_576),
  admin_token_env: envName.default('BALLAST_ADMIN_TOKEN'),
  /** Browser origins (scheme://host[:port]) allowed to call the API across origins (CORS); none by default. */
  cors_origins: z.array(z.string().regex(/^https?:\/\/[^/?#\s]+$/, 'must be an origin such as https://app.example.com (scheme, host, optional port; no path)')).default([]),
  /** Open client connections at most; more are refused until some close. */
  max_connections: z.number().int().min(1, 'must be at least 1').max(1_000_000, 'must be at most 1000000').default(1024),
  /** Deadline for receiving a whole request (headers and body); also the headers' own deadline. */
  request_timeout_ms: z.number().int().min(1000, 'must be at least 1000 (ms)').max(3_600_000, 'must be at most 3600000 (ms, one hour)').default(30_000),
  /** Environment variable holding a token that reads /metrics and /healthz details (besides the admin token). */
  metrics_token_env: envName.optional(),
});

export const tenantSchema = z
  .strictObject({
    /** SHA-256 (hex) of the tenant's ballast key. */
    key_sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters (sha256 of the key)').optional(),
    /** Or: the environment variable that holds the tenant's ballast key. */
    key_env: envName.optional(),
  })
  .refine((t) => (t.key_sha256 === undefined) !== (t.key_env === undefined), {
    message: 'set exactly one of key_sha256 or key_env',
  });

export const cachePolicy = z.enum(['fallback', 'repeat', 'off']);

const featureCacheSchema = z.strictObject({
  policy: cachePolicy.optional(),
  ttl_s: z.number().int().min(0).optional(),
});

export const featureSchema = z.strictObject({
  /** Send this feature's requests to one provider only. */
  pin: z.string().min(1).optional(),
  guardrails: guardrailsSchema.optional(),
  cache: featureCacheSchema.optional(),
});

export const cacheSchema = z.strictObject({
  /** SQLite file (relative to the working directory), or ":memory:". */
  path: z.string().min(1).default('.ballast/cache.db'),
  /** fallback: only when every provider failed or as a degradation step; repeat: also serve fresh hits without a provider call; off. */
  policy: cachePolicy.default('fallback'),
  /** How long an answer is fresh (served by `repeat`). */
  ttl_s: z.number().int().min(0).default(86_400),
  /** How long an answer is kept at all (served by `fallback` and the ladder). */
  max_age_days: z.number().min(0).default(30),
});

const duration = z.union([z.string().regex(/^(\d+(ms|s|m|h|d))+$/, 'must be a duration such as 30s, 5m, 1h or 30d'), z.number().int().min(0)]);

const thresholdAlert = z.strictObject({
  enabled: z.boolean().optional(),
  window: duration.optional(),
  for: duration.optional(),
  min_requests: z.number().int().min(0).optional(),
  threshold: z.number().min(0).optional(),
});

/** The three alerts of the seed and the optional burn-rate policy; see docs/slo.md. */
export const alertsSchema = z.strictObject({
  latency: thresholdAlert.optional(),
  success: thresholdAlert.optional(),
  cost: thresholdAlert.optional(),
  burn_rate: z
    .strictObject({
      enabled: z.boolean().optional(),
      for: duration.optional(),
      min_requests: z.number().int().min(0).optional(),
      pairs: z.array(z.strictObject({ long: duration, short: duration, factor: z.number().gt(0) })).min(1).optional(),
    })
    .optional(),
  keep_resolved: duration.optional(),
});

export const sloSchema = z.strictObject({
  success_rate: z.number().gt(0).lt(1).default(0.995),
  p95_latency_ms: z.number().int().min(1).default(2500),
  avg_cost_usd: z.number().min(0).default(0.015),
  window_days: z.number().int().min(1).max(400).default(30),
  /** Fewer eligible requests than this in the window: no verdict, no freeze. */
  min_requests: z.number().int().min(1, 'must be at least 1').default(100),
  /** Whether cache hits count in the promised p95 and average cost. */
  include_cache_hits: z.boolean().default(true),
  alerts: alertsSchema.optional(),
});

const configObjectSchema = z.strictObject({
  server: serverSchema.prefault({}),
  providers: z.record(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'provider names are lowercase letters, digits, - and _'), providerSchema),
  groups: z.record(z.string().min(1), groupSchema),
  routing: routingSchema.prefault({}),
  tenants: z.record(z.string().min(1), tenantSchema).default({}),
  features: z.record(z.string().min(1), featureSchema).default({}),
  slo: sloSchema.prefault({}),
  guardrails: guardrailsSchema.prefault({}),
  cache: cacheSchema.prefault({}),
  ledger: ledgerConfigSchema.prefault({}),
  alerting: alertingConfigSchema.prefault({}),
  tracing: tracingConfigSchema.prefault({}),
  budgets: z
    .strictObject({
      tenants: z.record(z.string().min(1), budgetSchema).default({}),
      features: z.record(z.string().min(1), budgetSchema).default({}),
    })
    .prefault({}),
});

/**
 * ballast.yaml, validated. Every map keyed by a name (providers, groups, tenants,
 * features, budgets, notifiers, header names) is a null-prototype object, so a lookup
 * by client input (`config.groups[model]`) finds a configured entry or undefined, never
 * a member of Object.prototype. `ledger.features` is filled in from `features`.
 */
export const configSchema = configObjectSchema.transform((c) => ({
  ...c,
  providers: nullPrototype(c.providers),
  groups: nullPrototype(c.groups),
  tenants: nullPrototype(c.tenants),
  features: nullPrototype(c.features),
  budgets: { tenants: nullPrototype(c.budgets.tenants), features: nullPrototype(c.budgets.features) },
  ledger: { ...c.ledger, features: c.ledger.features ?? Object.keys(c.features) },
  alerting: {
    ...c.alerting,
    notifiers: nullPrototype(
      Object.fromEntries(Object.entries(c.alerting.notifiers).map(([name, n]) => [name, n.kind === 'webhook' && n.headers_env ? { ...n, headers_env: nullPrototype(n.headers_env) } : n])),
    ) as typeof c.alerting.notifiers,
  },
  tracing: c.tracing.headers_env ? { ...c.tracing, headers_env: nullPrototype(c.tracing.headers_env) } : c.tracing,
}));

export type Config = z.infer<typeof configSchema>;
export type { ProviderConfig };
export type GroupConfig = z.infer<typeof groupSchema>;
export type DeploymentConfig = z.infer<typeof deploymentSchema>;
export type GuardrailsConfig = z.infer<typeof guardrailsSchema>;
export type PriceConfig = z.infer<typeof priceSchema>;
