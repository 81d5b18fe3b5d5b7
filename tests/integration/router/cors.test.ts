import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/router/config/load.js';
import { startStack, type Stack } from '../helpers/stack.js';

const APP = 'http://127.0.0.1:5999';

/** A raw HTTP call: fetch would not let a test choose the Origin header everywhere. */
function call(url: string, method: string, headers: Record<string, string>, body?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const chatBody = JSON.stringify({ model: 'default', messages: [{ role: 'user', content: 'Hello across origins' }] });

describe('CORS for server.cors_origins', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ config: { server: { cors_origins: [APP] } } });
  });
  afterAll(() => stack.close());

  it('answers the preflight of an allowed origin with the methods and ballast headers', async () => {
    const res = await call(`${stack.url}/v1/chat/completions`, 'OPTIONS', {
      origin: APP,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type, x-ballast-feature',
    });
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(APP);
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(String(res.headers['access-control-allow-headers']).split(', ')).toEqual(expect.arrayContaining(['authorization', 'content-type', 'x-ballast-feature', 'x-ballast-prompt-version', 'x-ballast-cache']));
  });

  it('lets the allowed origin read the ballast response headers', async () => {
    const res = await call(`${stack.url}/v1/chat/completions`, 'POST', { origin: APP, 'content-type': 'application/json' }, chatBody);
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(APP);
    expect(res.headers.vary).toContain('Origin');
    const exposed = String(res.headers['access-control-expose-headers']).split(', ');
    expect(exposed).toEqual(expect.arrayContaining(['x-ballast-request-id', 'x-ballast-provider', 'x-ballast-cost-usd', 'x-ballast-attempts', 'x-ballast-failover', 'x-ballast-degraded', 'x-ballast-cache']));
  });

  it('gives another origin no CORS headers, and refuses its preflight with a message naming the key', async () => {
    const res = await call(`${stack.url}/v1/chat/completions`, 'POST', { origin: 'http://evil.example', 'content-type': 'application/json' }, chatBody);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const pre = await call(`${stack.url}/v1/chat/completions`, 'OPTIONS', { origin: 'http://evil.example', 'access-control-request-method': 'POST' });
    expect(pre.status).toBe(403);
    expect(JSON.parse(pre.body)).toMatchObject({ error: { code: 'cors_origin_not_allowed', message: expect.stringContaining('server.cors_origins') } });
  });
});

describe('CORS off (the default)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('sends no CORS headers and refuses preflights', async () => {
    const res = await call(`${stack.url}/v1/chat/completions`, 'POST', { origin: APP, 'content-type': 'application/json' }, chatBody);
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const pre = await call(`${stack.url}/v1/models`, 'OPTIONS', { origin: APP, 'access-control-request-method': 'GET' });
    expect(pre.status).toBe(403);
  });

  it('rejects an origin with a path at start, naming the key', () => {
    expect(() => validateConfig({ server: { cors_origins: ['https://app.example.com/ballast'] } }, 'test.yaml', {})).toThrow(/cors_origins/);
  });
});
