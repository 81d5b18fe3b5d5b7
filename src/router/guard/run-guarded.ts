/**
 * Guardrails around the attempts: fit the request to its limits on each deployment,
 * reserve its worst case against the budgets, and walk the degradation ladder
 * (truncate, cheaper model, cached answer) when a limit would break, including before
 * a failover to a pricier provider. What cannot fit is refused with the numbers.
 */
import type { ChatRequest } from '../../core/chat.js';
import type { DeploymentConfig } from '../config/schema.js';
import type { RequestContext } from '../context.js';
import { budgetScopes } from '../budgets/scopes.js';
import type { Plan } from '../routing/plan.js';
import { AllAttemptsFailed, runAttempts, type AttemptDeps, type AttemptPosition } from '../routing/run-attempts.js';
import type { Runtime } from '../runtime.js';
import { budgetExceeded, type Blocked } from './budget-exceeded.js';
import { effectiveGuardrails, type Guardrails } from './effective-guardrails.js';
import { applyOutputLimit, fitRequest, type Fit } from './fit-request.js';
import { truncateContext } from './truncate-context.js';
import type { CachedAnswer } from '../cache/types.js';

export type GuardedCall<T> = (deployment: DeploymentConfig, request: ChatRequest, signal: AbortSignal, attempt: AttemptPosition) => Promise<T>;

export type Guarded<T> =
  | { kind: 'answer'; value: T; deployment: DeploymentConfig; request: ChatRequest }
  | { kind: 'cached'; entry: CachedAnswer };

/** The router cache's answer for a request, any age: the ladder's "cached" rung. */
export type CachedLookup = (request: ChatRequest) => CachedAnswer | null;

interface Variant {
  request: ChatRequest;
  deployments: DeploymentConfig[];
}

export async function runGuarded<T>(
  ctx: RequestContext,
  rt: Runtime,
  plan: Plan,
  input: ChatRequest,
  deps: AttemptDeps,
  call: GuardedCall<T>,
  lookupCached: CachedLookup,
): Promise<Guarded<T>> {
  const tags = ctx.tags as NonNullable<RequestContext['tags']>;
  const group = rt.config.groups[ctx.group as string] as NonNullable<Runtime['config']['groups'][string]>;
  const guard = effectiveGuardrails(rt.config, ctx.group as string, tags.feature);
  const scopes = budgetScopes(rt.config, tags.tenant, tags.feature, Date.now());
  const remaining = () => scopes.reduce((min, s) => Math.min(min, rt.budgets.remaining(s)), Number.POSITIVE_INFINITY);
  const failed = new Set<string>();
  let lastFailure: AllAttemptsFailed | null = null;
  let blocked: Blocked | null = null;

  const fits = (v: Variant) => {
    const budget = remaining();
    const out: Array<{ d: DeploymentConfig; fit: Fit }> = [];
    let first: Blocked | null = null;
    for (const d of v.deployments) {
      if (failed.has(d.provider)) continue;
      const fit = fitRequest(v.request, rt.models.get(d.provider)!.kind, d.model, rt.price(d), guard, budget);
      if (fit.ok) out.push({ d, fit });
      else first ??= { fit, deployment: d, steps: [...ctx.degraded] };
    }
    if (first) blocked = first; // report the most degraded rung, on its preferred deployment
    return { candidates: out, skipped: first !== null };
  };

  let variant: Variant = { request: applyOutputLimit(input, guard), deployments: plan.deployments };
  for (let rung = -1; rung < guard.degrade.length; rung++) {
    if (rung >= 0) {
      const step = guard.degrade[rung] as Guardrails['degrade'][number];
      if (step === 'cached') {
        const entry = lookupCached(variant.request);
        if (entry === null) continue;
        ctx.degraded.push('cached');
        return { kind: 'cached', entry };
      }
      const next = degrade(step, variant, ctx, plan, group.cheaper, (v) => fits(v).candidates.length > 0);
      if (next === null) continue;
      variant = next;
    }
    const { candidates, skipped } = fits(variant);
    if (candidates.length === 0) continue;
    const worst = Math.max(...candidates.map((c) => c.fit.worstCaseUsd));
    if (scopes.length > 0) {
      const r = rt.budgets.reserve(scopes, worst);
      if (!r.ok) continue; // raced by a concurrent request: the next rung may fit what is left
      ctx.reservation = r.reservation;
    }
    try {
      const sub: Plan = { ...plan, deployments: candidates.map((c) => c.d) };
      const request = variant.request;
      const { value, deployment } = await runAttempts(ctx, sub, deps, (d, signal, attempt) => call(d, request, signal, attempt));
      return { kind: 'answer', value, deployment, request };
    } catch (err) {
      if (ctx.reservation) rt.budgets.settle(ctx.reservation, 0);
      ctx.reservation = null;
      // Only a failure that left a deployment unused for cost is worth another rung.
      if (!(err instanceof AllAttemptsFailed) || !skipped) throw err;
      for (const a of err.attempts) failed.add(a.provider);
      lastFailure = err;
    }
  }
  if (lastFailure) throw lastFailure;
  throw budgetExceeded(blocked, guard, scopes, rt.budgets);
}

function degrade(
  step: 'truncate' | 'cheaper_model',
  v: Variant,
  ctx: RequestContext,
  plan: Plan,
  cheaper: Omit<DeploymentConfig, 'weight'> | undefined,
  anyFits: (v: Variant) => boolean,
): Variant | null {
  if (step === 'truncate') {
    const messages = truncateContext(v.request.messages, (m) => anyFits({ ...v, request: { ...v.request, messages: m } }));
    if (messages === null) return null;
    ctx.degraded.push('truncated');
    return { ...v, request: { ...v.request, messages } };
  }
  if (!cheaper) return null;
  // Bypass and pins name a provider: the cheaper model must live there too.
  if ((plan.mode === 'bypass' || plan.mode === 'pinned') && !v.deployments.some((d) => d.provider === cheaper.provider)) return null;
  ctx.degraded.push('cheaper-model');
  return { ...v, deployments: [{ ...cheaper, weight: 1 }] };
}
