/**
 * A finished RequestContext as span names and attributes: the GenAI conventions'
 * gen_ai.* plus ballast's own tags. Only ids, names, codes and figures are read:
 * never the messages, the answer's text, an attempt's error message (a provider's
 * 401 text can quote part of the key) or anything from the environment.
 */
import type { Attributes } from '@opentelemetry/api';
import type { AttemptRecord, RequestContext } from '../../context.js';
import { BALLAST, ERROR_TYPE, GEN_AI, HTTP_RESPONSE_STATUS_CODE } from './span-attribute-names.js';

/** What the recorder knows of each configured provider (a subset of ProviderConfig). */
export interface ProviderInfo {
  kind: string;
  emulated?: boolean;
}

export type ProviderInfos = Readonly<Record<string, ProviderInfo>>;

/** The model the client asked for: the group, or the unknown name it sent (capped: it is the client's text). */
function requestedModel(ctx: RequestContext): string | null {
  const model = ctx.group ?? ctx.request?.model ?? null;
  return typeof model === 'string' ? model.slice(0, 128) : null;
}

/**
 * `chat <group>`, as the GenAI conventions name an inference span; plain `chat` when
 * the model was not a configured group, so client input cannot multiply span names.
 */
export function requestSpanName(ctx: RequestContext): string {
  return ctx.group ? `chat ${ctx.group}` : 'chat';
}

/** The error.type of a request that did not succeed, or null when it did (or has no outcome). */
export function requestErrorType(ctx: RequestContext): string | null {
  if (ctx.outcome === null || ctx.outcome === 'success') return null;
  return ctx.errorCode ?? ctx.outcome;
}

/**
 * @example
 * requestSpanAttributes(ctx, { primary: { kind: 'openai' } })
 * // { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'ballast.provider': 'primary', ... }
 */
export function requestSpanAttributes(ctx: RequestContext, providers: ProviderInfos): Attributes {
  const a: Attributes = {
    [GEN_AI.operationName]: 'chat',
    [GEN_AI.requestStream]: ctx.stream,
    [BALLAST.requestId]: ctx.id,
    [BALLAST.stream]: ctx.stream,
    [BALLAST.bypass]: ctx.bypass,
    [BALLAST.attempts]: ctx.attempts.length,
    [BALLAST.failover]: new Set(ctx.attempts.map((t) => t.provider)).size > 1,
    [BALLAST.costSavedUsd]: ctx.costSavedUsd,
  };
  const model = requestedModel(ctx);
  if (model !== null) a[GEN_AI.requestModel] = model;
  if (ctx.provider !== null) {
    a[BALLAST.provider] = ctx.provider;
    const info = providers[ctx.provider];
    if (info) a[GEN_AI.providerName] = info.kind;
    if (info?.emulated) a[BALLAST.emulated] = true;
  }
  const responseModel = ctx.answer?.model || ctx.model;
  if (responseModel) a[GEN_AI.responseModel] = responseModel;
  if (ctx.answer?.id) a[GEN_AI.responseId] = ctx.answer.id;
  const reasons = ctx.answer?.choices.map((c) => c.finish_reason).filter((r): r is NonNullable<typeof r> => r !== null) ?? [];
  if (reasons.length > 0) a[GEN_AI.responseFinishReasons] = reasons;
  if (ctx.usage) {
    const u = ctx.usage;
    // ballast's Usage counts input without cache reads and writes; the convention counts all.
    a[GEN_AI.usageInputTokens] = u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens;
    a[GEN_AI.usageOutputTokens] = u.outputTokens;
    a[GEN_AI.usageCacheReadInputTokens] = u.cacheReadTokens;
    a[GEN_AI.usageCacheCreationInputTokens] = u.cacheWriteTokens;
  }
  if (ctx.tags) {
    a[BALLAST.tenant] = ctx.tags.tenant;
    a[BALLAST.feature] = ctx.tags.feature;
    if (ctx.tags.promptVersion !== null) a[BALLAST.promptVersion] = ctx.tags.promptVersion;
  }
  if (ctx.cache !== null) a[BALLAST.cache] = ctx.cache;
  if (ctx.degraded.length > 0) a[BALLAST.degraded] = [...ctx.degraded];
  if (ctx.costUsd !== null) a[BALLAST.costUsd] = ctx.costUsd;
  if (ctx.latencyMs !== null) a[BALLAST.latencyMs] = round(ctx.latencyMs);
  if (ctx.ttftMs !== null) {
    a[BALLAST.ttftMs] = round(ctx.ttftMs);
    a[GEN_AI.responseTimeToFirstChunk] = ctx.ttftMs / 1000;
  }
  if (ctx.outcome !== null) a[BALLAST.outcome] = ctx.outcome;
  if (ctx.status !== null) a[BALLAST.status] = ctx.status;
  const errorType = requestErrorType(ctx);
  if (errorType !== null) a[ERROR_TYPE] = errorType;
  return a;
}

/**
 * One provider call: which provider and model, how it ended, the provider's HTTP status.
 * No gen_ai.* keys: backends such as Langfuse would count each attempt as a second
 * generation of the same request; usage and cost stay on the request's span.
 */
export function attemptSpanAttributes(attempt: AttemptRecord, index: number): Attributes {
  const a: Attributes = {
    [BALLAST.attemptIndex]: index + 1,
    [BALLAST.attemptProvider]: attempt.provider,
    [BALLAST.attemptModel]: attempt.model,
    [BALLAST.attemptOutcome]: attempt.outcome,
  };
  if (attempt.status !== undefined) a[HTTP_RESPONSE_STATUS_CODE] = attempt.status;
  if (attempt.outcome !== 'ok') a[ERROR_TYPE] = attempt.outcome;
  return a;
}

const round = (ms: number) => Math.round(ms * 10) / 10;
