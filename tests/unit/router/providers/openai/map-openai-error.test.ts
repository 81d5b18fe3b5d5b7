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
});
