#!/usr/bin/env node
// Ledger throughput: what recording costs on the request path, and how many rows a
// second the batched writer sustains into a real SQLite file (WAL).
//
//   1. record() cost: ns per call, timed around the calls alone (map + queue).
//   2. saturated: record as fast as the event loop allows for BENCH_SECONDS; rows/s
//      committed, and the backlog left at the end (a writer that keeps up leaves ~0).
//   3. paced at BENCH_RATE rows/s (default 10 000): event-loop delay with the ledger
//      vs the same pacing loop without it, and the longest flush: what requests feel.
//   4. reads on the saturated file: a filtered page that matches nothing (the worst
//      case: one full scan window) and an unfiltered page of 500.
//
// Run: npx tsc -b && node tests/bench/ledger-throughput.mjs
// Knobs: BENCH_SECONDS=5 BENCH_RATE=10000 BENCH_DIR=/path (default: a temp dir)
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const entry = join(root, 'dist/router/ledger/index.js');
if (!existsSync(entry)) {
  console.error('dist/router/ledger is not built: run "npx tsc -b" first');
  process.exit(1);
}
const { openLedger } = await import(entry);

const num = (name, def) => (process.env[name] ? Number(process.env[name]) : def);
const SECONDS = num('BENCH_SECONDS', 5);
const RATE = num('BENCH_RATE', 10_000);
const dir = process.env.BENCH_DIR ?? mkdtempSync(join(tmpdir(), 'ballast-ledger-bench-'));
const tick = () => new Promise((r) => setImmediate(r));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A realistic mix: tenants, features, two providers, some failovers and failures.
const POOL = Array.from({ length: 4096 }, (_, i) => {
  const failover = i % 17 === 0;
  const failed = i % 97 === 0;
  const stream = i % 3 === 0;
  const latency = 200 + ((i * 7919) % 2800);
  return {
    id: `req_${i.toString(16).padStart(32, '0')}`,
    startedAt: 0,
    t0: 0,
    clientSignal: null,
    tags: { tenant: `tenant-${i % 8}`, feature: ['chat', 'search', 'summarize'][i % 3], promptVersion: `v${i % 4}`, pin: null },
    request: null,
    group: 'default',
    stream,
    bypass: false,
    attempts: failover
      ? [
          { provider: 'primary', model: 'gpt-4o-mini', startMs: 0, durationMs: 2000, outcome: 'first_token_timeout' },
          { provider: 'secondary', model: 'claude-haiku-4-5', startMs: 2001, durationMs: latency, outcome: 'ok', status: 200 },
        ]
      : [{ provider: i % 10 === 0 ? 'secondary' : 'primary', model: 'gpt-4o-mini', startMs: 0, durationMs: latency, outcome: failed ? 'server_error' : 'ok', status: failed ? 500 : 200 }],
    provider: failed ? null : failover || i % 10 === 0 ? 'secondary' : 'primary',
    model: failed ? null : 'gpt-4o-mini',
    usage: failed ? null : { inputTokens: 800 + (i % 400), outputTokens: 150 + (i % 90), cacheReadTokens: i % 2 ? 1024 : 0, cacheWriteTokens: 0 },
    cacheWrite1hTokens: 0,
    costUsd: failed ? null : 0.0004 + (i % 50) * 0.00001,
    costSavedUsd: 0,
    degraded: [],
    cache: i % 5 === 0 ? 'hit' : 'miss',
    ttftMs: stream ? latency : null,
    latencyMs: latency,
    outcome: failed ? 'provider_error' : 'success',
    errorCode: failed ? 'all_providers_failed' : null,
    status: failed ? 502 : 200,
  };
});
let next = 0;
const ctx = () => {
  const c = POOL[next++ & 4095];
  c.startedAt = Date.now();
  return c;
};

function open(name) {
  return openLedger({ path: join(dir, name) });
}

