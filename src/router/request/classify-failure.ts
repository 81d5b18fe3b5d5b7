/**
 * Who failed a request, decided from what went wrong and when, never from the status
 * code: a 500 of ours is not a provider's failure, and a client that left is not a
 * success. One function, so the ledger, /metrics and the alerts agree.
 */
import type { Outcome, RequestContext } from '../context.js';
import { BallastError } from '../http/errors.js';
import { toBallastError } from '../http/respond.js';
import { AllAttemptsFailed, ClientGone } from '../routing/run-attempts.js';

export interface Failure {
  outcome: Outcome;
  /** What to answer; null when nobody is left to answer. */
  error: BallastError | null;
  /** Only ballast's own bugs are logged with their stack. */
  logStack: boolean;
}

export interface FailureContext {
  /** ms the client had waited when it failed. */
  waitedMs: number;
  /** Whether any of the answer (headers of a stream, a first token) had reached the client. */
  answerBegun: boolean;
  /** The latency SLO target: a client that waited this long and left felt a failure. */
  latencyTargetMs: number;
  /** ballast itself is cutting connections (the end of a shutdown drain). */
  cutting: boolean;
}

export function classifyFailure(err: unknown, ctx: Pick<RequestContext, 'group'>, f: FailureContext): Failure {
  if (err instanceof ClientGone || (err as { code?: unknown })?.code === 'ECONNRESET') {
    if (f.cutting) return { outcome: 'internal_error', error: shutdownCut(), logStack: false };
    if (f.answerBegun) return { outcome: 'client_gone', error: null, logStack: false };
    if (ctx.group === null) return { outcome: 'client_error', error: null, logStack: false }; // left during its own upload
    return { outcome: f.waitedMs >= f.latencyTargetMs ? 'abandoned' : 'cancelled_early', error: null, logStack: false };
  }
  const error = toBallastError(err) as BallastError;
  if (err instanceof AllAttemptsFailed) return { outcome: 'provider_error', error, logStack: false };
  if (error.code === 'internal_error') return { outcome: 'internal_error', error, logStack: true };
  // ballast's own refusals: 4xx are the client's, 5xx (a store it could not open) are ours
  return { outcome: error.status >= 500 ? 'internal_error' : 'client_error', error, logStack: false };
}

function shutdownCut(): BallastError {
  return new BallastError(503, 'server_error', 'shutdown_cut', 'ballast was shutting down and cut this request at the end of its drain; retry it.');
}
