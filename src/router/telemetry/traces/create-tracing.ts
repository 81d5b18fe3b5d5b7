/**
 * Tracing, assembled: the recorder, a bounded BatchSpanProcessor and the OTLP/HTTP
 * exporter (JSON over HTTP, which Langfuse, Jaeger and the OpenTelemetry Collector all
 * accept). An exporter that is down or slow costs the request path nothing: the
 * recorder only enqueues, the queue drops spans when full, exports run in the
 * background with a short timeout, and shutdown gives up after its own deadline.
 */
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOnSampler, BasicTracerProvider, BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { Logger } from '../../log.js';
import { scrubbedExcerpt } from '../../secrets/scrub.js';
import { BackgroundExporter, EXPORT_SUCCESS, type ExportResult } from './background-exporter.js';
import { QueueWatch } from './queue-watch.js';
import type { ProviderInfos } from './map-request-to-span.js';
import { createTraceRecorder, type TraceRecorder } from './trace-recorder.js';
import { describeEndpoint, resolveExportTarget } from './resolve-export-target.js';
import { tracingConfigSchema, type TracingConfig } from './tracing-config.js';

export interface Tracing {
  /** Push into rt.recorders: one span (and one child per attempt) per finished request. */
  recorder: TraceRecorder;
  /** Exports what is queued, then stops. Resolves within shutdownTimeoutMs even when the collector is down. */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /** config.providers: gives gen_ai.provider.name (openai, anthropic) for each provider name. */
  providers?: ProviderInfos;
  /** ballast's version, as the service.version resource attribute. */
  serviceVersion?: string;
  /** Deadline of one export, retries included (default 5 s). */
  exportTimeoutMs?: number;
  /** Deadline of shutdown() (default 3 s). */
  shutdownTimeoutMs?: number;
  /** How long a span may wait in the queue before its batch is sent (default 2 s). */
  scheduledDelayMs?: number;
  /** Spans held while exports are slow or failing; beyond it new spans are dropped (default 2048). */
  maxQueueSize?: number;
  /**
   * Spans per export (default 256). Exports are sent one batch at a time, so throughput
   * is batch / round trip (256 spans per 50 ms, some 2,400 requests/s). Each batch is
   * serialized in slices of 64 spans, one turn of the event loop each (about 1 ms).
   */
  maxExportBatchSize?: number;
  /**
   * Every secret the router knows (routerSecrets), cut from what the collector answers
   * before it is logged. The export headers' values always are, and credential shapes.
   */
  secrets?: readonly string[];
}

/** Spans serialized per turn of the event loop. */
const SLICE = 64;

/**
 * Tracing from the `tracing:` section and the environment, or null when it is off (no
 * endpoint and no Langfuse keys, or sample_ratio 0). Throws a ConfigError when a
 * variable it needs is missing or malformed.
 *
 * @example
 * const tracing = createTracing(config.tracing, env, log, { providers: config.providers });
 * if (tracing) rt.recorders.push(tracing.recorder);
 * // on close: await tracing?.shutdown();
 */
