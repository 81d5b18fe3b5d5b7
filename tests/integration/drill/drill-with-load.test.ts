/**
 * Issue #7's scenario as an operator runs it: `ballast load` (the compiled CLI) sends
 * traffic while a drill revokes the primary's key and restores it. The load sees no
 * failure, p95 after the first auth failure stays within target, the primary comes back
 * into rotation, and the drill report's figures are the ledger's.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LedgerRow } from '../../../src/router/ledger/index.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { ADMIN_TOKEN, admin } from './helpers.js';

const BIN = join(import.meta.dirname, '../../../bin/ballast.js');
let stack: Stack;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ballast-drill-load-'));
  stack = await startStack({ config: { ledger: { path: join(dir, 'ledger.db') } }, env: { BALLAST_ADMIN_TOKEN: ADMIN_TOKEN } });
});
afterAll(() => stack?.close());

/** `ballast load` in a child process; resolves with its exit code and JSON summary. */
function load(args: string[]) {
  const child = spawn(process.execPath, [BIN, 'load', '--url', stack.url, '--json', ...args], { env: { PATH: process.env.PATH } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; summary: { sent: number; succeeded: number; failed: number; p95_ms: number; providers: Record<string, number> } }>((resolve) =>
    child.once('close', (code) => resolve({ code, summary: JSON.parse(stdout.trim().split('\n').at(-1) || '{}') })),
  );
  return { done, stderr: () => stderr, stop: () => child.kill('SIGINT') };
}

async function rowsOf(feature: string): Promise<LedgerRow[]> {
  stack.ballast.runtime.ledger!.flush();
  const rows: LedgerRow[] = [];
  let cursor: string | null = null;
  do {
    const r = await admin(stack.url).get(`/api/requests?limit=500&feature=${feature}${cursor ? `&cursor=${cursor}` : ''}`);
    rows.push(...(r.json.data as LedgerRow[]));
    cursor = r.json.next_cursor;
  } while (cursor);
  return rows;
}

describe('a drill on ballast load traffic', () => {
  it('revoke: no failed request, p95 held; restore: the primary serves again; the report matches the ledger', { timeout: 60_000 }, async () => {
    const api = admin(stack.url);
    const drill = (await api.post('/admin/drills', { lead: 'Lee', operator: 'Ola', scribe: 'Sid' })).json;
    const traffic = load(['--rate', '20', '--duration', '2m', '--prompts', '40', '--feature', 'drill-load', '--seed', '3']);
    const served = async (provider: string) => (await rowsOf('drill-load')).filter((r) => r.provider === provider).length;
    await vi.waitFor(async () => expect(await served('primary')).toBeGreaterThanOrEqual(5), { timeout: 20_000, interval: 200 });

    expect((await api.post('/admin/providers/primary/revoke', { by: 'Ola' })).status).toBe(200);
    const timeline = async () => ((await api.get('/admin/drills/current')).json.timeline as Array<{ kind: string }>).map((e) => e.kind);
    await vi.waitFor(async () => expect(await timeline()).toEqual(expect.arrayContaining(['first_auth_failure', 'failover'])), { timeout: 20_000, interval: 200 });
    const onSecondary = await served('secondary');
    await vi.waitFor(async () => expect(await served('secondary')).toBeGreaterThanOrEqual(onSecondary + 10), { timeout: 20_000, interval: 200 });

    expect((await api.post('/admin/providers/primary/restore', { by: 'Ola' })).status).toBe(200);
    const onPrimary = await served('primary');
    await vi.waitFor(async () => expect(await served('primary')).toBeGreaterThanOrEqual(onPrimary + 5), { timeout: 20_000, interval: 200 });
    expect(await timeline()).toContain('recovery');

    traffic.stop(); // Ctrl-C: in-flight requests finish, then the summary
    const { code, summary } = await traffic.done;
    expect(code).toBe(130);
    expect(summary.failed).toBe(0);
    expect(summary.succeeded).toBe(summary.sent);

    const report = (await api.post(`/admin/drills/${drill.id}/finish`, { findings: 'Invisible to the load.' })).json;
    expect(report.figures.failed).toBe(0);
    expect(report.figures.success_rate).toBe(1);
    expect(report.figures.met.p95_after_failure).toBe(true);
    expect(report.figures.p95_after_failure_ms).toBeLessThanOrEqual(report.figures.targets.p95_latency_ms);

    // the load's own count, the ledger's and the report's agree
    await vi.waitFor(async () => expect((await rowsOf('drill-load')).length).toBe(summary.sent), { timeout: 5000 });
    const rows = await rowsOf('drill-load');
    expect(report.figures.requests).toBe(rows.length);
    for (const s of report.figures.split as Array<{ provider: string; requests: number }>) {
      expect(s.requests).toBe(rows.filter((r) => r.provider === s.provider).length);
      expect(s.requests).toBe(summary.providers[s.provider] ?? 0);
    }
  });
});
