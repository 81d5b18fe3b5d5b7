/**
 * Tries a plan's deployments in order: a retryable failure is retried on the same
 * provider (retries_in_group times), then the request fails over to the next one.
 * A 429 is waited out only when its retry-after is short. What each failure means
 * (retry, fail over, cool down) is attempt-verdict.ts; this file runs the loop, the
 * deadlines, and says what the request comes to when no deployment answered.
 *
 * A hung provider is a failing provider (issue #12): an attempt that produced nothing
 * within its deadline, or that the client abandoned after waiting past the group's gate,
 * counts toward the provider's cooldown and is not retried on the same provider.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { DeploymentConfig } from '../config/schema.js';
import type { AttemptRecord, RequestContext } from '../context.js';
import { ProviderError } from '../providers/errors.js';
import { attemptVerdict } from './attempt-verdict.js';
import type { Cooldowns } from './cooldowns.js';
import { linkedAbort } from './linked-abort.js';
import type { Plan } from './plan.js';

export interface AttemptDeps {
  cooldowns: Cooldowns;
  retryAfterCapMs: number;
  /** The provider's own deadline for one attempt (non-stream: the whole answer). */
  attemptTimeoutMs: (provider: string) => number;
  /**
   * The group's gate: how long an attempt may produce nothing (streams: no first token,
   * `ttft_timeout_ms`; non-stream: no answer, `answer_timeout_ms`) before it counts as hung.
   */
  gateMs: number;
  /**
   * Non-stream: the gate is also the attempt's deadline while another deployment remains
   * to be tried; the last one standing gets its provider's own deadline, since cutting it
   * would only turn a late answer into none. Streams hold their gate in the call itself
   * (first-token-gate.ts).
   */
  deadlineAtGate: boolean;
}

/** Every deployment failed; carries what each attempt saw. */
export class AllAttemptsFailed extends Error {
  override readonly name = 'AllAttemptsFailed';
  constructor(readonly attempts: AttemptRecord[]) {
    super('every provider failed');
  }
}

/** A deployment's refusal of the request itself: its provider's 400/413/422, or a request its adapter cannot express. */
export interface Rejection {
  provider: string;
  /** A ProviderError (code `bad_request`), or the adapter's own error (code `unsupported_request`). */
  error: ProviderError | UnsupportedRequest;
}

/** An adapter's refusal before any call (e.g. AnthropicConversionError). */
export interface UnsupportedRequest extends Error {
  code: 'unsupported_request';
}

/** Every deployment tried refused the request itself as invalid: the client's to fix, not a provider's failure. */
export class RequestRejected extends Error {
  override readonly name = 'RequestRejected';
  constructor(readonly rejections: readonly Rejection[]) {
    super(rejections.map((r) => r.error.message).join('; '));
  }
}

export class ClientGone extends Error {
  override readonly name = 'ClientGone';
}

/** Where an attempt stands in its plan: the last deployment has nobody to fail over to. */
export interface AttemptPosition {
  last: boolean;
}

export interface AttemptSuccess<T> {
  value: T;
  deployment: DeploymentConfig;
}

