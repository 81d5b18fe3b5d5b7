/**
 * `ballast load` as a user runs it (the compiled CLI in a child process) against a
 * router started from the test stack: the ledger saw exactly what the summary says was
 * sent; bounds and an unreachable router give clear errors and non-zero exits.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';

const BIN = join(import.meta.dirname, '../../../bin/ballast.js');

function ballast(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ config: { cache: { policy: 'repeat' } }, env: { LOAD_KEY: 'unused-on-loopback' } });
});
afterAll(() => stack.close());

describe('ballast load', () => {
  it('sends a bounded mix; the ledger counts exactly the requests the summary reports', async () => {
    const r = await ballast(['load', '--url', stack.url, '--rate', '25', '--duration', '2s', '--prompts', '8', '--repeat', '0.5', '--stream', '0.3', '--feature', 'loadtest', '--json', '--seed', '7']);
    expect(r.stderr).not.toMatch(/cannot reach/);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as { sent: number; succeeded: number; failed: number; providers: Record<string, number>; cache_hits: number; streamed: number; distinct_prompts: number; p95_ms: number };
    expect(summary.sent).toBe(50);
    expect(summary.succeeded + summary.failed).toBe(summary.sent);
    expect(summary.distinct_prompts).toBeLessThanOrEqual(8);
    expect(summary.streamed).toBeGreaterThan(0);
    expect(summary.cache_hits).toBeGreaterThan(0);
    expect(summary.p95_ms).toBeGreaterThan(0);
    expect(Object.values(summary.providers).reduce((a, b) => a + b, 0)).toBe(summary.succeeded);

    const page = (await (await fetch(`${stack.url}/api/requests?limit=500&feature=loadtest`)).json()) as { data: Array<{ feature: string; stream: boolean; cache: string | null }>; next_cursor: string | null };
    expect(page.next_cursor).toBeNull();
    expect(page.data).toHaveLength(summary.sent);
    expect(page.data.filter((row) => row.stream)).toHaveLength(summary.streamed);
    expect(page.data.filter((row) => row.cache === 'hit')).toHaveLength(summary.cache_hits);
  });

  it('refuses a rate or duration over its bound, naming the flag', async () => {
    const rate = await ballast(['load', '--url', stack.url, '--rate', '1000']);
    expect(rate.code).toBe(2);
    expect(rate.stderr).toMatch(/--rate 1000: must be from 0\.1 to 200/);
    const duration = await ballast(['load', '--url', stack.url, '--duration', '12h']);
    expect(duration.code).toBe(2);
    expect(duration.stderr).toMatch(/--duration 12h: must be from 1s to 2h/);
  });

  it('exits non-zero with a clear message when the router is unreachable', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const r = await ballast(['load', '--url', url, '--duration', '2s']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`cannot reach the router at ${url} (ECONNREFUSED)`);
  });
});
