import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../../src/router/config/load.js';
import { resolveExportTarget } from '../../../../../src/router/telemetry/traces/resolve-export-target.js';
import { tracingConfigSchema } from '../../../../../src/router/telemetry/traces/tracing-config.js';

const parse = (raw: unknown) => tracingConfigSchema.parse(raw);
const LANGFUSE = { LANGFUSE_PUBLIC_KEY: 'pk-lf-1234', LANGFUSE_SECRET_KEY: 'sk-lf-5678' };
const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('resolveExportTarget', () => {
  it('off without an endpoint and without Langfuse keys', () => {
    expect(resolveExportTarget(parse({}), {})).toBeNull();
  });

  it('a configured endpoint, with header values read from the environment', () => {
    const target = resolveExportTarget(parse({ endpoint: 'https://otel.example.com/v1/traces', headers_env: { Authorization: 'OTLP_AUTH', 'x-tenant': 'OTLP_TENANT' } }), {
      OTLP_AUTH: 'Bearer s3cret',
      OTLP_TENANT: 'ops',
    });
    expect(target).toEqual({ url: 'https://otel.example.com/v1/traces', headers: { Authorization: 'Bearer s3cret', 'x-tenant': 'ops' }, source: 'config' });
  });

  it('a header whose variable is unset or holds a line break is a ConfigError naming the key, never the value', () => {
    const err = configError(() =>
      resolveExportTarget(parse({ endpoint: 'https://otel.example.com/v1/traces', headers_env: { Authorization: 'OTLP_AUTH', 'x-key': 'OTLP_KEY' } }), { OTLP_KEY: 'abc\r\nx-injected: s3cret' }),
    );
    expect(err.problems).toEqual([
      'tracing.headers_env.Authorization: OTLP_AUTH is not set; export it, or remove the header',
      'tracing.headers_env.x-key: OTLP_KEY holds characters an HTTP header cannot carry (a line break?)',
    ]);
    expect(err.message).not.toContain('s3cret');
  });

  it('the Langfuse shortcut: both keys set, no endpoint -> Langfuse Cloud with Basic auth', () => {
    expect(resolveExportTarget(parse({}), LANGFUSE)).toEqual({
      url: 'https://cloud.langfuse.com/api/public/otel/v1/traces',
      headers: { Authorization: basic('pk-lf-1234', 'sk-lf-5678'), 'x-langfuse-ingestion-version': '4' },
      source: 'langfuse',
    });
    expect(basic('pk-lf-1234', 'sk-lf-5678')).toBe('Basic cGstbGYtMTIzNDpzay1sZi01Njc4');
  });

  it('LANGFUSE_BASE_URL (or LANGFUSE_HOST) picks the region or a self-hosted Langfuse; a trailing slash is fine', () => {
    expect(resolveExportTarget(parse({}), { ...LANGFUSE, LANGFUSE_BASE_URL: 'https://us.cloud.langfuse.com/' })?.url).toBe('https://us.cloud.langfuse.com/api/public/otel/v1/traces');
    expect(resolveExportTarget(parse({}), { ...LANGFUSE, LANGFUSE_HOST: 'http://127.0.0.1:3000' })?.url).toBe('http://127.0.0.1:3000/api/public/otel/v1/traces');
    expect(resolveExportTarget(parse({}), { ...LANGFUSE, LANGFUSE_BASE_URL: 'http://langfuse.internal:3000', LANGFUSE_HOST: 'https://ignored.example' })?.url).toBe(
      'http://langfuse.internal:3000/api/public/otel/v1/traces',
    );
  });

  it('extra headers_env headers travel with the Langfuse ones', () => {
    const target = resolveExportTarget(parse({ headers_env: { 'x-proxy-key': 'PROXY_KEY' } }), { ...LANGFUSE, PROXY_KEY: 'p' });
    expect(target?.headers).toEqual({ Authorization: basic('pk-lf-1234', 'sk-lf-5678'), 'x-langfuse-ingestion-version': '4', 'x-proxy-key': 'p' });
  });

  it('a configured endpoint wins over the Langfuse keys', () => {
    const target = resolveExportTarget(parse({ endpoint: 'http://127.0.0.1:4318/v1/traces' }), LANGFUSE);
    expect(target).toEqual({ url: 'http://127.0.0.1:4318/v1/traces', headers: {}, source: 'config' });
  });

  it('half a Langfuse setup, or a bad base URL, is a ConfigError without the key', () => {
    expect(configError(() => resolveExportTarget(parse({}), { LANGFUSE_PUBLIC_KEY: 'pk-lf-1234' })).problems).toEqual([
      'LANGFUSE_SECRET_KEY is not set: tracing to Langfuse needs both LANGFUSE_PUBLIC_KEY and LANGFUSE_SECRET_KEY; export it, or unset the other',
    ]);
    expect(configError(() => resolveExportTarget(parse({}), { LANGFUSE_SECRET_KEY: 'sk-lf-5678' })).problems[0]).toMatch(/^LANGFUSE_PUBLIC_KEY is not set/);
    const bad = configError(() => resolveExportTarget(parse({}), { ...LANGFUSE, LANGFUSE_BASE_URL: 'cloud.langfuse.com' }));
    expect(bad.problems).toEqual([expect.stringMatching(/^LANGFUSE_BASE_URL: must be the http\(s\) URL of your Langfuse/)]);
    const withCredentials = configError(() => resolveExportTarget(parse({}), { ...LANGFUSE, LANGFUSE_BASE_URL: 'https://user:pw@langfuse.example?token=q' }));
    expect(withCredentials.problems[0]).toMatch(/^LANGFUSE_BASE_URL: .*without credentials or query/);
    expect(withCredentials.message).not.toMatch(/pw@|token=q/);
    const broken = configError(() => resolveExportTarget(parse({}), { LANGFUSE_PUBLIC_KEY: 'pk-lf-1234\n', LANGFUSE_SECRET_KEY: 'sk-lf-5678' }));
    for (const e of [bad, broken]) {
      expect(e.message).not.toContain('pk-lf-1234');
      expect(e.message).not.toContain('sk-lf-5678');
    }
  });
});
