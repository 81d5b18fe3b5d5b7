/**
 * Counts the spans the BatchSpanProcessor drops when its queue is full: the processor
 * drops them silently (it tells only the OpenTelemetry diag logger, which ballast does
 * not install). The watch mirrors the queue's length: +1 for each sampled span that
 * ends, -n for each batch handed to the exporter.
 */
import { TraceFlags, type Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';

export class QueueWatch implements SpanProcessor {
  readonly #inner: SpanProcessor;
  readonly #maxQueueSize: number;
  readonly #onDrop: () => void;
  #queued = 0;

  /**
   * @example
   * new QueueWatch((exporter) => new BatchSpanProcessor(exporter, { maxQueueSize: 2048 }), otlpExporter, 2048, () => dropped++)
   */
  constructor(makeProcessor: (exporter: SpanExporter) => SpanProcessor, exporter: SpanExporter, maxQueueSize: number, onDrop: () => void) {
    this.#maxQueueSize = maxQueueSize;
    this.#onDrop = onDrop;
    this.#inner = makeProcessor({
      export: (spans, done) => {
        this.#queued = Math.max(0, this.#queued - spans.length);
        exporter.export(spans, done);
      },
      shutdown: () => exporter.shutdown(),
      forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
    });
  }

  onStart(span: Span, parentContext: Context): void {
    this.#inner.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    if ((span.spanContext().traceFlags & TraceFlags.SAMPLED) !== 0) {
      if (this.#queued >= this.#maxQueueSize) this.#onDrop();
      else this.#queued += 1;
    }
    this.#inner.onEnd(span);
  }

  shutdown(): Promise<void> {
    return this.#inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.#inner.forceFlush();
  }
}
