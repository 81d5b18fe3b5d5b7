/**
 * runAttempts with scripted providers and fake timers: deadlines, the hung-provider
 * rule and the 4xx rules of issue #12, without a network.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeploymentConfig } from '../../../../src/router/config/schema.js';
import type { RequestContext } from '../../../../src/router/context.js';
import { toBallastError } from '../../../../src/router/http/respond.js';
import { ProviderError, codeForStatus } from '../../../../src/router/providers/errors.js';
import { AnthropicConversionError } from '../../../../src/router/providers/anthropic/anthropic-conversion-error.js';
import { Cooldowns } from '../../../../src/router/routing/cooldowns.js';
import type { Plan } from '../../../../src/router/routing/plan.js';
import { AllAttemptsFailed, ClientGone, RequestRejected, runAttempts, type AttemptDeps } from '../../../../src/router/routing/run-attempts.js';

const PRIMARY: DeploymentConfig = { provider: 'primary', model: 'm1', weight: 9 };
const SECONDARY: DeploymentConfig = { provider: 'secondary', model: 'm2', weight: 1 };
const PROVIDER_TIMEOUT_MS = 60_000;
const ANSWER_TIMEOUT_MS = 5_000;

type Script = (signal: AbortSignal) => Promise<string>;

/** Never answers; rejects the way the transport does when its signal aborts. */
const hang =
  (provider: string): Script =>
  (signal) =>
    new Promise((_, reject) => {
      signal.addEventListener('abort', () => reject(new ProviderError({ provider, code: 'aborted', message: `${provider}: call cancelled` })), { once: true });
    });
const answer = (text: string): Script => async () => text;
const status = (provider: string, code: number): Script => async () => {
  throw new ProviderError({ provider, code: codeForStatus(code), status: code, message: `${provider} ${code}: said no` });
};

let now = 0;
let cooldowns: Cooldowns;
let client: AbortController;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  now = 1_000_000;
  cooldowns = new Cooldowns({ failures: 3, window_ms: 60_000, cooldown_ms: 30_000, auth_cooldown_ms: 300_000 }, () => now);
  client = new AbortController();
});
afterEach(() => {
  vi.useRealTimers();
});

function context(): RequestContext {
  return { t0: performance.now(), clientSignal: client.signal, attempts: [] } as unknown as RequestContext;
}

function deps(over: Partial<AttemptDeps> = {}): AttemptDeps {
  return {
    cooldowns,
    retryAfterCapMs: 1000,
    attemptTimeoutMs: () => PROVIDER_TIMEOUT_MS,
    gateMs: ANSWER_TIMEOUT_MS,
    deadlineAtGate: true,
    ...over,
  };
}

const plan = (...deployments: DeploymentConfig[]): Plan => ({ deployments, retriesInGroup: 1, mode: 'ordered' });

/** Runs the attempts with one script queue per provider; counts the calls. */
function run(ctx: RequestContext, p: Plan, scripts: Record<string, Script[]>, d: AttemptDeps = deps()) {
  const calls: Record<string, number> = {};
  const promise = runAttempts(ctx, p, d, (deployment, signal) => {
    calls[deployment.provider] = (calls[deployment.provider] ?? 0) + 1;
    const queue = scripts[deployment.provider] ?? [];
    const script = queue.length > 1 ? queue.shift()! : queue[0]!;
    return script(signal);
  });
  promise.catch(() => undefined); // inspected by the test
  return { promise, calls };
}

const outcomes = (ctx: RequestContext) => ctx.attempts.map((a) => `${a.provider}:${a.outcome}`);

