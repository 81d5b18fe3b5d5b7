import { SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import { AlwaysOffSampler, BasicTracerProvider, type ReadableSpan, type Sampler } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { createTraceRecorder } from '../../../../../src/router/telemetry/traces/trace-recorder.js';
import type { RequestContext } from '../../../../../src/router/context.js';
import { cacheHitContext, clientErrorContext, failoverContext, finishedContext, PRIVATE_TEXTS, PROVIDERS, streamContext } from './context-fixture.js';

function collect(sampler?: Sampler) {
  const spans: ReadableSpan[] = [];
  const provider = new BasicTracerProvider({
    ...(sampler ? { sampler } : {}),
    spanProcessors: [{ onStart() {}, onEnd: (s) => void spans.push(s), shutdown: async () => {}, forceFlush: async () => {} }],
  });
  return { tracer: provider.getTracer('test'), spans };
}

/** Records one context with the clock at `nowMs` after ctx.t0; returns [request span, ...attempt spans]. */
function record(ctx: RequestContext, nowMs = 2000) {
  const { tracer, spans } = collect();
  createTraceRecorder(tracer, { providers: PROVIDERS, now: () => ctx.t0 + nowMs })(ctx);
  const root = spans.find((s) => s.parentSpanContext === undefined);
  if (!root) throw new Error('no request span');
  return { root, attempts: spans.filter((s) => s !== root), all: spans };
}

const ms = (t: [number, number]) => t[0] * 1000 + t[1] / 1e6;

describe('the request span', () => {
  it('a success: named chat <group>, kind CLIENT, GenAI attributes and ballast tags', () => {
    const ctx = finishedContext();
    const { root, attempts } = record(ctx);
    expect(root.name).toBe('chat default');
    expect(root.kind).toBe(SpanKind.CLIENT);
    expect(root.status.code).toBe(SpanStatusCode.UNSET);
    expect(root.attributes).toEqual({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'default',
      'gen_ai.request.stream': false,
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.response.id': 'chatcmpl-123',
      'gen_ai.response.finish_reasons': ['stop'],
      // the convention counts cache reads and writes inside input_tokens; ballast's Usage does not
      'gen_ai.usage.input_tokens': 1150,
      'gen_ai.usage.output_tokens': 40,
      'gen_ai.usage.cache_read.input_tokens': 1000,
      'gen_ai.usage.cache_creation.input_tokens': 30,
      'ballast.request_id': ctx.id,
      'ballast.tenant': 'acme',
      'ballast.feature': 'search',
      'ballast.prompt_version': 'v3',
      'ballast.provider': 'primary',
      'ballast.attempts': 1,
      'ballast.failover': false,
      'ballast.bypass': false,
      'ballast.cache': 'miss',
      'ballast.cost_usd': 0.0012,
      'ballast.cost_saved_usd': 0,
      'ballast.latency_ms': 805.3,
      'ballast.stream': false,
      'ballast.outcome': 'success',
      'ballast.status': 200,
    });
    expect(ms(root.startTime)).toBe(ctx.startedAt);
    expect(ms(root.endTime)).toBe(ctx.startedAt + 2000);
    expect(attempts).toHaveLength(1);
  });

  it('a failover: two attempt spans under the request span, the failed one in ERROR', () => {
    const ctx = failoverContext();
    const { root, attempts } = record(ctx);
    expect(root.attributes).toMatchObject({
      'gen_ai.provider.name': 'anthropic',
      'ballast.provider': 'secondary',
      'gen_ai.response.model': 'claude-haiku-4-5-20251001',
      'gen_ai.response.finish_reasons': ['length'],
      'ballast.attempts': 2,
      'ballast.failover': true,
    });
    expect(root.status.code).toBe(SpanStatusCode.UNSET);
    expect(root.attributes['error.type']).toBeUndefined();
    expect(attempts.map((s) => s.name)).toEqual(['attempt primary', 'attempt secondary']);
    for (const a of attempts) {
      expect(a.kind).toBe(SpanKind.INTERNAL);
      expect(a.parentSpanContext?.spanId).toBe(root.spanContext().spanId);
      expect(a.spanContext().traceId).toBe(root.spanContext().traceId);
      // no gen_ai.* on attempts: Langfuse would count each one as another generation
      expect(Object.keys(a.attributes).some((k) => k.startsWith('gen_ai.'))).toBe(false);
    }
    const [first, second] = attempts as [ReadableSpan, ReadableSpan];
    expect(first.attributes).toEqual({
      'ballast.attempt.index': 1,
      'ballast.attempt.provider': 'primary',
      'ballast.attempt.model': 'gpt-4o-mini',
      'ballast.attempt.outcome': 'server_error',
      'http.response.status_code': 503,
      'error.type': 'server_error',
    });
    expect(first.status).toEqual({ code: SpanStatusCode.ERROR, message: 'server_error' });
    expect(ms(first.startTime)).toBe(ctx.startedAt + 2);
    expect(ms(first.endTime)).toBe(ctx.startedAt + 302);
    expect(second.attributes).toMatchObject({ 'ballast.attempt.index': 2, 'ballast.attempt.outcome': 'ok' });
    expect(second.status.code).toBe(SpanStatusCode.UNSET);
    expect(ms(second.startTime)).toBe(ctx.startedAt + 310);
  });

  it('a stream: time to first token in ms and in seconds; the span still covers the whole stream', () => {
    const ctx = streamContext();
    const { root } = record(ctx, 6500);
    expect(root.attributes).toMatchObject({
      'ballast.stream': true,
      'gen_ai.request.stream': true,
      'ballast.ttft_ms': 420.5,
      'gen_ai.response.time_to_first_chunk': 0.4205,
      'ballast.latency_ms': 420.5,
    });
    expect(ms(root.endTime) - ms(root.startTime)).toBe(6500);
  });

  it('a cache hit: no attempt spans, no usage, the saving', () => {
    const { root, attempts } = record(cacheHitContext({ degraded: ['cached'] }));
    expect(attempts).toHaveLength(0);
    expect(root.attributes).toMatchObject({ 'ballast.cache': 'hit', 'ballast.cost_usd': 0, 'ballast.cost_saved_usd': 0.0042, 'ballast.attempts': 0, 'ballast.degraded': ['cached'] });
    expect(Object.keys(root.attributes).filter((k) => k.startsWith('gen_ai.usage.'))).toEqual([]);
  });

  it('a client error: error.type and ERROR status; the unknown model as asked, but not in the span name', () => {
    const { root, attempts } = record(clientErrorContext());
    expect(root.name).toBe('chat');
    expect(root.status).toEqual({ code: SpanStatusCode.ERROR, message: 'model_not_found' });
    expect(root.attributes).toMatchObject({ 'error.type': 'model_not_found', 'ballast.outcome': 'client_error', 'ballast.status': 404, 'gen_ai.request.model': 'gpt-5-turbo' });
    expect(root.attributes['gen_ai.provider.name']).toBeUndefined();
    expect(root.attributes['ballast.cost_usd']).toBeUndefined();
    expect(attempts).toHaveLength(0);
  });

  it('a client that went away: error.type is the outcome when there is no error code', () => {
    const { root } = record(streamContext({ outcome: 'client_gone', status: 200 }));
    expect(root.attributes['error.type']).toBe('client_gone');
    expect(root.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('caps an unknown model name at 128 characters (it is the client\'s text)', () => {
    const { root } = record(clientErrorContext({ request: { model: 'x'.repeat(5000), messages: [] } as unknown as RequestContext['request'] }));
    expect(root.attributes['gen_ai.request.model']).toBe('x'.repeat(128));
  });

  it('a request refused before its tags were read (401): no tenant, feature or model', () => {
    const { root } = record(clientErrorContext({ tags: null, request: null, outcome: 'client_error', errorCode: 'invalid_api_key', status: 401 }));
    expect(root.name).toBe('chat');
    for (const key of ['ballast.tenant', 'ballast.feature', 'ballast.prompt_version', 'gen_ai.request.model']) expect(root.attributes[key]).toBeUndefined();
  });

  it('marks emulated providers, and degradations in order', () => {
    const { root } = record(finishedContext({ provider: 'emu', attempts: [], degraded: ['truncated', 'cheaper-model'] }));
    expect(root.attributes).toMatchObject({ 'ballast.emulated': true, 'ballast.degraded': ['truncated', 'cheaper-model'], 'gen_ai.provider.name': 'openai' });
  });
});

describe('privacy', () => {
  it('no prompt, answer or provider error text in any span, attribute, event or status', () => {
    const { all } = record(failoverContext());
    const { all: more } = record(clientErrorContext());
    const dump = JSON.stringify([...all, ...more].map((s) => ({ name: s.name, attributes: s.attributes, events: s.events, status: s.status, resource: s.resource.attributes })));
    for (const text of Object.values(PRIVATE_TEXTS)) expect(dump).not.toContain(text);
    expect(dump).not.toContain('sk-proj');
  });
});

describe('the recorder', () => {
  it('a sampled-out request costs a non-recording span and exports nothing', () => {
    const { tracer, spans } = collect(new AlwaysOffSampler());
    createTraceRecorder(tracer, { providers: PROVIDERS })(failoverContext());
    expect(spans).toHaveLength(0);
  });

  it('never throws into the request path, even on a malformed context or a broken tracer', () => {
    const errors: unknown[] = [];
    const { tracer } = collect();
    const recorder = createTraceRecorder(tracer, { onError: (e) => errors.push(e) });
    expect(() => recorder({ id: 'req_bad' } as unknown as RequestContext)).not.toThrow();
    const broken = { startSpan: () => { throw new Error('boom'); } } as unknown as Tracer;
    expect(() => createTraceRecorder(broken, { onError: (e) => errors.push(e) })(finishedContext())).not.toThrow();
    expect(errors).toHaveLength(2);
  });
});
