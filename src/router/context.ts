/**
 * The one object passed down the request path: what was asked, by whom, what was
 * tried, and what came of it. The record step turns it into a ledger row.
 */
import type { ChatCompletion, ChatCompletionChunk, ChatRequest, Usage } from '../core/chat.js';
import type { DeploymentConfig } from './config/schema.js';
import type { Tags } from './request/identify.js';
import type { ProviderErrorCode } from './providers/errors.js';
import type { Reservation } from './budgets/budget-store.js';

export interface AttemptRecord {
  provider: string;
  model: string;
  /** ms from the request's start to this attempt's start */
  startMs: number;
  durationMs: number;
  outcome: 'ok' | ProviderErrorCode;
  status?: number;
  message?: string;
}

/**
 * What came of a request, decided by who failed it, never by its status code:
 * - success: the complete answer reached the client (a cache hit too);
 * - provider_error: every provider tried failed it; stream_error: a provider's stream broke after the first token;
 * - internal_error: ballast failed it (a bug, or a stream its own shutdown cut);
 * - abandoned: the client gave up before the answer began, after waiting at least the latency target (a failure);
 * - cancelled_early: the client gave up before the answer began, sooner than that (counted apart);
 * - client_gone: the client left after its answer began (its choice; counted apart);
 * - client_error: the request was the client's fault (bad input, bad key, refused by a limit; counted apart).
 */
export type Outcome =
  | 'success'
  | 'provider_error'
  | 'stream_error'
  | 'internal_error'
  | 'abandoned'
  | 'cancelled_early'
  | 'client_gone'
  | 'client_error';

export interface RequestContext {
  id: string;
  startedAt: number;
  /** performance.now() at the start, for latencies */
  t0: number;
  /** Aborted when the client disconnects. */
  clientSignal: AbortSignal;
  tags: Tags | null;
  request: ChatRequest | null;
  group: string | null;
  stream: boolean;
  bypass: boolean;
  attempts: AttemptRecord[];
  provider: string | null;
  model: string | null;
  usage: Usage | null;
  /** Part of usage.cacheWriteTokens written with the 1-hour TTL (priced apart). */
  cacheWrite1hTokens: number;
  /** What the answer cost at the serving model's price; 0 for a cache hit. */
  costUsd: number | null;
  /** costUsd was estimated (prompt counted, completion from the text streamed): the provider reported no usage. */
  costEstimated: boolean;
  /** What a cache hit saved (the cost of the answer when it was first made). */
  costSavedUsd: number;
  /** Degradation steps taken, in order: truncated, cheaper-model, cached. */
  degraded: Array<'truncated' | 'cheaper-model' | 'cached'>;
  /** The worst case held against the budgets until the request settles. */
  reservation: Reservation | null;
  /** Router cache result: hit, miss, or null when the cache is off for this request. */
  cache: 'hit' | 'miss' | null;
  /** The request's cache key (tenant-scoped), when the cache is on. */
  cacheKey: string | null;
  /** The client's x-ballast-cache directive. */
  cacheDirective: 'no-store' | 'refresh' | null;
  /** The complete answer, for the write-through (streams assembled). */
  answer: ChatCompletion | null;
  /** The deployment that served and the request it was sent (after the guard's changes). */
  sent: { deployment: DeploymentConfig; request: ChatRequest } | null;
  /** The chunks of a stream written to the client so far: what the provider billed when it reports no usage. */
  streamed: ChatCompletionChunk[];
  /** ms to the first token (streams) */
  ttftMs: number | null;
  latencyMs: number | null;
  outcome: Outcome | null;
  errorCode: string | null;
  status: number | null;
}
