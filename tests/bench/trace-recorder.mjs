#!/usr/bin/env node
// Trace recorder cost: what tracing adds to a request, with the collector up, down,
// or sampled at 10 %.
//
//   1. recorder() cost: CPU µs per call, timed around the calls alone (build the span
//      and its attempt span, enqueue). Median of BENCH_ROUNDS rounds of BENCH_CALLS.
//      (A tight loop overflows the queue, so this section says nothing of exports.)
//   2. paced at BENCH_RATE recordings/s for BENCH_SECONDS, collector up (a child
//      process, so its CPU is not counted): this process's CPU per recording, exports
//      and JSON serialization included, and the event-loop delay (p99, max), each vs
//      the same pacing loop without tracing: what other requests on the same event
//      loop feel while batches are serialized and sent. Spans lost are reported.
//
// Run: npx tsc -b && node tests/bench/trace-recorder.mjs
// Knobs: BENCH_CALLS=10000 BENCH_ROUNDS=7 BENCH_RATE=2000 BENCH_SECONDS=3
//        BENCH_BATCH=256 (spans per export; maxExportBatchSize)
//        BALLAST_DIST=/path/to/dist (default: the repository's dist/)
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const entry = join(process.env.BALLAST_DIST ?? join(root, 'dist'), 'router/telemetry/traces/index.js');
if (!existsSync(entry)) {
  console.error(`${entry} is not built: run "npx tsc -b" first`);
  process.exit(1);
}
const { createTracing, tracingConfigSchema } = await import(pathToFileURL(entry).href);

const num = (name, def) => (process.env[name] ? Number(process.env[name]) : def);
const CALLS = num('BENCH_CALLS', 10_000);
const ROUNDS = num('BENCH_ROUNDS', 7);
const RATE = num('BENCH_RATE', 2000);
const SECONDS = num('BENCH_SECONDS', 3);
const BATCH = num('BENCH_BATCH', 256);
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const providers = { primary: { kind: 'openai' }, secondary: { kind: 'anthropic' } };
const tick = () => new Promise((r) => setImmediate(r));
const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Nine successes for one failover, as a busy router sees them. */
function contexts() {
  const base = (i) => ({
    id: `req_${i}`,
    startedAt: Date.now(),
    t0: performance.now(),
    clientSignal: new AbortController().signal,
    tags: { tenant: 'acme', feature: 'search', promptVersion: 'v3', pin: null },
    request: null,
    group: 'default',
    stream: i % 2 === 0,
    bypass: false,
    attempts: [{ provider: 'primary', model: 'gpt-4o-mini', startMs: 1, durationMs: 800, outcome: 'ok', status: 200 }],
    provider: 'primary',
    model: 'gpt-4o-mini',
    usage: { inputTokens: 120, outputTokens: 40, cacheReadTokens: 1000, cacheWriteTokens: 0 },
    cacheWrite1hTokens: 0,
    costUsd: 0.0012,
    costSavedUsd: 0,
    degraded: [],
    reservation: null,
    cache: 'miss',
    cacheKey: null,
    cacheDirective: null,
    answer: { id: 'chatcmpl-1', object: 'chat.completion', created: 0, model: 'gpt-4o-mini-2024-07-18', choices: [{ index: 0, message: { role: 'assistant', content: 'x' }, finish_reason: 'stop' }] },
    ttftMs: i % 2 === 0 ? 420 : null,
    latencyMs: 805,
    outcome: 'success',
    errorCode: null,
    status: 200,
  });
  const list = Array.from({ length: 9 }, (_, i) => base(i));
  list.push({
    ...base(9),
    attempts: [
      { provider: 'primary', model: 'gpt-4o-mini', startMs: 1, durationMs: 300, outcome: 'server_error', status: 503 },
      { provider: 'secondary', model: 'claude-haiku-4-5', startMs: 305, durationMs: 900, outcome: 'ok', status: 200 },
    ],
    provider: 'secondary',
  });
  return list;
}

