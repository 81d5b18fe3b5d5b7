/**
 * Tries a plan's deployments in order: a retryable failure is retried on the same
 * provider (retries_in_group times), then the request fails over to the next one.
 * A 429 is waited out only when its retry-after is short; 401/403 fail over at once
 * and cool the provider down; a first-token timeout fails over without a retry, since
 * retrying a stalled provider costs another whole gate.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { DeploymentConfig } from '../config/schema.js';
import type { AttemptRecord, RequestContext } from '../context.js';
import { ProviderError } from '../providers/errors.js';
import type { Cooldowns } from './cooldowns.js';
import { linkedAbort } from './linked-abort.js';
import type { Plan } from './plan.js';

export interface AttemptDeps {
  cooldowns: Cooldowns;
  retryAfterCapMs: number;
  /** Deadline for one attempt, per provider (non-stream: the whole answer). */
  attemptTimeoutMs: (provider: string) => number;
}

/** Every deployment failed; carries what each attempt saw. */
export class AllAttemptsFailed extends Error {
  override readonly name = 'AllAttemptsFailed';
  constructor(readonly attempts: AttemptRecord[]) {
    super('every provider failed');
  }
}

/** The provider rejected the request itself (4xx other than auth and 429): no failover. */
export class RequestRejected extends Error {
  override readonly name = 'RequestRejected';
  constructor(readonly error: ProviderError) {
    super(error.message);
  }
}

export class ClientGone extends Error {
  override readonly name = 'ClientGone';
}

export interface AttemptSuccess<T> {
  value: T;
  deployment: DeploymentConfig;
}

export async function runAttempts<T>(
  ctx: RequestContext,
  plan: Plan,
  deps: AttemptDeps,
  call: (deployment: DeploymentConfig, signal: AbortSignal) => Promise<T>,
): Promise<AttemptSuccess<T>> {
  for (const deployment of plan.deployments) {
    for (let tryNo = 0; tryNo <= plan.retriesInGroup; tryNo++) {
      if (ctx.clientSignal.aborted) throw new ClientGone();
      const attempt = linkedAbort(ctx.clientSignal);
      let deadlineHit = false;
      const deadline = setTimeout(() => {
        deadlineHit = true;
        attempt.abort();
      }, deps.attemptTimeoutMs(deployment.provider));
      const startMs = performance.now();
      const record: AttemptRecord = {
        provider: deployment.provider,
        model: deployment.model,
        startMs: Math.round(startMs - ctx.t0),
        durationMs: 0,
        outcome: 'ok',
      };
      ctx.attempts.push(record);
      try {
        const value = await call(deployment, attempt.signal);
        record.durationMs = Math.round(performance.now() - startMs);
        deps.cooldowns.recordSuccess(deployment.provider);
        return { value, deployment };
      } catch (err) {
        record.durationMs = Math.round(performance.now() - startMs);
        if (ctx.clientSignal.aborted) {
          record.outcome = 'aborted';
          throw new ClientGone();
        }
        attempt.abort(); // free the upstream connection whatever state it is in
        if (!(err instanceof ProviderError) && !deadlineHit) {
          record.outcome = 'bad_request';
          throw err; // not the provider's doing (a request it cannot express): no failover
        }
        const error = toProviderError(err, deployment.provider, deadlineHit, deps.attemptTimeoutMs(deployment.provider));
        record.outcome = error.code;
        record.status = error.status;
        record.message = error.message;
        if (error.code === 'bad_request') throw new RequestRejected(error);
        if (error.code === 'auth') {
          deps.cooldowns.recordAuthFailure(deployment.provider, error.message);
          break;
        }
        if (error.code === 'rate_limited') {
          const wait = error.retryAfterMs;
          if (wait !== undefined && wait <= deps.retryAfterCapMs && tryNo < plan.retriesInGroup) {
            await delay(wait, undefined, { signal: ctx.clientSignal }).catch(() => undefined);
            continue;
          }
          break;
        }
        if (error.retryable) deps.cooldowns.recordFailure(deployment.provider, error.message);
        if (!error.retryable || error.code === 'first_token_timeout') break;
      } finally {
        clearTimeout(deadline);
      }
    }
  }
  throw new AllAttemptsFailed(ctx.attempts);
}

function toProviderError(err: unknown, provider: string, deadlineHit: boolean, timeoutMs: number): ProviderError {
  if (deadlineHit) {
    return new ProviderError({ provider, code: 'timeout', message: `${provider}: no answer within ${timeoutMs} ms`, cause: err });
  }
  if (err instanceof ProviderError) return err;
  return new ProviderError({ provider, code: 'bad_response', message: `${provider}: ${(err as Error)?.message ?? String(err)}`, cause: err });
}