export function createTracing(config: TracingConfig | undefined, env: NodeJS.ProcessEnv, log: Logger, options: TracingOptions = {}): Tracing | null {
  const settings = config ?? tracingConfigSchema.parse({});
  const target = resolveExportTarget(settings, env);
  if (target === null) return null;
  const endpoint = describeEndpoint(target.url);
  if (settings.sample_ratio === 0) {
    log.info('tracing_off', { reason: 'tracing.sample_ratio is 0', endpoint });
    return null;
  }
  const exportTimeoutMs = options.exportTimeoutMs ?? 5000;
  const maxQueueSize = options.maxQueueSize ?? 2048;
  const batch = Math.min(options.maxExportBatchSize ?? 256, maxQueueSize);
  const slice = Math.min(SLICE, batch);
  const exporter = new OTLPTraceExporter({
    url: target.url,
    headers: target.headers,
    timeoutMillis: exportTimeoutMs,
    // Enough for shutdown to flush a full queue at once; beyond it an export fails at
    // once (its spans dropped) rather than pile up behind a dead collector.
    concurrencyLimit: Math.ceil(maxQueueSize / slice) + Math.ceil(batch / slice),
  });
  // A collector may echo the request's headers in its status line: they are its secrets.
  const secrets = [...Object.values(target.headers), ...(options.secrets ?? [])];
  const losses = lossLog(log, endpoint, maxQueueSize, secrets);
  const processor = new QueueWatch(
    (queued) =>
      new BatchSpanProcessor(queued, {
        maxQueueSize,
        maxExportBatchSize: batch,
        scheduledDelayMillis: options.scheduledDelayMs ?? 2000,
        exportTimeoutMillis: exportTimeoutMs,
      }),
    new BackgroundExporter(exporter, { sliceSize: slice, report: losses.exported }),
    maxQueueSize,
    losses.dropped,
  );
  const ratio = settings.sample_ratio;
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: settings.service_name,
      ...(options.serviceVersion ? { [ATTR_SERVICE_VERSION]: options.serviceVersion } : {}),
    }),
    sampler: new ParentBasedSampler({ root: ratio >= 1 ? new AlwaysOnSampler() : new TraceIdRatioBasedSampler(ratio) }),
    spanProcessors: [processor],
  });
  let warned = false;
  const recorder = createTraceRecorder(provider.getTracer('ballast', options.serviceVersion), {
    ...(options.providers ? { providers: options.providers } : {}),
    onError: (err) => {
      if (warned) return;
      warned = true;
      log.warn('trace_record_failed', { error: err instanceof Error ? err.message : String(err), note: 'logged once; requests are not affected' });
    },
  });
  log.info('tracing', { endpoint, via: target.source, service_name: settings.service_name, sample_ratio: ratio });
  let closing: Promise<void> | null = null;
  return {
    recorder,
    shutdown: () => (closing ??= shutdownWithin(provider, options.shutdownTimeoutMs ?? 3000, log, endpoint, secrets)),
  };
}

/**
 * Lost spans, logged without flooding: the first failed export of an outage, a full
 * queue at most once a minute, and the recovery with what was lost. Never a header
 * value, a span or a response body.
 */
function lossLog(log: Logger, endpoint: string, maxQueueSize: number, secrets: readonly string[], now: () => number = Date.now) {
  let failedExports = 0;
  let lost = 0;
  let droppedSinceWarn = 0;
  let lastQueueWarn = -Infinity;
  return {
    exported(result: ExportResult, spans: number): void {
      if (result.code === EXPORT_SUCCESS) {
        if (failedExports > 0) log.info('trace_export_recovered', { endpoint, failed_exports: failedExports, lost_spans: lost });
        failedExports = 0;
        lost = 0;
        return;
      }
      if (failedExports === 0) {
        log.warn('trace_export_failed', { endpoint, error: describeError(result.error, secrets), note: 'spans are lost until the collector answers; requests are not affected' });
      }
      failedExports += 1;
      lost += spans;
    },
    dropped(): void {
      lost += 1;
      droppedSinceWarn += 1;
      if (now() - lastQueueWarn < 60_000) return;
      log.warn('trace_queue_full', {
        endpoint,
        dropped_spans: droppedSinceWarn,
        max_queue_size: maxQueueSize,
        note: 'the collector is down or slower than the request rate; lower tracing.sample_ratio or export to a local collector',
      });
      lastQueueWarn = now();
      droppedSinceWarn = 0;
    },
  };
}

/**
 * A code or a status line: never a response body, which a collector may fill with
 * anything. The status text is the collector's too: scrubbed before it is cut.
 */
function describeError(error: unknown, secrets: readonly string[]): string {
  if (!(error instanceof Error)) return 'unknown';
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return scrubbedExcerpt(code, secrets, 200);
  if (typeof code === 'number') return scrubbedExcerpt(`HTTP ${code}${error.message ? ` ${error.message}` : ''}`, secrets, 200);
  return scrubbedExcerpt(error.message, secrets, 200);
}

async function shutdownWithin(provider: BasicTracerProvider, ms: number, log: Logger, endpoint: string, secrets: readonly string[]): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
    timer.unref();
  });
  const done = provider.shutdown().then(
    () => 'done' as const,
    (err: unknown) => {
      log.warn('trace_shutdown_failed', { endpoint, error: describeError(err, secrets) });
      return 'done' as const;
    },
  );
  const result = await Promise.race([done, deadline]);
  clearTimeout(timer);
  if (result === 'timeout') log.warn('trace_shutdown_timeout', { endpoint, timeout_ms: ms, note: 'spans still queued were dropped' });
}
