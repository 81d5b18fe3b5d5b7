/**
 * Issue #12: the SLIs must match what clients measured on the same traffic. A bounded
 * mixed trace goes through real HTTP (ballast in front of the emulator): plain and
 * streamed answers, cache repeats, clients that cancel early, leave a stream after its
 * first token, or give up on a hung provider after their timeout, a provider answering
 * 404, a stream cut mid-way, and bad input. The client keeps its own books from what it
 * received, and /api/slo must agree with them under docs/slo.md's definitions: counts,
 * success rate and average cost within 1%; p95 exactly as documented from what ballast
 * recorded, and never more than one bucket (2%) above the client's.
 *
 * The books count what the client got, not what routing decided: a 404 that routing
 * fails over reads as a success, one passed on as a 400 as a client error; a hung
 * provider that routing leaves in time reads as a (slow) success, one it waits on as an
 * abandoned request. So the test holds whatever routing does with those.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketOf, bucketUpperBound } from '../../../src/core/histogram.js';
import { KEYS, startStack, type Stack } from '../helpers/stack.js';

/** The latency target: a client that gave up after waiting at least this long felt a failure. */
const TARGET_MS = 1000;
/** The hung provider stalls far past the clients' timeout. */
const CLIENT_TIMEOUT_MS = 1500;
const CANCEL_EARLY_MS = 100;
/** Time before a provider's first byte: a small model's, so ballast's few ms stay well inside a 2% bucket. */
const PROVIDER_LATENCY_MS = 800;
const MIN_REQUESTS = 50;

type Kind = 'success' | 'failure' | 'client_error' | 'abandoned' | 'cancelled_early' | 'client_gone';
interface Book {
  kind: Kind;
  /** Full time (non-stream) or time to first content token (stream), for successes. */
  latencyMs: number | null;
  costUsd: number;
  cacheHit: boolean;
}

let stack: Stack;
let recorded = 0;
let onRecorded: (() => void) | null = null;

beforeAll(async () => {
  // The secondary streams slowly (24 tokens in 0.6 s), so a client that leaves one of its
  // streams after the first token has surely left before the end.
  const provider = (name: 'primary' | 'secondary', tokensPerSecond: number) => ({ name, keys: [KEYS[name]], latencyMs: PROVIDER_LATENCY_MS, tokensPerSecond });
  stack = await startStack({
    emulator: { providers: [provider('primary', 400), provider('secondary', 40)] },
    config: {
      groups: { default: { strategy: 'ordered' } },
      cache: { policy: 'repeat' },
      slo: { p95_latency_ms: TARGET_MS, min_requests: MIN_REQUESTS },
    },
  });
  stack.ballast.runtime.recorders.push(() => {
    recorded++;
    onRecorded?.();
  });
}, 30_000);
afterAll(() => stack?.close());

const books: Book[] = [];

function body(prompt: string, stream: boolean): string {
  return JSON.stringify({ model: 'default', stream, max_tokens: 40, messages: [{ role: 'user', content: prompt }] });
}

