import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { redactConfig, redactUrl } from '../../../../src/router/kit/redact.js';
import { secretEnvNames, secretValues } from '../../../../src/router/secrets/router-secrets.js';
import { REDACTED, looksLikeSecret, scrubSecrets } from '../../../../src/router/secrets/scrub.js';

const alnum = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.split(''));
/** A credential as providers issue them: a known prefix or none, then 20-48 random letters and digits (at least one digit). */
const secret = fc
  .tuple(fc.constantFrom('sk-', 'sk-ant-api03-', 'sk-proj-', 'xoxb-', 'ghp_', 'pk_live_', ''), fc.array(alnum, { minLength: 20, maxLength: 48 }), fc.integer({ min: 0, max: 9 }))
  .map(([prefix, chars, d]) => `${prefix}${chars.join('')}${d}`);

describe('kit redaction', () => {
  it('keeps environment variable names and plain settings', () => {
    const config = {
      providers: { primary: { kind: 'openai', base_url: 'https://api.openai.com/v1', api_key_env: 'OPENAI_API_KEY' } },
      groups: { default: { deployments: [{ provider: 'primary', model: 'claude-3-5-sonnet-20241022' }] } },
      tracing: { endpoint: 'http://127.0.0.1:4318/v1/traces', headers_env: { authorization: 'OTLP_AUTH' } },
      alerting: { notifiers: { hook: { kind: 'slack', url_env: 'ALERT_SLACK_WEBHOOK_URL' } } },
      ledger: { path: '.ballast/ledger.db' },
    };
    expect(redactConfig(config)).toEqual(config);
  });

  it('cuts tenant key hashes, URL credentials and webhook tokens', () => {
    const out = redactConfig({
      tenants: { acme: { key_sha256: 'a'.repeat(64) } },
      providers: { p: { base_url: 'https://user:hunter2pass@proxy.example.com/v1?api_key=abc123def456' } },
      alerting: { notifiers: { s: { kind: 'slack', url: 'https://hooks.slack.com/services/T0001/B0001/XXXXXXXXXXXXXXXXXXXXXXXX' } } },
    });
    expect(out.tenants.acme.key_sha256).toBe(REDACTED);
    expect(out.providers.p.base_url).toBe(`https://proxy.example.com/v1?api_key=${REDACTED}`);
    expect(out.alerting.notifiers.s.url).toBe(`https://hooks.slack.com/${REDACTED}`);
    expect(redactUrl('https://app.example.com/cb#access_token=zzz')).toBe('https://app.example.com/cb');
  });

  it('property: no generated secret survives, wherever it is written in the config', () => {
    fc.assert(
      fc.property(secret, fc.constantFrom('model', 'base_url_query', 'base_url_path', 'userinfo', 'webhook', 'header_name', 'instance', 'key_sha256'), (s, where) => {
        const config: Record<string, unknown> = { providers: { p: { kind: 'openai', base_url: 'https://api.example.com/v1', api_key_env: 'P_KEY' } }, alerting: { instance: 'prod' } };
        const p = (config.providers as Record<string, Record<string, unknown>>).p as Record<string, unknown>;
        if (where === 'model') config.groups = { g: { deployments: [{ provider: 'p', model: s }] } };
        if (where === 'base_url_query') p.base_url = `https://api.example.com/v1?x=${s}`;
        if (where === 'base_url_path') p.base_url = `https://api.example.com/${s}/v1`;
        if (where === 'userinfo') p.base_url = `https://me:${s}@api.example.com/v1`;
        if (where === 'webhook') config.alerting = { notifiers: { w: { kind: 'webhook', url: `https://hooks.example.org/in/${s}` } } };
        if (where === 'header_name') config.tracing = { headers_env: { [s]: 'X_ENV' } };
        if (where === 'instance') (config.alerting as Record<string, unknown>).instance = s;
        if (where === 'key_sha256') config.tenants = { t: { key_sha256: s } };
        const yaml = stringify(redactConfig(config));
        expect(yaml).not.toContain(s);
        expect(yaml).toContain('api_key_env: P_KEY');
      }),
      { numRuns: 500 },
    );
  });

  it('property: the scrub removes every secret value the environment holds, in any encoding', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 6, maxLength: 40 }).filter((s) => s.trim().length >= 6), fc.string(), fc.string(), (value, before, after) => {
        const secrets = secretValues({ MY_KEY: value }, ['MY_KEY']);
        for (const text of [`${before}${value}${after}`, JSON.stringify({ v: value }), encodeURIComponent(value)]) {
          expect(scrubSecrets(text, secrets)).not.toContain(value);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('finds the secret-holding variables a config names, and the token parts of a secret URL', () => {
    const names = secretEnvNames({ providers: { p: { api_key_env: 'A' } }, tenants: { t: { key_env: 'B' } }, tracing: { headers_env: { authorization: 'C' } }, alerting: { notifiers: { n: { url_env: 'D', routing_key_env: 'E' } } } }, ['F']);
    expect(names.sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    const values = secretValues({ D: 'https://hooks.example.net/x/SeCrEtToKeN123456?sig=abcdef123' }, ['D']);
    const scrubbed = scrubSecrets('posted to /x/SeCrEtToKeN123456 with sig abcdef123', values);
    expect(scrubbed).not.toContain('SeCrEtToKeN123456');
    expect(scrubbed).not.toContain('abcdef123');
  });

  it('judges shapes, not words', () => {
    for (const s of ['sk-abcdefgh12345678', 'xoxb-1234-5678-abcdef', 'Bearer abc.def.ghi', 'AKIAABCDEFGHIJKLMNOP', '9f86d081884c7d659a2feaa0c55ad015']) expect(looksLikeSecret(s)).toBe(true);
    for (const s of ['emulated-claude-haiku-4-5', 'gpt-4o-mini', '.ballast/cache.db', 'http://127.0.0.1:4318/v1/traces', 'ballast-prod']) expect(looksLikeSecret(s)).toBe(false);
  });
});
