#!/usr/bin/env node
// Router overhead benchmark: the same emulator (latency 0, ttft 0, unlimited token
// rate) reached four ways, side by side in one run:
//   direct      the emulator's OpenAI wire, no gateway (the floor)
//   null-proxy  control: the least a Node gateway can do (null-proxy.mjs), OpenAI wire
//   ballast     `ballast start`: primary = emulator OpenAI wire, secondary = emulator
//               Anthropic wire, strategy weighted 9:1
//   portkey     @portkey-ai/gateway 1.15.2: loadbalance 9:1 over two fallback chains
//               (primary -> secondary, secondary -> primary), the same two upstreams
// The gateways run on core 0, the load generator and the emulator on core 1.
//
// Run: npm run bench (from the repository root). Knobs (environment):
//   BENCH_WARMUP_S=1 BENCH_SLICE_S=2 BENCH_ROUNDS=3   per path and scenario
//   BENCH_PREWARM_S=8   saturated warm-up of every path before anything is measured
//   BENCH_CONNECTIONS=50   BENCH_LOADGEN=undici (instead of autocannon, saturated runs)
//   BENCH_NOISE_CPU=0.1 BENCH_NOISE_SLOW=1.2 BENCH_MAX_TRIES=3   noise gate (see below)
//   BENCH_SCENARIO_BUDGET_S=150   time per scenario for collecting clean rounds
//   BENCH_QUIET_WAIT_S=60   wait at most this long for a quiet machine before starting
//   BENCH_JSON=path   also write every figure as JSON there
//   BENCH_KEEP_TMP=1  keep the temp dir (ballast.yaml, the children's logs)
// Results and method: docs/BENCHMARKS.md, section "Router overhead".
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuWindow, freePort, killAllNow, pinSelf, pinning, startNode, startProbe, stopAll, waitForQuiet, waitReady } from './processes.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const num = (name, def) => (process.env[name] === undefined || process.env[name] === '' ? def : Number(process.env[name]));
const WARMUP_MS = num('BENCH_WARMUP_S', 1) * 1000;
const SLICE_MS = num('BENCH_SLICE_S', 2) * 1000;
const ROUNDS = num('BENCH_ROUNDS', 3);
const PREWARM_MS = num('BENCH_PREWARM_S', 8) * 1000;
const CONNECTIONS = num('BENCH_CONNECTIONS', 50);
// Noise gate (details at "noise gate" in main).
const NOISE_CPU = num('BENCH_NOISE_CPU', 0.1);
const NOISE_SLOW = num('BENCH_NOISE_SLOW', 1.2);
const MAX_TRIES = num('BENCH_MAX_TRIES', 3);
const SCENARIO_BUDGET_MS = num('BENCH_SCENARIO_BUDGET_S', 150) * 1000;

const TARGETS = { addedMeanMs: 0.3, addedP99Ms: 1, vsPortkey: 3, revokedShare: 0.9 };

const KEYS = { primary: `pk-bench-${process.pid}-0123456789`, secondary: `sk-ant-bench-${process.pid}-9876543210` };
const PROMPT = [{ role: 'user', content: 'Hello there, how is the weather on the water today?' }];

// ---- lifecycle: every child is stopped on exit, error or Ctrl-C ---------------------

let tmp = null;
let cleaning = null;
function cleanup() {
  cleaning ??= (async () => {
    await stopAll();
    if (tmp && !process.env.BENCH_KEEP_TMP) rmSync(tmp, { recursive: true, force: true });
  })();
  return cleaning;
}
process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    process.stderr.write(`\nbench: ${signal}, stopping the child processes...\n`);
    cleanup().finally(() => process.exit(130));
  });
}
for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.on(event, (err) => {
    process.stderr.write(`bench: ${err?.stack ?? err}\n`);
    cleanup().finally(() => process.exit(1));
  });
}

// ---- setup --------------------------------------------------------------------------

