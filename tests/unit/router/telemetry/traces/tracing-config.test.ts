import { describe, expect, it } from 'vitest';
import { tracingConfigSchema } from '../../../../../src/router/telemetry/traces/tracing-config.js';

const parse = (raw: unknown) => tracingConfigSchema.parse(raw);
const problems = (raw: unknown) => tracingConfigSchema.safeParse(raw).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('tracingConfigSchema', () => {
  it('defaults: service ballast, every request sampled, no endpoint', () => {
    expect(parse({})).toEqual({ service_name: 'ballast', sample_ratio: 1 });
    expect(parse({ endpoint: 'http://127.0.0.1:4318/v1/traces', headers_env: { Authorization: 'OTLP_AUTH' }, sample_ratio: 0.25 })).toMatchObject({ sample_ratio: 0.25 });
  });

  it('refuses what cannot work, naming the key', () => {
    expect(problems({ endpoint: 'collector:4318' })).toEqual([expect.stringMatching(/^endpoint: must be the http\(s\) URL of an OTLP\/HTTP traces endpoint/)]);
    expect(problems({ endpoint: 'grpc://127.0.0.1:4317' })[0]).toMatch(/^endpoint: /);
    for (const junk of ['not a url', '', '::']) expect(problems({ endpoint: junk })).toEqual([expect.stringMatching(/^endpoint: must be the http\(s\) URL/)]);
    expect(problems({ endpoint: 'http://127.0.0.1:4318' })).toEqual([expect.stringMatching(/^endpoint: is a collector base URL; give the traces endpoint itself/)]);
    expect(problems({ endpoint: 'https://user:pw@otel.example/v1/traces' })).toEqual([expect.stringMatching(/^endpoint: must not carry credentials/)]);
    expect(problems({ sample_ratio: 1.5 })[0]).toMatch(/^sample_ratio: /);
    expect(problems({ sample_ratio: -0.1 })[0]).toMatch(/^sample_ratio: /);
    expect(problems({ headers_env: { 'Bad Header': 'OTLP_AUTH' } })).toEqual(['headers_env.Bad Header: must be an HTTP header name such as Authorization']);
    expect(problems({ headers_env: { Authorization: 'Bearer abc' } })[0]).toMatch(/^headers_env\.Authorization: must be an environment variable name/);
    expect(problems({ service_name: '' })[0]).toMatch(/^service_name: /);
    expect(problems({ endpoint: 'http://127.0.0.1:4318/v1/traces', token: 'abc' })[0]).toMatch(/token/);
  });
});