/** A plain request; `abortAfterMs` is the client's timeout. */
async function plain(prompt: string, abortAfterMs?: number, raw?: string): Promise<Book> {
  const ac = new AbortController();
  const t0 = performance.now();
  const timer = abortAfterMs === undefined ? undefined : setTimeout(() => ac.abort(), abortAfterMs);
  try {
    const res = await fetch(`${stack.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw ?? body(prompt, false), signal: ac.signal });
    await res.arrayBuffer();
    const ms = performance.now() - t0;
    clearTimeout(timer);
    if (res.status >= 500) return { kind: 'failure', latencyMs: null, costUsd: 0, cacheHit: false };
    if (res.status >= 400) return { kind: 'client_error', latencyMs: null, costUsd: 0, cacheHit: false };
    return { kind: 'success', latencyMs: ms, costUsd: Number(res.headers.get('x-ballast-cost-usd') ?? 0), cacheHit: res.headers.get('x-ballast-cache') === 'hit' };
  } catch (err) {
    if (!ac.signal.aborted) throw err;
    const waited = performance.now() - t0;
    return { kind: waited >= TARGET_MS ? 'abandoned' : 'cancelled_early', latencyMs: null, costUsd: 0, cacheHit: false };
  }
}

/** A streamed request: latency is the first content token; `leave` walks away right after it. */
async function streamed(prompt: string, opts: { abortAfterMs?: number; leave?: boolean; pin?: string } = {}): Promise<Book> {
  const ac = new AbortController();
  const t0 = performance.now();
  const timer = opts.abortAfterMs === undefined ? undefined : setTimeout(() => ac.abort(), opts.abortAfterMs);
  let firstToken: number | null = null;
  try {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(opts.pin ? { 'x-ballast-pin': opts.pin } : {}) };
    const res = await fetch(`${stack.url}/v1/chat/completions`, { method: 'POST', headers, body: body(prompt, true), signal: ac.signal });
    const cacheHit = res.headers.get('x-ballast-cache') === 'hit';
    if (res.status >= 400) {
      await res.arrayBuffer();
      clearTimeout(timer);
      return { kind: res.status >= 500 ? 'failure' : 'client_error', latencyMs: null, costUsd: 0, cacheHit: false };
    }
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      if (firstToken === null && /"content":"[^"]/.test(text)) {
        firstToken = performance.now() - t0;
        clearTimeout(timer); // the answer began: the client's timeout no longer applies
        if (opts.leave) {
          ac.abort();
          return { kind: 'client_gone', latencyMs: null, costUsd: 0, cacheHit };
        }
      }
    }
    const complete = text.includes('data: [DONE]') && !text.includes('data: {"error"');
    // A stream that broke after it began still says what the provider billed for it.
    const cost = /^: ?x-ballast-cost-usd (\S+)/m.exec(text);
    const costUsd = cost ? Number(cost[1]) : 0;
    return complete ? { kind: 'success', latencyMs: firstToken, costUsd, cacheHit } : { kind: 'failure', latencyMs: null, costUsd, cacheHit: false };
  } catch (err) {
    clearTimeout(timer);
    if (!ac.signal.aborted) return { kind: 'failure', latencyMs: null, costUsd: 0, cacheHit: false }; // the connection broke
    if (firstToken !== null) return { kind: 'client_gone', latencyMs: null, costUsd: 0, cacheHit: false };
    const waited = performance.now() - t0;
    return { kind: waited >= TARGET_MS ? 'abandoned' : 'cancelled_early', latencyMs: null, costUsd: 0, cacheHit: false };
  }
}

/** Runs the jobs, at most `width` at a time, books every result and returns this batch's. */
async function run(jobs: Array<() => Promise<Book>>, width = 2): Promise<Book[]> {
  let next = 0;
  const batch: Book[] = [];
  const worker = async () => {
    while (next < jobs.length) batch.push(await (jobs[next++] as () => Promise<Book>)());
  };
  await Promise.all(Array.from({ length: width }, worker));
  books.push(...batch);
  return batch;
}

/** Resolves once ballast has recorded `n` requests (its recorders run after each answer). */
function allRecorded(n: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ballast recorded ${recorded} of the ${n} requests sent`)), 20_000);
    const check = () => {
      if (recorded < n) return;
      clearTimeout(timer);
      onRecorded = null;
      resolve();
    };
    onRecorded = check;
    check();
  });
}

/** Nearest rank: the smallest value with at least ceil(0.95 n) values at or below it. */
function p95(values: number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? null : (sorted[Math.ceil(0.95 * sorted.length) - 1] as number);
}

interface Window {
  sent: number;
  eligible: number;
  excluded: number;
  successes: number;
  failures: number;
  clientErrors: number;
  cancelledEarly: number;
  clientGone: number;
  abandoned: number;
  internalErrors: number;
  cacheHits: number;
  successRate: number;
  p95LatencyMs: number;
  avgCostUsd: number;
  withCacheHits: { eligible: number; successes: number; p95LatencyMs: number; avgCostUsd: number };
  withoutCacheHits: { eligible: number; successes: number; p95LatencyMs: number; avgCostUsd: number };
  cacheHitsInPromise: boolean;
  minRequests: number;
  verdict: string;
}

