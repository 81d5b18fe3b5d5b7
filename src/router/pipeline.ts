/**
 * The story of one chat-completions request, top to bottom:
 *
 *   identify -> parse -> cache -> route -> guard + attempt (with failover) -> answer -> record
 *
 * Each step is a small module; this file only says in which order they run and what
 * passes between them (the RequestContext). The guard (fit to limits, reserve the
 * worst case, degrade) wraps the attempts.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toOpenAIUsage, type ChatCompletionChunk, type ChatRequest, type Usage } from '../core/chat.js';
import type { DeploymentConfig } from './config/schema.js';
import type { RequestContext } from './context.js';
import { BallastError, notFound, invalidRequest } from './http/errors.js';
import { readJsonBody } from './http/read-body.js';
import { SseWriter, answerHeaders, formatUsd, sendError, sendJson } from './http/respond.js';
import { classifyFailure } from './request/classify-failure.js';
import { readTags } from './request/identify.js';
import { parseChatRequest } from './request/parse-chat-request.js';
import { openGatedStream, type OpenedStream } from './routing/first-token-gate.js';
import { planAttempts, type Plan } from './routing/plan.js';
import { AllAttemptsFailed, ClientGone, type AttemptDeps } from './routing/run-attempts.js';
import { runGuarded, type Guarded, type GuardedCall } from './guard/run-guarded.js';
import { anyAgeHit, prepareCache, repeatHit } from './cache/cache-step.js';
import type { CachedAnswer } from './cache/types.js';
import { chunksToCompletion, completionToChunks } from '../core/replay.js';
import { costUsd, type ModelPrice } from '../core/prices.js';
import type { StreamPart } from './providers/types.js';
import type { Runtime } from './runtime.js';
import { recordRequest } from './record.js';
import { estimateStreamUsage } from './guard/estimate-usage.js';

export async function handleChatCompletions(req: IncomingMessage, res: ServerResponse, rt: Runtime): Promise<void> {
  const ctx = newContext(res);
  try {
    // identify: the key before the body, so a stranger's upload is not read
    const tenant = rt.tenants.resolve(req.headers.authorization);
    ctx.tags = readTags(req.headers, tenant, rt.config);
    // parse
    const request = parseChatRequest(await readJsonBody(req, rt.config.server.body_limit_bytes));
    ctx.request = request;
    ctx.stream = request.stream === true;
    const group = rt.config.groups[request.model];
    if (!group) {
      throw notFound(`Unknown model "${request.model}": ask for a model group, one of ${Object.keys(rt.config.groups).join(', ')} (GET /v1/models lists them).`);
    }
    ctx.group = request.model;
    // cache: a fresh answer to a repeated request is served without a provider call
    prepareCache(ctx, rt, req.headers, request);
    const repeat = repeatHit(ctx, rt);
    if (repeat) return serveCached(ctx, repeat, rt, res);
    // route
    ctx.bypass = rt.bypass.on;
    const plan = planAttempts({
      group,
      bypass: ctx.bypass,
      pin: ctx.tags.pin ?? undefined,
      isCoolingDown: (p) => rt.cooldowns.isCoolingDown(p),
      lastFailureAt: (p) => rt.cooldowns.lastFailureAt(p),
      random: rt.random,
    });
    if (plan.deployments.length === 0) {
      throw invalidRequest(`x-ballast-pin: provider "${ctx.tags.pin}" serves no deployment of group "${request.model}".`, 'x-ballast-pin');
    }
    // attempt, then answer
    if (ctx.stream) await serveStream(ctx, request, plan, rt, res);
    else await serveCompletion(ctx, request, plan, rt, res);
  } catch (err) {
    failRequest(ctx, err, rt, res);
  } finally {
    // record
    ctx.latencyMs ??= performance.now() - ctx.t0;
    chargeUnreportedUsage(ctx, rt);
    recordRequest(ctx, rt);
  }
}

async function serveCompletion(ctx: RequestContext, request: ChatRequest, plan: Plan, rt: Runtime, res: ServerResponse): Promise<void> {
  // guard (fit, reserve, degrade) around attempt
  const result = await attemptGuarded(ctx, rt, plan, request, (d, req, signal) =>
    model(rt, d).complete(req, { model: d.model, signal, timeoutMs: providerTimeout(rt, d.provider) }),
  );
  if (result.kind === 'cached') return serveCached(ctx, result.entry, rt, res);
  const { value, deployment } = result;
  ctx.answer = value.completion;
  served(ctx, deployment, value.usage, value.cacheWrite1hTokens ?? 0, rt);
  ctx.outcome = 'success';
  ctx.status = 200;
  await sendJson(res, 200, value.completion, answerHeaders(ctx, rt));
  ctx.latencyMs = performance.now() - ctx.t0; // the clock stops when the answer is written, as the client's does
}

async function serveStream(ctx: RequestContext, request: ChatRequest, plan: Plan, rt: Runtime, res: ServerResponse): Promise<void> {
  const gateMs = rt.config.groups[ctx.group as string]?.ttft_timeout_ms ?? 2000;
  // The gate is for failing over: the last deployment standing is waited for up to its own timeout, not abandoned.
  const result = await attemptGuarded(ctx, rt, plan, request, (d, req, signal, { last }) =>
    openGatedStream(model(rt, d), req, { model: d.model, timeoutMs: providerTimeout(rt, d.provider) }, signal, last ? providerTimeout(rt, d.provider) : gateMs),
  );
  if (result.kind === 'cached') return serveCached(ctx, result.entry, rt, res);
  const { value: opened, deployment } = result;
  served(ctx, deployment, null, 0, rt);
  ctx.sent = { deployment, request: result.request };
  ctx.status = 200;
  const sse = new SseWriter(res);
  sse.start(answerHeaders(ctx, rt));
  await pipeStream(ctx, opened, request.stream_options?.include_usage === true, sse, rt.price(deployment), rt);
}

/**
 * The guard (fit, reserve, degrade) around the attempts; when every provider failed, a
 * stored answer of any age beats an error (unless the cache is off).
 */
