/**
 * A hostile upstream (issue #11, part 6): both emulated providers write the request's
 * Authorization / x-api-key back into error bodies, status lines and stream errors,
 * at every status. The canary keys (shapeless, so only knowing their values can cut
 * them) must appear nowhere ballast writes: responses, log lines, the SQLite files,
 * /healthz, /metrics, the kit, the exported traces, the alert pages.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startReceiver, type Receiver } from '../alerting/receiver.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { startOtlpReceiver, type OtlpReceiver } from '../telemetry/otlp-receiver.js';

/** Each canary's marker (`canaryPRIMARY`...) is searched, not the whole value: a leaked fragment counts. */
const canary = (role: string) => `canary${role}${randomBytes(12).toString('hex')}`;
const CANARY = {
  primary: canary('PRIMARY'),
  secondary: canary('SECONDARY'),
  tenant: canary('TENANT'),
  admin: canary('ADMIN'),
  otlp: canary('OTLP'),
  hookAuth: canary('HOOKAUTH'),
  hookUrl: canary('HOOKURL'),
};
const MARKERS = Object.keys(CANARY).map((k) => `canary${k === 'hookAuth' ? 'HOOKAUTH' : k === 'hookUrl' ? 'HOOKURL' : k.toUpperCase()}`);

/** Every echo mode at the statuses that used to pass provider text through. */
const FAULTS: Array<Record<string, unknown>> = [
  ...[400, 404, 422, 500, 502, 503, 529].map((status) => ({ kind: 'echo_key', where: 'body', status })),
  ...[400, 500].map((status) => ({ kind: 'echo_key', where: 'status_text', status })),
  { kind: 'echo_key', where: 'stream', after_tokens: 1 },
  { kind: 'echo_key', where: 'stream', after_tokens: 3 },
];

const dir = mkdtempSync(join(tmpdir(), 'ballast-hostile-'));
/** Everything ballast wrote that a person or a program may read. */
const seen: string[] = [];
let stack: Stack;
let otlp: OtlpReceiver;
let hook: Receiver;
const tenant = { authorization: `Bearer ${CANARY.tenant}` };
const admin = { authorization: `Bearer ${CANARY.admin}` };

async function capture(res: Response, what: string): Promise<string> {
  const body = await res.text();
  seen.push(`${what}: ${res.status} ${res.statusText} ${JSON.stringify([...res.headers])} ${body}`);
  return body;
}