function ensureBuilt() {
  for (const f of ['dist/emulator/main.js', 'dist/router/cli.js']) {
    if (!existsSync(join(root, f))) {
      throw new Error(`${f} is missing: build the router first ("npx tsc -b", or "npm run bench", which builds what is stale)`);
    }
  }
}

function ensureBenchDeps() {
  const need = ['@portkey-ai/gateway', 'autocannon', 'undici'];
  if (need.every((m) => existsSync(join(here, 'node_modules', m, 'package.json')))) return;
  console.log("bench: installing the benchmark's own dependencies (tests/bench/package.json, first run)...");
  execFileSync('npm', ['install', '--prefix', here, '--no-audit', '--no-fund'], { stdio: 'inherit' });
}

function ballastYaml(p) {
  return `# written by tests/bench/router-overhead.mjs
providers:
  primary:
    kind: openai
    base_url: http://127.0.0.1:${p.primary}/v1
    api_key_env: BENCH_PRIMARY_KEY
    emulated: true
  secondary:
    kind: anthropic
    base_url: http://127.0.0.1:${p.secondary}
    api_key_env: BENCH_SECONDARY_KEY
    emulated: true
groups:
  default:
    strategy: weighted
    deployments:
      - { provider: primary, model: emulated-gpt-4o-mini, weight: 9 }
      - { provider: secondary, model: emulated-claude-haiku-4-5, weight: 1 }
    retries_in_group: 1
    ttft_timeout_ms: 2000
`;
}

function portkeyConfig(p) {
  const primary = { provider: 'openai', api_key: KEYS.primary, custom_host: `http://127.0.0.1:${p.primary}/v1`, override_params: { model: 'emulated-gpt-4o-mini' } };
  const secondary = { provider: 'anthropic', api_key: KEYS.secondary, custom_host: `http://127.0.0.1:${p.secondary}/v1`, override_params: { model: 'emulated-claude-haiku-4-5' } };
  return {
    strategy: { mode: 'loadbalance' },
    targets: [
      { weight: 9, strategy: { mode: 'fallback' }, targets: [primary, secondary] },
      { weight: 1, strategy: { mode: 'fallback' }, targets: [secondary, primary] },
    ],
  };
}

