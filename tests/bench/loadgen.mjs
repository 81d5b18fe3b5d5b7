// The load generators of the router overhead benchmark.
// - Latency (concurrency 1): an undici keep-alive connection and process.hrtime.bigint()
//   around every request, every sample kept (no histogram buckets), so sub-millisecond
//   differences survive. autocannon records latencies in whole milliseconds, too
//   coarse for a 0.3 ms target.
// - Throughput (saturated): autocannon, which costs the load generator's core about
//   40% less CPU per request than an undici Pool loop (measured: ~52 vs ~83 us), so the
//   shared core (load generator + emulator) caps the figures later. BENCH_LOADGEN=undici
//   switches to the undici loop for comparison.
import { createRequire } from 'node:module';
import { Client, Pool } from 'undici';

const require = createRequire(import.meta.url);

const NS_PER_MS = 1e6;

/** A request template: where to send it and what. */
export function target(origin, path, headers, body) {
  return {
    origin,
    path,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

// The first chunk that carries answer text ("content":"<at least one char>"); the
// role chunk ("content":"") and usage-only chunks do not count.
const TOKEN = /"content":"[^"]/;

/**
 * One connection, one request at a time, for `warmupMs` (not recorded) and then
 * `durationMs` (recorded) or until `maxRequests` recorded requests.
 * Non-stream: latency = request sent -> whole body read. Stream: ttft = request
 * sent -> first chunk with answer text; the rest of the stream is read too.
 */
export async function sequential(t, { warmupMs, durationMs, maxRequests = 200_000, stream = false, onWindow = () => {} }) {
  const client = new Client(t.origin, { pipelining: 1, keepAliveTimeout: 60_000 });
  const samples = [];
  const totals = [];
  let errors = 0;
  let lastError = null;
  try {
    const warmEnd = performance.now() + warmupMs;
    while (performance.now() < warmEnd) await one(client, t, stream).catch(() => undefined);
    onWindow('start');
    const end = performance.now() + durationMs;
    while (performance.now() < end && samples.length < maxRequests) {
      try {
        const r = await one(client, t, stream);
        if (r.status !== 200) {
          errors++;
          lastError = `HTTP ${r.status}`;
          continue;
        }
        samples.push(r.firstMs);
        totals.push(r.totalMs);
      } catch (err) {
        errors++;
        lastError = err.message;
      }
    }
    onWindow('end');
  } finally {
    await client.close().catch(() => undefined);
  }
  return { ...summarize(samples), samples, totals, errors, lastError };
}

async function one(client, t, stream) {
  const t0 = process.hrtime.bigint();
  const res = await client.request({ method: 'POST', path: t.path, headers: t.headers, body: t.body });
  let first = null;
  if (stream && res.statusCode === 200) {
    let seen = '';
    for await (const chunk of res.body) {
      if (first === null) {
        seen += chunk.toString('utf8');
        if (TOKEN.test(seen)) {
          first = process.hrtime.bigint();
          seen = '';
        }
      }
    }
    if (first === null) throw new Error('the stream carried no answer text');
  } else {
    for await (const _ of res.body); // read the whole body
  }
  const t1 = process.hrtime.bigint();
  return { status: res.statusCode, firstMs: Number((first ?? t1) - t0) / NS_PER_MS, totalMs: Number(t1 - t0) / NS_PER_MS };
}

/**
 * `connections` keep-alive connections, each with one request in flight, for
 * `warmupMs` (discarded) then `durationMs`. `onWindow(start|end)` is called at the
 * measured window's edges (CPU snapshots). Returns 200s per second of the window.
 */
export async function saturate(t, opts) {
  return process.env.BENCH_LOADGEN === 'undici' ? saturateUndici(t, opts) : saturateAutocannon(t, opts);
}

async function saturateAutocannon(t, { connections, warmupMs, durationMs, onWindow = () => {} }) {
  const autocannon = require('autocannon');
  const run = (ms) =>
    new Promise((resolve, reject) => {
      autocannon(
        { url: t.origin + t.path, method: 'POST', headers: t.headers, body: t.body, connections, pipelining: 1, duration: ms / 1000, timeout: 10 },
        (err, result) => (err ? reject(err) : resolve(result)),
      );
    });
  if (warmupMs > 0) await run(warmupMs);
  onWindow('start');
  const r = await run(durationMs);
  onWindow('end');
  const windowMs = r.finish.getTime() - r.start.getTime();
  const statuses = Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count]));
  const ok = statuses['200'] ?? 0;
  const failed = r.requests.total - ok + r.errors; // non-200 answers + socket errors and timeouts
  return { rps: ok / (windowMs / 1000), ok, failed, statuses, lastError: r.errors > 0 ? `${r.errors} socket errors` : null, windowMs };
}

async function saturateUndici(t, { connections, warmupMs, durationMs, onWindow = () => {} }) {
  const pool = new Pool(t.origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
  let counting = false;
  let stop = false;
  let ok = 0;
  let failed = 0;
  const statuses = {};
  let lastError = null;
  const worker = async () => {
    while (!stop) {
      try {
        const res = await pool.request({ method: 'POST', path: t.path, headers: t.headers, body: t.body });
        for await (const _ of res.body);
        if (!counting) continue;
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        if (res.statusCode === 200) ok++;
        else failed++;
      } catch (err) {
        if (counting) {
          failed++;
          lastError = err.message;
        }
      }
    }
  };
  const workers = Array.from({ length: connections }, worker);
  let windowMs = 0;
  try {
    await sleep(warmupMs);
    onWindow('start');
    counting = true;
    const w0 = performance.now();
    await sleep(durationMs);
    counting = false;
    windowMs = performance.now() - w0;
    onWindow('end');
  } finally {
    stop = true;
    await Promise.all(workers);
    await pool.close().catch(() => undefined);
  }
  return { rps: ok / (windowMs / 1000), ok, failed, statuses, lastError, windowMs };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function summarize(values) {
  const n = values.length;
  if (n === 0) return { n: 0, mean: NaN, p50: NaN, p99: NaN, min: NaN, max: NaN };
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  const rank = (q) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))];
  return { n, mean: sum / n, p50: rank(0.5), p99: rank(0.99), min: sorted[0], max: sorted[n - 1] };
}
