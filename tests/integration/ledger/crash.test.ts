import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertLedgerBuilt, readFile, ROOT, tempDir } from './helpers.js';

const FIXTURE = join(ROOT, 'tests/integration/ledger/fixtures/record-until-killed.mjs');
const BOUND_MS = 200;

beforeAll(() => assertLedgerBuilt());
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

interface Run {
  /** Every row the child announced as recorded: id -> time. */
  recorded: Map<string, number>;
  /** Date.now() just before the signal was sent. */
  signalledAt: number;
  signal: NodeJS.Signals | null;
  code: number | null;
}

async function recordThenSignal(path: string, runMs: number, signal: 'SIGKILL' | 'SIGTERM'): Promise<Run> {
  const child = spawn(process.execPath, [FIXTURE, path, '100'], { stdio: ['ignore', 'pipe', 'inherit'] });
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const recorded = new Map<string, number>();
  let buffer = '';
  let ready!: () => void;
  const isReady = new Promise<void>((r) => (ready = r));
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? ''; // a line cut by the kill is not an announcement
    for (const line of lines) {
      if (line === 'ready') ready();
      const [n, t] = line.split(' ');
      if (n && t) recorded.set(`req_${n}`, Number(t));
    }
  });
  // Exit is checked through both fields: after SIGKILL only signalCode is set.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, sig) => resolve({ code, signal: sig }));
  });
  await isReady;
  await new Promise((r) => setTimeout(r, runMs));
  const signalledAt = Date.now();
  child.kill(signal);
  const { code, signal: got } = await exited;
  return { recorded, signalledAt, code, signal: got };
}

describe('durability of the batched writer', () => {
  it.each([1000, 1370])(`SIGKILL after %i ms loses nothing recorded more than ${BOUND_MS} ms before the kill`, async (runMs) => {
    const tmp = tempDir();
    cleanups.push(tmp.remove);
    const path = join(tmp.dir, 'ledger.db');
    const run = await recordThenSignal(path, runMs, 'SIGKILL');
    expect(run.signal).toBe('SIGKILL');
    const { ids } = readFile(path);
    expect(run.recorded.size).toBeGreaterThan(1000);
    const lost = [...run.recorded].filter(([id]) => !ids.has(id));
    const lostTooOld = lost.filter(([, t]) => t < run.signalledAt - BOUND_MS);
    expect(lostTooOld).toEqual([]);
    // Nothing stored that the child did not record (rows carry their own times).
    for (const id of ids.keys()) expect(id).toMatch(/^req_\d+$/);
    const oldestLostAge = lost.length ? run.signalledAt - Math.min(...lost.map(([, t]) => t)) : 0;
    console.log(`SIGKILL after ${runMs} ms: ${run.recorded.size} recorded, ${ids.size} stored, ${lost.length} lost, oldest lost ${oldestLostAge} ms before the kill`);
  });

  it('SIGTERM (close) loses nothing', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.remove);
    const path = join(tmp.dir, 'ledger.db');
    const run = await recordThenSignal(path, 600, 'SIGTERM');
    expect(run.code).toBe(0);
    const { ids, rollups } = readFile(path);
    const lost = [...run.recorded.keys()].filter((id) => !ids.has(id));
    expect(lost).toEqual([]);
    // The child may record a tick after the last announcement the parent read; never fewer.
    expect(ids.size).toBeGreaterThanOrEqual(run.recorded.size);
    expect(rollups.reduce((n, r) => n + r.eligible, 0)).toBe(ids.size);
  });
});