describe('/api/slo agrees with what the clients recorded (issue #12)', () => {
  it('on a mixed trace: hangs past the client timeout, a provider 404, cache repeats, disconnects, a mid-stream cut', async () => {
    const plainPrompts = Array.from({ length: 30 }, (_, i) => `plain question ${i}`);
    const streamPrompts = Array.from({ length: 14 }, (_, i) => `streamed question ${i}`);
    // 1. Plain and streamed answers, every prompt new, one at a time: the test process is
    // the client, ballast and the emulator, so concurrency here would only measure how
    // they queue behind each other on one event loop, time ballast's clock cannot see.
    await run([...plainPrompts.map((p) => () => plain(p)), ...streamPrompts.map((p) => () => streamed(p))], 1);
    // 2. Cache repeats.
    await run([...plainPrompts.slice(0, 16).map((p) => () => plain(p)), ...streamPrompts.slice(0, 6).map((p) => () => streamed(p))], 1);
    // 3. Disconnects: cancelled well before the target, and streams left after their first token.
    await run([
      ...Array.from({ length: 8 }, (_, i) => () => plain(`impatient ${i}`, CANCEL_EARLY_MS)),
      ...Array.from({ length: 6 }, (_, i) => () => streamed(`leaving ${i}`, { leave: true, pin: 'secondary' })),
    ]);
    // 4. The primary hangs far past the clients' timeout.
    await stack.fault('primary', { kind: 'stall_headers', ms: 20_000 });
    const hung = await run([
      ...Array.from({ length: 8 }, (_, i) => () => plain(`hung ${i}`, CLIENT_TIMEOUT_MS)),
      ...Array.from({ length: 2 }, (_, i) => () => streamed(`hung stream ${i}`, { abortAfterMs: CLIENT_TIMEOUT_MS })),
    ]);
    await stack.clearFault('primary');
    // 5. The primary answers 404 for its configured model (retired or mistyped).
    await stack.fault('primary', { kind: 'status', status: 404 });
    await run(Array.from({ length: 8 }, (_, i) => () => plain(`model gone ${i}`)));
    await stack.clearFault('primary');
    // 6. Streams cut after their first tokens (pinned: the 404 took the primary out of rotation).
    await stack.fault('primary', { kind: 'cut', after_tokens: 3 });
    await run(Array.from({ length: 6 }, (_, i) => () => streamed(`cut ${i}`, { pin: 'primary' })), 1);
    await stack.clearFault('primary');
    // 7. Bad input: the client's own errors.
    await run(Array.from({ length: 3 }, () => () => plain('', undefined, '{"model":"default","messages":"not a list"}')));

    await allRecorded(books.length);

    // The client's books, by docs/slo.md's definitions.
    const count = (k: Kind) => books.filter((b) => b.kind === k).length;
    const ok = books.filter((b) => b.kind === 'success');
    const eligible = count('success') + count('failure') + count('abandoned');
    const hits = ok.filter((b) => b.cacheHit);
    const cost = books.filter((b) => b.kind === 'success' || b.kind === 'failure').reduce((s, b) => s + b.costUsd, 0);
    const client = {
      sent: books.length,
      eligible,
      excluded: count('client_error') + count('cancelled_early') + count('client_gone'),
      successRate: ok.length / eligible,
      p95: p95(ok.map((b) => b.latencyMs as number)) as number,
      p95WithoutHits: p95(ok.filter((b) => !b.cacheHit).map((b) => b.latencyMs as number)) as number,
      avgCost: cost / eligible,
      avgCostWithoutHits: cost / (eligible - hits.length),
    };
    // The trace is what it says: each kind occurred (routing decides only the hang's and the 404's fate).
    expect(count('cancelled_early')).toBe(8);
    expect(count('client_gone')).toBe(6);
    expect(count('client_error')).toBeGreaterThanOrEqual(3);
    expect(count('failure')).toBeGreaterThanOrEqual(1); // at least the first cut stream
    expect(hits.length).toBeGreaterThanOrEqual(16);
    // A hung request is abandoned, or a success when routing left the provider in time.
    expect(hung.every((b) => b.kind === 'abandoned' || b.kind === 'success')).toBe(true);

    const report = (await (await fetch(`${stack.url}/api/slo`)).json()) as { rolling: Window; budget: { allowed: number; spent: number; remaining: number }; freeze: { active: boolean } };
    const w = report.rolling;
    const within = (got: number, want: number, rel: number) => expect(Math.abs(got - want), `${got} vs ${want}`).toBeLessThanOrEqual(rel * Math.abs(want));
    within(w.sent, client.sent, 0.01);
    within(w.eligible, client.eligible, 0.01);
    within(w.excluded, client.excluded, 0.01);
    within(w.successRate, client.successRate, 0.01);
    within(w.withCacheHits.avgCostUsd, client.avgCost, 0.01);
    within(w.withoutCacheHits.avgCostUsd, client.avgCostWithoutHits, 0.01);
    // p95. Ballast's clock runs inside the client's, and the reported upper edge is at most
    // one bucket (2%) above ballast's own reading: never more than a bucket above what the
    // client felt. It is exactly the documented figure: the upper edge of the bucket of the
    // nearest-rank p95 of the latencies ballast recorded. Below the client's p95 it is by
    // the time outside ballast's clock (queued before its handler ran, and the answer's
    // write until item 5 of #12): not a property of the SLO engine, and on this shared
    // machine, with client, router and emulator on one event loop, 3% to over 20% by load;
    // printed below and recorded in docs/slo.md rather than asserted.
    const rows = ((await (await fetch(`${stack.url}/api/requests?limit=500`)).json()) as { data: Array<{ outcome: string; cache: string | null; latency_ms: number | null }> }).data;
    expect(rows).toHaveLength(books.length);
    const recordedOk = rows.filter((r) => r.outcome === 'success' && r.latency_ms !== null);
    const documented = (latencies: number[]) => bucketUpperBound(bucketOf(p95(latencies) as number));
    expect(w.withCacheHits.p95LatencyMs).toBe(documented(recordedOk.map((r) => r.latency_ms as number)));
    expect(w.withoutCacheHits.p95LatencyMs).toBe(documented(recordedOk.filter((r) => r.cache !== 'hit').map((r) => r.latency_ms as number)));
    expect(w.withCacheHits.p95LatencyMs).toBeLessThanOrEqual(client.p95 * 1.02);
    expect(w.withoutCacheHits.p95LatencyMs).toBeLessThanOrEqual(client.p95WithoutHits * 1.02);
    // Each kind as the client counted it.
    expect([w.cancelledEarly, w.clientGone, w.abandoned, w.internalErrors]).toEqual([count('cancelled_early'), count('client_gone'), count('abandoned'), 0]);
    expect(w.clientErrors).toBe(count('client_error'));
    expect(w.cacheHits).toBe(hits.length);
    expect(w.failures).toBe(w.eligible - w.successes);
    // The promise counts cache hits by default, and the window has enough traffic for a verdict.
    expect(w).toMatchObject({ cacheHitsInPromise: true, minRequests: MIN_REQUESTS, p95LatencyMs: w.withCacheHits.p95LatencyMs, avgCostUsd: w.withCacheHits.avgCostUsd });
    expect(w.eligible).toBeGreaterThanOrEqual(MIN_REQUESTS);
    expect(['met', 'missed']).toContain(w.verdict);
    expect(report.budget.spent).toBe(w.eligible - w.successes);
    expect(Number.isInteger(report.budget.allowed) && Number.isInteger(report.budget.remaining)).toBe(true);

    // /metrics and /api/slo/series count the same kinds.
    const metrics = await (await fetch(`${stack.url}/metrics`)).text();
    const sum = (re: RegExp) => metrics.split('\n').filter((l) => re.test(l)).reduce((n, l) => n + Number(l.split(' ').at(-1)), 0);
    for (const [outcome, n] of [['abandoned', w.abandoned], ['cancelled_early', w.cancelledEarly], ['client_gone', w.clientGone], ['client_error', w.clientErrors]] as const) {
      expect(sum(new RegExp(`^ballast_requests_total\\{.*outcome="${outcome}"`)), outcome).toBe(n);
    }
    expect(sum(/^ballast_requests_total\{.*provider="cache".*outcome="success"/)).toBe(w.cacheHits);
    const series = (await (await fetch(`${stack.url}/api/slo/series?minutes=60&step=60`)).json()) as Record<string, number[]>;
    const total = (k: string) => (series[k] as number[]).reduce((a, b) => a + b, 0);
    expect([total('sent'), total('abandoned'), total('cancelledEarly'), total('clientGone'), total('internalErrors')]).toEqual([w.sent, w.abandoned, w.cancelledEarly, w.clientGone, w.internalErrors]);

    const figures = {
      sent: [w.sent, client.sent],
      eligible: [w.eligible, client.eligible],
      excluded: [w.excluded, client.excluded],
      kinds: { abandoned: w.abandoned, cancelledEarly: w.cancelledEarly, clientGone: w.clientGone, clientErrors: w.clientErrors, failures: w.failures, cacheHits: w.cacheHits },
      successRate: [w.successRate, client.successRate],
      p95: [w.withCacheHits.p95LatencyMs, client.p95],
      p95WithoutHits: [w.withoutCacheHits.p95LatencyMs, client.p95WithoutHits],
      avgCost: [w.withCacheHits.avgCostUsd, client.avgCost],
      avgCostWithoutHits: [w.withoutCacheHits.avgCostUsd, client.avgCostWithoutHits],
    };
    console.log(`client-agreement figures (ballast, client): ${JSON.stringify(figures)}`);
  }, 120_000);
});
