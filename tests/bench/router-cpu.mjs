#!/usr/bin/env node
// Router CPU per request: the CPU time (user + system, all threads) the ballast process
// spends per non-streamed request at concurrency 1, against the emulator, side by side
// with a do-nothing proxy (null-proxy.mjs) and the direct path. Unlike the
// latency figures of router-overhead.mjs it barely moves when other work shares the
// machine, so it is the figure to compare before and after a change to the request path.
//
// Run: node tests/bench/router-cpu.mjs   (build first: npx tsc -b)
//   BENCH_REQUESTS=6000  requests measured (after 2,000 of warm-up)
//   BENCH_CPU_PROF=dir   also write a V8 CPU profile of the router there (--cpu-prof)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { freePort, processCpuSeconds, startNode, stopAll, waitReady } from './processes.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const N = Number(process.env.BENCH_REQUESTS || 6000);
const WARM = 2000;
const KEYS = { primary: `pk-cpu-${process.pid}-0123456789`, secondary: `sk-ant-cpu-${process.pid}-9876543210` };
const BODY = JSON.stringify({ model: 'default', messages: [{ role: 'user', content: 'Hello there, how is the weather on the water today?' }] });

const tmp = mkdtempSync(join(tmpdir(), 'ballast-cpu-'));
const ports = {};
for (const k of ['primary', 'secondary', 'control', 'ballast', 'nullProxy']) ports[k] = await freePort();
const env = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C' };
const emulator = startNode({
  name: 'emulator',
  core: null,
  cwd: root,
  logFile: join(tmp, 'emulator.log'),
  env: { ...env, BALLAST_EMULATOR_KEY_PRIMARY: KEYS.primary, BALLAST_EMULATOR_KEY_SECONDARY: KEYS.secondary },
  args: [join(root, 'dist/emulator/main.js'), '--provider', `primary:${ports.primary}`, '--provider', `secondary:${ports.secondary}`, '--control-port', String(ports.control), '--latency-ms', '0', '--ttft-ms', '0', '--tokens-per-second', '0'],
});
writeFileSync(
  join(tmp, 'ballast.yaml'),
  `providers:
  primary: { kind: openai, base_url: "http://127.0.0.1:${ports.primary}/v1", api_key_env: BENCH_PRIMARY_KEY, emulated: true }
  secondary: { kind: anthropic, base_url: "http://127.0.0.1:${ports.secondary}", api_key_env: BENCH_SECONDARY_KEY, emulated: true }
groups:
  default:
    deployments:
      - { provider: primary, model: emulated-gpt-4o-mini, weight: 9 }
      - { provider: secondary, model: emulated-claude-haiku-4-5, weight: 1 }
`,
);
const prof = process.env.BENCH_CPU_PROF ? [`--cpu-prof`, `--cpu-prof-dir=${resolve(process.env.BENCH_CPU_PROF)}`] : [];
const ballast = startNode({
  name: 'ballast',
  core: null,
  cwd: tmp,
  logFile: join(tmp, 'ballast.log'),
  env: { ...env, BENCH_PRIMARY_KEY: KEYS.primary, BENCH_SECONDARY_KEY: KEYS.secondary },
  args: [...prof, join(root, 'bin/ballast.js'), 'start', '--config', join(tmp, 'ballast.yaml'), '--port', String(ports.ballast)],
});
// The peer: a do-nothing node:http + undici proxy to the same emulator (null-proxy.mjs).
const nullProxy = startNode({
  name: 'null-proxy',
  core: null,
  cwd: root,
  logFile: join(tmp, 'null-proxy.log'),
  env,
  args: [join(root, 'tests/bench/null-proxy.mjs'), '--port', String(ports.nullProxy), '--upstream', `http://127.0.0.1:${ports.primary}`, '--key', KEYS.primary],
});
try {
  await waitReady(nullProxy, `http://127.0.0.1:${ports.nullProxy}/`);
  await waitReady(emulator, `http://127.0.0.1:${ports.control}/stats`);
  await waitReady(ballast, `http://127.0.0.1:${ports.ballast}/healthz`);
  // The same request straight to the emulator, interleaved in slices, for the round-trip floor.
  const direct = new Pool(`http://127.0.0.1:${ports.primary}`, { connections: 1 });
  const via = new Pool(`http://127.0.0.1:${ports.ballast}`, { connections: 1 });
  const nulled = new Pool(`http://127.0.0.1:${ports.nullProxy}`, { connections: 1 });
  const directBody = BODY.replace('"default"', '"emulated-gpt-4o-mini"');
  const one = async (pool, body, headers) => {
    const res = await pool.request({ path: '/v1/chat/completions', method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    await res.body.arrayBuffer();
    if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`);
  };
  const viaOne = () => one(via, BODY, {});
  const directOne = () => one(direct, directBody, { authorization: `Bearer ${KEYS.primary}` });
  const nullOne = () => one(nulled, directBody, {});
  for (let i = 0; i < WARM; i++) await viaOne();
  for (let i = 0; i < WARM / 2; i++) await nullOne();
  for (let i = 0; i < WARM / 4; i++) await directOne();
  let viaUs = 0;
  let directUs = 0;
  let nullUs = 0;
  let cpu = 0;
  let nullCpu = 0;
  const SLICE = 500;
  for (let done = 0; done < N; done += SLICE) {
    let t = performance.now();
    for (let i = 0; i < SLICE; i++) await directOne();
    directUs += (performance.now() - t) * 1000;
    const c0 = processCpuSeconds(ballast.child.pid);
    t = performance.now();
    for (let i = 0; i < SLICE; i++) await viaOne();
    viaUs += (performance.now() - t) * 1000;
    cpu += processCpuSeconds(ballast.child.pid) - c0;
    const n0 = processCpuSeconds(nullProxy.child.pid);
    t = performance.now();
    for (let i = 0; i < SLICE; i++) await nullOne();
    nullUs += (performance.now() - t) * 1000;
    nullCpu += processCpuSeconds(nullProxy.child.pid) - n0;
  }
  const n = Math.ceil(N / SLICE) * SLICE;
  await Promise.all([via.close(), direct.close(), nulled.close()]);
  const us = (x) => `${(x / n).toFixed(0)} us`;
  console.log(`${n} requests per path at concurrency 1, interleaved in slices of ${SLICE}`);
  console.log(`  direct      round trip ${us(directUs)}`);
  console.log(`  null-proxy  round trip ${us(nullUs)} (+${us(nullUs - directUs)}), CPU ${us(nullCpu * 1e6)} a request`);
  console.log(`  ballast     round trip ${us(viaUs)} (+${us(viaUs - directUs)}), CPU ${us(cpu * 1e6)} a request`);
} finally {
  await stopAll();
  rmSync(tmp, { recursive: true, force: true });
}
