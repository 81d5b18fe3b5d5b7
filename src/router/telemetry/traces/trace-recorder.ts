/**
 * The recorder: one CLIENT span per finished request, and one INTERNAL child span per
 * provider attempt, built after the fact with explicit timestamps. It only creates
 * spans and hands them to the span processor's queue; it never waits, never does I/O
 * and never throws into the request path.
 *
 * Attempts are child spans rather than span events because each one has a start and a
 * duration (a failed primary that took 2 s, then the secondary): a waterfall shows
 * where the time went, which points in time cannot.
 */
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type HrTime, type Tracer } from '@opentelemetry/api';
import type { RequestContext } from '../../context.js';
import { attemptSpanAttributes, requestErrorType, requestSpanAttributes, requestSpanName, type ProviderInfos } from './map-request-to-span.js';

export type TraceRecorder = (ctx: RequestContext) => void;

export interface TraceRecorderOptions {
  /** Provider name -> kind (config.providers), for gen_ai.provider.name. */
  providers?: ProviderInfos;
  /** The clock ctx.t0 was read from (default performance.now). */
  now?: () => number;
  /** Called when building a span failed; the request goes on regardless. */
  onError?: (err: unknown) => void;
}

/**
 * @example
 * const recorder = createTraceRecorder(provider.getTracer('ballast'), { providers: config.providers });
 * rt.recorders.push(recorder);
 */
export function createTraceRecorder(tracer: Tracer, options: TraceRecorderOptions = {}): TraceRecorder {
  const providers = options.providers ?? {};
  const now = options.now ?? (() => performance.now());
  const onError = options.onError ?? (() => {});
  return function recordTrace(ctx: RequestContext): void {
    try {
      // The recorder runs as the request finishes: for a stream that is after the last
      // chunk, while ctx.latencyMs holds the time to first token (the SLI).
      const endMs = ctx.startedAt + Math.max(0, now() - ctx.t0);
      const span = tracer.startSpan(requestSpanName(ctx), { kind: SpanKind.CLIENT, startTime: hrTime(ctx.startedAt) }, ROOT_CONTEXT);
      if (!span.isRecording()) return; // sampled out: nothing more to pay
      span.setAttributes(requestSpanAttributes(ctx, providers));
      const errorType = requestErrorType(ctx);
      if (errorType !== null) span.setStatus({ code: SpanStatusCode.ERROR, message: errorType });
      const parent = trace.setSpan(ROOT_CONTEXT, span);
      ctx.attempts.forEach((attempt, i) => {
        const startMs = ctx.startedAt + attempt.startMs;
        const child = tracer.startSpan(
          `attempt ${attempt.provider}`,
          { kind: SpanKind.INTERNAL, startTime: hrTime(startMs), attributes: attemptSpanAttributes(attempt, i) },
          parent,
        );
        if (attempt.outcome !== 'ok') child.setStatus({ code: SpanStatusCode.ERROR, message: attempt.outcome });
        child.end(hrTime(startMs + attempt.durationMs));
      });
      span.end(hrTime(endMs));
    } catch (err) {
      onError(err);
    }
  };
}

/**
 * Epoch milliseconds as [seconds, nanoseconds]. A plain number would be read by the SDK
 * as relative to performance.timeOrigin whenever it is smaller than it.
 */
function hrTime(epochMs: number): HrTime {
  const seconds = Math.floor(epochMs / 1000);
  return [seconds, Math.min(999_999_999, Math.round((epochMs - seconds * 1000) * 1e6))];
}
