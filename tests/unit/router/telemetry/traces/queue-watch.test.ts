import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { QueueWatch } from '../../../../../src/router/telemetry/traces/queue-watch.js';

describe('QueueWatch', () => {
  it('counts exactly the spans the batch processor drops on a full queue', async () => {
    const taken: number[] = [];
    // An exporter that never answers: the processor keeps its first batch in flight.
    const stuck: SpanExporter = { export: (spans) => void taken.push(spans.length), shutdown: async () => {} };
    let dropped = 0;
    const watch = new QueueWatch(
      (exporter) => new BatchSpanProcessor(exporter, { maxQueueSize: 4, maxExportBatchSize: 2, scheduledDelayMillis: 60_000, exportTimeoutMillis: 60_000 }),
      stuck,
      4,
      () => (dropped += 1),
    );
    const tracer = new BasicTracerProvider({ spanProcessors: [watch] }).getTracer('t');
    for (let i = 0; i < 9; i++) tracer.startSpan(`s${i}`).end();
    // 2 left in the first batch, 4 wait in the queue, 3 were dropped
    expect(taken).toEqual([2]);
    expect(dropped).toBe(3);
  });
});
