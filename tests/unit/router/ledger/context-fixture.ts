/** A finished RequestContext for ledger tests: a successful non-stream request unless overridden. */
import type { RequestContext } from '../../../../src/router/context.js';

let n = 0;

export function finishedContext(over: Partial<RequestContext> = {}): RequestContext {
  n += 1;
  return {
    id: `req_${String(n).padStart(32, '0')}`,
    startedAt: 1_700_000_000_000,
    t0: 0,
    clientSignal: new AbortController().signal,
    tags: { tenant: 'acme', feature: 'chat', promptVersion: 'v3', pin: null },
    request: { model: 'default', messages: [{ role: 'user', content: 'hello' }] } as RequestContext['request'],
    group: 'default',
    stream: false,
    bypass: false,
    attempts: [{ provider: 'primary', model: 'gpt-4o-mini', startMs: 1, durationMs: 812.4, outcome: 'ok', status: 200 }],
    provider: 'primary',
    model: 'gpt-4o-mini',
    usage: { inputTokens: 120, outputTokens: 40, cacheReadTokens: 1000, cacheWriteTokens: 0 },
    cacheWrite1hTokens: 0,
    costUsd: 0.0012,
    costEstimated: false,
    costSavedUsd: 0,
    degraded: [],
    cache: 'miss',
    ttftMs: null,
    latencyMs: 815.237,
    outcome: 'success',
    errorCode: null,
    status: 200,
    reservation: null,
    cacheKey: null,
    cacheDirective: null,
    answer: null,
    sent: null,
    streamed: [],
    ...over,
  };
}
