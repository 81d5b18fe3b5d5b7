import { describe, expect, it } from 'vitest';
import { mapOpenAIError } from '../../../../../src/router/providers/openai/map-openai-error.js';

const envelope = (message: string, type: string, code: string | null) => JSON.stringify({ error: { message, type, param: null, code } });

describe('mapOpenAIError', () => {
  it('maps statuses to stable codes, keeping the provider error code', () => {
    expect(mapOpenAIError('p', 500, envelope('boom', 'server_error', null), {})).toMatchObject({ code: 'server_error', retryable: true, providerType: 'server_error' });
    expect(mapOpenAIError('p', 503, envelope('The engine is currently overloaded', 'server_error', null), {}).code).toBe('overloaded');
    expect(mapOpenAIError('p', 400, envelope('bad', 'invalid_request_error', 'invalid_value'), {})).toMatchObject({ code: 'bad_request', retryable: false });
    expect(mapOpenAIError('p', 408, '', {}).code).toBe('timeout');
  });

  it('reads retry-after and retry-after-ms on a 429', () => {
    const body = envelope('Rate limit reached', 'requests', 'rate_limit_exceeded');
    expect(mapOpenAIError('p', 429, body, { 'retry-after': '2' })).toMatchObject({ code: 'rate_limited', retryAfterMs: 2000 });
    expect(mapOpenAIError('p', 429, body, { 'retry-after-ms': '150' }).retryAfterMs).toBe(150);
  });

  it('never repeats the key fragment OpenAI echoes in a 401', () => {
    const body = envelope('Incorrect API key provided: sk-proj-****************wxyz. You can find your API key at ...', 'invalid_request_error', 'invalid_api_key');
    const e = mapOpenAIError('primary', 401, body, {});
    expect(e.code).toBe('auth');
    expect(e.message).not.toContain('wxyz');
    expect(e.message).toBe('primary 401 invalid_api_key: the provider rejected the API key (revoked, wrong, or without permission)');
  });

  it('copes with a body that is not JSON', () => {
    expect(mapOpenAIError('p', 502, '<html>Bad Gateway</html>', {}).message).toBe('p 502: <html>Bad Gateway</html>');
  });

  // Regression, issue #11 part 6: only 401/403 were sanitized; an upstream that echoed
  // the Authorization header in any other status put the whole key in tenant answers.
  describe('provider error text passed through verbatim (issue #11)', () => {
    const KEY = 'canaryOpenAIKeyNoShape0123456789';
    it.each([400, 404, 422, 500, 502, 503])('a %i that echoes the key, whole or escaped, keeps none of it', (status) => {
      for (const body of [
        envelope(`bad header Authorization: Bearer ${KEY}`, 'invalid_request_error', null),
        envelope(`you sent ${KEY}`, 'invalid_request_error', KEY),
        `{"error":{"message":"echo \\u0063${KEY.slice(1)}","type":"x"}}`,
        `<html>proxy error, request headers: authorization=Bearer ${KEY}</html>`,
        `${'x'.repeat(290)} ${KEY}`,
      ]) {
        const e = mapOpenAIError('primary', status, body, {}, [KEY]);
        expect(e.message).not.toContain(KEY.slice(0, 12));
        expect(e.providerType ?? '').not.toContain(KEY.slice(0, 12));
        expect(e.status).toBe(status);
      }
    });

    it('cuts credential shapes even without the key list, and caps the message', () => {
      const e = mapOpenAIError('p', 400, envelope(`x-api-key: whatever-it-is and sk-proj-abcdef123456 ${'y'.repeat(2000)}`, 'invalid_request_error', null), {});
      expect(e.message).toContain('x-api-key: [redacted]');
      expect(e.message).not.toContain('sk-proj');
      expect(e.message.length).toBeLessThan(400);
    });
  });
});

