// The failover drill, timed: the router on its embedded emulated providers under steady
// traffic (2 clients back to back), then 5 drills of revoke -> failover -> restore ->
// recovery through the admin API, each read from the drill's own report. Prints the time
// to detect (revoke -> first 401), to fail over (revoke -> first answer from the
// secondary), to recover (restore -> first answer from the primary), the requests that
// failed and p95 after the first failure.
// Build first (npx tsc -b). Run: node tests/bench/drill-failover.mjs
import { loadavg } from 'node:os';
import { startRouter } from './start-router.mjs';

const CYCLES = Number(process.env.BENCH_CYCLES || 5);
const router = await startRouter();
const url = router.url;
const json = async (method, path, body) => {
  const res = await fetch(`${url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return res.json();
};
const waitFor = async (check, what, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

let running = true;
let sent = 0;
let failed = 0;
const lane = async (n) => {
  while (running) {
    const res = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-ballast-cache': 'no-store' },
      body: JSON.stringify({ model: 'default', messages: [{ role: 'user', content: `drill bench ${n} #${sent}` }] }),
    });
    await res.arrayBuffer();
    sent += 1;
    if (res.status !== 200) failed += 1;
  }
};
const lanes = [lane(0), lane(1)];

const rows = [];
try {
  for (let i = 0; i < CYCLES; i++) {
    const drill = await json('POST', '/admin/drills', { lead: 'bench', operator: 'bench', scribe: 'bench' });
    const kinds = async () => (await json('GET', '/admin/drills/current')).timeline.map((e) => e.kind);
    const before = sent;
    await waitFor(() => sent >= before + 20, 'baseline traffic');
    await json('POST', '/admin/providers/primary/revoke');
    await waitFor(async () => (await kinds()).includes('failover'), 'the failover');
    const afterFailover = sent;
    await waitFor(() => sent >= afterFailover + 20, 'traffic on the secondary');
    await json('POST', '/admin/providers/primary/restore');
    await waitFor(async () => (await kinds()).includes('recovery'), 'the recovery');
    const v = await json('POST', `/admin/drills/${drill.id}/finish`, { findings: 'benchmark' });
    rows.push({ detect: v.detection.time_to_detect_ms, failover: v.detection.time_to_failover_ms, recover: v.detection.time_to_recover_ms, requests: v.figures.requests, failed: v.figures.failed, p95: v.figures.p95_after_failure_ms });
  }
} finally {
  running = false;
  await Promise.all(lanes);
  await router.stop();
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs) => Math.max(...xs);
console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}, load average ${loadavg()[0].toFixed(2)}; ${CYCLES} drills, 2 clients back to back, emulated providers`);
console.log('| drill | detect | fail over | recover | requests | failed | p95 after the first failure |');
rows.forEach((r, i) => console.log(`| ${i + 1} | ${r.detect} ms | ${r.failover} ms | ${r.recover} ms | ${r.requests} | ${r.failed} | ${r.p95} ms |`));
for (const k of ['detect', 'failover', 'recover', 'p95']) console.log(`${k.padEnd(9)} median ${median(rows.map((r) => r[k]))} ms, max ${max(rows.map((r) => r[k]))} ms`);
console.log(`failed requests: ${rows.reduce((a, r) => a + r.failed, 0)} in the drills; ${failed} of ${sent} over the whole run`);
