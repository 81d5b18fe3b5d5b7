/**
 * Issue #11, defect 7: /metrics, /healthz and /v1/models answered without a key even with
 * tenants and an admin token configured, and /metrics showed cost and request series.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';

const ADMIN = 'admin-token-for-access-test';
const TENANT_KEY = 'tenant-key-for-access-test';
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    config: { tenants: { acme: { key_env: 'ACME_KEY' } } },
    env: { BALLAST_ADMIN_TOKEN: ADMIN, ACME_KEY: TENANT_KEY },
  });
});
afterAll(() => stack.close());

const get = (path: string, token?: string) => fetch(`${stack.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe('regression: operator views answered without a key when tenants and an admin token were configured', () => {
  it.each(['/metrics', '/healthz', '/api/slo', '/admin/state'])('%s needs the admin token', async (path) => {
    const anonymous = await get(path);
    expect(anonymous.status).toBe(401);
    const body = await anonymous.text();
    expect(body).not.toMatch(/ballast_requests_total|cooling|primary/);
    expect((await get(path, TENANT_KEY)).status).toBe(401);
    const admin = await get(path, ADMIN);
    expect(admin.status).toBe(200);
    await admin.arrayBuffer();
  });

  it('/v1/models needs a tenant key', async () => {
    const anonymous = await get('/v1/models');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).not.toMatch(/emulated-gpt|default/);
    const tenant = await get('/v1/models', TENANT_KEY);
    expect(tenant.status).toBe(200);
    expect(((await tenant.json()) as { data: Array<{ id: string }> }).data.map((m) => m.id)).toEqual(['default']);
  });

  it('GET /livez answers anyone, and reveals nothing', async () => {
    const res = await get('/livez');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});
