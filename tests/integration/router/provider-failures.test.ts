/**
 * Issue #12, items 2 and 3, through real HTTP and the emulator: a hung provider and a
 * provider's 4xx for a valid request are the provider's failures (failed over, cooled
 * down, `provider_error` when nobody answers); only a request every deployment
 * rejects as invalid is the client's error. Deadlines are short so the file stays fast.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';

const ANSWER_TIMEOUT_MS = 300;
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    config: { groups: { default: { strategy: 'ordered', ttft_timeout_ms: 300, answer_timeout_ms: ANSWER_TIMEOUT_MS } } },
  });
});
afterAll(() => stack.close());
beforeEach(async () => {
  await fetch(`${stack.emulator.controlUrl}/reset`, { method: 'POST' });
  stack.ballast.runtime.cooldowns.clear('primary');
  stack.ballast.runtime.cooldowns.clear('secondary');
});

let n = 0;
/** A prompt never seen before, so the router cache answers nothing. */
const fresh = (stream = false) => ({ stream, messages: [{ role: 'user', content: `question ${++n} ${Date.now()}` }] });

/** The request's log line (every request is logged at debug in the stack). */
async function logLine(requestId: string | null): Promise<Record<string, unknown>> {
  let line: Record<string, unknown> | undefined;
  await vi.waitFor(() => {
    line = stack.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.event === 'request' && l.request_id === requestId);
    expect(line).toBeDefined();
  });
  return line!;
}

const cooldown = (p: string) => stack.ballast.runtime.cooldowns.state(p);

describe('a hung provider is a failing provider', () => {
  it('non-streamed: fails over at answer_timeout_ms, without retrying the hung provider', async () => {
    await stack.fault('primary', { kind: 'stall_headers', ms: 30_000 });
    const t0 = performance.now();
    const res = await stack.chat(fresh());
    const took = performance.now() - t0;
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ballast-provider')).toBe('secondary');
    expect(res.headers.get('x-ballast-attempts')).toBe('2');
    expect(took).toBeGreaterThanOrEqual(ANSWER_TIMEOUT_MS - 5);
    expect(took).toBeLessThan(5_000); // not the provider's 60 s timeout
    expect((await stack.stats('primary')).requests).toBe(1);
    expect(cooldown('primary').recentFailures).toBe(1);
    expect((await logLine(res.headers.get('x-ballast-request-id'))).attempts).toEqual([expect.stringMatching(/^primary:timeout:\d+ms$/), expect.stringMatching(/^secondary:ok/)]);
  });

  it('a body that stalls after the headers counts the same (stall_first_token on a non-stream)', async () => {
    await stack.fault('primary', { kind: 'stall_first_token', ms: 30_000 });
    const res = await stack.chat(fresh());
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ballast-provider')).toBe('secondary');
  });

  it('repeated hangs take the provider out of rotation: later requests go straight to the secondary', async () => {
    await stack.fault('primary', { kind: 'stall_headers', ms: 30_000 });
    for (let i = 0; i < 3; i++) expect((await stack.chat(fresh())).status).toBe(200);
    expect(cooldown('primary').coolingDown).toBe(true);
    const res = await stack.chat(fresh());
    expect(res.headers.get('x-ballast-attempts')).toBe('1');
    expect(res.headers.get('x-ballast-provider')).toBe('secondary');
    expect((await stack.stats('primary')).requests).toBe(3);
  });

  it('the last deployment standing is not cut at the gate: a slow answer still arrives', async () => {
    await stack.fault('primary', { kind: 'status', status: 500 });
    await stack.fault('secondary', { kind: 'stall_headers', ms: ANSWER_TIMEOUT_MS * 2, times: 1 });
    const res = await stack.chat(fresh());
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ballast-provider')).toBe('secondary');
  });

  it('a client that gives up after the gate on a hung provider charges it a failure; the request is not a success', async () => {
    await stack.fault('primary', { kind: 'stall_headers', ms: 30_000 });
    // Pinned: the primary is the only deployment, so it is waited for past the gate.
    const req = fetch(`${stack.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-ballast-pin': 'primary' },
      body: JSON.stringify({ model: 'default', ...fresh() }),
      signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS * 3), // the client's own timeout
    }).catch((e: Error) => e.name);
    expect(await req).toBe('TimeoutError');
    await vi.waitFor(() => {
      expect(cooldown('primary').recentFailures).toBe(1);
      const line = stack.logs.map((l) => JSON.parse(l) as Record<string, unknown>).findLast((l) => l.event === 'request');
      expect(line?.attempts).toEqual([expect.stringMatching(/^primary:timeout:\d+ms$/)]);
      expect(line?.outcome).not.toBe('success');
    });
  });

  it('a client that gives up sooner than the gate charges nothing', async () => {
    await stack.fault('primary', { kind: 'stall_headers', ms: 30_000 });
    const ctrl = new AbortController();
    const req = fetch(`${stack.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-ballast-pin': 'primary' },
      body: JSON.stringify({ model: 'default', ...fresh() }),
      signal: ctrl.signal,
    }).catch((e: Error) => e.name);
    await vi.waitFor(async () => expect((await stack.stats('primary')).in_flight).toBe(1));
    ctrl.abort();
    expect(await req).toBe('AbortError');
    await vi.waitFor(async () => expect((await stack.stats('primary')).aborted).toBe(1));
    expect(cooldown('primary').recentFailures).toBe(0);
  });
});

