import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../../src/router/config/load.js';
import type { Logger } from '../../../../../src/router/log.js';
import { createTracing } from '../../../../../src/router/telemetry/traces/create-tracing.js';
import { tracingConfigSchema } from '../../../../../src/router/telemetry/traces/tracing-config.js';

const parse = (raw: unknown) => tracingConfigSchema.parse(raw);
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const LANGFUSE = { LANGFUSE_PUBLIC_KEY: 'pk-lf-1234', LANGFUSE_SECRET_KEY: 'sk-lf-5678' };

describe('createTracing', () => {
  it('null when off: no endpoint, no Langfuse keys, no tracing section', () => {
    expect(createTracing(undefined, {}, quiet)).toBeNull();
    expect(createTracing(parse({ service_name: 'x' }), {}, quiet)).toBeNull();
  });

  it('null with sample_ratio 0 (and says so)', () => {
    const lines: string[] = [];
    const log: Logger = { ...quiet, info: (event) => void lines.push(event) };
    expect(createTracing(parse({ sample_ratio: 0 }), LANGFUSE, log)).toBeNull();
    expect(lines).toEqual(['tracing_off']);
  });

  it('throws the ConfigError of a missing variable at creation, not at the first export', () => {
    expect(() => createTracing(parse({ endpoint: 'http://127.0.0.1:4318/v1/traces', headers_env: { Authorization: 'NOT_SET' } }), {}, quiet)).toThrow(ConfigError);
  });

  it('logs where it exports, without a header value', async () => {
    const lines: Array<[string, Record<string, unknown> | undefined]> = [];
    const log: Logger = { ...quiet, info: (event, fields) => void lines.push([event, fields]) };
    const tracing = createTracing(parse({ endpoint: 'https://otel.example/v1/traces?token=q', headers_env: { Authorization: 'OTLP_AUTH' } }), { OTLP_AUTH: 'Bearer s3cret' }, log);
    expect(tracing).not.toBeNull();
    expect(lines).toEqual([['tracing', { endpoint: 'https://otel.example/v1/traces', via: 'config', service_name: 'ballast', sample_ratio: 1 }]]);
    expect(JSON.stringify(lines)).not.toMatch(/s3cret|Bearer|token=q/);
    await tracing?.shutdown();
  });
});
