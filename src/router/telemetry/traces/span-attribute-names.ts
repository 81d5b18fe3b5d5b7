/**
 * Attribute keys on ballast's spans. The gen_ai.* keys follow the OpenTelemetry GenAI
 * semantic conventions as published in @opentelemetry/semantic-conventions 1.45
 * (incubating; the conventions now live in open-telemetry/semantic-conventions-genai).
 * They are spelled out here rather than imported because the package marks every
 * gen_ai constant deprecated-and-moved; the strings themselves are unchanged.
 */
export const GEN_AI = {
  operationName: 'gen_ai.operation.name',
  providerName: 'gen_ai.provider.name',
  requestModel: 'gen_ai.request.model',
  requestStream: 'gen_ai.request.stream',
  responseModel: 'gen_ai.response.model',
  responseId: 'gen_ai.response.id',
  responseFinishReasons: 'gen_ai.response.finish_reasons',
  responseTimeToFirstChunk: 'gen_ai.response.time_to_first_chunk',
  /** All input tokens, cache reads and writes included (the convention's "SHOULD"). */
  usageInputTokens: 'gen_ai.usage.input_tokens',
  usageOutputTokens: 'gen_ai.usage.output_tokens',
  usageCacheReadInputTokens: 'gen_ai.usage.cache_read.input_tokens',
  usageCacheCreationInputTokens: 'gen_ai.usage.cache_creation.input_tokens',
} as const;

/** Stable across OpenTelemetry conventions. */
export const ERROR_TYPE = 'error.type';
export const HTTP_RESPONSE_STATUS_CODE = 'http.response.status_code';

export const BALLAST = {
  requestId: 'ballast.request_id',
  tenant: 'ballast.tenant',
  feature: 'ballast.feature',
  promptVersion: 'ballast.prompt_version',
  provider: 'ballast.provider',
  emulated: 'ballast.emulated',
  attempts: 'ballast.attempts',
  failover: 'ballast.failover',
  bypass: 'ballast.bypass',
  cache: 'ballast.cache',
  degraded: 'ballast.degraded',
  costUsd: 'ballast.cost_usd',
  costSavedUsd: 'ballast.cost_saved_usd',
  latencyMs: 'ballast.latency_ms',
  ttftMs: 'ballast.ttft_ms',
  stream: 'ballast.stream',
  outcome: 'ballast.outcome',
  status: 'ballast.status',
  attemptIndex: 'ballast.attempt.index',
  attemptProvider: 'ballast.attempt.provider',
  attemptModel: 'ballast.attempt.model',
  attemptOutcome: 'ballast.attempt.outcome',
} as const;