async function attemptGuarded<T>(ctx: RequestContext, rt: Runtime, plan: Plan, request: ChatRequest, call: GuardedCall<T>): Promise<Guarded<T>> {
  try {
    return await runGuarded(ctx, rt, plan, request, attemptDeps(rt, ctx), call, () => anyAgeHit(ctx, rt));
  } catch (err) {
    const entry = err instanceof AllAttemptsFailed ? anyAgeHit(ctx, rt) : null;
    if (entry === null) throw err;
    ctx.degraded.push('cached');
    return { kind: 'cached', entry };
  }
}

/** A cached answer (the ladder's last rung, or a repeat): free, and replayed as a stream when one was asked for. */
async function serveCached(ctx: RequestContext, entry: CachedAnswer, rt: Runtime, res: ServerResponse): Promise<void> {
  ctx.cache = 'hit';
  ctx.provider = entry.provider;
  ctx.model = entry.model;
  ctx.costUsd = 0;
  ctx.costSavedUsd = entry.costUsd;
  ctx.outcome = 'success';
  ctx.status = 200;
  if (!ctx.stream) {
    await sendJson(res, 200, entry.completion, answerHeaders(ctx, rt));
    ctx.latencyMs = performance.now() - ctx.t0;
    return;
  }
  const sse = new SseWriter(res);
  sse.start(answerHeaders(ctx, rt));
  for (const chunk of completionToChunks(entry.completion)) {
    const written = sse.chunk(chunk);
    if (ctx.ttftMs === null && chunk.choices[0]?.delta.content) {
      await written;
      firstTokenWritten(ctx);
    }
  }
  // Streamed hits carry their cost like any stream: $0, what the hit cost.
  await sse.comment(`x-ballast-cost-usd ${formatUsd(0)}`);
  sse.done();
}

/** The latency SLI of a stream: its first content token written to the client. */
function firstTokenWritten(ctx: RequestContext): void {
  ctx.ttftMs = performance.now() - ctx.t0;
  ctx.latencyMs = ctx.ttftMs;
}

/** Everything after the first token: no failover any more, and an honest ending. */
async function pipeStream(ctx: RequestContext, opened: OpenedStream, includeUsage: boolean, sse: SseWriter, price: ModelPrice, rt: Runtime): Promise<void> {
  let last: ChatCompletionChunk | null = null;
  const chunks = ctx.streamed;
  const write = async (part: StreamPart): Promise<boolean> => {
    if (part.type === 'usage') {
      ctx.usage = part.usage;
      ctx.cacheWrite1hTokens = part.cacheWrite1hTokens ?? 0;
      ctx.costUsd = costUsd(part.usage, price, ctx.cacheWrite1hTokens);
    } else if (part.type === 'chunk') {
      last = part.chunk;
      if (part.chunk.choices.length > 0) {
        chunks.push(part.chunk);
        await sse.chunk(part.chunk);
        if (ctx.ttftMs === null && part.hasToken) firstTokenWritten(ctx);
      }
    } else {
      if (ctx.clientSignal.aborted) throw new ClientGone(); // our own cancel, not the provider's failure
      ctx.outcome = 'stream_error';
      ctx.errorCode = part.error.code;
      // The provider billed what it streamed: say so before the error, as a finished stream does.
      chargeUnreportedUsage(ctx, rt);
      if (ctx.costUsd !== null) await sse.comment(`x-ballast-cost-usd ${formatUsd(ctx.costUsd)}`);
      sse.error(new BallastError(502, 'upstream_error', 'stream_interrupted', `The provider's stream broke off after it started (${part.error.message}); the answer is incomplete.`), ctx.id);
      return false;
    }
    return true;
  };
  for (const part of opened.head) if (!(await write(part))) return;
  for (;;) {
    if (ctx.clientSignal.aborted) throw new ClientGone();
    const next = await opened.rest.next();
    if (next.done) break;
    if (!(await write(next.value))) return;
  }
  if (ctx.clientSignal.aborted) throw new ClientGone();
  if (includeUsage && last !== null && ctx.usage !== null) await sse.chunk(usageChunk(last, ctx.usage));
  // Headers left long ago: the cost travels as an SSE comment, which clients ignore.
  if (ctx.costUsd !== null) await sse.comment(`x-ballast-cost-usd ${formatUsd(ctx.costUsd)}`);
  ctx.answer = chunksToCompletion(chunks);
  ctx.outcome = 'success';
  sse.done();
}

