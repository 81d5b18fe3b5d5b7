import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { routerSecrets, urlSecrets } from '../../../../src/router/secrets/router-secrets.js';
import { REDACTED, scrub, scrubCredentials, scrubSecrets, scrubbedExcerpt } from '../../../../src/router/secrets/scrub.js';

describe('scrubSecrets: the values it is given', () => {
  it('cuts a secret, its long words and their URL-encoded forms', () => {
    expect(scrubSecrets('auth was Bearer abcdefgh12345 (abcdefgh12345)', ['Bearer abcdefgh12345'])).toBe('auth was [redacted] ([redacted])');
    expect(scrubSecrets('key=a%2Fb%2Fcdef', ['a/b/cdef'])).toBe('key=[redacted]');
    expect(scrubSecrets('nothing here', ['abcdefgh12345'])).toBe('nothing here');
  });

  it('cuts the JSON-escaped and HTML-escaped forms', () => {
    const s = 'tok"en</x>&42';
    expect(scrubSecrets(JSON.stringify({ echo: s }), [s])).toBe(`{"echo":"${REDACTED}"}`);
    expect(scrubSecrets('<p>tok&quot;en&lt;/x&gt;&amp;42</p>', [s])).toBe(`<p>${REDACTED}</p>`);
  });

  it('leaves very short values alone (they would cut ordinary words)', () => {
    expect(scrubSecrets('abc in a sentence', ['abc'])).toBe('abc in a sentence');
  });
});

describe('scrubCredentials: anything shaped like a credential', () => {
  it.each([
    ['Authorization: Bearer 3f9a8b7c6d5e4f3a2b1c', 'Authorization: [redacted]'],
    ['authorization=bearer%20abcdef123456', 'authorization=[redacted]'],
    ['sent header x-api-key: shapelessKEYvalue99', 'sent header x-api-key: [redacted]'],
    ['{"x-api-key":"anything-at-all","model":"m"}', '{"x-api-key":"[redacted]","model":"m"}'],
    ['{"headers":{"Authorization":"Basic dXNlcjpwYXNz"}}', '{"headers":{"Authorization":"[redacted]"}}'],
    ['GET /v1?api_key=zzzz9999&x=1', 'GET /v1?api_key=[redacted]&x=1'],
    ['POST /hook?token=abcdefgh', 'POST /hook?token=[redacted]'],
    ['Incorrect API key provided: sk-proj-abcdEFGH1234', 'Incorrect API key provided: [redacted]'],
    ['key sk-ant-api03-AAAABBBBCCCC in use', 'key [redacted] in use'],
    ['mailgun key-3ax6xnjp29jd6fds4gc373sgvjxteol0', 'mailgun [redacted]'],
    ['token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig', 'token [redacted]'],
    ['proxy said Bearer abc.def.ghi-jkl', 'proxy said [redacted]'],
  ])('%s', (text, expected) => {
    expect(scrubCredentials(text)).toBe(expected);
  });

  it('keeps ordinary provider messages as they are', () => {
    for (const text of [
      'primary 400 invalid_request_error: max_tokens: Input should be an integer >= 1',
      'The model `gpt-4o-mini` does not exist or you do not have access to it.',
      'Rate limit reached for requests (emulated). Please try again later.',
      'key-value pairs are not allowed in a key-management request',
      'secondary 529 overloaded_error: Overloaded',
      'max_tokens: 5 is too small; prompt tokens: 1200',
      `already ${REDACTED} stays ${REDACTED}`,
    ]) {
      expect(scrubCredentials(text)).toBe(text);
    }
  });
});

describe('scrub', () => {
  it('cuts a shapeless configured secret and any credential shape in one pass', () => {
    expect(scrub('echo: plainsecretvalue and sk-live-12345678abcd', ['plainsecretvalue'])).toBe(`echo: ${REDACTED} and ${REDACTED}`);
  });

  it('property: a configured secret written anywhere in a text, in any form, never survives', () => {
    const value = fc.string({ minLength: 6, maxLength: 40 }).filter((s) => s.trim().length >= 6);
    fc.assert(
      fc.property(value, fc.string(), fc.string(), (s, before, after) => {
        for (const text of [`${before}${s}${after}`, JSON.stringify({ v: s }), encodeURIComponent(s)]) expect(scrub(text, [s])).not.toContain(s);
      }),
      { numRuns: 300 },
    );
  });
});

describe('scrubbedExcerpt: redact before truncating', () => {
  it('a secret straddling the cut leaves none of its characters (the alerts.db defect of issue #11)', () => {
    const secret = 'StraddlingSecretValue0123456789';
    for (let at = 280; at <= 300; at++) {
      const body = `${'x'.repeat(at)}${secret} and more`;
      const out = scrubbedExcerpt(body, [secret], 300);
      expect(out.length).toBeLessThanOrEqual(303);
      for (let n = 6; n <= secret.length; n++) expect(out).not.toContain(secret.slice(0, n));
    }
  });

  it('flattens whitespace and marks the cut', () => {
    expect(scrubbedExcerpt('a\n\n  b', [], 10)).toBe('a b');
    expect(scrubbedExcerpt('y'.repeat(20), [], 10)).toBe(`${'y'.repeat(10)}...`);
  });
});

describe('urlSecrets', () => {
  it('a hook URL: the whole, its path and query, each query value and each long segment, longest first', () => {
    const s = urlSecrets('https://hooks.slack.com/services/T0001/B0001/tokentokentoken?sig=abcd1234');
    expect(s[0]).toBe('https://hooks.slack.com/services/T0001/B0001/tokentokentoken?sig=abcd1234');
    expect(s).toEqual(expect.arrayContaining(['/services/T0001/B0001/tokentokentoken?sig=abcd1234', 'tokentokentoken', 'abcd1234', 'services']));
    expect(scrubSecrets('no_service: /services/T0001/B0001/tokentokentoken', s)).toBe('no_service: [redacted]');
    expect(scrubSecrets('bad token tokentokentoken', s)).toBe('bad token [redacted]');
  });
});

describe('routerSecrets', () => {
  it('knows provider and tenant keys, the admin token, notifier secrets, tracing headers and the Langfuse header', () => {
    const config = {
      server: { admin_token_env: 'ADMIN' },
      providers: { p: { api_key_env: 'P_KEY' } },
      tenants: { t: { key_env: 'T_KEY' } },
      alerting: { notifiers: { n: { kind: 'pagerduty', routing_key_env: 'PD' } } },
      tracing: { headers_env: { 'x-otlp': 'OTLP_HDR' } },
    } as never;
    const env = {
      P_KEY: 'provider-key-111111',
      T_KEY: 'tenant-key-222222',
      ADMIN: 'admin-token-333333',
      PD: 'routing-key-444444',
      OTLP_HDR: 'otlp-header-555555',
      LANGFUSE_PUBLIC_KEY: 'pk-lf-666666',
      LANGFUSE_SECRET_KEY: 'sk-lf-777777',
      HOME: '/root',
    };
    const secrets = routerSecrets({ config, env });
    for (const v of Object.values(env).filter((v) => v !== '/root')) expect(secrets).toContain(v);
    expect(secrets).toContain(Buffer.from('pk-lf-666666:sk-lf-777777').toString('base64'));
    expect(secrets).not.toContain('/root');
  });
});
