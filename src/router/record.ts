/**
 * The last step of every request: hand the finished context to whoever records it
 * (budget settle, cache write-through, log, and the recorders: ledger, metrics, traces).
 */
import type { RequestContext } from './context.js';
import type { Runtime } from './runtime.js';
import { writeThrough } from './cache/cache-step.js';

export function recordRequest(ctx: RequestContext, rt: Runtime): void {
  if (ctx.reservation) rt.budgets.settle(ctx.reservation, ctx.costUsd ?? 0);
  writeThrough(ctx, rt);
  const failedOver = ctx.attempts.some((a) => a.provider !== ctx.provider) || ctx.attempts.length > 1;
  const noteworthy = ctx.bypass || failedOver || ctx.degraded.length > 0 || (ctx.outcome !== 'success' && ctx.outcome !== 'client_error');
  // The fields are built only for a line that will be written: most requests log nothing at info.
  if (noteworthy) rt.log.info('request', logFields(ctx, rt));
  else if (rt.log.enabled?.('debug') ?? true) rt.log.debug('request', logFields(ctx, rt));
  for (const recorder of rt.recorders) recorder(ctx);
}

function logFields(ctx: RequestContext, rt: Runtime): Record<string, unknown> {
  return {
    request_id: ctx.id,
    tenant: ctx.tags?.tenant,
    feature: ctx.tags?.feature,
    group: ctx.group,
    stream: ctx.stream,
    provider: ctx.provider,
    emulated: ctx.provider ? rt.config.providers[ctx.provider]?.emulated === true : undefined,
    model: ctx.model,
    outcome: ctx.outcome,
    status: ctx.status,
    error: ctx.errorCode,
    bypass: ctx.bypass || undefined,
    cost_usd: ctx.costUsd ?? undefined,
    degraded: ctx.degraded.length > 0 ? ctx.degraded : undefined,
    cache: ctx.cache ?? undefined,
    latency_ms: ctx.latencyMs === null ? null : Math.round(ctx.latencyMs),
    ttft_ms: ctx.ttftMs === null ? undefined : Math.round(ctx.ttftMs),
    attempts: ctx.attempts.map((a) => `${a.provider}:${a.outcome}${a.status ? `:${a.status}` : ''}:${a.durationMs}ms`),
  };
}