export async function runAttempts<T>(
  ctx: RequestContext,
  plan: Plan,
  deps: AttemptDeps,
  call: (deployment: DeploymentConfig, signal: AbortSignal, attempt: AttemptPosition) => Promise<T>,
): Promise<AttemptSuccess<T>> {
  const rejections: Rejection[] = [];
  for (const [index, deployment] of plan.deployments.entries()) {
    const providerMs = deps.attemptTimeoutMs(deployment.provider);
    const gated = deps.deadlineAtGate && index < plan.deployments.length - 1 && deps.gateMs < providerMs;
    const deadlineMs = gated ? deps.gateMs : providerMs;
    for (let tryNo = 0; tryNo <= plan.retriesInGroup; tryNo++) {
      if (ctx.clientSignal.aborted) throw new ClientGone();
      const attempt = linkedAbort(ctx.clientSignal);
      let deadlineHit = false;
      const deadline = setTimeout(() => {
        deadlineHit = true;
        attempt.abort();
      }, deadlineMs);
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
        const value = await call(deployment, attempt.signal, { last: index === plan.deployments.length - 1 });
        record.durationMs = Math.round(performance.now() - startMs);
        deps.cooldowns.recordSuccess(deployment.provider);
        return { value, deployment };
      } catch (err) {
        const elapsedMs = performance.now() - startMs;
        record.durationMs = Math.round(elapsedMs);
        if (ctx.clientSignal.aborted) {
          clientLeft(record, elapsedMs, deps);
          throw new ClientGone();
        }
        attempt.abort(); // free the upstream connection whatever state it is in
        if (!(err instanceof ProviderError) && !deadlineHit) {
          record.outcome = 'bad_request';
          if (!isUnsupported(err)) throw err; // ballast's own failure: not the provider's, not the client's
          rejections.push({ provider: deployment.provider, error: err }); // another provider may express it
          break;
        }
        const error = toProviderError(err, deployment.provider, deadlineHit, deadlineMs, gated);
        record.outcome = error.code;
        record.status = error.status;
        record.message = error.message;
        const verdict = attemptVerdict(error, { retryAfterCapMs: deps.retryAfterCapMs, triesLeft: tryNo < plan.retriesInGroup });
        if (verdict.cooldown === 'count') deps.cooldowns.recordFailure(deployment.provider, error.message);
        if (verdict.cooldown === 'now') deps.cooldowns.recordPersistentFailure(deployment.provider, error.message);
        if (verdict.cooldown === 'hold') deps.cooldowns.hold(deployment.provider, verdict.holdMs ?? 0, error.message);
        if (verdict.rejected) rejections.push({ provider: deployment.provider, error });
        if (verdict.then === 'wait') {
          await delay(verdict.waitMs, undefined, { signal: ctx.clientSignal }).catch(() => undefined);
          continue;
        }
        if (verdict.then === 'next') break;
      } finally {
        clearTimeout(deadline);
      }
    }
  }
  // A client error only when every attempt said the request itself is wrong (issue #12).
  if (rejections.length > 0 && everyDeploymentRejected(ctx.attempts)) {
    const only = rejections.length === 1 ? rejections[0] : undefined;
    if (only !== undefined && !(only.error instanceof ProviderError)) throw only.error;
    throw new RequestRejected(rejections);
  }
  throw new AllAttemptsFailed(ctx.attempts);
}

/**
 * The client went away during an attempt. Its own choice when the attempt was young;
 * but an attempt that had produced nothing for longer than the group's gate is a hung
 * provider the client gave up on, and counts against it (issue #12).
 */
function clientLeft(record: AttemptRecord, elapsedMs: number, deps: AttemptDeps): void {
  if (elapsedMs < deps.gateMs) {
    record.outcome = 'aborted';
    return;
  }
  record.outcome = 'timeout';
  record.message = `${record.provider}: nothing within ${deps.gateMs} ms; the client gave up after ${Math.round(elapsedMs)} ms`;
  deps.cooldowns.recordFailure(record.provider, record.message);
}

/** Each deployment tried (this plan's and any earlier rung's) last answered that the request is invalid. */
function everyDeploymentRejected(attempts: readonly AttemptRecord[]): boolean {
  const last = new Map<string, AttemptRecord['outcome']>();
  for (const a of attempts) last.set(`${a.provider}\u0000${a.model}`, a.outcome);
  return [...last.values()].every((outcome) => outcome === 'bad_request');
}

function isUnsupported(err: unknown): err is UnsupportedRequest {
  return err instanceof Error && (err as { code?: unknown }).code === 'unsupported_request';
}

function toProviderError(err: unknown, provider: string, deadlineHit: boolean, deadlineMs: number, gated: boolean): ProviderError {
  if (deadlineHit) {
    const which = gated ? "the group's answer_timeout_ms" : 'the provider\'s timeout_ms';
    return new ProviderError({ provider, code: 'timeout', message: `${provider}: no answer within ${deadlineMs} ms (${which})`, cause: err });
  }
  if (err instanceof ProviderError) return err;
  return new ProviderError({ provider, code: 'bad_response', message: `${provider}: ${(err as Error)?.message ?? String(err)}`, cause: err });
}
