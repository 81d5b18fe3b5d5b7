import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ config: { server: { body_limit_bytes: 4096 } } });
});
afterAll(() => stack.close());

async function post(body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${stack.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { res, body: (await res.json()) as { error: { message: string; type: string; code: string; param: string | null; request_id: string } } };
}

async function stillServes() {
  const res = await stack.chat({});
  expect(res.status).toBe(200);
  await res.arrayBuffer();
}

describe('bad input gets a clear error in the OpenAI envelope, and the server keeps serving', () => {
  it('malformed JSON', async () => {
    const { res, body } = await post('{"model": "default", "messages": [');
    expect(res.status).toBe(400);
    expect(body.error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_json' });
    expect(body.error.message).toMatch(/not valid JSON/);
    expect(body.error.request_id).toMatch(/^req_/);
    await stillServes();
  });

  it('an oversized body', async () => {
    const { res, body } = await post(JSON.stringify({ model: 'default', messages: [{ role: 'user', content: 'x'.repeat(10_000) }] }));
    expect(res.status).toBe(413);
    expect(body.error.code).toBe('request_too_large');
    expect(body.error.message).toMatch(/larger than 4096 bytes.*server\.body_limit_bytes/);
    await stillServes();
  });

  it('wrong types name the field', async () => {
    const { res, body } = await post(JSON.stringify({ model: 'default', messages: 'hello' }));
    expect(res.status).toBe(400);
    expect(body.error.param).toBe('messages');
    const t = await post(JSON.stringify({ model: 'default', messages: [{ role: 'user', content: 'x' }], stream: 'yes' }));
    expect(t.body.error.param).toBe('stream');
    await stillServes();
  });

  it('an unknown model lists the groups', async () => {
    const { res, body } = await post(JSON.stringify({ model: 'gpt-9', messages: [{ role: 'user', content: 'x' }] }));
    expect(res.status).toBe(404);
    expect(body.error.message).toMatch(/Unknown model "gpt-9".*default/);
    await stillServes();
  });

  it('an empty body, an unknown route, a wrong method', async () => {
    expect((await post('')).body.error.code).toBe('empty_body');
    const nf = await fetch(`${stack.url}/v1/embeddings`, { method: 'POST', body: '{}' });
    expect(nf.status).toBe(404);
    expect(((await nf.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
    const wm = await fetch(`${stack.url}/v1/chat/completions`);
    expect(wm.status).toBe(405);
    await wm.arrayBuffer();
    await stillServes();
  });

  it('a request the secondary cannot express is refused with a 400, not failed over', async () => {
    const res = await stack.chat({ logprobs: true }, { 'x-ballast-pin': 'secondary' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unsupported_request');
    await stillServes();
  });
});