async function control(ports, method, path) {
  const res = await fetch(`http://127.0.0.1:${ports.control}${path}`, { method });
  const body = await res.json();
  if (!res.ok) throw new Error(`emulator control ${method} ${path}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

function commit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'commit unknown';
  }
}

// ---- formatting ---------------------------------------------------------------------

const ms = (v) => (Number.isFinite(v) ? v.toFixed(3) : '-');
const signedMs = (v) => (Number.isFinite(v) ? `${v >= 0 ? '+' : ''}${v.toFixed(3)}` : '-');
const int = (v) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '-');
const pct = (v) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '-');
const verdict = (ok) => (ok ? 'PASS' : 'MISS');

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' | ')} |`;
  return [line(headers), `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}

// ---- main ---------------------------------------------------------------------------

async function main() {
  const started = performance.now();
  ensureBuilt();
  ensureBenchDeps();
  const lg = await import('./loadgen.mjs');

  const quiet = await waitForQuiet({
    limit: NOISE_CPU,
    maxMs: num('BENCH_QUIET_WAIT_S', 60) * 1000,
    onWait: (busy) => console.log(`bench: the machine is busy (${pct(busy)} of a core used by other processes); waiting up to ${num('BENCH_QUIET_WAIT_S', 60)} s for it to calm down...`),
  });
  if (!quiet.quiet) console.log(`bench: still busy (${pct(quiet.busy)}); measuring anyway, the noise gate will flag what it cannot clean`);
  const pin = pinning();
  const core = (n) => (pin.on ? n : null);
  if (pin.on) pinSelf(1);
  tmp = mkdtempSync(join(tmpdir(), 'ballast-bench-'));

  const ports = {};
  for (const k of ['primary', 'secondary', 'control', 'ballast', 'portkey', 'nullProxy']) ports[k] = await freePort();
  const baseEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C' };
  const loadgenName = process.env.BENCH_LOADGEN === 'undici' ? 'an undici Pool loop' : 'autocannon 8';

  console.log(`bench: node ${process.version}, ${pin.cpus} CPUs, ${pin.on ? 'gateways pinned to core 0, load generator + emulator to core 1 (taskset)' : `UNPINNED: ${pin.why}`}`);
  console.log(`bench: every path warmed ${PREWARM_MS / 1000} s saturated first; then per path and scenario ${ROUNDS} rounds x (${WARMUP_MS / 1000} s warm-up + ${SLICE_MS / 1000} s measured), paths interleaved`);

  const emulator = startNode({
    name: 'emulator',
    core: core(1),
    cwd: root,
    logFile: join(tmp, 'emulator.log'),
    env: { ...baseEnv, BALLAST_EMULATOR_KEY_PRIMARY: KEYS.primary, BALLAST_EMULATOR_KEY_SECONDARY: KEYS.secondary },
    args: [join(root, 'dist/emulator/main.js'), '--provider', `primary:${ports.primary}`, '--provider', `secondary:${ports.secondary}`, '--control-port', String(ports.control), '--latency-ms', '0', '--ttft-ms', '0', '--tokens-per-second', '0'],
  });
  const yamlPath = join(tmp, 'ballast.yaml');
  writeFileSync(yamlPath, ballastYaml(ports));
  const ballast = startNode({
    name: 'ballast',
    core: core(0),
    cwd: tmp,
    logFile: join(tmp, 'ballast.log'),
    env: { ...baseEnv, BENCH_PRIMARY_KEY: KEYS.primary, BENCH_SECONDARY_KEY: KEYS.secondary },
    args: [join(root, 'bin/ballast.js'), 'start', '--config', yamlPath, '--port', String(ports.ballast)],
  });
  const portkey = startNode({
    name: 'portkey',
    core: core(0),
    cwd: tmp,
    logFile: join(tmp, 'portkey.log'),
    env: { ...baseEnv, NODE_ENV: 'production' },
    args: ['--import', join(here, 'portkey-loopback.mjs'), join(here, 'node_modules/@portkey-ai/gateway/build/start-server.js'), `--port=${ports.portkey}`, '--headless'],
  });
  const nullProxy = startNode({
    name: 'null-proxy',
    core: core(0),
    cwd: tmp,
    logFile: join(tmp, 'null-proxy.log'),
    env: baseEnv,
    args: [join(here, 'null-proxy.mjs'), '--port', String(ports.nullProxy), '--upstream', `http://127.0.0.1:${ports.primary}`, '--key', KEYS.primary],
  });
  await waitReady(emulator, `http://127.0.0.1:${ports.control}/providers`);
  await waitReady(ballast, `http://127.0.0.1:${ports.ballast}/healthz`);
  await waitReady(portkey, `http://127.0.0.1:${ports.portkey}/`);
  await waitReady(nullProxy, `http://127.0.0.1:${ports.nullProxy}/v1/models`);
  const pids = { emulator: emulator.child.pid, ballast: ballast.child.pid, portkey: portkey.child.pid, nullProxy: nullProxy.child.pid };
  const gatewayPid = { ballast: 'ballast', portkey: 'portkey', nullProxy: 'nullProxy' };

  const body = (model, extra = {}) => ({ model, max_tokens: 64, messages: PROMPT, ...extra });
  const pkHeader = { 'x-portkey-config': JSON.stringify(portkeyConfig(ports)) };
  const paths = {
    direct: (extra) => lg.target(`http://127.0.0.1:${ports.primary}`, '/v1/chat/completions', { authorization: `Bearer ${KEYS.primary}` }, body('emulated-gpt-4o-mini', extra)),
    nullProxy: (extra) => lg.target(`http://127.0.0.1:${ports.nullProxy}`, '/v1/chat/completions', {}, body('emulated-gpt-4o-mini', extra)),
    ballast: (extra) => lg.target(`http://127.0.0.1:${ports.ballast}`, '/v1/chat/completions', {}, body('default', extra)),
    portkey: (extra) => lg.target(`http://127.0.0.1:${ports.portkey}`, '/v1/chat/completions', pkHeader, body('default', extra)),
  };
  // Informational: the emulator's Anthropic wire, which serves 1 in 10 gateway requests.
  const directAnthropic = lg.target(
    `http://127.0.0.1:${ports.secondary}`,
    '/v1/messages',
    { 'x-api-key': KEYS.secondary, 'anthropic-version': '2023-06-01' },
    body('emulated-claude-haiku-4-5'),
  );
  const label = { direct: 'direct (OpenAI wire)', directAnthropic: 'direct (Anthropic wire, info)', nullProxy: 'null proxy (control)', ballast: 'ballast', portkey: 'portkey' };

  // Every path answers 200, non-stream and stream, before anything is measured.
  for (const [name, make] of Object.entries(paths)) {
    for (const stream of [false, true]) {
      const r = await lg.sequential(make(stream ? { stream } : {}), { warmupMs: 0, durationMs: 1, maxRequests: 1, stream });
      if (r.errors > 0 || r.n !== 1) throw new Error(`${name} does not answer a ${stream ? 'stream' : 'completion'}: ${r.lastError}`);
    }
  }
  process.stdout.write('bench: warming every path (JIT of the emulator, the gateways and the load generator)\n');
  for (const name of Object.keys(paths)) {
    await lg.saturate(paths[name](), { connections: CONNECTIONS, warmupMs: 0, durationMs: PREWARM_MS });
    await lg.sequential(paths[name]({ stream: true }), { warmupMs: 0, durationMs: 500, stream: true });
  }
  await lg.sequential(directAnthropic, { warmupMs: 0, durationMs: 1000 });

  // ---- noise gate -------------------------------------------------------------------
  // The machine may be shared. A slice is clean when other processes used at most
  // NOISE_CPU of a core during it (/proc/stat) and neither core ran the speed probe more
  // than NOISE_SLOW times slower than its best just before and just after it (a busy
  // host slows a VM without showing in /proc/stat). A dirty slice is measured again
  // (up to MAX_TRIES). A round (every path once, back to back) is kept when all its
  // slices are clean; rounds are repeated until ROUNDS clean ones, within a time budget
  // per scenario; short of that, the cleanest rounds are used and the report says so.
  const probes = [await startProbe(0, pin.on), await startProbe(1, pin.on)];
  const bestProbe = [Infinity, Infinity];
  const probe = async () => {
    const t = [await probes[0].run(), await probes[1].run()];
    t.forEach((v, i) => (bestProbe[i] = Math.min(bestProbe[i], v)));
    return t;
  };
  const slices = [];
  let redone = 0;
  async function gated(what, run) {
    let best = null;
    for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
      await waitForQuiet({ limit: NOISE_CPU, sampleMs: 500, maxMs: 5_000 });
      const before = await probe();
      const w = cpuWindow(pids);
      const result = await run((edge) => w.mark(edge));
      // A gateway may work on after the load stops (Portkey does): let it settle first,
      // or the probe would blame the host for our own tail.
      await waitForQuiet({ limit: NOISE_CPU, sampleMs: 200, maxMs: 3_000 });
      const after = await probe();
      const c = w.result;
      const foreign = c.cores.reduce((a, b) => a + b, 0) - c.loadgen - Object.values(c.procs).reduce((a, b) => a + b, 0);
      const slow = Math.max(...[0, 1].map((i) => Math.max(before[i], after[i]) / bestProbe[i]));
      const dirt = Math.max(slow - 1, foreign);
      if (best === null || dirt < best.dirt) best = { result: { ...result, cpu: c }, dirt, foreign, slow, attempt };
      if (foreign <= NOISE_CPU && slow <= NOISE_SLOW) break;
      if (attempt < MAX_TRIES) redone++;
    }
    const clean = best.foreign <= NOISE_CPU && best.slow <= NOISE_SLOW;
    const r = best.result;
    const figures = r.samples ? { n: r.n, mean: r.mean, p50: r.p50, p99: r.p99 } : { rps: r.rps, failed: r.failed };
    const cpuUs = Object.fromEntries(Object.entries(r.cpu.procs).map(([k, v]) => [k, (v * r.cpu.wall * 1e6) / (r.samples ? r.n : r.ok)]));
    slices.push({ what, foreign: best.foreign, slow: best.slow, attempt: best.attempt, clean, ...figures, cpuUs });
    return { ...best.result, clean, dirt: best.dirt };
  }

  const scenarioNotes = {};
  /** Rounds of `fn(name)` over every path, interleaved, until ROUNDS clean ones or the budget is spent. */
  async function rounds(scenario, names, fn) {
    const deadline = Date.now() + SCENARIO_BUDGET_MS;
    const clean = [];
    const dirty = [];
    let n = 0;
    while (clean.length < ROUNDS && (n < ROUNDS || Date.now() < deadline)) {
      const round = {};
      for (const name of names) round[name] = await fn(name);
      const dirt = Math.max(...Object.values(round).map((r) => r.dirt));
      (Object.values(round).every((r) => r.clean) ? clean : dirty).push({ round, dirt });
      n++;
    }
    const used = clean.concat(dirty.sort((a, b) => a.dirt - b.dirt).slice(0, ROUNDS - clean.length));
    scenarioNotes[scenario] = { measured: n, clean: clean.length, used: used.length };
    return Object.fromEntries(names.map((name) => [name, used.map((u) => u.round[name])]));
  }
  const seq = (t, opts, what) => gated(what, (onWindow) => lg.sequential(t, { warmupMs: WARMUP_MS, durationMs: SLICE_MS, ...opts, onWindow }));
  const sat = (t, what) => gated(what, (onWindow) => lg.saturate(t, { connections: CONNECTIONS, warmupMs: WARMUP_MS, durationMs: SLICE_MS, onWindow }));
  // CPU per request of each process over the kept slices (us).
  const cpuPerRequest = (runs) =>
    Object.fromEntries(
      ['loadgen', ...Object.keys(pids)].map((k) => {
        const cpuS = runs.reduce((a, r) => a + (k === 'loadgen' ? r.cpu.loadgen : r.cpu.procs[k]) * r.cpu.wall, 0);
        const n = runs.reduce((a, r) => a + r.samples.length, 0);
        return [k, (cpuS / n) * 1e6];
      }),
    );
  const mergeSeq = (runs) => ({
    cpuUs: cpuPerRequest(runs),
    ...lg.summarize(runs.flatMap((r) => r.samples)),
    totalMean: lg.summarize(runs.flatMap((r) => r.totals)).mean,
    errors: runs.reduce((a, r) => a + r.errors, 0),
    lastError: runs.find((r) => r.lastError)?.lastError ?? null,
  });
  const mergeSat = (runs) => {
    const windowMs = runs.reduce((a, r) => a + r.windowMs, 0);
    const ok = runs.reduce((a, r) => a + r.ok, 0);
    const avg = (f) => runs.reduce((a, r) => a + f(r) * r.windowMs, 0) / windowMs;
    return {
      rps: ok / (windowMs / 1000),
      ok,
      failed: runs.reduce((a, r) => a + r.failed, 0),
      statuses: runs.reduce((acc, r) => {
        for (const [k, v] of Object.entries(r.statuses)) acc[k] = (acc[k] ?? 0) + v;
        return acc;
      }, {}),
      lastError: runs.find((r) => r.lastError)?.lastError ?? null,
      perRound: runs.map((r) => Math.round(r.rps)),
      cpu: {
        loadgen: avg((r) => r.cpu.loadgen),
        ...Object.fromEntries(Object.keys(pids).map((k) => [k, avg((r) => r.cpu.procs[k])])),
        cores: [0, 1].map((i) => avg((r) => r.cpu.cores[i] ?? NaN)),
      },
    };
  };

  const results = {};
  const progress = (s) => process.stdout.write(`bench: ${s}\n`);

  progress('1/4 non-stream, concurrency 1');
  const c1 = await rounds('c1', ['direct', 'directAnthropic', 'nullProxy', 'ballast', 'portkey'], (n) =>
    seq(n === 'directAnthropic' ? directAnthropic : paths[n](), {}, `c1 ${n}`),
  );
  results.c1 = Object.fromEntries(Object.entries(c1).map(([k, v]) => [k, mergeSeq(v)]));

  progress(`2/4 non-stream, saturated (${CONNECTIONS} connections, ${loadgenName})`);
  const satRuns = await rounds('saturated', ['direct', 'nullProxy', 'ballast', 'portkey'], (n) => sat(paths[n](), `saturated ${n}`));
  results.saturated = Object.fromEntries(Object.entries(satRuns).map(([k, v]) => [k, mergeSat(v)]));

  progress('3/4 stream, time to first token, concurrency 1');
  const ttft = await rounds('ttft', ['direct', 'nullProxy', 'ballast', 'portkey'], (n) => seq(paths[n]({ stream: true }), { stream: true }, `ttft ${n}`));
  results.ttft = Object.fromEntries(Object.entries(ttft).map(([k, v]) => [k, mergeSeq(v)]));

  progress('4/4 saturated with the primary key revoked at the emulator');
  await control(ports, 'POST', '/providers/primary/revoke');
  // The first seconds after the revoke, as they come (ballast learns the key is bad and
  // cools the primary down; its Anthropic path, until now 1 request in 10, gets hot).
  const transition = await lg.saturate(paths.ballast(), { connections: CONNECTIONS, warmupMs: 0, durationMs: 2000 });
  // Then the steady state: every path warmed again on its new route before the rounds.
  for (const n of ['ballast', 'portkey']) await lg.saturate(paths[n](), { connections: CONNECTIONS, warmupMs: 0, durationMs: PREWARM_MS / 2 });
  const revRuns = await rounds('revoked', ['ballast', 'portkey'], (n) => sat(paths[n](), `revoked ${n}`));
  results.revoked = Object.fromEntries(Object.entries(revRuns).map(([k, v]) => [k, mergeSat(v)]));
  results.revokeTransition = { rps: transition.rps, failed: transition.failed, statuses: transition.statuses };
  const ballastState = await fetch(`http://127.0.0.1:${ports.ballast}/admin/state`)
    .then((r) => r.json())
    .catch(() => null);
  const emuStats = await control(ports, 'GET', '/providers');
  await control(ports, 'POST', '/providers/primary/restore');

  // ---- report -------------------------------------------------------------------------
  const { direct: d, directAnthropic: a, ballast: b } = results.c1;
  const addedMean = b.mean - d.mean;
  const addedP99 = b.p99 - d.p99;
  const ratio = results.saturated.ballast.rps / results.saturated.portkey.rps;
  const share = results.revoked.ballast.rps / results.saturated.ballast.rps;
  const checks = [
    { name: 'ballast added mean latency, concurrency 1', ok: addedMean <= TARGETS.addedMeanMs, shown: `${signedMs(addedMean)} ms (target <= ${TARGETS.addedMeanMs} ms)` },
    { name: 'ballast added p99 latency, concurrency 1', ok: addedP99 <= TARGETS.addedP99Ms, shown: `${signedMs(addedP99)} ms (target <= ${TARGETS.addedP99Ms} ms)` },
    { name: 'ballast saturated throughput vs Portkey', ok: ratio >= TARGETS.vsPortkey, shown: `${ratio.toFixed(2)}x (target >= ${TARGETS.vsPortkey}x)` },
    { name: 'ballast throughput, primary revoked vs healthy', ok: share >= TARGETS.revokedShare, shown: `${pct(share)} (target >= ${pct(TARGETS.revokedShare)})` },
  ];

  const out = [];
  const say = (s = '') => out.push(s);
  say();
  say(`Router overhead (ballast ${commit()}): node ${process.version}, ${pin.cpus} CPUs, ${pin.on ? 'pinned (gateway: core 0; load generator + emulator: core 1)' : `UNPINNED (${pin.why})`}`);
  say('Emulator latency 0 / ttft 0 / tokens-per-second 0. ballast: weighted 9:1. Portkey: loadbalance 9:1 over fallback chains.');
  say(`${ROUNDS} rounds x ${SLICE_MS / 1000} s measured per path and scenario (each after ${WARMUP_MS / 1000} s warm-up), paths interleaved.`);
  say(`Latency: undici, one connection, hrtime per request, every sample kept. Throughput: ${loadgenName}, ${CONNECTIONS} connections.`);
  say();
  say('Non-stream, concurrency 1 (ms; "added" = path minus direct (OpenAI wire), same statistic)');
  const c1Row = (k, target = '') => {
    const r = results.c1[k];
    const base = k === 'direct';
    const gw = gatewayPid[k];
    return [label[k], int(r.n), ms(r.mean), ms(r.p50), ms(r.p99), base ? '' : signedMs(r.mean - d.mean), base ? '' : signedMs(r.p50 - d.p50), base ? '' : signedMs(r.p99 - d.p99), gw ? int(r.cpuUs[gw]) : '-', int(r.cpuUs.emulator), target];
  };
  say(
    table(
      ['path', 'requests', 'mean', 'p50', 'p99', 'added mean', 'added p50', 'added p99', 'gateway CPU us/req', 'emulator CPU us/req', 'target'],
      [
        c1Row('direct'),
        c1Row('directAnthropic'),
        c1Row('nullProxy'),
        c1Row('ballast', `mean <= ${TARGETS.addedMeanMs}: ${verdict(checks[0].ok)}, p99 <= ${TARGETS.addedP99Ms}: ${verdict(checks[1].ok)}`),
        c1Row('portkey'),
      ],
    ),
  );
  const mix = 0.9 * d.mean + 0.1 * a.mean;
  say(`(the gateways' 9:1 upstream mix has a direct floor of ${ms(mix)} ms mean; ballast over it: ${signedMs(b.mean - mix)} ms; ballast over the null proxy: ${signedMs(b.mean - results.c1.nullProxy.mean)} ms)`);
  say();
  const s = results.saturated;
  const satRow = (group, k, target = '', ref = null) => {
    const r = group[k];
    const gw = gatewayPid[k];
    return [
      label[k] ?? k,
      int(r.rps),
      ref ? pct(r.rps / ref.rps) : '',
      int(r.failed),
      gw ? pct(r.cpu[gw]) : '-',
      pct(r.cpu.loadgen + r.cpu.emulator),
      gw ? int((r.cpu[gw] / r.rps) * 1e6) : '-',
      int((r.cpu.emulator / r.rps) * 1e6),
      r.perRound.map((x) => x.toLocaleString('en-US')).join(' / '),
      target,
    ];
  };
  const satHead = ['path', 'req/s', 'ref', 'non-200', 'gateway CPU (core 0)', 'load gen + emulator CPU (core 1)', 'gateway CPU us/req', 'emulator CPU us/req', 'req/s per round', 'target'];
  say(`Non-stream, saturated (${CONNECTIONS} connections; ref = % of direct)`);
  say(
    table(satHead, [
      satRow(s, 'direct'),
      satRow(s, 'nullProxy', '', s.direct),
      satRow(s, 'ballast', `>= ${TARGETS.vsPortkey}x Portkey: ${ratio.toFixed(2)}x ${verdict(checks[2].ok)}`, s.direct),
      satRow(s, 'portkey', '', s.direct),
    ]),
  );
  say();
  const t = results.ttft;
  say('Stream, time to first token, concurrency 1 (ms; "added" = minus direct)');
  say(
    table(
      ['path', 'streams', 'TTFT mean', 'TTFT p50', 'TTFT p99', 'added mean', 'added p99', 'whole stream mean'],
      ['direct', 'nullProxy', 'ballast', 'portkey'].map((k) => [
        label[k],
        int(t[k].n),
        ms(t[k].mean),
        ms(t[k].p50),
        ms(t[k].p99),
        k === 'direct' ? '' : signedMs(t[k].mean - t.direct.mean),
        k === 'direct' ? '' : signedMs(t[k].p99 - t.direct.p99),
        ms(t[k].totalMean),
      ]),
    ),
  );
  say();
  const rv = results.revoked;
  say(`Saturated (${CONNECTIONS} connections), primary key revoked at the emulator (ref = % of the same gateway's healthy req/s)`);
  say(
    table(satHead, [
      satRow(rv, 'ballast', `>= ${pct(TARGETS.revokedShare)}: ${verdict(checks[3].ok)}`, s.ballast),
      satRow(rv, 'portkey', '', s.portkey),
    ]),
  );
  say(
    `(ballast in the first 2 s after the revoke, before the warm-up: ${int(transition.rps)} req/s, ${pct(transition.rps / s.ballast.rps)} of healthy, ${int(transition.failed)} non-200)`,
  );
  say(
    `(ballast /admin/state afterwards: primary ${ballastState?.providers?.primary?.state ?? 'unknown'}; the emulator's primary answered ${JSON.stringify(emuStats.providers?.primary?.stats?.by_status ?? {})} over the whole run)`,
  );
  say();
  say('Targets (compared unrounded)');
  for (const c of checks) say(`  ${verdict(c.ok)}  ${c.name}: ${c.shown}`);
  const kept = Object.entries(scenarioNotes);
  say();
  say(
    `Noise gate: clean rounds used / measured per scenario: ${kept.map(([k, v]) => `${k} ${v.clean}/${v.measured}`).join(', ')}; ${redone} slices re-measured.`,
  );
  const short = kept.filter(([, v]) => v.clean < ROUNDS);
  if (short.length > 0) {
    say(
      `WARNING: the machine was busy: ${short.map(([k, v]) => `${k} has ${v.clean} clean round(s) of ${ROUNDS}`).join('; ')}; the cleanest noisy rounds fill in. Re-run on a quiet machine for figures to quote.`,
    );
  }
  const failures = [results.c1, results.ttft].flatMap((g) => Object.entries(g).filter(([, v]) => v.errors > 0).map(([k, v]) => `${k}: ${v.errors} (${v.lastError})`));
  if (failures.length > 0) say(`WARNING: failed requests at concurrency 1: ${failures.join('; ')}`);
  const seconds = (performance.now() - started) / 1000;
  say(`Run took ${seconds.toFixed(0)} s.`);
  console.log(out.join('\n'));

  results.meta = { commit: commit(), node: process.version, cpus: pin.cpus, pinned: pin.on, loadgen: loadgenName, prewarmMs: PREWARM_MS, warmupMs: WARMUP_MS, sliceMs: SLICE_MS, rounds: ROUNDS, connections: CONNECTIONS, seconds, checks, slices, redone, scenarios: scenarioNotes, noiseGate: { cpu: NOISE_CPU, slow: NOISE_SLOW, tries: MAX_TRIES } };
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, `${JSON.stringify(results, null, 2)}\n`);
}

main()
  .then(() => cleanup())
  .then(() => process.exit(0))
  .catch(async (err) => {
    process.stderr.write(`bench: ${err.stack ?? err}\n`);
    await cleanup();
    process.exit(1);
  });
