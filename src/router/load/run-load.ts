/**
 * The traffic generator's loop: requests paced at the rate for the duration, never more
 * than `concurrency` in flight (a request that finds no free slot waits for one), and
 * each answer read the way the SLO reads it: full time, or time to first token when
 * streamed, success only when a stream ended with [DONE].
 */
import { randomBytes } from 'node:crypto';
import type { LoadOptions } from './load-options.js';
import { LoadStats, type RequestResult } from './load-stats.js';
import { PromptMix, type PickedPrompt } from './prompt-mix.js';

export class RouterUnreachableError extends Error {
  override readonly name = 'RouterUnreachableError';
}

export interface LoadRun {
  stats: LoadStats;
  startedAt: number;
  /** Distinct prompts sent so far. */
  distinct(): number;
  /** Stop sending; requests in flight finish. */
  stop(): void;
  /** Stop sending and abort the requests in flight. */
  abort(): void;
  /** Resolves when every request sent has settled. */
  done: Promise<{ stopped: boolean; elapsedMs: number }>;
}

/** Why a fetch failed, in a few words (never a header or a key). */
function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message ?? String(err);
}

/** Throws RouterUnreachableError unless GET /healthz answers. */
export async function probeRouter(url: string, timeoutMs = 3000): Promise<void> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
  } catch (err) {
    throw new RouterUnreachableError(`cannot reach the router at ${url} (${networkReason(err)}): start it with "ballast start", or pass --url`);
  }
}

const CONTENT = /"content":"[^"]/;

async function sendOne(o: LoadOptions, p: PickedPrompt, signal: AbortSignal): Promise<RequestResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (o.key) headers.authorization = `Bearer ${o.key}`;
  if (o.feature) headers['x-ballast-feature'] = o.feature;
  const body = JSON.stringify({ model: o.model, messages: [{ role: 'user', content: p.text }], max_tokens: o.maxTokens, ...(p.stream ? { stream: true } : {}) });
  const base = { repeat: p.repeat, stream: p.stream };
  const t0 = performance.now();
  try {
    const res = await fetch(`${o.url}/v1/chat/completions`, { method: 'POST', headers, body, signal });
    const provider = res.headers.get('x-ballast-provider');
    const cacheHit = res.headers.get('x-ballast-cache') === 'hit';
    if (!p.stream || !res.ok || !res.body) {
      await res.arrayBuffer();
      const latencyMs = performance.now() - t0;
      return { ...base, status: res.status, ok: res.ok, failure: res.ok ? null : String(res.status), latencyMs: res.ok ? latencyMs : null, provider, cacheHit };
    }
    let ttft: number | null = null;
    let text = '';
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      text += decoder.decode(chunk, { stream: true });
      if (ttft === null && CONTENT.test(text)) ttft = performance.now() - t0;
    }
    const complete = /(^|\n)data: \[DONE\]/.test(text) && !/(^|\n)data: \{"error"/.test(text);
    return { ...base, status: res.status, ok: complete, failure: complete ? null : 'stream_error', latencyMs: complete ? (ttft ?? performance.now() - t0) : null, provider, cacheHit };
  } catch (err) {
    const aborted = signal.aborted;
    return { ...base, status: null, ok: false, failure: aborted ? 'aborted' : 'network', latencyMs: null, provider: null, cacheHit: false, ...(aborted ? {} : { reason: networkReason(err) }) };
  }
}

/**
 * Starts the load. The caller probes the router first (probeRouter) and renders progress
 * from `stats`.
 *
 * @example const run = startLoad(options); process.once('SIGINT', () => run.stop()); await run.done;
 */
export function startLoad(o: LoadOptions): LoadRun {
  const stats = new LoadStats();
  const mix = new PromptMix(o.prompts, o.repeat, o.stream, o.seed, randomBytes(4).toString('hex'));
  const controller = new AbortController();
  const inFlight = new Set<Promise<void>>();
  const startedAt = performance.now();
  const intervalMs = 1000 / o.rate;
  let stopped = false;
  let wake: (() => void) | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        wake = null;
        resolve();
      }
      wake = done;
    });

  const loop = async () => {
    for (let i = 0; !stopped; i++) {
      const due = i * intervalMs;
      if (due >= o.durationMs) break;
      const wait = startedAt + due - performance.now();
      if (wait > 0) await sleep(wait);
      while (!stopped && inFlight.size >= o.concurrency) {
        await Promise.race([...inFlight, new Promise<void>((r) => (wake = r))]);
      }
      if (stopped) break;
      stats.sent++;
      const p = sendOne(o, mix.next(), controller.signal).then((r) => {
        stats.add(r);
        inFlight.delete(p);
      });
      inFlight.add(p);
    }
    while (inFlight.size > 0) await Promise.all([...inFlight]);
    return { stopped, elapsedMs: performance.now() - startedAt };
  };

  return {
    stats,
    startedAt,
    distinct: () => mix.distinctSent,
    stop() {
      stopped = true;
      wake?.();
    },
    abort() {
      stopped = true;
      wake?.();
      controller.abort();
    },
    done: loop(),
  };
}
