// Child processes of the benchmark (emulator, ballast, Portkey): started pinned to a
// core, each tracked by pid and stopped on exit, error or Ctrl-C; plus CPU accounting
// from /proc so every saturated figure says which core was the limit.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const children = new Set();

/** Whether `taskset` (util-linux) is usable and there are at least two CPUs to pin to. */
export function pinning() {
  const probe = spawnSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' });
  const cpus = cpuCount();
  if (probe.error || probe.status !== 0) return { on: false, why: 'taskset (util-linux) is not installed or not usable', cpus };
  if (cpus < 2) return { on: false, why: `only ${cpus} CPU online`, cpus };
  return { on: true, why: null, cpus };
}

function cpuCount() {
  return readFileSync('/proc/stat', 'utf8').split('\n').filter((l) => /^cpu\d+ /.test(l)).length;
}

/** Pins this process (every thread) to `core`. */
export function pinSelf(core) {
  const r = spawnSync('taskset', ['-a', '-p', '-c', String(core), String(process.pid)], { stdio: 'ignore' });
  return r.status === 0;
}

/** Starts `node args...` (pinned to `core` when given), stdout+stderr to `logFile`. */
export function startNode({ name, args, env, core, logFile, cwd }) {
  const fd = openSync(logFile, 'a');
  const [cmd, argv] = core === null ? [process.execPath, args] : ['taskset', ['-c', String(core), process.execPath, ...args]];
  // taskset execs node in place, so the pid is node's own.
  const child = spawn(cmd, argv, { env, cwd, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const entry = { name, child, logFile };
  children.add(entry);
  child.once('exit', () => children.delete(entry));
  return entry;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the child has exited. */
export function stopChild(entry, graceMs = 3000) {
  const { child } = entry;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      children.delete(entry);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function stopAll() {
  await Promise.all([...children].map((c) => stopChild(c)));
}

/** Last resort on process exit: synchronous SIGKILL of whatever is left. */
export function killAllNow() {
  for (const { child } of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}

/** A port the OS says is free right now on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `url` until `ok(res)` or the deadline; throws with the child's log tail on failure. */
export async function waitReady(entry, url, { timeoutMs = 20_000, init } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (entry.child.exitCode !== null || entry.child.signalCode !== null) break;
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status < 500) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err.message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const tail = readFileSync(entry.logFile, 'utf8').split('\n').slice(-15).join('\n');
  throw new Error(`${entry.name} did not become ready at ${url} (${last}; exit ${entry.child.exitCode ?? entry.child.signalCode})\n--- ${entry.logFile} ---\n${tail}`);
}

// ---- CPU accounting -------------------------------------------------------------

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU seconds (user + system, all threads) a process has used so far. */
export function processCpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK; // utime, stime (fields 14, 15)
  } catch {
    return NaN;
  }
}

/**
 * Busy seconds per CPU since boot: user, nice and system time. Interrupt and softirq
 * time are left out: loopback networking runs there and belongs to no process, so it
 * would count our own traffic as somebody else's.
 */
export function coreBusySeconds() {
  const out = [];
  for (const line of readFileSync('/proc/stat', 'utf8').split('\n')) {
    const m = /^cpu(\d+) (.*)$/.exec(line);
    if (!m) continue;
    const v = m[2].trim().split(/\s+/).map(Number);
    out[Number(m[1])] = (v[0] + v[1] + v[2]) / CLK_TCK;
  }
  return out;
}

/**
 * Snapshots for one measurement window: CPU seconds of each named process (the
 * benchmark itself included) and the busy time of each core, so the report can say
 * how busy each core was and how much of it was somebody else's.
 */
export function cpuWindow(pids) {
  let start = null;
  const snap = () => ({
    t: performance.now(),
    self: process.cpuUsage(),
    procs: Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, processCpuSeconds(pid)])),
    cores: coreBusySeconds(),
  });
  return {
    mark(edge) {
      if (edge === 'start') start = snap();
      else this.result = diff(start, snap());
    },
    result: null,
  };
}

function diff(a, b) {
  const wall = (b.t - a.t) / 1000;
  const self = (b.self.user - a.self.user + b.self.system - a.self.system) / 1e6;
  const procs = Object.fromEntries(Object.keys(a.procs).map((k) => [k, (b.procs[k] - a.procs[k]) / wall]));
  const cores = b.cores.map((v, i) => (v - a.cores[i]) / wall);
  return { wall, loadgen: self / wall, procs, cores };
}

// ---- machine speed probes -------------------------------------------------------
// The machine may be shared: other processes show up in /proc/stat (cpuWindow's
// "foreign" share), but a slower host (another VM on the same physical core) does
// not. A fixed piece of CPU work, timed on each core between measurements, shows it:
// when it takes much longer than the fastest time seen, the core was slowed down.

/** The fixed work: JSON round trips of a chat completion, like a gateway's. */
export function probeWork() {
  const doc = {
    id: 'chatcmpl-0123456789abcdef',
    object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', content: 'steady ballast keeps the answer level while providers drift '.repeat(4) }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 13, completion_tokens: 24, total_tokens: 37 },
  };
  const t0 = process.hrtime.bigint();
  let n = 0;
  for (let i = 0; i < 3000; i++) n += JSON.parse(JSON.stringify(doc)).choices[0].message.content.length;
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (n === 0) throw new Error('unreachable');
  return ms;
}

/** A small child pinned to `core` that runs the probe on request (IPC). */
export async function startProbe(core, pinned) {
  const { fork } = await import('node:child_process');
  const child = fork(new URL('./probe-child.mjs', import.meta.url).pathname, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const entry = { name: `probe-core-${core}`, child, logFile: null };
  children.add(entry);
  child.once('exit', () => children.delete(entry));
  // Pinned after the fork (taskset cannot wrap fork); its threads follow with -a.
  if (pinned) spawnSync('taskset', ['-a', '-p', '-c', String(core), String(child.pid)], { stdio: 'ignore' });
  const run = () =>
    new Promise((resolve) => {
      child.once('message', resolve);
      child.send('run');
    });
  for (let i = 0; i < 5; i++) await run(); // JIT
  return { run, entry };
}

/** Waits (at most `maxMs`) until the CPUs stay below `limit` of a core busy for `sampleMs`. */
export async function waitForQuiet({ limit = 0.1, maxMs = 60_000, sampleMs = 1000, onWait = () => {} } = {}) {
  const end = Date.now() + maxMs;
  let waited = false;
  for (;;) {
    const a = coreBusySeconds().reduce((x, y) => x + y, 0);
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, sampleMs));
    const busy = (coreBusySeconds().reduce((x, y) => x + y, 0) - a) / ((performance.now() - t0) / 1000);
    if (busy <= limit) return { quiet: true, busy };
    if (Date.now() > end) return { quiet: false, busy };
    if (!waited) onWait(busy);
    waited = true;
  }
}