/** An OTLP receiver in a child process (so its CPU is not counted), answering 200 and counting exports. */
async function collector() {
  const code = `
    const http = require('node:http');
    let exports = 0;
    const server = http.createServer((req, res) => {
      req.on('data', () => {});
      req.on('end', () => { exports += 1; res.writeHead(200, { 'content-type': 'application/json' }); res.end('{}'); });
    });
    server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
    process.on('message', () => process.send({ exports }));
  `;
  const child = fork('-e', [code], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = () => new Promise((r) => child.once('message', r));
  const { port } = await next();
  return {
    url: `http://127.0.0.1:${port}/v1/traces`,
    exports: async () => {
      child.send('count');
      return (await next()).exports;
    },
    close: () => new Promise((r) => child.once('exit', r).kill()),
  };
}

async function closedEndpoint() {
  const server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return `http://127.0.0.1:${port}/v1/traces`;
}

async function measure(label, recorder, finish) {
  const ctxs = contexts();
  for (let i = 0; i < CALLS; i++) recorder(ctxs[i % ctxs.length]); // warm-up
  await tick();
  const perCall = [];
  for (let r = 0; r < ROUNDS; r++) {
    const before = cpuUs();
    for (let i = 0; i < CALLS; i++) recorder(ctxs[i % ctxs.length]);
    perCall.push((cpuUs() - before) / CALLS);
    await tick();
  }
  await finish();
  console.log(`${label.padEnd(34)} recorder ${median(perCall).toFixed(2).padStart(6)} µs CPU/call`);
}

/** Records at RATE/s for SECONDS (after a 1 s warm-up at the same rate), then flushes. */
async function paced(label, recorder, finish = async () => {}) {
  const ctxs = contexts();
  const run = async (seconds, observe) => {
    const perMs = RATE / 1000;
    const started = performance.now();
    let sent = 0;
    while (performance.now() - started < seconds * 1000) {
      const due = Math.floor((performance.now() - started) * perMs);
      for (; sent < due; sent++) recorder(ctxs[sent % ctxs.length]);
      await new Promise((r) => setTimeout(r, 1)); // the pacing clock, as requests arriving
    }
    return sent;
  };
  await run(1);
  const h = monitorEventLoopDelay({ resolution: 1 });
  const before = cpuUs();
  h.enable();
  const sent = await run(SECONDS);
  h.disable();
  await finish();
  const cpu = (cpuUs() - before) / sent;
  console.log(
    `${label.padEnd(34)} CPU ${cpu.toFixed(2).padStart(6)} µs/recording   event-loop delay p99 ${(h.percentile(99) / 1e6).toFixed(2).padStart(6)} ms   max ${(h.max / 1e6).toFixed(2).padStart(6)} ms`,
  );
  return cpu;
}

const lost = { spans: 0 };
const counting = {
  ...quiet,
  warn: (event, fields) => {
    if (event === 'trace_queue_full') lost.spans += fields.dropped_spans;
  },
  info: (event, fields) => {
    if (event === 'trace_export_recovered') lost.spans += fields.lost_spans;
  },
};
const tracingTo = (endpoint, sample_ratio = 1, shutdownTimeoutMs = 10_000) =>
  createTracing(tracingConfigSchema.parse({ endpoint, sample_ratio }), {}, counting, { providers, shutdownTimeoutMs, maxExportBatchSize: BATCH });

console.log(`node ${process.version}, ${CALLS} calls x ${ROUNDS} rounds; paced ${RATE}/s for ${SECONDS} s; batches of ${BATCH} spans\n`);
await measure('no-op recorder (loop floor)', () => {}, async () => {});
{
  const up = await collector();
  const t = tracingTo(up.url);
  await measure('collector up', t.recorder, () => t.shutdown());
  const s = tracingTo(up.url, 0.1);
  await measure('collector up, sample_ratio 0.1', s.recorder, () => s.shutdown());
  await up.close();
}
{
  const t = tracingTo(await closedEndpoint(), 1, 200);
  await measure('collector down (nothing listening)', t.recorder, () => t.shutdown());
}
console.log('');
const floor = await paced('paced, no tracing', () => {});
{
  const up = await collector();
  const t = tracingTo(up.url);
  lost.spans = 0;
  const traced = await paced('paced, tracing to a collector', t.recorder, () => t.shutdown());
  console.log(`\ntracing adds ${(traced - floor).toFixed(2)} µs CPU per request, exports included (${await up.exports()} exports received, ${lost.spans} spans lost)`);
  await up.close();
}
process.exit(0); // retries to the dead collector would otherwise hold the process until their deadline
