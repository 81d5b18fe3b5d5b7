/**
 * Issue #11, defects 2-4: prototype keys reaching lookups, deep nesting overflowing the
 * stack, and client faults blamed on providers. Real HTTP on 127.0.0.1, the emulator
 * upstream, the ledger read back.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';
import { envelopeOf, rawRequest } from './raw-http.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ config: { cache: { policy: 'off' } } });
});
afterAll(() => stack.close());

const post = (body: string, headers: Record<string, string> = {}) =>
  rawRequest(stack.url, 'POST', '/v1/chat/completions', { 'content-type': 'application/json', ...headers }, body);

function rows() {
  const ledger = stack.ballast.runtime.ledger!;
  ledger.flush();
  return ledger.listRequests({ limit: 500 }).data;
}

function primaryState() {
  return (stack.ballast.runtime.cooldowns.state('primary'));
}

describe('regression: prototype keys reached config lookups ("model": "constructor" was a 500 blamed on a provider)', () => {
  it.each(['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'])('"model": "%s" is an unknown model, 404', async (model) => {
    const res = await post(JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }));
    expect(res.status).toBe(404);
    expect(envelopeOf(res.text)?.code).toBe('not_found');
  });

  it.each(['valueOf', 'constructor', '__proto__'])('x-ballast-pin: %s is refused as no provider', async (pin) => {
    const res = await post(JSON.stringify({ model: 'default', messages: [{ role: 'user', content: 'hi' }] }), { 'x-ballast-pin': pin });
    expect(res.status).toBe(400);
    expect(envelopeOf(res.text)?.message).toMatch(/not a provider/);
  });

  it('x-ballast-feature: constructor is an ordinary, unconfigured feature', async () => {
    const res = await post(JSON.stringify({ model: 'default', messages: [{ role: 'user', content: 'hi' }] }), { 'x-ballast-feature': 'constructor' });
    expect(res.status).toBe(200);
  });
});

describe('regression: a deeply nested body overflowed the stack (a 500, and a healthy primary cooled down)', () => {
  it('5,000 levels in an unknown field: a 400 naming the depth, no provider called, no cooldown', async () => {
    const before = (await stack.stats('primary')).requests;
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    for (let i = 0; i < 3; i++) {
      const res = await post(`{"model":"default","messages":[{"role":"user","content":"hi"}],"x_extra":${deep}}`);
      expect(res.status).toBe(400);
      expect(envelopeOf(res.text)?.code).toBe('body_too_deep');
    }
    expect((await stack.stats('primary')).requests).toBe(before);
    expect(primaryState().coolingDown).toBe(false);
    expect(primaryState().recentFailures).toBe(0);
  });

  it('a body at the limit is still served', async () => {
    const nested = `${'{"a":'.repeat(100)}1${'}'.repeat(100)}`;
    const res = await post(`{"model":"default","messages":[{"role":"user","content":"hi"}],"metadata":{"x":"y"},"x_extra":${nested}}`);
    expect(res.status).toBe(200);
  });
});

describe('regression: client faults were blamed on providers (every status >= 500 was provider_error)', () => {
  it('an aborted upload is a client error, logged without a stack, and spends no error budget', async () => {
    const url = new URL(stack.url);
    const logsBefore = stack.logs.length;
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write('POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"model":"default","mess');
        setImmediate(() => socket.destroy());
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    await expect.poll(() => rows().filter((r) => r.error_code === 'upload_aborted').length).toBe(1);
    const row = rows().find((r) => r.error_code === 'upload_aborted')!;
    expect(row).toMatchObject({ outcome: 'client_error', eligible: false });
    const lines = stack.logs.slice(logsBefore);
    expect(lines.join('\n')).not.toMatch(/Error: aborted|at IncomingMessage/);
    expect(lines.filter((l) => l.includes('"internal_error"'))).toEqual([]);
  });

  it('bad bodies are client errors; none is recorded as a provider failure', async () => {
    await post('{"model": "default", "messages": [');
    await post(JSON.stringify({ model: 'default', messages: 'hello' }));
    const blamed = rows().filter((r) => r.outcome === 'provider_error');
    expect(blamed).toEqual([]);
  });
});