beforeAll(async () => {
  otlp = await startOtlpReceiver();
  // The collector rejects the first export echoing its Authorization header in the status
  // line and the body, then accepts: the failure is logged, later spans still arrive.
  otlp.reply.status = 401;
  otlp.reply.statusText = `Unauthorized Authorization: Bearer ${CANARY.otlp}`;
  otlp.reply.body = `{"error":"bad token Bearer ${CANARY.otlp}"}`;
  // The webhook rejects every page, echoing what it got (URL, body, auth header).
  hook = await startReceiver((r) => ({ status: 400, body: `rejected ${r.path} ${r.headers.authorization ?? ''} ${r.raw}` }));
  stack = await startStack({
    emulator: { providers: [{ name: 'primary', keys: [CANARY.primary] }, { name: 'secondary', keys: [CANARY.secondary] }] },
    env: {
      TEST_PRIMARY_KEY: CANARY.primary,
      TEST_SECONDARY_KEY: CANARY.secondary,
      ACME_KEY: CANARY.tenant,
      BALLAST_ADMIN_TOKEN: CANARY.admin,
      OTLP_AUTH: `Bearer ${CANARY.otlp}`,
      HOOK_AUTH: CANARY.hookAuth,
      HOOK_URL: hook.url(`/hook?token=${CANARY.hookUrl}`),
    },
    config: {
      tenants: { acme: { key_env: 'ACME_KEY' } },
      routing: { cooldown: { failures: 2, window_ms: 60000, cooldown_ms: 60000, auth_cooldown_ms: 60000 } },
      cache: { path: join(dir, 'cache.db') },
      ledger: { path: join(dir, 'ledger.db') },
      alerting: {
        path: join(dir, 'alerts.db'),
        interval_s: 1,
        notifiers: { ops: { kind: 'webhook', url_env: 'HOOK_URL', headers_env: { authorization: 'HOOK_AUTH' } } },
      },
      slo: { alerts: { success: { window: '1m', for: '0s', min_requests: 1 } } },
      tracing: { endpoint: `${otlp.url}/v1/traces`, headers_env: { Authorization: 'OTLP_AUTH' } },
    },
  });

  for (const fault of FAULTS) {
    await stack.fault('primary', fault);
    await stack.fault('secondary', fault);
    for (const pin of ['primary', 'secondary', null]) {
      for (const stream of [false, true]) {
        const headers: Record<string, string> = { ...tenant, ...(pin ? { 'x-ballast-pin': pin } : {}) };
        await capture(await stack.chat({ stream, messages: [{ role: 'user', content: `hostile ${JSON.stringify(fault)} ${pin} ${stream}` }] }, headers), 'chat');
      }
    }
  }
  // The first export failed (logged); the alert fired and its page was rejected.
  await vi.waitFor(() => expect(stack.logs.some((l) => l.includes('"trace_export_failed"'))).toBe(true), { timeout: 15_000, interval: 50 });
  await vi.waitFor(() => expect(stack.logs.some((l) => l.includes('"alert_page_failed"'))).toBe(true), { timeout: 15_000, interval: 50 });
  otlp.reply.status = 200;
  delete otlp.reply.statusText;
  otlp.reply.body = '{}';
  await capture(await stack.chat({}, { ...tenant, 'x-ballast-pin': 'primary' }), 'chat after');

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${stack.url}${path}`, { headers });
  for (const path of ['/healthz', '/metrics', '/v1/models']) await capture(await get(path), path);
  for (const path of ['/admin/state', '/api/slo', '/api/requests', '/api/alerts']) await capture(await get(path, admin), path);
  const kit = JSON.parse(await capture(await get('/api/kit', admin), '/api/kit')) as { documents: Array<{ markdown: string; html: string }> };
  for (const doc of kit.documents) for (const path of [doc.markdown, doc.html]) await capture(await get(path, admin), path);
  await stack.close(); // flushes the ledger, the cache, the outbox and the last spans
}, 120_000);

afterAll(async () => {
  await otlp?.close();
  await hook?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function hits(text: string): string[] {
  return MARKERS.filter((m) => text.includes(m));
}

describe('a hostile upstream echoing credentials: no canary anywhere ballast writes', () => {
  it('the upstream did echo them, and ballast did pass the scrubbed words on (the test would see a leak)', async () => {
    const responses = seen.join('\n');
    expect(responses).toContain('[redacted]');
    expect(responses).toMatch(/rejected_by_provider/);
    expect(responses).toMatch(/stream_interrupted/);
    expect(stack.logs.join('\n')).toContain('[redacted]');
  });

  it('every response (chats, streams, /healthz, /metrics, /v1/models, admin and SLO APIs, the kit)', () => {
    expect(seen.length).toBeGreaterThan(FAULTS.length * 6);
    expect(hits(seen.join('\n'))).toEqual([]);
  });

  it('every log line, trace_export_failed and alert_page_failed included', () => {
    expect(stack.logs.length).toBeGreaterThan(0);
    expect(hits(stack.logs.join('\n'))).toEqual([]);
  });

  it('every SQLite file (ledger, cache, alerts, drills, WAL files too)', () => {
    const files = readdirSync(dir);
    expect(files).toEqual(expect.arrayContaining(['ledger.db', 'cache.db', 'alerts.db']));
    for (const f of files) expect({ file: f, hits: hits(readFileSync(join(dir, f)).toString('latin1')) }).toEqual({ file: f, hits: [] });
    expect(readFileSync(join(dir, 'alerts.db')).toString('latin1')).toContain('[redacted]');
  });

  it('every exported trace', () => {
    expect(otlp.spans().length).toBeGreaterThan(0);
    expect(hits(otlp.exports.map((e) => e.body).join('\n'))).toEqual([]);
  });

  it('every alert page body', () => {
    expect(hook.received.length).toBeGreaterThan(0);
    expect(hits(hook.received.map((r) => r.raw).join('\n'))).toEqual([]);
  });
});
