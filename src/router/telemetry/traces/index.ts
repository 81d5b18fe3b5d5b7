/**
 * Traces: one OpenTelemetry span per finished request, exported over OTLP/HTTP to any
 * collector, Jaeger, or Langfuse. See docs/tracing.md.
 */
export { createTracing, type Tracing, type TracingOptions } from './create-tracing.js';
export { createTraceRecorder, type TraceRecorder, type TraceRecorderOptions } from './trace-recorder.js';
export { tracingConfigSchema, type TracingConfig, type TracingConfigInput } from './tracing-config.js';
export { resolveExportTarget, langfuseTarget, LANGFUSE_DEFAULT_BASE_URL, LANGFUSE_TRACES_PATH, type ExportTarget } from './resolve-export-target.js';
export { requestSpanAttributes, attemptSpanAttributes, requestSpanName, type ProviderInfo, type ProviderInfos } from './map-request-to-span.js';
