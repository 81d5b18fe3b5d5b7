import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { BackgroundExporter, EXPORT_SUCCESS, type ExportResult } from '../../../../../src/router/telemetry/traces/background-exporter.js';

const spans = [{}, {}] as ReadableSpan[];

function exporter(exportFn: SpanExporter['export']): SpanExporter {
  return { export: exportFn, shutdown: async () => {} };
}

describe('BackgroundExporter', () => {
  it('export() returns before the inner exporter runs (no serialization on the caller stack)', async () => {
    const calls: string[] = [];
    const reports: Array<[ExportResult, number]> = [];
    const bg = new BackgroundExporter(
      exporter((batch, done) => {
        calls.push(`inner ${batch.length}`);
        done({ code: EXPORT_SUCCESS });
      }),
      { report: (result, n) => reports.push([result, n]) },
    );
    const result = new Promise<ExportResult>((resolve) => bg.export(spans, resolve));
    calls.push('returned');
    expect(await result).toEqual({ code: EXPORT_SUCCESS });
    expect(calls).toEqual(['returned', 'inner 2']);
    expect(reports).toEqual([[{ code: EXPORT_SUCCESS }, 2]]);
  });

  it('serializes a batch in slices, one turn of the event loop each, and reports the batch once all are sent', async () => {
    const events: string[] = [];
    const pending: Array<() => void> = [];
    const bg = new BackgroundExporter(
      exporter((slice, done) => {
        events.push(`slice ${slice.length}`);
        pending.push(() => done(slice.length === 1 ? { code: 1, error: new Error('HTTP 503') } : { code: EXPORT_SUCCESS }));
      }),
      { sliceSize: 2, report: (r, n) => events.push(`report ${n} ${r.code}`) },
    );
    const batch = [{}, {}, {}, {}, {}] as ReadableSpan[];
    let result: ExportResult | undefined;
    bg.export(batch, (r) => (result = r));
    expect(events).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(events).toEqual(['slice 2']); // one slice per turn
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(events).toEqual(['slice 2', 'slice 2', 'slice 1']);
    for (const finish of pending) finish();
    expect(events.slice(3)).toEqual(['report 2 0', 'report 2 0', 'report 1 1']);
    expect(result?.code).toBe(1); // one failed slice fails the batch
  });

  it('an inner exporter that throws becomes a failed result, not an exception', async () => {
    const reports: ExportResult[] = [];
    const bg = new BackgroundExporter(
      exporter(() => {
        throw new Error('serializer broke');
      }),
      { report: (result) => reports.push(result) },
    );
    const result = await new Promise<ExportResult>((resolve) => bg.export(spans, resolve));
    expect(result.code).not.toBe(EXPORT_SUCCESS);
    expect(result.error?.message).toBe('serializer broke');
    expect(reports).toHaveLength(1);
  });
});
