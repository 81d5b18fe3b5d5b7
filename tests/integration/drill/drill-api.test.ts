/**
 * The failover drill over real HTTP against the emulator: revoke the primary's key at
 * runtime during steady traffic, watch the timeline record what the router saw, restore,
 * and check the report against the ledger. Keys never leak.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LedgerRow } from '../../../src/router/ledger/index.js';
import { KEYS, startStack, type Stack } from '../helpers/stack.js';
import { ADMIN_TOKEN, admin, clientLoop } from './helpers.js';

let stack: Stack;
let dir: string;
const seen: string[] = []; // every response body the test read
let revokedKey = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ballast-drill-'));
  stack = await startStack({ config: { ledger: { path: join(dir, 'ledger.db') } }, env: { BALLAST_ADMIN_TOKEN: ADMIN_TOKEN } });
});
afterAll(() => stack?.close());

const api = () => {
  const a = admin(stack.url);
  const keep = async (p: Promise<{ status: number; text: string; json: any; headers: Headers }>) => {
    const r = await p;
    seen.push(r.text);
    return r;
  };
  return { get: (p: string) => keep(a.get(p)), post: (p: string, b?: unknown) => keep(a.post(p, b)), raw: (p: string, r: string) => keep(a.raw(p, r)) };
};

async function ledgerRowsSince(from: number): Promise<LedgerRow[]> {
  stack.ballast.runtime.ledger!.flush();
  const rows: LedgerRow[] = [];
  let cursor: string | null = null;
  do {
    const r = await api().get(`/api/requests?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
    expect(r.status).toBe(200);
    rows.push(...(r.json.data as LedgerRow[]));
    cursor = r.json.next_cursor;
  } while (cursor);
  return rows.filter((r) => r.time >= from);
}

describe('a drill during steady traffic', () => {
  it('revoke -> failover with no failed request and p95 within target; restore -> the primary serves again; the report matches the ledger', async () => {
    const started = await api().post('/admin/drills', { lead: 'Ada', operator: 'Otto', scribe: 'Sam' });
    expect(started.status).toBe(201);
    const drill = started.json;
    expect(drill.status).toBe('running');
    expect(Date.parse(drill.deadline) - Date.parse(drill.started_at)).toBe(30 * 60_000);
    expect(drill.steps.map((s: { id: string }) => s.id)).toEqual(['announce', 'baseline', 'revoke', 'watch_failover', 'confirm_p95', 'restore', 'verify_green', 'debrief']);
    const id = drill.id as string;
    const step = async (s: string) => expect((await api().post(`/admin/drills/${id}/steps`, { step: s })).status).toBe(200);
    await step('announce');

    const loop = clientLoop(stack.url, 2);
    await vi.waitFor(() => expect(loop.sent.filter((s) => s.provider === 'primary').length).toBeGreaterThanOrEqual(10), { timeout: 10_000 });
    await step('baseline');

    const revoked = await api().post('/admin/providers/primary/revoke', { by: 'Otto' });
    expect(revoked.status).toBe(200);
    expect(revoked.json).toMatchObject({ provider: 'primary', action: 'revoke', changed: true, state: { state: 'revoked', revoked: true } });
    revokedKey = stack.ballast.runtime.keyOverrides.keyFor('primary') ?? '';
    expect(revokedKey).not.toBe('');
    expect((await api().get('/healthz')).json.providers.primary.state).toBe('revoked');
    expect((await api().get('/admin/state')).json.providers.primary.revoked).toBe(true);
    const revokeAt = Date.now();
    await step('revoke');

    const current = async () => (await api().get('/admin/drills/current')).json;
    await vi.waitFor(async () => expect((await current()).timeline.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['first_auth_failure', 'failover', 'cooldown_start'])), { timeout: 10_000, interval: 100 });
    // steady traffic keeps flowing on the secondary while the primary is out
    const afterRevoke = () => loop.sent.filter((s) => s.startedAt > revokeAt + 50);
    await vi.waitFor(() => expect(afterRevoke().length).toBeGreaterThanOrEqual(20), { timeout: 10_000 });
    expect(afterRevoke().every((s) => s.provider === 'secondary')).toBe(true);
    await step('watch_failover');
    const live = await current();
    expect(live.figures.split.map((s: { provider: string }) => s.provider)).toEqual(['primary', 'secondary']);
    expect(live.figures.p95_after_failure_ms).toBeLessThanOrEqual(live.figures.targets.p95_latency_ms);
    await step('confirm_p95');

    const restored = await api().post('/admin/providers/primary/restore');
    expect(restored.json).toMatchObject({ changed: true, state: { state: 'healthy', revoked: false } });
    const restoreAt = Date.now();
    await step('restore');
    await vi.waitFor(async () => expect((await current()).timeline.map((e: { kind: string }) => e.kind)).toContain('recovery'), { timeout: 10_000, interval: 100 });
    await vi.waitFor(() => expect(loop.sent.filter((s) => s.startedAt > restoreAt && s.provider === 'primary').length).toBeGreaterThanOrEqual(5), { timeout: 10_000 });
    await loop.stop();
    await step('verify_green');
    expect((await api().post(`/admin/drills/${id}/notes`, { text: 'Failover was invisible to the client loop.' })).status).toBe(200);
    await step('debrief');

    // every request of the client loop succeeded, and those after the first failure stayed within the p95 target
    expect(loop.sent.every((s) => s.status === 200)).toBe(true);
    const finished = await api().post(`/admin/drills/${id}/finish`, { findings: 'Detection took one request. Alert the on-call channel on revoke next time.' });
    expect(finished.status).toBe(200);
    const v = finished.json;
    expect(v.status).toBe('finished');
    expect(v.figures.failed).toBe(0);
    expect(v.figures.success_rate).toBe(1);
    expect(v.figures.met.p95_after_failure).toBe(true);
    expect(v.steps.every((s: { checked_at: string | null }) => s.checked_at !== null)).toBe(true);
    expect(v.steps.find((s: { id: string }) => s.id === 'revoke').checked_by).toBe('Otto');

    // the timeline: revoke -> first auth failure -> failover, cooldown after the first failure, restore -> recovery
    const kinds = v.timeline.map((e: { kind: string }) => e.kind) as string[];
    const at = (k: string) => Date.parse(v.timeline.find((e: { kind: string }) => e.kind === k).at);
    expect(kinds.indexOf('revoke')).toBeLessThan(kinds.indexOf('first_auth_failure'));
    expect(kinds.indexOf('first_auth_failure')).toBeLessThan(kinds.indexOf('failover'));
    expect(at('cooldown_start')).toBeGreaterThanOrEqual(at('first_auth_failure'));
    expect(kinds.indexOf('restore')).toBeLessThan(kinds.indexOf('recovery'));
    expect(v.detection.time_to_detect_ms).toBe(at('first_auth_failure') - at('revoke'));
    expect(v.detection.time_to_failover_ms).toBeGreaterThanOrEqual(v.detection.time_to_detect_ms);

    // the report's figures are the ledger's
    const rows = await ledgerRowsSince(Date.parse(v.started_at));
    expect(rows.length).toBe(loop.sent.length);
    expect(v.figures.requests).toBe(rows.length);
    expect(v.figures.failed).toBe(rows.filter((r) => r.eligible && r.outcome !== 'success').length);
    for (const s of v.figures.split) expect(s.requests).toBe(rows.filter((r) => r.provider === s.provider).length);
    expect(rows.filter((r) => r.attempts_detail.some((a) => a.provider === 'primary' && a.outcome === 'auth')).length).toBeGreaterThanOrEqual(1);
    const budget = (await api().get('/api/slo')).json.budget;
    expect(v.error_budget).toMatchObject({ failed_in_drill: 0, allowed_in_window: budget.allowed });

    const report = await api().get(`/admin/drills/${id}/report.md`);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toMatch(/text\/markdown/);
    expect(report.headers.get('content-disposition')).toMatch(/attachment/);
    const split = v.figures.split.map((s: { provider: string; requests: number }) => `- ${s.provider}: ${s.requests} (`);
    for (const line of [`| requests during the drill | ${rows.length} `, '| requests failed (eligible) | 0 |', `against ${budget.allowed} failures allowed over the rolling 30 days`, ...split, 'held', 'Alert the on-call channel on revoke next time.', 'Failover was invisible', 'First auth failure', 'Failover detected', 'Cooldown started', 'Recovered']) {
      expect(report.text).toContain(line);
    }
    expect((await api().get(`/admin/drills/${id}`)).json.report_available).toBe(true);
    expect((await api().get('/admin/drills/current')).status).toBe(404);
    const events = (await api().get('/admin/events')).json.data;
    expect(events.slice(0, 2).map((e: { action: string }) => e.action)).toEqual(['restore', 'revoke']);
  });

  it('no key (provider keys, the revoked stand-in, the admin token) in any response, log line or store', async () => {
    expect(revokedKey).not.toBe('');
    const secrets = [KEYS.primary, KEYS.secondary, revokedKey, ADMIN_TOKEN];
    stack.ballast.runtime.ledger!.flush();
    const files = readdirSync(dir).map((f) => readFileSync(join(dir, f)).toString('latin1'));
    expect(files.length).toBeGreaterThanOrEqual(2); // ledger.db and drills.db (and their WAL files)
    for (const haystack of [...seen, stack.logs.join('\n'), ...files]) {
      for (const s of secrets) expect(haystack).not.toContain(s);
    }
    expect(stack.logs.some((l) => l.includes('"provider_key_revoked"'))).toBe(true);
    expect(stack.logs.some((l) => l.includes('"provider_key_restored"'))).toBe(true);
  });

  it('enforces the admin token', async () => {
    const anon = admin(stack.url, null);
    const wrong = admin(stack.url, 'not-the-token');
    for (const c of [anon, wrong]) {
      for (const r of [await c.post('/admin/providers/primary/revoke'), await c.post('/admin/drills', { lead: 'a', operator: 'b', scribe: 'c' }), await c.get('/admin/drills/current'), await c.get('/admin/events')]) {
        expect(r.status).toBe(401);
        expect(r.json.error.code).toBe('invalid_admin_token');
      }
    }
    expect(stack.ballast.runtime.keyOverrides.keyFor('primary')).toBeUndefined();
  });

  it('answers bad input with a 400 envelope, and unknown things with 404/409', async () => {
    const a = api();
    const bad = await a.post('/admin/drills', { lead: 'Ada', operator: '' });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ type: 'invalid_request_error', param: 'operator' });
    expect((await a.raw('/admin/drills', '{nope')).json.error.code).toBe('invalid_json');
    const unknown = await a.post('/admin/providers/tertiary/revoke');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toMatchObject({ code: 'unknown_provider' });
    expect(unknown.json.error.message).toContain('primary, secondary');
    expect((await a.raw('/admin/providers/primary/revoke', '[1]')).status).toBe(400);
    expect((await a.get('/admin/providers/primary/revoke')).status).toBe(405);

    const d = (await a.post('/admin/drills', { lead: 'Ada', operator: 'Otto', scribe: 'Sam' })).json;
    expect((await a.post('/admin/drills', { lead: 'Ada', operator: 'Otto', scribe: 'Sam' })).json.error.code).toBe('drill_in_progress');
    const step = await a.post(`/admin/drills/${d.id}/steps`, { step: 'panic' });
    expect(step.status).toBe(400);
    expect(step.json.error.param).toBe('step');
    expect((await a.post(`/admin/drills/${d.id}/steps`, { step: 'announce', by: 'boss' })).json.error.param).toBe('by');
    expect((await a.post(`/admin/drills/${d.id}/notes`, { text: '  ' })).json.error.param).toBe('text');
    expect((await a.get(`/admin/drills/${d.id}/report.md`)).json.error.code).toBe('drill_running');
    expect((await a.get('/admin/drills/drill_ffffffffffff')).status).toBe(404);
    expect((await a.post(`/admin/drills/${d.id}/finish`)).status).toBe(200);
    expect((await a.post(`/admin/drills/${d.id}/notes`, { text: 'late' })).json.error.code).toBe('drill_finished');
  });
});

describe('after a restart', () => {
  it('the running drill, its timeline and the admin events are still there', async () => {
    const own = mkdtempSync(join(tmpdir(), 'ballast-drill-restart-'));
    const config = { ledger: { path: join(own, 'ledger.db') } };
    const first = await startStack({ config });
    const a1 = admin(first.url, null);
    const d = (await a1.post('/admin/drills', { lead: 'Ada', operator: 'Otto', scribe: 'Sam' })).json;
    await a1.post(`/admin/drills/${d.id}/notes`, { text: 'before the restart' });
    await a1.post('/admin/providers/secondary/revoke');
    await first.close();

    const second = await startStack({ config });
    try {
      const a2 = admin(second.url, null);
      const cur = (await a2.get('/admin/drills/current')).json;
      expect(cur.id).toBe(d.id);
      expect(cur.timeline.map((e: { kind: string }) => e.kind)).toEqual(['started', 'note', 'revoke']);
      expect((await a2.get('/admin/events')).json.data[0]).toMatchObject({ action: 'revoke', provider: 'secondary' });
      // a restart puts the configured keys back
      expect((await a2.get('/healthz')).json.providers.secondary.state).toBe('healthy');
    } finally {
      await second.close();
    }
  });
});
