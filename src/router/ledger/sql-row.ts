/**
 * LedgerRow <-> the requests table's columns: booleans as 0/1, lists as text.
 */
import type { Outcome } from '../context.js';
import type { AttemptSummary, DegradationStep, LedgerRow } from './row.js';

export const ROW_COLUMNS = [
  'request_id', 'time', 'tenant', 'feature', 'prompt_version', 'model_group', 'provider', 'model',
  'attempts', 'failover', 'attempts_detail', 'bypass', 'cache', 'degraded',
  'tokens_in', 'tokens_out', 'cache_read_tokens', 'cache_write_tokens', 'cost_usd', 'cost_saved_usd',
  'latency_ms', 'ttft_ms', 'stream', 'outcome', 'error_code', 'status', 'eligible',
  'cost_estimated', 'origin_provider',
] as const satisfies ReadonlyArray<keyof LedgerRow>;

export type SqlValue = string | number | null;

/** The row as one positional parameter list, in ROW_COLUMNS order. */
export function toSqlParams(r: LedgerRow): SqlValue[] {
  return [
    r.request_id, r.time, r.tenant, r.feature, r.prompt_version, r.model_group, r.provider, r.model,
    r.attempts, r.failover ? 1 : 0, JSON.stringify(r.attempts_detail), r.bypass ? 1 : 0, r.cache,
    r.degraded.length === 0 ? null : r.degraded.join(','),
    r.tokens_in, r.tokens_out, r.cache_read_tokens, r.cache_write_tokens, r.cost_usd, r.cost_saved_usd,
    r.latency_ms, r.ttft_ms, r.stream ? 1 : 0, r.outcome, r.error_code, r.status, r.eligible ? 1 : 0,
    r.cost_estimated ? 1 : 0, r.origin_provider,
  ];
}

/** A SELECT result (named columns) back into a LedgerRow. */
export function fromSqlRow(s: Record<string, SqlValue>): LedgerRow {
  const str = (k: string) => s[k] as string | null;
  const num = (k: string) => s[k] as number | null;
  return {
    request_id: s.request_id as string,
    time: s.time as number,
    tenant: str('tenant'),
    feature: str('feature'),
    prompt_version: str('prompt_version'),
    model_group: str('model_group'),
    provider: str('provider'),
    model: str('model'),
    attempts: s.attempts as number,
    failover: s.failover === 1,
    attempts_detail: JSON.parse(s.attempts_detail as string) as AttemptSummary[],
    bypass: s.bypass === 1,
    cache: str('cache') as LedgerRow['cache'],
    degraded: s.degraded ? ((s.degraded as string).split(',') as DegradationStep[]) : [],
    tokens_in: num('tokens_in'),
    tokens_out: num('tokens_out'),
    cache_read_tokens: num('cache_read_tokens'),
    cache_write_tokens: num('cache_write_tokens'),
    cost_usd: num('cost_usd'),
    cost_saved_usd: s.cost_saved_usd as number,
    latency_ms: num('latency_ms'),
    ttft_ms: num('ttft_ms'),
    stream: s.stream === 1,
    outcome: s.outcome as Outcome,
    error_code: str('error_code'),
    status: num('status'),
    eligible: s.eligible === 1,
    cost_estimated: s.cost_estimated === 1,
    origin_provider: str('origin_provider'),
  };
}