describe('a hung provider is a failing provider (non-stream answer deadline)', () => {
  it('fails over at answer_timeout_ms, without the in-group retry, and counts toward the cooldown', async () => {
    const ctx = context();
    const { promise, calls } = run(ctx, plan(PRIMARY, SECONDARY), { primary: [hang('primary')], secondary: [answer('ok')] });
    await vi.advanceTimersByTimeAsync(ANSWER_TIMEOUT_MS - 1);
    expect(calls).toEqual({ primary: 1 });
    await vi.advanceTimersByTimeAsync(1);
    await expect(promise).resolves.toMatchObject({ value: 'ok', deployment: SECONDARY });
    expect(calls).toEqual({ primary: 1, secondary: 1 });
    expect(outcomes(ctx)).toEqual(['primary:timeout', 'secondary:ok']);
    expect(ctx.attempts[0]?.message).toMatch(/no answer within 5000 ms \(the group's answer_timeout_ms\)/);
    expect(cooldowns.state('primary').recentFailures).toBe(1);
  });

  it('three hung requests take the provider out of rotation', async () => {
    for (let i = 0; i < 3; i++) {
      const { promise } = run(context(), plan(PRIMARY, SECONDARY), { primary: [hang('primary')], secondary: [answer('ok')] });
      await vi.advanceTimersByTimeAsync(ANSWER_TIMEOUT_MS);
      await promise;
    }
    expect(cooldowns.isCoolingDown('primary')).toBe(true);
    expect(cooldowns.state('primary').reason).toMatch(/no answer within 5000 ms/);
  });

  it('the last deployment standing is waited for up to its provider timeout, not cut at the gate', async () => {
    const ctx = context();
    const slow: Script = (signal) => new Promise((resolve, reject) => {
      const t = setTimeout(() => resolve('late but whole'), 8_000);
      signal.addEventListener('abort', () => (clearTimeout(t), reject(new ProviderError({ provider: 'secondary', code: 'aborted', message: 'x' }))), { once: true });
    });
    const { promise } = run(ctx, plan(PRIMARY, SECONDARY), { primary: [hang('primary')], secondary: [slow] });
    await vi.advanceTimersByTimeAsync(ANSWER_TIMEOUT_MS + 8_000);
    await expect(promise).resolves.toMatchObject({ value: 'late but whole' });
    expect(outcomes(ctx)).toEqual(['primary:timeout', 'secondary:ok']);
  });

  it('a provider timeout on the last deployment is not retried either', async () => {
    const ctx = context();
    const { promise, calls } = run(ctx, plan(PRIMARY), { primary: [hang('primary')] });
    await vi.advanceTimersByTimeAsync(PROVIDER_TIMEOUT_MS);
    await expect(promise).rejects.toBeInstanceOf(AllAttemptsFailed);
    expect(calls).toEqual({ primary: 1 });
    expect(ctx.attempts[0]?.message).toMatch(/no answer within 60000 ms \(the provider's timeout_ms\)/);
  });

  it('a provider timeout shorter than the gate stays the deadline', async () => {
    const ctx = context();
    const { promise } = run(ctx, plan(PRIMARY, SECONDARY), { primary: [hang('primary')], secondary: [answer('ok')] }, deps({ attemptTimeoutMs: () => 1_000 }));
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(promise).resolves.toMatchObject({ value: 'ok' });
    expect(ctx.attempts[0]?.durationMs).toBe(1_000);
  });

  it('a 408 from the provider is still retried in group like a 5xx', async () => {
    const ctx = context();
    const { promise, calls } = run(ctx, plan(PRIMARY, SECONDARY), { primary: [status('primary', 408), answer('second try')] });
    await expect(promise).resolves.toMatchObject({ value: 'second try' });
    expect(calls).toEqual({ primary: 2 });
  });

  it('streams: the gate is held by the call, runAttempts keeps the provider deadline', async () => {
    const ctx = context();
    const { promise, calls } = run(ctx, plan(PRIMARY, SECONDARY), { primary: [hang('primary')], secondary: [answer('ok')] }, deps({ gateMs: 2_000, deadlineAtGate: false }));
    await vi.advanceTimersByTimeAsync(30_000);
    expect(calls).toEqual({ primary: 1 });
    await vi.advanceTimersByTimeAsync(30_000);
    await expect(promise).resolves.toMatchObject({ value: 'ok' });
  });
});

describe('a client that gives up', () => {
  it('after waiting past the gate: the hung provider is charged a failure', async () => {
    const ctx = context();
    const { promise } = run(ctx, plan(PRIMARY), { primary: [hang('primary')] });
    await vi.advanceTimersByTimeAsync(ANSWER_TIMEOUT_MS + 3_000);
    client.abort();
    await expect(promise).rejects.toBeInstanceOf(ClientGone);
    expect(outcomes(ctx)).toEqual(['primary:timeout']);
    expect(ctx.attempts[0]?.message).toMatch(/nothing within 5000 ms; the client gave up after 8000 ms/);
    expect(cooldowns.state('primary').recentFailures).toBe(1);
  });

  it('sooner than the gate: its own choice, aborted, nothing charged', async () => {
    const ctx = context();
    const { promise } = run(ctx, plan(PRIMARY), { primary: [hang('primary')] });
    await vi.advanceTimersByTimeAsync(ANSWER_TIMEOUT_MS - 1);
    client.abort();
    await expect(promise).rejects.toBeInstanceOf(ClientGone);
    expect(outcomes(ctx)).toEqual(['primary:aborted']);
    expect(cooldowns.state('primary').recentFailures).toBe(0);
  });

  it('the gate is measured on the attempt, not the request: a young failover attempt is not charged', async () => {
    const ctx = context();
    const { promise } = run(ctx, plan(PRIMARY, SECONDARY), { primary: [hang('primary')], secondary: [hang('secondary')] });
    await vi.advanceTimersByTimeAsync(ANSWER_TIMEOUT_MS + 1_000);
    client.abort();
    await expect(promise).rejects.toBeInstanceOf(ClientGone);
    expect(outcomes(ctx)).toEqual(['primary:timeout', 'secondary:aborted']);
    expect(cooldowns.state('secondary').recentFailures).toBe(0);
  });
});

describe("a provider's 4xx", () => {
  it.each([401, 403, 404, 410, 402])('%i fails over at once (no in-group retry) and takes the provider out of rotation', async (code) => {
    const ctx = context();
    const { promise, calls } = run(ctx, plan(PRIMARY, SECONDARY), { primary: [status('primary', code)], secondary: [answer('ok')] });
    await expect(promise).resolves.toMatchObject({ value: 'ok', deployment: SECONDARY });
    expect(calls).toEqual({ primary: 1, secondary: 1 });
    expect(cooldowns.isCoolingDown('primary')).toBe(true);
    expect(cooldowns.state('primary').reason).toBe(`primary ${code}: said no`);
  });

  it.each([400, 413, 422])('%i (invalid for this model) is tried on the next deployment, and holds nothing against the provider', async (code) => {
    const ctx = context();
    const { promise, calls } = run(ctx, plan(PRIMARY, SECONDARY), { primary: [status('primary', code)], secondary: [answer('ok')] });
    await expect(promise).resolves.toMatchObject({ value: 'ok', deployment: SECONDARY });
    expect(calls).toEqual({ primary: 1, secondary: 1 });
    expect(cooldowns.state('primary')).toMatchObject({ coolingDown: false, recentFailures: 0 });
  });

  it.each([400, 413, 422])('%i from every deployment is the client error, with the status and every reason', async (code) => {
    const ctx = context();
    const { promise } = run(ctx, plan(PRIMARY, SECONDARY), { primary: [status('primary', code)], secondary: [status('secondary', code)] });
    const err = await promise.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RequestRejected);
    const answerError = toBallastError(err)!;
    expect(answerError).toMatchObject({ status: code, code: 'rejected_by_provider', type: 'invalid_request_error' });
    expect(answerError.message).toMatch(new RegExp(`primary ${code}: said no; secondary ${code}: said no`));
  });

  it('different refusals as invalid answer 400', async () => {
    const { promise } = run(context(), plan(PRIMARY, SECONDARY), { primary: [status('primary', 413)], secondary: [status('secondary', 422)] });
    expect(toBallastError(await promise.catch((e: unknown) => e))).toMatchObject({ status: 400, code: 'rejected_by_provider' });
  });

  it('one deployment invalid, another down: the providers failed, not the client', async () => {
    const ctx = context();
    const { promise } = run(ctx, plan(PRIMARY, SECONDARY), { primary: [status('primary', 400)], secondary: [status('secondary', 404)] });
    const err = await promise.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AllAttemptsFailed);
    expect(toBallastError(err)).toMatchObject({ status: 502, code: 'all_providers_failed' });
  });

  it('a lone deployment (pinned) rejecting the request is the client error, as before', async () => {
    const { promise } = run(context(), plan(PRIMARY), { primary: [status('primary', 400)] });
    expect(toBallastError(await promise.catch((e: unknown) => e))).toMatchObject({ status: 400, code: 'rejected_by_provider', message: 'The provider rejected the request: primary 400: said no' });
  });

  it('a request one adapter cannot express goes to the next deployment; alone it keeps its own code', async () => {
    const unsupported: Script = async () => {
      throw new AnthropicConversionError('logprobs is not supported by Anthropic');
    };
    const ctx = context();
    const first = run(ctx, plan(SECONDARY, PRIMARY), { secondary: [unsupported], primary: [answer('ok')] });
    await expect(first.promise).resolves.toMatchObject({ value: 'ok', deployment: PRIMARY });
    expect(cooldowns.state('secondary').recentFailures).toBe(0);
    const alone = run(context(), plan(SECONDARY), { secondary: [unsupported] });
    expect(toBallastError(await alone.promise.catch((e: unknown) => e))).toMatchObject({ status: 400, code: 'unsupported_request' });
  });

  it("ballast's own bug in a call is not a rejection and not failed over", async () => {
    const bug: Script = async () => {
      throw new TypeError('oops');
    };
    const { promise, calls } = run(context(), plan(PRIMARY, SECONDARY), { primary: [bug], secondary: [answer('ok')] });
    await expect(promise).rejects.toBeInstanceOf(TypeError);
    expect(calls).toEqual({ primary: 1 });
  });
});

describe('regressions (issue #12)', () => {
  it("regression: a provider's 404 for its configured model became the client's error with no failover", async () => {
    const ctx = context();
    const { promise } = run(ctx, plan(PRIMARY, SECONDARY), { primary: [status('primary', 404)], secondary: [answer('ok')] });
    await expect(promise).resolves.toMatchObject({ value: 'ok', deployment: SECONDARY });
    expect(ctx.attempts[0]).toMatchObject({ provider: 'primary', outcome: 'not_found', status: 404 });
    expect(cooldowns.isCoolingDown('primary')).toBe(true);
  });

  it('regression: a hung attempt the client gave up on was recorded as aborted with no cooldown, so the hung provider stayed in rotation', async () => {
    for (let i = 0; i < 3; i++) {
      client = new AbortController();
      const ctx = context();
      const { promise } = run(ctx, plan(PRIMARY), { primary: [hang('primary')] });
      await vi.advanceTimersByTimeAsync(8_000); // the audit's clients gave up at 8 s
      client.abort();
      await expect(promise).rejects.toBeInstanceOf(ClientGone);
      expect(ctx.attempts[0]?.outcome).toBe('timeout');
    }
    expect(cooldowns.isCoolingDown('primary')).toBe(true);
  });

  it('regression: a non-streamed request to a hung provider had no gate, and paid its whole timeout twice (the in-group retry)', async () => {
    const ctx = context();
    const t0 = performance.now();
    const { promise, calls } = run(ctx, plan(PRIMARY, SECONDARY), { primary: [hang('primary')], secondary: [answer('ok')] });
    await vi.advanceTimersByTimeAsync(ANSWER_TIMEOUT_MS);
    await expect(promise).resolves.toMatchObject({ value: 'ok' });
    expect(performance.now() - t0).toBe(ANSWER_TIMEOUT_MS);
    expect(calls.primary).toBe(1);
  });

  it('regression: a provider 400 stopped at the first deployment (RequestRejected) without trying the next one', async () => {
    const { promise, calls } = run(context(), plan(PRIMARY, SECONDARY), { primary: [status('primary', 400)], secondary: [answer('ok')] });
    await expect(promise).resolves.toMatchObject({ value: 'ok' });
    expect(calls.secondary).toBe(1);
  });
});
