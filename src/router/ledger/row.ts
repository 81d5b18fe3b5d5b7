/**
 * RequestContext -> ledger row: one pure function that copies explicit fields only.
 * Nothing from the request body, its headers or a provider's error text is read, so
 * no prompt, key or token can reach the ledger.
 */
import type { Outcome, RequestContext, AttemptRecord } from '../context.js';

/** Tenant and feature of a request refused before its key was read (no tags), so filters can select it. */
export const UNIDENTIFIED = 'unknown';
/** The provider a cache hit is attributed to; the provider that first made the answer is its origin. */
export const CACHE_PROVIDER = 'cache';

export interface AttemptSummary {
  provider: string;
  /** 'ok' or the provider error code (server_error, rate_limited, ...). */
  outcome: string;
  status: number | null;
  duration_ms: number;
}

export type DegradationStep = RequestContext['degraded'][number];

/** One finished request, as stored and as `GET /api/requests` answers it. */
export interface LedgerRow {
  request_id: string;
  /** Epoch ms when the request arrived. */
  time: number;
  /** "unknown" when the request was refused before its key was read (bad or missing key). */
  tenant: string | null;
  feature: string | null;
  prompt_version: string | null;
  /** The model group asked for; null when the request never reached routing. */
  model_group: string | null;
  /** The provider that served the answer, "cache" for a cache hit; null when none did. */
  provider: string | null;
  /** For a cache hit, the provider that made the answer first. */
  origin_provider: string | null;
  model: string | null;
  attempts: number;
  /** Attempts went to more than one provider. */
  failover: boolean;
  attempts_detail: AttemptSummary[];
  bypass: boolean;
  cache: 'hit' | 'miss' | null;
  degraded: DegradationStep[];
  /** Usage as the provider reported it; null when it reported none. */
  tokens_in: number | null;
  tokens_out: number | null;
  cache_read_tokens: number | null;
  cache_write_tokens: number | null;
  cost_usd: number | null;
  /** cost_usd was estimated from what was sent and streamed: the provider reported no usage (a stream abandoned, cut, or silent). */
  cost_estimated: boolean;
  cost_saved_usd: number;
  /** The latency SLI: full time (non-stream) or time to first token (stream). */
  latency_ms: number | null;
  ttft_ms: number | null;
  stream: boolean;
  outcome: Outcome;
  error_code: string | null;
  status: number | null;
  /** Counts for the SLOs (reached routing, and neither a client error nor the client leaving). */
  eligible: boolean;
}

export const OUTCOMES: readonly Outcome[] = ['success', 'provider_error', 'stream_error', 'internal_error', 'abandoned', 'cancelled_early', 'client_gone', 'client_error'];

/** Outcomes counted apart, never in the SLOs: the client's doing or the client's choice. */
const NOT_ELIGIBLE: ReadonlySet<Outcome> = new Set(['client_error', 'cancelled_early', 'client_gone']);

/**
 * Eligible: reached routing (a model group was resolved) and was not the client's
 * doing. A client error (bad input, bad key, budget refusal), a client that left before
 * the latency target (cancelled_early) or after its answer began (client_gone) are
 * counted apart; a client that waited past the target and gave up (abandoned) is a
 * failure it felt, and so is ballast's own (internal_error).
 */
export function isEligible(group: string | null, outcome: Outcome): boolean {
  // ballast's own failure counts wherever it happened: the client felt it.
  return outcome === 'internal_error' || (group !== null && !NOT_ELIGIBLE.has(outcome));
}

export function toLedgerRow(ctx: RequestContext): LedgerRow {
  // A context that finished without an outcome is a bug upstream; count it as ours, never as a silent success.
  const outcome: Outcome = ctx.outcome ?? 'internal_error';
  const usage = ctx.usage;
  return {
    request_id: ctx.id,
    time: ctx.startedAt,
    tenant: ctx.tags?.tenant ?? UNIDENTIFIED,
    feature: ctx.tags?.feature ?? UNIDENTIFIED,
    prompt_version: ctx.tags?.promptVersion ?? null,
    model_group: ctx.group,
    provider: ctx.cache === 'hit' ? CACHE_PROVIDER : ctx.provider,
    origin_provider: ctx.cache === 'hit' ? ctx.provider : null,
    model: ctx.model,
    attempts: ctx.attempts.length,
    failover: failedOver(ctx.attempts),
    attempts_detail: ctx.attempts.map(summarize),
    bypass: ctx.bypass,
    cache: ctx.cache,
    degraded: [...ctx.degraded],
    tokens_in: usage ? usage.inputTokens : null,
    tokens_out: usage ? usage.outputTokens : null,
    cache_read_tokens: usage ? usage.cacheReadTokens : null,
    cache_write_tokens: usage ? usage.cacheWriteTokens : null,
    cost_usd: ctx.costUsd,
    cost_estimated: ctx.costEstimated,
    cost_saved_usd: ctx.costSavedUsd,
    latency_ms: roundMs(ctx.latencyMs),
    ttft_ms: roundMs(ctx.ttftMs),
    stream: ctx.stream,
    outcome,
    error_code: ctx.errorCode,
    status: ctx.status,
    eligible: isEligible(ctx.group, outcome),
  };
}

function failedOver(attempts: AttemptRecord[]): boolean {
  const first = attempts[0]?.provider;
  return attempts.some((a) => a.provider !== first);
}

function summarize(a: AttemptRecord): AttemptSummary {
  // Only these four fields: the attempt's message may quote the provider and stays out.
  return { provider: a.provider, outcome: a.outcome, status: a.status ?? null, duration_ms: Math.round(a.durationMs) };
}

/** Hundredths of a ms: enough for the 2% histogram buckets, short in JSON. */
function roundMs(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms * 100) / 100;
}
