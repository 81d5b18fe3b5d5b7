/**
 * `ballast load` as a user runs it (the compiled CLI in a child process) against a
 * router started from the test stack: the ledger saw exactly what the summary says was
 * sent; bounds and an unreachable router give clear errors and non-zero exits.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runLoadCommand } from '../../../src/router/load/load-command.js';
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
  it('sends a bounded mix; the ledger counts exactly the requests the summary reports', { timeout: 30_000 }, async () => {
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

    type Page = { data: Array<{ feature: string; stream: boolean; cache: string | null }>; next_cursor: string | null };
    const read = async () => (await (await fetch(`${stack.url}/api/requests?limit=500&feature=loadtest`)).json()) as Page;
    // The router records a request as its response ends, which can trail the client by a tick.
    await vi.waitFor(async () => expect((await read()).data).toHaveLength(summary.sent), { timeout: 5000 });
    const page = await read();
    expect(page.next_cursor).toBeNull();
    expect(page.data.filter((row) => row.stream)).toHaveLength(summary.streamed);
    expect(page.data.filter((row) => row.cache === 'hit')).toHaveLength(summary.cache_hits);
  });

  it('stops cleanly on Ctrl-C: requests in flight finish, the summary is printed, the ledger agrees', { timeout: 30_000 }, async () => {
    const child = spawn(process.execPath, [BIN, 'load', '--url', stack.url, '--rate', '20', '--duration', '60s', '--feature', 'ctrlc', '--json'], { env: { PATH: process.env.PATH } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const closed = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    await vi.waitFor(() => expect(stderr).toContain('Ctrl-C stops'), { timeout: 15_000 });
    await vi.waitFor(async () => {
      const page = (await (await fetch(`${stack.url}/api/requests?limit=10&feature=ctrlc`)).json()) as { data: unknown[] };
      expect(page.data.length).toBeGreaterThanOrEqual(5);
    }, { timeout: 15_000 });
    child.kill('SIGINT');
    expect(await closed).toBe(130);
    expect(stderr).toContain('stopping; waiting for requests in flight');
    const summary = JSON.parse(stdout.trim().split('\n').at(-1) as string) as { sent: number; succeeded: number; failed: number; stopped_early: boolean };
    expect(summary.stopped_early).toBe(true);
    expect(summary.sent).toBeLessThan(1200);
    expect(summary.succeeded + summary.failed).toBe(summary.sent);
    // The router records a request as its response ends, which can trail the client by a tick.
    await vi.waitFor(async () => {
      const rows = (await (await fetch(`${stack.url}/api/requests?limit=500&feature=ctrlc`)).json()) as { data: unknown[] };
      expect(rows.data).toHaveLength(summary.sent);
    }, { timeout: 5000 });
  });

  it('refuses a rate or duration over its bound, naming the flag, and exits non-zero when the router is unreachable', async () => {
    const out: string[] = [];
    const io = { env: {}, stdout: { write: (s: string) => out.push(s) > 0 }, stderr: { write: (s: string) => out.push(s) > 0 }, onInterrupt: () => () => {} };
    expect(await runLoadCommand({ url: stack.url, rate: '1000' }, io)).toBe(2);
    expect(out.join('')).toMatch(/--rate 1000: must be from 0\.1 to 200/);
    expect(await runLoadCommand({ url: stack.url, duration: '12h' }, io)).toBe(2);
    expect(out.join('')).toMatch(/--duration 12h: must be from 1s to 2h/);

    const url = `http://127.0.0.1:${await closedPort()}`;
    expect(await runLoadCommand({ url, duration: '2s' }, io)).toBe(1);
    expect(out.join('')).toContain(`cannot reach the router at ${url} (ECONNREFUSED)`);
  });
});
