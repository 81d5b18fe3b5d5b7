import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anthropicHeaders, chat, control, messages, openaiHeaders, setFault, start, userTurn } from './helpers.js';
import type { Emulator } from './helpers.js';

let emu: Emulator;
let url: string;
beforeAll(async () => {
  emu = await start({ providers: [{ name: 'primary', latencyMs: 0 }, { name: 'secondary' }] });
  url = emu.providers.primary!.url;
});
afterAll(() => emu.close());

describe('control API', () => {
  it('lists every provider with url, fault, revocation, settings and stats', async () => {
    const { status, body } = await control(emu, 'GET', '/providers');
    expect(status).toBe(200);
    expect(Object.keys(body.providers)).toEqual(['primary', 'secondary']);
    expect(body.providers.primary).toMatchObject({
      url,
      fault: null,
      revoked: false,
      settings: { latency_ms: 0, ttft_ms: 0, tokens_per_second: 0 },
      stats: { requests: expect.any(Number), by_status: expect.any(Object), aborted: 0, in_flight: 0 },
    });
  });

  it('answers an unknown provider with a 404 naming the known ones', async () => {
    const { status, body } = await control(emu, 'PUT', '/providers/tertiary/fault', { kind: 'refuse' });
    expect(status).toBe(404);
    expect(body.error.message).toBe("unknown provider 'tertiary' (known: primary, secondary)");
  });

  it.each([
    [{ kind: 'explode' }, 'fault.kind must be one of: status, refuse, stall_headers, stall_first_token, cut, malformed, slow'],
    [{ kind: 'status' }, "fault.status is required for kind 'status'"],
    [{ kind: 'status', status: 200 }, 'fault.status must be an integer HTTP status from 400 to 599'],
    [{ kind: 'status', status: 503, rate: 2 }, 'fault.rate must be a number from 0 to 1'],
    [{ kind: 'cut', after_tokens: -1 }, 'fault.after_tokens must be a non-negative integer'],
    [{ kind: 'slow', factor: 0.5 }, 'fault.factor must be a number from 1 to 1000'],
    [{ kind: 'malformed', times: 0 }, 'fault.times must be a positive integer'],
    [{ kind: 'stall_headers', ms: 10, after_tokens: 3 }, "fault.after_tokens is not allowed for kind 'stall_headers' (allowed fields: ms, rate, times)"],
    [{ kind: 'refuse', rate: 0.5 }, "fault.rate is not allowed for kind 'refuse' (allowed fields: none)"],
  ])('rejects the invalid fault %j with a message naming the field', async (fault, message) => {
    const { status, body } = await control(emu, 'PUT', '/providers/primary/fault', fault);
    expect(status).toBe(400);
    expect(body.error.message).toContain(message);
    expect((await control(emu, 'GET', '/providers/primary')).body.fault).toBeNull();
  });

  it('rejects a fault body that is not JSON', async () => {
    const { status, body } = await control(emu, 'PUT', '/providers/primary/fault', '{kind:');
    expect(status).toBe(400);
    expect(body.error.message).toBe('fault body is not valid JSON');
  });

  it('replaces the current fault on PUT and clears it on DELETE', async () => {
    await setFault(emu, 'primary', { kind: 'status', status: 500 });
    await setFault(emu, 'primary', { kind: 'status', status: 503 });
    expect((await control(emu, 'GET', '/providers/primary/fault')).body.fault).toEqual({ kind: 'status', status: 503 });
    expect((await chat(url, { model: 'm', messages: userTurn('x') })).status).toBe(503);
    expect((await control(emu, 'DELETE', '/providers/primary/fault')).body.fault).toBeNull();
    expect((await chat(url, { model: 'm', messages: userTurn('x') })).status).toBe(200);
  });

  it('patches settings and rejects unknown or negative ones', async () => {
    const patched = await control(emu, 'PATCH', '/providers/primary/settings', { latency_ms: 150 });
    expect(patched.body.settings).toEqual({ latency_ms: 150, ttft_ms: 0, tokens_per_second: 0 });
    const t0 = performance.now();
    const res = await chat(url, { model: 'm', messages: userTurn('x') });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    expect(res.status).toBe(200);
    expect((await control(emu, 'PATCH', '/providers/primary/settings', { latency: 5 })).body.error.message).toBe(
      'settings.latency is not a setting (allowed: latency_ms, ttft_ms, tokens_per_second)',
    );
    expect((await control(emu, 'PATCH', '/providers/primary/settings', { ttft_ms: -1 })).status).toBe(400);
    await control(emu, 'PATCH', '/providers/primary/settings', { latency_ms: 0 });
  });

  it('records the last requests with keys redacted, and counts responses by status', async () => {
    await control(emu, 'POST', '/reset');
    await chat(url, { model: 'm', messages: userTurn('secret-free text') }, openaiHeaders('sk-very-secret-1'));
    await messages(url, { model: 'c', max_tokens: 3, messages: userTurn('hello') }, anthropicHeaders('sk-ant-very-secret-2'));
    await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: openaiHeaders('sk-very-secret-3'), body: 'not json' });
    const { body } = await control(emu, 'GET', '/providers/primary/requests');
    expect(JSON.stringify(body)).not.toMatch(/very-secret/);
    const [first, second, third] = body.requests;
    expect(first).toMatchObject({ method: 'POST', path: '/v1/chat/completions', status: 200, body: { model: 'm' } });
    expect(first.headers.authorization).toBe('[redacted]');
    expect(new Date(first.time).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(second).toMatchObject({ path: '/v1/messages', status: 200 });
    expect(second.headers['x-api-key']).toBe('[redacted]');
    expect(second.headers['anthropic-version']).toBe('2023-06-01');
    expect(third).toMatchObject({ body: 'not json', status: 400 });
    const stats = (await control(emu, 'GET', '/providers/primary/stats')).body;
    expect(stats).toEqual({ requests: 3, by_status: { '200': 2, '400': 1 }, aborted: 0, in_flight: 0, billed: { input_tokens: expect.any(Number), output_tokens: expect.any(Number) } });
    // two answers billed, the invalid request not at all
    expect(stats.billed.input_tokens).toBeGreaterThan(0);
    expect(stats.billed.output_tokens).toBeGreaterThan(0);
  });

  it('keeps only the last 50 requests', async () => {
    for (let i = 0; i < 55; i++) await fetch(`${url}/v1/models?n=${i}`, { headers: openaiHeaders() });
    const { body } = await control(emu, 'GET', '/providers/primary/requests');
    expect(body.requests).toHaveLength(50);
    expect(body.requests.at(-1).path).toBe('/v1/models');
  });

  it('resets faults, revocations, settings, stats and requests of every provider', async () => {
    await setFault(emu, 'primary', { kind: 'status', status: 500 });
    await setFault(emu, 'secondary', { kind: 'refuse' });
    await control(emu, 'POST', '/providers/primary/revoke');
    await control(emu, 'PATCH', '/providers/primary/settings', { ttft_ms: 5 });
    const { status, body } = await control(emu, 'POST', '/reset');
    expect(status).toBe(200);
    for (const name of ['primary', 'secondary']) {
      expect(body.providers[name]).toMatchObject({
        fault: null,
        revoked: false,
        listening: true,
        settings: { latency_ms: 0, ttft_ms: 0, tokens_per_second: 0 },
        stats: { requests: 0, by_status: {}, aborted: 0, in_flight: 0 },
      });
    }
    expect((await control(emu, 'GET', '/providers/primary/requests')).body.requests).toEqual([]);
    expect((await chat(emu.providers.secondary!.url, { model: 'm', messages: userTurn('x') })).status).toBe(200);
  });

  it('answers unknown control paths with a 404', async () => {
    const { status, body } = await control(emu, 'POST', '/providers/primary/explode');
    expect(status).toBe(404);
    expect(body.error.message).toContain('no control endpoint POST /providers/primary/explode');
  });
});
