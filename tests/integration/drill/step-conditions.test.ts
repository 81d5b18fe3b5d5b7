/**
 * Issue #19: the checklist let one tick "verify everything is green" with the primary's
 * key still revoked, and finishing in that state was not flagged. A step whose live
 * condition is false needs an explicit override with a note; the report flags both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';
import { ADMIN_TOKEN, admin } from './helpers.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { BALLAST_ADMIN_TOKEN: ADMIN_TOKEN } });
});
afterAll(() => stack?.close());

describe('checklist steps against the live state', () => {
  it('refuses a silent "verify green" with the key revoked, takes an override with a note, and the report flags both', async () => {
    const api = admin(stack.url);
    const drill = (await api.post('/admin/drills', { lead: 'Ada', operator: 'Otto', scribe: 'Sam' })).json;
    const id = drill.id as string;
    const baseline = drill.steps.find((s: { id: string }) => s.id === 'baseline');
    expect(baseline.condition).toMatchObject({ met: true });
    expect(drill.steps.find((s: { id: string }) => s.id === 'announce').condition).toBeNull();

    expect((await api.post('/admin/providers/primary/revoke', { by: 'Otto' })).status).toBe(200);
    const refused = await api.post(`/admin/drills/${id}/steps`, { step: 'verify_green' });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('step_condition_not_met');
    expect(refused.json.error.message).toMatch(/primary's key is revoked.*"override"/);
    const baselineRefused = await api.post(`/admin/drills/${id}/steps`, { step: 'baseline' });
    expect(baselineRefused.status).toBe(409);

    const running = (await api.get('/admin/drills/current')).json;
    expect(running.steps.find((s: { id: string }) => s.id === 'verify_green').condition).toEqual({ met: false, reason: "primary's key is revoked" });
    expect(running.unhealthy).toEqual(["primary's key is revoked"]);

    const overridden = await api.post(`/admin/drills/${id}/steps`, { step: 'verify_green', override: 'Restoring after the debrief, on purpose.' });
    expect(overridden.status).toBe(200);
    expect(overridden.json.steps.find((s: { id: string }) => s.id === 'verify_green').override).toEqual({ reason: "primary's key is revoked", note: 'Restoring after the debrief, on purpose.' });

    const finished = await api.post(`/admin/drills/${id}/finish`, { findings: 'none' });
    expect(finished.status).toBe(200);
    const report = (await api.get(`/admin/drills/${id}/report.md`)).text;
    expect(report).toMatch(/\*\*Not back to normal at the finish:\*\* primary's key is revoked\. Restore it now/);
    expect(report).toMatch(/Verify everything is green.*\*\*overridden\*\*: not met \(primary's key is revoked\); note: Restoring after the debrief, on purpose\./);

    // Restore stays available after the drill: the key comes back and /healthz says so.
    expect((await api.post('/admin/providers/primary/restore', { by: 'Otto' })).status).toBe(200);
    const healthz = (await (await fetch(`${stack.url}/healthz`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as { providers: Record<string, { state: string }> };
    expect(healthz.providers.primary?.state).toBe('healthy');
  });

  it('a step checked with every provider healthy needs no override, and a finish with all healthy flags nothing', async () => {
    const api = admin(stack.url);
    const id = (await api.post('/admin/drills', { lead: 'Ada', operator: 'Otto', scribe: 'Sam' })).json.id as string;
    expect((await api.post(`/admin/drills/${id}/steps`, { step: 'baseline' })).status).toBe(200);
    expect((await api.post(`/admin/drills/${id}/steps`, { step: 'verify_green' })).status).toBe(200);
    await api.post(`/admin/drills/${id}/finish`, {});
    const report = (await api.get(`/admin/drills/${id}/report.md`)).text;
    expect(report).not.toMatch(/Not back to normal|overridden/);
  });
});