describe("a provider's 4xx for a valid request is the provider's failure", () => {
  for (const status of [401, 403, 404]) {
    for (const stream of [false, true]) {
      it(`${status}${stream ? ', streamed' : ''}: fails over at once and cools the provider down`, async () => {
        await stack.fault('primary', { kind: 'status', status });
        const res = await stack.chat(fresh(stream));
        expect(res.status).toBe(200);
        expect(res.headers.get('x-ballast-provider')).toBe('secondary');
        expect(res.headers.get('x-ballast-attempts')).toBe('2');
        await res.text();
        expect((await stack.stats('primary')).requests).toBe(1);
        expect(cooldown('primary').coolingDown).toBe(true);
        const next = await stack.chat(fresh(stream));
        expect(next.headers.get('x-ballast-attempts')).toBe('1');
        await next.text();
      });
    }
  }

  it("regression: a provider's 404 for its configured model became the client's error with no failover", async () => {
    await stack.fault('primary', { kind: 'status', status: 404 });
    const res = await stack.chat(fresh());
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ballast-provider')).toBe('secondary');
    expect(await logLine(res.headers.get('x-ballast-request-id'))).toMatchObject({ outcome: 'success' });
  });

  it('404 from every deployment: 502 all_providers_failed, a provider_error that spends the error budget', async () => {
    await stack.fault('primary', { kind: 'status', status: 404 });
    await stack.fault('secondary', { kind: 'status', status: 404 });
    const res = await stack.chat(fresh());
    expect(res.status).toBe(502);
    const body = (await res.json()) as { error: { code: string; attempts: Array<{ provider: string; status: number; code: string }> } };
    expect(body.error.code).toBe('all_providers_failed');
    expect(body.error.attempts.map((a) => `${a.provider}:${a.status}:${a.code}`)).toEqual(['primary:404:not_found', 'secondary:404:not_found']);
    expect(await logLine(res.headers.get('x-ballast-request-id'))).toMatchObject({ outcome: 'provider_error' });
  });
});

describe("a provider's 400/413/422: tried on the next deployment, the client's error only when all reject it", () => {
  for (const status of [400, 413, 422]) {
    it(`${status} from the primary only: the secondary answers, and the primary stays in rotation`, async () => {
      await stack.fault('primary', { kind: 'status', status });
      const res = await stack.chat(fresh());
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ballast-provider')).toBe('secondary');
      expect(cooldown('primary')).toMatchObject({ coolingDown: false, recentFailures: 0 });
    });

    it(`${status} from every deployment: the client gets ${status} rejected_by_provider with each reason, counted as a client error`, async () => {
      await stack.fault('primary', { kind: 'status', status });
      await stack.fault('secondary', { kind: 'status', status });
      const res = await stack.chat(fresh());
      expect(res.status).toBe(status);
      const body = (await res.json()) as { error: { code: string; type: string; message: string } };
      expect(body.error).toMatchObject({ code: 'rejected_by_provider', type: 'invalid_request_error' });
      expect(body.error.message).toMatch(new RegExp(`primary ${status}.*; secondary ${status}`));
      expect(await logLine(res.headers.get('x-ballast-request-id'))).toMatchObject({ outcome: 'client_error' });
    });
  }

  it('regression: a provider 400 stopped at the first deployment although another model might accept the request', async () => {
    await stack.fault('primary', { kind: 'status', status: 400 });
    const res = await stack.chat(fresh(true));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ballast-provider')).toBe('secondary');
    await res.text();
  });

  it('pinned to a provider that rejects the request: still a 400 from that provider, as before', async () => {
    await stack.fault('primary', { kind: 'status', status: 400 });
    const res = await stack.chat(fresh(), { 'x-ballast-pin': 'primary' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('rejected_by_provider');
    expect((await stack.stats('secondary')).requests).toBe(0);
  });
});