// 1 + 2: saturated, timing record() alone.
async function saturated() {
  const ledger = open('saturated.db');
  // Warm-up (JIT, the file's first pages) through the same timer path as the run.
  const warm = performance.now() + 1000;
  while (performance.now() < warm) {
    for (let i = 0; i < 200; i++) ledger.record(ctx());
    await sleep(1);
  }
  await sleep(250);
  const warmMaxFlush = ledger.stats().maxFlushMs;
  const startWritten = ledger.stats().written;
  const startFlushMs = ledger.stats().totalFlushMs;
  let recordNs = 0n;
  let calls = 0;
  const t0 = performance.now();
  const end = t0 + SECONDS * 1000;
  while (performance.now() < end) {
    const a = process.hrtime.bigint();
    for (let i = 0; i < 1000; i++) ledger.record(ctx());
    recordNs += process.hrtime.bigint() - a;
    calls += 1000;
    await tick();
  }
  const elapsed = (performance.now() - t0) / 1000;
  const s = ledger.stats();
  const written = s.written - startWritten;
  ledger.close();
  const bytes = statSync(join(dir, 'saturated.db')).size;
  const maxFlushMs = s.maxFlushMs > warmMaxFlush ? s.maxFlushMs : NaN; // NaN: the longest was in the warm-up
  const writeUs = ((s.totalFlushMs - startFlushMs) * 1000) / written;
  return { nsPerRecord: Number(recordNs) / calls, offered: calls / elapsed, committed: written / elapsed, backlog: s.queued, flushes: s.flushes, maxFlushMs, writeUs, bytesPerRow: bytes / s.written };
}

// 4: reads on the file phase 2 wrote.
function reads() {
  const ledger = open('saturated.db');
  const time = (f) => {
    const runs = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      f();
      runs.push(performance.now() - t);
    }
    return runs.sort((a, b) => a - b)[10];
  };
  const rows = ledger.stats().written;
  const miss = time(() => ledger.listRequests({ tenant: 'nobody', limit: 50 }));
  const page = time(() => ledger.listRequests({ limit: 500 }));
  const rollups = time(() => ledger.rollupsBetween(0, Date.now() + 60_000));
  ledger.close();
  return { miss, page, rollups };
}

// 3: paced, with and without the ledger.
async function paced(withLedger) {
  const ledger = withLedger ? open('paced.db') : null;
  const perTick = RATE / 1000; // rows per 1 ms tick
  const h = monitorEventLoopDelay({ resolution: 1 });
  let owed = 0;
  let rows = 0;
  const t0 = performance.now();
  let last = t0;
  h.enable();
  while (performance.now() - t0 < SECONDS * 1000) {
    await sleep(1);
    const now = performance.now();
    owed += (now - last) * perTick;
    last = now;
    for (; owed >= 1; owed--, rows++) if (ledger) ledger.record(ctx());
      else ctx();
  }
  h.disable();
  const s = ledger?.stats();
  ledger?.close();
  const ms = (ns) => Number(ns) / 1e6;
  return { rate: rows / ((performance.now() - t0) / 1000), p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max), maxFlushMs: s?.maxFlushMs ?? 0, share: s ? s.totalFlushMs / (SECONDS * 1000) : 0, backlog: s?.queued ?? 0 };
}

const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
try {
  console.log(`ledger throughput: Node ${process.version}, ${SECONDS} s per phase, file in ${dir}`);
  const s = await saturated();
  console.log(`record() on the request path: ${fmt(s.nsPerRecord)} ns per call (map + queue)`);
  console.log(`saturated: ${fmt(s.committed)} rows/s committed (${fmt(s.offered)} offered, ${s.backlog} still queued at the end), ${s.flushes} transactions, longest ${fmt(s.maxFlushMs, 1)} ms, write cost ${fmt(s.writeUs, 1)} µs/row in the flush, ${fmt(s.bytesPerRow)} bytes/row on disk`);
  const r = reads();
  console.log(`reads: filtered page matching nothing (20 000-row window) ${fmt(r.miss, 1)} ms, unfiltered page of 500 ${fmt(r.page, 1)} ms, all rollups ${fmt(r.rollups, 1)} ms (medians)`);
  const base = await paced(false);
  const led = await paced(true);
  console.log(`paced at ${fmt(RATE)} rows/s: event-loop delay p50/p99/max ${fmt(led.p50, 2)}/${fmt(led.p99, 2)}/${fmt(led.max, 2)} ms with the ledger vs ${fmt(base.p50, 2)}/${fmt(base.p99, 2)}/${fmt(base.max, 2)} ms without; longest flush ${fmt(led.maxFlushMs, 1)} ms; flushes took ${fmt(led.share * 100, 1)}% of the event loop; ${led.backlog} queued at the end (one interval); achieved ${fmt(led.rate)} rows/s`);
} finally {
  if (!process.env.BENCH_DIR) rmSync(dir, { recursive: true, force: true });
}
