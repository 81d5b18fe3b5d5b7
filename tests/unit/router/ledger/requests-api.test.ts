import { describe, expect, it } from 'vitest';
import { parseRequestsQuery } from '../../../../src/router/api/requests.js';
import { encodeCursor } from '../../../../src/router/ledger/queries.js';

const ok = (url: string) => {
  const r = parseRequestsQuery(url);
  if ('error' in r) throw new Error(r.error.message);
  return r.options;
};
const bad = (url: string) => {
  const r = parseRequestsQuery(url);
  if (!('error' in r)) throw new Error(`expected ${url} to be refused`);
  return r.error;
};

describe('GET /api/requests parameters', () => {
  it('reads every parameter', () => {
    const c = encodeCursor(42);
    expect(ok(`/api/requests?limit=20&cursor=${c}&tenant=acme&feature=chat&provider=primary&outcome=stream_error`)).toEqual({
      limit: 20,
      before: c,
      tenant: 'acme',
      feature: 'chat',
      provider: 'primary',
      outcome: 'stream_error',
    });
    expect(ok('/api/requests')).toEqual({});
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=-1', 'limit'],
    ['limit=2.5', 'limit'],
    ['cursor=nope', 'cursor'],
    ['tenant=', 'tenant'],
    ['feature=has%20space', 'feature'],
    ['provider=Primary', 'provider'],
    ['outcome=ok', 'outcome'],
    ['tenat=acme', 'tenat'],
    ['limit=5&limit=6', 'limit'],
  ])('%s -> 400 naming %s', (query, param) => {
    const e = bad(`/api/requests?${query}`);
    expect(e.status).toBe(400);
    expect(e.param).toBe(param);
    expect(e.toEnvelope('').error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_parameter', param });
  });

  it('messages say what to send', () => {
    expect(bad('/api/requests?outcome=ok').message).toBe('outcome must be one of success, provider_error, stream_error, internal_error, abandoned, cancelled_early, client_gone, client_error.');
    expect(bad('/api/requests?limit=900').message).toMatch(/1 to 500/);
  });
});