/**
 * A stream that ended without the provider's usage (abandoned, cut, or a silent upstream)
 * is charged from what was sent and streamed, and marked estimated: never $0.
 */
function chargeUnreportedUsage(ctx: RequestContext, rt: Runtime): void {
  if (ctx.sent === null || ctx.usage !== null || !ctx.stream) return;
  const { deployment, request } = ctx.sent;
  const kind = rt.models.get(deployment.provider)?.kind ?? 'openai';
  ctx.usage = estimateStreamUsage(request, ctx.streamed, kind, deployment.model);
  ctx.costUsd = costUsd(ctx.usage, rt.price(deployment));
  ctx.costEstimated = true;
}

function usageChunk(last: ChatCompletionChunk, usage: Usage): ChatCompletionChunk {
  return { id: last.id, object: 'chat.completion.chunk', created: last.created, model: last.model, choices: [], usage: toOpenAIUsage(usage) };
}

function failRequest(ctx: RequestContext, err: unknown, rt: Runtime, res: ServerResponse): void {
  const failure = classifyFailure(err, ctx, {
    waitedMs: performance.now() - ctx.t0,
    answerBegun: res.headersSent,
    latencyTargetMs: rt.slo.p95_latency_ms,
    cutting: rt.cutting,
  });
  ctx.outcome = failure.outcome;
  if (failure.logStack) rt.log.error('internal_error', { request_id: ctx.id, error: String((err as Error)?.stack ?? err) });
  if (failure.error === null) return;
  ctx.status = failure.error.status;
  ctx.errorCode = failure.error.code;
  sendError(res, failure.error, ctx.id, answerHeaders(ctx, rt));
}

function newContext(res: ServerResponse): RequestContext {
  const client = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) client.abort();
  });
  return {
    id: `req_${randomUUID().replaceAll('-', '')}`,
    startedAt: Date.now(),
    t0: performance.now(),
    clientSignal: client.signal,
    tags: null,
    request: null,
    group: null,
    stream: false,
    bypass: false,
    attempts: [],
    provider: null,
    model: null,
    usage: null,
    cacheWrite1hTokens: 0,
    costUsd: null,
    costEstimated: false,
    costSavedUsd: 0,
    degraded: [],
    reservation: null,
    cache: null,
    cacheKey: null,
    cacheDirective: null,
    answer: null,
    sent: null,
    streamed: [],
    ttftMs: null,
    latencyMs: null,
    outcome: null,
    errorCode: null,
    status: null,
  };
}

function served(ctx: RequestContext, d: DeploymentConfig, usage: Usage | null, cacheWrite1hTokens: number, rt: Runtime): void {
  ctx.provider = d.provider;
  ctx.model = d.model;
  ctx.usage = usage;
  ctx.cacheWrite1hTokens = cacheWrite1hTokens;
  if (usage) ctx.costUsd = costUsd(usage, rt.price(d), cacheWrite1hTokens);
}

function model(rt: Runtime, d: DeploymentConfig) {
  const m = rt.models.get(d.provider);
  if (!m) throw new Error(`no adapter for provider ${d.provider}`); // config validation makes this unreachable
  return m;
}

function providerTimeout(rt: Runtime, provider: string): number {
  return rt.config.providers[provider]?.timeout_ms ?? 60_000;
}

function attemptDeps(rt: Runtime, ctx: RequestContext): AttemptDeps {
  const group = rt.config.groups[ctx.group as string] as NonNullable<Runtime['config']['groups'][string]>;
  return {
    cooldowns: rt.cooldowns,
    retryAfterCapMs: rt.config.routing.retry_after_cap_ms,
    attemptTimeoutMs: (p) => providerTimeout(rt, p),
    // The group's gate: streams hold theirs in openGatedStream; a non-stream answer's is a deadline runAttempts holds.
    gateMs: ctx.stream ? group.ttft_timeout_ms : group.answer_timeout_ms,
    deadlineAtGate: !ctx.stream,
  };
}
