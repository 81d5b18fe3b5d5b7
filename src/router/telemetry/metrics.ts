/**
 * Prometheus metrics (prom-client): requests, latency and time to first token (with a
 * 2.5 s bucket, the SLO's target), cost, tokens, failovers, cache results,
 * degradations, cooldowns and the bypass switch. Tenant is not a label (cardinality);
 * features are labels only when configured, others count as "other".
 *
 * The outcome label of ballast_requests_total carries every kind /api/slo counts per
 * window (success, provider_error, stream_error, internal_error, abandoned,
 * cancelled_early, client_gone, client_error), so each count is a rate of one series.
 * A cache hit is labelled provider "cache", as the ledger records it, so the p95 and
 * cost without cache hits can be read with provider!="cache".
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RequestContext } from '../context.js';
import type { Runtime } from '../runtime.js';
import { CACHE_PROVIDER, isEligible } from '../ledger/row.js';
import { featureFolder, OTHER_FEATURE } from '../request/fold-feature.js';

export const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 4, 5, 7.5, 10, 20, 30, 60];

export interface Metrics {
  registry: Registry;
  recorder: (ctx: RequestContext) => void;
}

export function createMetrics(rt: Runtime): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ballast_process_' });
  const requests = new Counter({
    name: 'ballast_requests_total',
    help: 'Requests by group, serving provider ("cache" for a cache hit), model, outcome (success, provider_error, stream_error, internal_error, abandoned, cancelled_early, client_gone, client_error) and feature. Eligible for the SLOs: all but client_error, cancelled_early and client_gone.',
    labelNames: ['group', 'provider', 'model', 'outcome', 'feature'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'ballast_request_duration_seconds',
    help: 'The latency SLI of eligible requests: full time for non-streamed answers, time to first token for streams; provider "cache" for cache hits.',
    labelNames: ['provider', 'outcome', 'stream'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const ttft = new Histogram({ name: 'ballast_ttft_seconds', help: 'Time to first token of streamed answers.', labelNames: ['provider'], buckets: LATENCY_BUCKETS, registers: [registry] });
  const cost = new Counter({ name: 'ballast_cost_usd_total', help: 'Cost of answers, USD.', labelNames: ['provider', 'model', 'feature'], registers: [registry] });
  const saved = new Counter({ name: 'ballast_cost_saved_usd_total', help: 'Cost saved by cache hits, USD.', labelNames: ['feature'], registers: [registry] });
  const tokens = new Counter({ name: 'ballast_tokens_total', help: 'Tokens by kind: input, output, cache_read, cache_write.', labelNames: ['provider', 'model', 'kind'], registers: [registry] });
  const failovers = new Counter({ name: 'ballast_failovers_total', help: 'Requests answered by another provider than the first one tried.', labelNames: ['group', 'from', 'to'], registers: [registry] });
  const cache = new Counter({ name: 'ballast_cache_results_total', help: 'Router cache results: hit, miss.', labelNames: ['result'], registers: [registry] });
  const degraded = new Counter({ name: 'ballast_degradations_total', help: 'Degradation steps taken: truncated, cheaper-model, cached.', labelNames: ['step'], registers: [registry] });
  new Gauge({
    name: 'ballast_provider_cooling_down',
    help: '1 while a provider is out of rotation.',
    labelNames: ['provider'],
    registers: [registry],
    collect() {
      for (const name of Object.keys(rt.config.providers)) this.set({ provider: name }, rt.cooldowns.isCoolingDown(name) ? 1 : 0);
    },
  });
  new Gauge({
    name: 'ballast_bypass_enabled',
    help: '1 while bypass is on (primary only, no retry, no failover).',
    registers: [registry],
    collect() {
      this.set(rt.bypass.on ? 1 : 0);
    },
  });

  const fold = featureFolder(rt.config.ledger.features ?? Object.keys(rt.config.features));
  const featureLabel = (f: string | undefined) => (f === undefined ? OTHER_FEATURE : fold(f));

  const recorder = (ctx: RequestContext) => {
    if (ctx.outcome === null) return;
    // A hit is the cache's answer, whoever made it first (as in the ledger, issue #12).
    const provider = ctx.cache === 'hit' ? CACHE_PROVIDER : (ctx.provider ?? 'none');
    const model = ctx.model ?? 'none';
    const feature = featureLabel(ctx.tags?.feature);
    requests.inc({ group: ctx.group ?? 'none', provider, model, outcome: ctx.outcome, feature });
    if (ctx.latencyMs !== null && isEligible(ctx.group, ctx.outcome)) {
      duration.observe({ provider, outcome: ctx.outcome, stream: String(ctx.stream) }, ctx.latencyMs / 1000);
    }
    if (ctx.ttftMs !== null) ttft.observe({ provider }, ctx.ttftMs / 1000);
    if (ctx.costUsd) cost.inc({ provider, model, feature }, ctx.costUsd);
    if (ctx.costSavedUsd) saved.inc({ feature }, ctx.costSavedUsd);
    if (ctx.usage && ctx.cache !== 'hit') {
      tokens.inc({ provider, model, kind: 'input' }, ctx.usage.inputTokens);
      tokens.inc({ provider, model, kind: 'output' }, ctx.usage.outputTokens);
      if (ctx.usage.cacheReadTokens) tokens.inc({ provider, model, kind: 'cache_read' }, ctx.usage.cacheReadTokens);
      if (ctx.usage.cacheWriteTokens) tokens.inc({ provider, model, kind: 'cache_write' }, ctx.usage.cacheWriteTokens);
    }
    const first = ctx.attempts[0]?.provider;
    if (ctx.provider && first && first !== ctx.provider) failovers.inc({ group: ctx.group ?? 'none', from: first, to: ctx.provider });
    if (ctx.cache) cache.inc({ result: ctx.cache });
    for (const step of ctx.degraded) degraded.inc({ step });
  };
  return { registry, recorder };
}
