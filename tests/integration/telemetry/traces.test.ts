import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/router/log.js';
import { createTracing, tracingConfigSchema, type Tracing, type TracingOptions } from '../../../src/router/telemetry/traces/index.js';
import { cacheHitContext, clientErrorContext, failoverContext, finishedContext, PRIVATE_TEXTS, PROVIDERS, streamContext } from '../../unit/router/telemetry/traces/context-fixture.js';
import { closedPort, startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './otlp-receiver.js';

const SECRETS = {
  OTLP_AUTH: 'Bearer otlp-SECRET-token-0451',
  LANGFUSE_PUBLIC_KEY: 'pk-lf-PUBLIC-9a8b7c',
  LANGFUSE_SECRET_KEY: 'sk-lf-SECRET-1f2e3d',
};
const LANGFUSE_BASIC = `Basic ${Buffer.from(`${SECRETS.LANGFUSE_PUBLIC_KEY}:${SECRETS.LANGFUSE_SECRET_KEY}`).toString('base64')}`;
const FORBIDDEN = [...Object.values(SECRETS), 'otlp-SECRET-token-0451', LANGFUSE_BASIC.slice('Basic '.length), ...Object.values(PRIVATE_TEXTS)];

function captureLog(): Logger & { lines: string[]; next(event: string): Promise<Record<string, unknown>> } {
  const lines: string[] = [];
  const waiters: Array<{ event: string; resolve: (fields: Record<string, unknown>) => void }> = [];
  const write = (event: string, fields?: Record<string, unknown>) => {
    lines.push(JSON.stringify({ event, ...fields }));
    for (const w of waiters.filter((w) => w.event === event)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(fields ?? {});
    }
  };
  return { lines, debug: write, info: write, warn: write, error: write, next: (event) => new Promise((resolve) => waiters.push({ event, resolve })) };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function receiver(options: { hang?: boolean } = {}): Promise<OtlpReceiver> {
  const r = await startOtlpReceiver(options);
  cleanups.push(() => r.close());
  return r;
}

function tracingFor(raw: unknown, env: NodeJS.ProcessEnv, log: Logger, options: Omit<TracingOptions, 'providers'> = {}): Tracing {
  const tracing = createTracing(tracingConfigSchema.parse(raw), env, log, { providers: PROVIDERS, ...options });
  if (!tracing) throw new Error('tracing is off');
  cleanups.push(() => tracing.shutdown());
  return tracing;
}

const byName = (spans: ReceivedSpan[], name: string) => spans.filter((s) => s.name === name);

describe('OTLP/HTTP export', () => {
  it('sends each request as a span tree to the configured endpoint, with the configured headers', async () => {
    const otlp = await receiver();
    const log = captureLog();
    const tracing = tracingFor({ endpoint: `${otlp.url}/v1/traces`, headers_env: { Authorization: 'OTLP_AUTH' }, service_name: 'ballast-test' }, { OTLP_AUTH: SECRETS.OTLP_AUTH }, log);
    const success = finishedContext();
    const failover = failoverContext();
    tracing.recorder(success);
    tracing.recorder(failover);
    tracing.recorder(streamContext());
    tracing.recorder(cacheHitContext());
    tracing.recorder(clientErrorContext());
    await tracing.shutdown(); // flushes the queue before it resolves

    expect(otlp.exports.length).toBeGreaterThan(0);
    for (const e of otlp.exports) {
      expect(e.path).toBe('/v1/traces');
      expect(e.headers['content-type']).toBe('application/json');
      expect(e.headers.authorization).toBe(SECRETS.OTLP_AUTH);
    }
    expect(otlp.resources()[0]).toMatchObject({ 'service.name': 'ballast-test' });
    const spans = otlp.spans();
    expect(spans).toHaveLength(5 + 4); // five requests; 1 + 2 + 1 attempts
    const roots = spans.filter((s) => s.parentSpanId === undefined);
    expect(roots.map((s) => s.name).sort()).toEqual(['chat', 'chat default', 'chat default', 'chat default', 'chat default']);
    expect(roots.every((s) => s.kind === 3)).toBe(true); // SPAN_KIND_CLIENT

    const failed = roots.find((s) => s.attributes['ballast.request_id'] === failover.id);
    expect(failed?.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.request.model': 'default',
      'gen_ai.response.model': 'claude-haiku-4-5-20251001',
      'gen_ai.usage.input_tokens': 1150,
      'gen_ai.usage.output_tokens': 40,
      'gen_ai.usage.cache_read.input_tokens': 1000,
      'gen_ai.usage.cache_creation.input_tokens': 30,
      'gen_ai.response.finish_reasons': ['length'],
      'ballast.provider': 'secondary',
      'ballast.tenant': 'acme',
      'ballast.feature': 'search',
      'ballast.prompt_version': 'v3',
      'ballast.attempts': 2,
      'ballast.failover': true,
      'ballast.cost_usd': 0.0012,
      'ballast.outcome': 'success',
    });
    const children = spans.filter((s) => s.parentSpanId === failed?.spanId);
    expect(children.map((s) => [s.name, s.attributes['ballast.attempt.outcome'], s.attributes['http.response.status_code'], s.status.code])).toEqual([
      ['attempt primary', 'server_error', 503, 2], // STATUS_CODE_ERROR
      ['attempt secondary', 'ok', 200, 0],
    ]);
    expect(children.every((s) => s.traceId === failed?.traceId)).toBe(true);
    expect(failed!.endNs - failed!.startNs).toBeGreaterThan(0n);

    const refused = roots.find((s) => s.name === 'chat');
    expect(refused?.attributes['gen_ai.request.model']).toBe('gpt-5-turbo');
    expect(refused?.attributes['error.type']).toBe('model_not_found');
    expect(refused?.status).toEqual({ code: 2, message: 'model_not_found' });

    const bodies = otlp.exports.map((e) => e.body).join('\n');
    for (const secret of FORBIDDEN) expect(bodies).not.toContain(secret);
    for (const secret of FORBIDDEN) expect(log.lines.join('\n')).not.toContain(secret);
  });

  it('the Langfuse shortcut: /api/public/otel/v1/traces with Basic public:secret, and no key in any span', async () => {
    const langfuse = await receiver();
    const log = captureLog();
    const tracing = tracingFor({}, { LANGFUSE_PUBLIC_KEY: SECRETS.LANGFUSE_PUBLIC_KEY, LANGFUSE_SECRET_KEY: SECRETS.LANGFUSE_SECRET_KEY, LANGFUSE_BASE_URL: `${langfuse.url}/` }, log);
    tracing.recorder(failoverContext());
    tracing.recorder(streamContext());
    await tracing.shutdown();

    expect(langfuse.exports.length).toBeGreaterThan(0);
    for (const e of langfuse.exports) {
      expect(e.path).toBe('/api/public/otel/v1/traces');
      expect(e.headers.authorization).toBe(LANGFUSE_BASIC);
      expect(e.headers['x-langfuse-ingestion-version']).toBe('4');
    }
    expect(byName(langfuse.spans(), 'chat default')).toHaveLength(2);
    const stream = langfuse.spans().find((s) => s.attributes['ballast.stream'] === true);
    expect(stream?.attributes).toMatchObject({ 'ballast.ttft_ms': 420.5, 'gen_ai.response.time_to_first_chunk': 0.4205 });
    // Everything exported, resource and events included, is in the bodies.
    const bodies = langfuse.exports.map((e) => e.body).join('\n');
    for (const secret of FORBIDDEN) expect(bodies).not.toContain(secret);
    expect(log.lines.join('\n')).not.toMatch(/pk-lf|sk-lf|Basic/);
    expect(log.lines[0]).toContain('"via":"langfuse"');
  });
});

describe('export failures are logged once per outage, never with a secret', () => {
  it('a rejected export (401) warns once with the status line; the next success logs the recovery', async () => {
    const otlp = await receiver();
    otlp.reply.status = 401;
    otlp.reply.body = `{"error":"bad token ${SECRETS.OTLP_AUTH}"}`; // a collector may echo anything
    const log = captureLog();
    // batches of 2 spans: each one-attempt request fills a batch and is exported at once
    const tracing = tracingFor({ endpoint: `${otlp.url}/v1/traces`, headers_env: { Authorization: 'OTLP_AUTH' } }, { OTLP_AUTH: SECRETS.OTLP_AUTH }, log, {
      maxExportBatchSize: 2,
      scheduledDelayMs: 60_000,
    });
    const failed = log.next('trace_export_failed');
    tracing.recorder(finishedContext());
    expect(await failed).toMatchObject({ endpoint: `${otlp.url}/v1/traces`, error: 'HTTP 401 Unauthorized' });
    otlp.reply.status = 200;
    const recovered = log.next('trace_export_recovered');
    tracing.recorder(finishedContext());
    expect(await recovered).toMatchObject({ failed_exports: 1, lost_spans: 2 });
    expect(log.lines.filter((l) => l.includes('trace_export_failed'))).toHaveLength(1);
    expect(log.lines.join('\n')).not.toContain(SECRETS.OTLP_AUTH);
  });
});

describe('trace_export_failed logs the collector status text unscrubbed (issue #11)', () => {
  it('a collector that echoes the Authorization header in its status line: the log keeps none of it', async () => {
    const otlp = await receiver();
    otlp.reply.status = 403;
    otlp.reply.statusText = `Forbidden for Authorization: ${SECRETS.OTLP_AUTH} (token otlp-SECRET-token-0451)`;
    const log = captureLog();
    const tracing = tracingFor({ endpoint: `${otlp.url}/v1/traces`, headers_env: { Authorization: 'OTLP_AUTH' } }, { OTLP_AUTH: SECRETS.OTLP_AUTH }, log, {
      maxExportBatchSize: 2,
      scheduledDelayMs: 60_000,
    });
    const failed = log.next('trace_export_failed');
    tracing.recorder(finishedContext());
    const fields = await failed;
    expect(fields.error).toMatch(/^HTTP 403 Forbidden for Authorization: \[redacted\]/);
    expect(log.lines.join('\n')).not.toContain('otlp-SECRET');
    await tracing.shutdown();
  });
});

describe('a collector that is down never slows or fails a request', () => {
  const SHUTDOWN_MS = 500;

  async function hammer(tracing: Tracing): Promise<{ recordMs: number; shutdownMs: number }> {
    const contexts = [failoverContext(), failoverContext(), streamContext(), failoverContext(), clientErrorContext()];
    const t0 = performance.now();
    // 1,000 requests, 2,400 spans: more than the first batch (256) and the queue (2,048) hold.
    expect(() => {
      for (let i = 0; i < 1000; i++) tracing.recorder(contexts[i % contexts.length]!);
    }).not.toThrow();
    const recordMs = performance.now() - t0;
    const t1 = performance.now();
    await tracing.shutdown();
    return { recordMs, shutdownMs: performance.now() - t1 };
  }

  it('nothing listening: 1,000 recordings stay fast and shutdown() keeps its deadline', async () => {
    const port = await closedPort();
    const log = captureLog();
    const tracing = tracingFor({ endpoint: `http://127.0.0.1:${port}/v1/traces`, headers_env: { Authorization: 'OTLP_AUTH' } }, { OTLP_AUTH: SECRETS.OTLP_AUTH }, log, {
      shutdownTimeoutMs: SHUTDOWN_MS,
    });
    const { recordMs, shutdownMs } = await hammer(tracing);
    // Cold code on a quiet machine: 30-60 ms. The bound is loose because test machines are shared;
    // a recorder that waited on the network even once per batch would take seconds.
    expect(recordMs).toBeLessThan(2000);
    expect(shutdownMs).toBeLessThan(SHUTDOWN_MS + 1000); // well short of the 5 s export timeout
    // the queue (2,048) filled behind the first batch in flight: the surplus was dropped, once logged
    expect(log.lines.filter((l) => l.includes('"trace_queue_full"'))).toHaveLength(1);
    expect(log.lines.join('\n')).not.toContain(SECRETS.OTLP_AUTH);
  });

  it('a collector that accepts and never answers: the same', async () => {
    const stalled = await receiver({ hang: true });
    const log = captureLog();
    const tracing = tracingFor({ endpoint: `${stalled.url}/v1/traces` }, {}, log, { shutdownTimeoutMs: SHUTDOWN_MS, exportTimeoutMs: 1000 });
    const { recordMs, shutdownMs } = await hammer(tracing);
    expect(recordMs).toBeLessThan(2000);
    expect(shutdownMs).toBeLessThan(SHUTDOWN_MS + 1000); // well short of the 5 s export timeout
    expect(log.lines.some((l) => l.includes('trace_shutdown_timeout') || l.includes('trace_shutdown_failed'))).toBe(true);
  });
});
