import { describe, expect, it } from 'vitest';
import { mapAnthropicError } from '../../../../../src/router/providers/anthropic/map-anthropic-error.js';
import { fixtureText } from './fixtures.js';

describe('mapAnthropicError', () => {
  it.each([
    [400, 'error-400-invalid-request.json', 'bad_request', 'invalid_request_error', false],
    [401, 'error-401-authentication.json', 'auth', 'authentication_error', false],
    [403, 'error-403-permission.json', 'auth', 'permission_error', false],
    [429, 'error-429-rate-limit.json', 'rate_limited', 'rate_limit_error', false],
    [500, 'error-500-api.json', 'server_error', 'api_error', true],
    [529, 'error-529-overloaded.json', 'overloaded', 'overloaded_error', true],
  ] as const)('maps %i %s', (status, fixture, code, providerType, retryable) => {
    const body = fixtureText(fixture);
    const error = mapAnthropicError('primary', status, body, {});
    const message = (JSON.parse(body) as { error: { message: string } }).error.message;
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.provider).toBe('primary');
    expect(error.providerType).toBe(providerType);
    expect(error.retryable).toBe(retryable);
    expect(error.retryAfterMs).toBeUndefined();
    // Auth failures never repeat the provider's words: real providers echo part of the key.
    expect(error.message).toBe(
      code === 'auth'
        ? `primary ${status} ${providerType}: the provider rejected the API key (revoked, wrong, or without permission)`
        : `primary ${status} ${providerType}: ${message}`,
    );
  });

  it('does not repeat a key fragment the provider echoed in a 401', () => {
    const body = '{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key sk-ant-...wxyz"}}';
    expect(mapAnthropicError('p', 401, body, {}).message).not.toContain('wxyz');
    expect(mapAnthropicError('p', 401, 'Incorrect key sk-ant-...wxyz', {}).message).not.toContain('wxyz');
  });

  it('reads retry-after on a 429, whatever the header case', () => {
    const body = fixtureText('error-429-rate-limit.json');
    expect(mapAnthropicError('primary', 429, body, { 'retry-after': '12' }).retryAfterMs).toBe(12_000);
    expect(mapAnthropicError('primary', 429, body, { 'Retry-After': ['3'] }).retryAfterMs).toBe(3_000);
  });

  it('says Overloaded like Anthropic: "primary 529 overloaded_error: Overloaded"', () => {
    expect(mapAnthropicError('primary', 529, fixtureText('error-529-overloaded.json'), {}).message).toBe(
      'primary 529 overloaded_error: Overloaded',
    );
  });

  it('treats overloaded_error under another 5xx as overloaded', () => {
    expect(mapAnthropicError('p', 503, fixtureText('error-529-overloaded.json'), {}).code).toBe('overloaded');
  });

  it('maps a non-JSON body by status, with a short excerpt of it', () => {
    const error = mapAnthropicError('primary', 502, fixtureText('error-502-gateway.html'), { 'retry-after': '1' });
    expect(error.code).toBe('server_error');
    expect(error.status).toBe(502);
    expect(error.providerType).toBeUndefined();
    expect(error.retryAfterMs).toBe(1000);
    expect(error.message).toBe(
      'primary 502: <html> <head><title>502 Bad Gateway</title></head> <body> <center><h1>502 Bad Gateway</h1></center> <hr><center>cloudflare</center> </body> </html>',
    );
  });

  it('truncates a long non-JSON body and names an empty one', () => {
    expect(mapAnthropicError('p', 500, 'x'.repeat(1000), {}).message).toBe(`p 500: ${'x'.repeat(200)}...`);
    expect(mapAnthropicError('p', 504, '', {}).message).toBe('p 504: empty response body');
    expect(mapAnthropicError('p', 504, '', {}).code).toBe('server_error');
  });

  it('handles JSON that is not an Anthropic error envelope', () => {
    const error = mapAnthropicError('p', 404, '{"detail":"not here"}', {});
    expect(error.code).toBe('not_found'); // issue #12: a 404 is the provider's (its model), not the request's
    expect(error.message).toBe('p 404: {"detail":"not here"}');
  });

  it('never puts a header value in the message', () => {
    const headers = { 'x-api-key': 'sk-ant-secret', 'request-id': 'req_secret', 'retry-after': '5' };
    const error = mapAnthropicError('primary', 401, fixtureText('error-401-authentication.json'), headers);
    expect(error.message).toMatch(/^primary 401 authentication_error: /);
    expect(error.message).not.toContain('sk-ant-secret');
    expect(error.message).not.toContain('req_secret');
    expect(error.retryAfterMs).toBe(5000);
  });

  // Regression, issue #11 part 6: provider error text was passed through verbatim.
  it.each([400, 404, 422, 500, 529])('provider error text passed through verbatim (issue #11): a %i echoing x-api-key keeps none of it', (status) => {
    const KEY = 'canaryAnthropicKeyNoShape987654321';
    for (const body of [
      JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message: `x-api-key ${KEY} is not allowed here` } }),
      JSON.stringify({ type: 'error', error: { type: KEY, message: 'odd' } }),
      `upstream said: {"x-api-key":"${KEY}"} ${'z'.repeat(180)}`,
    ]) {
      const e = mapAnthropicError('secondary', status, body, {}, [KEY]);
      expect(e.message).not.toContain(KEY.slice(0, 12));
      expect(e.providerType ?? '').not.toContain(KEY.slice(0, 12));
    }
  });
});

