import { describe, expect, it } from 'vitest';
import { ProviderError, codeForStatus } from '../../../../src/router/providers/errors.js';
import { attemptVerdict, isHung } from '../../../../src/router/routing/attempt-verdict.js';

const fromStatus = (status: number, retryAfterMs?: number) =>
  new ProviderError({ provider: 'p', code: codeForStatus(status), status, retryAfterMs, message: `p ${status}` });
const input = { retryAfterCapMs: 1000, triesLeft: true };

describe('attemptVerdict: what a provider status means for routing', () => {
  it.each([
    // status, then, cooldown, rejected
    [400, 'next', 'none', true],
    [413, 'next', 'none', true],
    [422, 'next', 'none', true],
    [401, 'next', 'now', false],
    [403, 'next', 'now', false],
    [404, 'next', 'now', false],
    [410, 'next', 'now', false],
    [402, 'next', 'now', false],
    [405, 'next', 'now', false],
    [408, 'retry', 'count', false],
    [429, 'next', 'count', false], // no retry-after: a failure like any other
    [500, 'retry', 'count', false],
    [503, 'retry', 'count', false],
    [529, 'retry', 'count', false],
  ] as const)('%i: %s, cooldown %s, rejected %s', (status, then, cooldown, rejected) => {
    expect(attemptVerdict(fromStatus(status), input)).toMatchObject({ then, cooldown, rejected });
  });

  it('a short 429 is waited out while a try is left; a long one, or none left, fails over', () => {
    expect(attemptVerdict(fromStatus(429, 500), input)).toEqual({ then: 'wait', cooldown: 'hold', holdMs: 500, rejected: false, waitMs: 500 });
    expect(attemptVerdict(fromStatus(429, 5000), input).then).toBe('next');
    expect(attemptVerdict(fromStatus(429, 500), { ...input, triesLeft: false }).then).toBe('next');
  });

  it('regression: retry-after was forgotten (issue #14): a 429 holds the provider for its retry-after, waited out or not', () => {
    expect(attemptVerdict(fromStatus(429, 30_000), input)).toMatchObject({ then: 'next', cooldown: 'hold', holdMs: 30_000 });
    expect(attemptVerdict(fromStatus(429, 500), input)).toMatchObject({ cooldown: 'hold', holdMs: 500 });
  });

  it('nothing within a deadline (ours, the gate, or the transport before headers) is hung: next, counted', () => {
    const ours = new ProviderError({ provider: 'p', code: 'timeout', message: 'p: no answer within 5000 ms' });
    const gate = new ProviderError({ provider: 'p', code: 'first_token_timeout', message: 'p: no first token' });
    for (const e of [ours, gate]) {
      expect(isHung(e)).toBe(true);
      expect(attemptVerdict(e, input)).toEqual({ then: 'next', cooldown: 'count', rejected: false });
    }
    expect(isHung(fromStatus(408))).toBe(false);
  });

  it('connection failures and malformed answers are retried in group', () => {
    for (const code of ['connection', 'bad_response', 'stream_cut'] as const) {
      expect(attemptVerdict(new ProviderError({ provider: 'p', code, message: code }), input)).toMatchObject({ then: 'retry', cooldown: 'count' });
    }
  });
});
