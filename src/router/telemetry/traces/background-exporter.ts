/**
 * Keeps serialization off the request's call stack, and in small slices. The
 * BatchSpanProcessor calls export() synchronously from onEnd() once a full batch is
 * queued, and the OTLP exporter serializes the whole batch inside export(): without
 * this wrapper a request would pay for serializing 256 spans (about 4 ms), and other
 * requests would wait that long. Here export() only schedules the work, and each slice
 * of `sliceSize` spans is serialized in its own turn of the event loop (about 1 ms for
 * 64), then sent; the slices of a batch travel in parallel, so throughput is unchanged.
 * It also reports each slice's result, so failures can be logged without the SDK's diag
 * logger.
 */
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

type ExportCallback = Parameters<SpanExporter['export']>[1];
export type ExportResult = Parameters<ExportCallback>[0];

/** ExportResultCode.SUCCESS and FAILED of @opentelemetry/core (not a direct dependency). */
export const EXPORT_SUCCESS = 0;
const EXPORT_FAILED = 1;

export interface BackgroundExporterOptions {
  /** Spans serialized per turn of the event loop (default 64). */
  sliceSize?: number;
  /** Called with each slice's result and size. */
  report?: (result: ExportResult, spans: number) => void;
}

export class BackgroundExporter implements SpanExporter {
  readonly #inner: SpanExporter;
  readonly #sliceSize: number;
  readonly #report: (result: ExportResult, spans: number) => void;

  constructor(inner: SpanExporter, options: BackgroundExporterOptions = {}) {
    this.#inner = inner;
    this.#sliceSize = Math.max(1, options.sliceSize ?? 64);
    this.#report = options.report ?? (() => {});
  }

  export(spans: ReadableSpan[], done: ExportCallback): void {
    if (spans.length === 0) return done({ code: EXPORT_SUCCESS });
    const slices: ReadableSpan[][] = [];
    for (let i = 0; i < spans.length; i += this.#sliceSize) slices.push(spans.slice(i, i + this.#sliceSize));
    let pending = slices.length;
    let failure: ExportResult | null = null;
    const settle = (slice: ReadableSpan[]) => (result: ExportResult) => {
      this.#report(result, slice.length);
      if (result.code !== EXPORT_SUCCESS) failure ??= result;
      if (--pending === 0) done(failure ?? { code: EXPORT_SUCCESS });
    };
    const next = (i: number) =>
      setImmediate(() => {
        const slice = slices[i] as ReadableSpan[];
        this.#exportSlice(slice, settle(slice));
        if (i + 1 < slices.length) next(i + 1);
      });
    next(0);
  }

  #exportSlice(slice: ReadableSpan[], finish: ExportCallback): void {
    try {
      this.#inner.export(slice, finish);
    } catch (error) {
      finish({ code: EXPORT_FAILED, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  shutdown(): Promise<void> {
    return this.#inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.#inner.forceFlush?.() ?? Promise.resolve();
  }
}
