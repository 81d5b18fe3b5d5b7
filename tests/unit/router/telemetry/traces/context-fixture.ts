/**
 * Finished RequestContexts for trace tests. Every text a span must never carry (the
 * prompt, the answer, a provider's error message) is one of PRIVATE_TEXTS.
 */
import type { ChatCompletion, ChatRequest } from '../../../../../src/core/chat.js';
import type { RequestContext } from '../../../../../src/router/context.js';
import { finishedContext as ledgerContext } from '../../ledger/context-fixture.js';

export const PRIVATE_TEXTS = {
  prompt: 'PROMPT-TEXT-my-card-is-4111111111111111',
  system: 'SYSTEM-TEXT-internal-instructions',
  answer: 'ANSWER-TEXT-the-secret-recipe',
  providerMessage: 'Incorrect API key provided: sk-proj-PROVIDER-KEY-abcd',
};

export const PROVIDERS = { primary: { kind: 'openai' }, secondary: { kind: 'anthropic' }, emu: { kind: 'openai', emulated: true } };

export function answer(over: Partial<ChatCompletion> = {}): ChatCompletion {
  return {
    id: 'chatcmpl-123',
    object: 'chat.completion',
    created: 1_750_000_000,
    model: 'gpt-4o-mini-2024-07-18',
    choices: [{ index: 0, message: { role: 'assistant', content: PRIVATE_TEXTS.answer }, finish_reason: 'stop' }],
    ...over,
  };
}

/**
 * A successful non-stream request served by "primary" on the first attempt, unless
 * overridden: the ledger tests' context, carrying the private texts a span must not.
 */
export function finishedContext(over: Partial<RequestContext> = {}): RequestContext {
  return ledgerContext({
    startedAt: 1_750_000_000_000,
    tags: { tenant: 'acme', feature: 'search', promptVersion: 'v3', pin: null },
    request: {
      model: 'default',
      messages: [
        { role: 'system', content: PRIVATE_TEXTS.system },
        { role: 'user', content: PRIVATE_TEXTS.prompt },
      ],
    } as ChatRequest,
    attempts: [{ provider: 'primary', model: 'gpt-4o-mini', startMs: 1.5, durationMs: 800, outcome: 'ok', status: 200 }],
    usage: { inputTokens: 120, outputTokens: 40, cacheReadTokens: 1000, cacheWriteTokens: 30 },
    cacheKey: 'acme:0123abcd',
    answer: answer(),
    latencyMs: 805.25,
    ...over,
  });
}

/** primary failed (503, then its error text), secondary answered. */
export function failoverContext(over: Partial<RequestContext> = {}): RequestContext {
  return finishedContext({
    attempts: [
      { provider: 'primary', model: 'gpt-4o-mini', startMs: 2, durationMs: 300, outcome: 'server_error', status: 503, message: PRIVATE_TEXTS.providerMessage },
      { provider: 'secondary', model: 'claude-haiku-4-5', startMs: 310, durationMs: 900, outcome: 'ok', status: 200 },
    ],
    provider: 'secondary',
    model: 'claude-haiku-4-5',
    answer: answer({ model: 'claude-haiku-4-5-20251001', choices: [{ index: 0, message: { role: 'assistant', content: PRIVATE_TEXTS.answer }, finish_reason: 'length' }] }),
    latencyMs: 1215,
    ...over,
  });
}

/** A stream: first token at 420 ms, last chunk much later. */
export function streamContext(over: Partial<RequestContext> = {}): RequestContext {
  return finishedContext({ stream: true, ttftMs: 420.5, latencyMs: 420.5, ...over });
}

/** A repeat served from the router's cache: no attempt, no usage, free. */
export function cacheHitContext(over: Partial<RequestContext> = {}): RequestContext {
  return finishedContext({ attempts: [], usage: null, cache: 'hit', costUsd: 0, costSavedUsd: 0.0042, answer: null, latencyMs: 3.2, ...over });
}

/** An unknown model: refused before any attempt. */
export function clientErrorContext(over: Partial<RequestContext> = {}): RequestContext {
  return finishedContext({
    request: { model: 'gpt-5-turbo', messages: [{ role: 'user', content: PRIVATE_TEXTS.prompt }] } as ChatRequest,
    group: null,
    attempts: [],
    provider: null,
    model: null,
    usage: null,
    costUsd: null,
    cache: null,
    cacheKey: null,
    answer: null,
    latencyMs: 1.1,
    outcome: 'client_error',
    errorCode: 'model_not_found',
    status: 404,
    ...over,
  });
}
