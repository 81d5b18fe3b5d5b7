import { describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../../src/router/context.js';
import { isEligible, toLedgerRow } from '../../../../src/router/ledger/row.js';
import { fromSqlRow, ROW_COLUMNS, toSqlParams } from '../../../../src/router/ledger/sql-row.js';
import { finishedContext } from './context-fixture.js';

describe('toLedgerRow', () => {
  it('maps every field of a failed-over, degraded, streamed success', () => {
    const ctx = finishedContext({
      id: 'req_abc',
      startedAt: 1_700_000_123_456,
      stream: true,
      bypass: true,
      attempts: [
        { provider: 'primary', model: 'gpt-4o-mini', startMs: 0, durationMs: 2000.4, outcome: 'first_token_timeout', message: 'no token in 2000 ms' },
        { provider: 'secondary', model: 'claude-haiku-4-5', startMs: 2001, durationMs: 350.6, outcome: 'ok', status: 200 },
      ],
      provider: 'secondary',
      model: 'claude-haiku-4-5',
      usage: { inputTokens: 10, outputTokens: 20, cacheReadTokens: 30, cacheWriteTokens: 40 },
      costUsd: 0.0042,
      costSavedUsd: 0.001,
      degraded: ['truncated', 'cheaper-model'],
      cache: 'miss',
      ttftMs: 2351.119,
      latencyMs: 2351.119,
      status: 200,
    });
    expect(toLedgerRow(ctx)).toEqual({
      request_id: 'req_abc',
      time: 1_700_000_123_456,
      tenant: 'acme',
      feature: 'chat',
      prompt_version: 'v3',
      model_group: 'default',
      provider: 'secondary',
      origin_provider: null,
      model: 'claude-haiku-4-5',
      attempts: 2,
      failover: true,
      attempts_detail: [
        { provider: 'primary', outcome: 'first_token_timeout', status: null, duration_ms: 2000 },
        { provider: 'secondary', outcome: 'ok', status: 200, duration_ms: 351 },
      ],
      bypass: true,
      cache: 'miss',
      degraded: ['truncated', 'cheaper-model'],
      tokens_in: 10,
      tokens_out: 20,
      cache_read_tokens: 30,
      cache_write_tokens: 40,
      cost_usd: 0.0042,
      cost_estimated: false,
      cost_saved_usd: 0.001,
      latency_ms: 2351.12,
      ttft_ms: 2351.12,
      stream: true,
      outcome: 'success',
      error_code: null,
      status: 200,
      eligible: true,
    });
  });

  it('a retry on the same provider is not a failover', () => {
    const row = toLedgerRow(
      finishedContext({
        attempts: [
          { provider: 'primary', model: 'm', startMs: 0, durationMs: 10, outcome: 'server_error', status: 500 },
          { provider: 'primary', model: 'm', startMs: 11, durationMs: 10, outcome: 'ok', status: 200 },
        ],
      }),
    );
    expect(row.attempts).toBe(2);
    expect(row.failover).toBe(false);
  });

  it('all providers failed: no provider, failover true, provider_error, eligible', () => {
    const row = toLedgerRow(
      finishedContext({
        attempts: [
          { provider: 'primary', model: 'm', startMs: 0, durationMs: 10, outcome: 'server_error', status: 503 },
          { provider: 'secondary', model: 'n', startMs: 11, durationMs: 12, outcome: 'overloaded', status: 529 },
        ],
        provider: null,
        model: null,
        usage: null,
        costUsd: null,
        outcome: 'provider_error',
        errorCode: 'all_providers_failed',
        status: 503,
      }),
    );
    expect(row).toMatchObject({ provider: null, failover: true, outcome: 'provider_error', error_code: 'all_providers_failed', status: 503, eligible: true });
    expect(row).toMatchObject({ tokens_in: null, tokens_out: null, cache_read_tokens: null, cache_write_tokens: null, cost_usd: null });
  });

  it('a request refused before its key was read is tenant and feature "unknown" (issue #12: filters can select it), not eligible', () => {
    const row = toLedgerRow(finishedContext({ tags: null, request: null, group: null, attempts: [], provider: null, model: null, usage: null, outcome: 'client_error', errorCode: 'invalid_api_key', status: 401 }));
    expect(row).toMatchObject({ tenant: 'unknown', feature: 'unknown', prompt_version: null, model_group: null, attempts: 0, failover: false, eligible: false });
  });

  it('a context without an outcome counts as ballast\'s own failure, never as a silent success nor a provider\'s', () => {
    const row = toLedgerRow(finishedContext({ outcome: null }));
    expect(row).toMatchObject({ outcome: 'internal_error', eligible: true });
  });

  it('a cache hit is served by provider "cache", the provider that made the answer kept as its origin (issue #12)', () => {
    const row = toLedgerRow(finishedContext({ cache: 'hit', provider: 'primary', costUsd: 0, costSavedUsd: 0.002 }));
    expect(row).toMatchObject({ provider: 'cache', origin_provider: 'primary', cache: 'hit' });
  });
});

describe('isEligible: reached routing, and not the client\'s doing', () => {
  it.each([
    ['default', 'success', true],
    ['default', 'provider_error', true],
    ['default', 'stream_error', true],
    ['default', 'internal_error', true],
    ['default', 'abandoned', true],
    ['default', 'cancelled_early', false],
    ['default', 'client_error', false],
    ['default', 'client_gone', false],
    [null, 'client_error', false],
    [null, 'provider_error', false],
    [null, 'internal_error', true],
  ] as const)('group %s, outcome %s -> %s', (group, outcome, eligible) => {
    expect(isEligible(group, outcome)).toBe(eligible);
  });
});

describe('no secret can reach a row', () => {
  it('copies explicit fields only: keys, prompts, headers and provider messages stay out', () => {
    const secret = 'sk-live-SECRET-0123456789';
    const ctx = finishedContext({
      request: { model: 'default', messages: [{ role: 'user', content: `my key is ${secret}` }], user: secret } as RequestContext['request'],
      attempts: [{ provider: 'primary', model: 'm', startMs: 0, durationMs: 5, outcome: 'auth', status: 401, message: `Incorrect API key provided: ${secret}` }],
      errorCode: 'all_providers_failed',
    });
    // Whatever else a future context might carry (headers, keys, env) is never read.
    Object.assign(ctx, { headers: { authorization: `Bearer ${secret}` }, apiKey: secret, env: { OPENAI_API_KEY: secret } });
    const row = toLedgerRow(ctx);
    expect(JSON.stringify(row)).not.toContain('SECRET');
    expect(JSON.stringify(toSqlParams(row))).not.toContain('SECRET');
    expect(Object.keys(row).sort()).toEqual([...ROW_COLUMNS].sort());
    expect(Object.keys(row.attempts_detail[0] ?? {}).sort()).toEqual(['duration_ms', 'outcome', 'provider', 'status']);
  });
});

describe('sql row mapping', () => {
  it('round-trips through the column form', () => {
    const row = toLedgerRow(finishedContext({ degraded: ['cached'], cache: 'hit', bypass: true, stream: true }));
    const params = toSqlParams(row);
    const named = Object.fromEntries(ROW_COLUMNS.map((c, i) => [c, params[i] ?? null]));
    expect(fromSqlRow(named)).toEqual(row);
  });
});
