import { describe, expect, it } from 'vitest';
import { cacheKey } from '../../../src/core/cache-key.js';
import { parseChatBody, summarize, tenantFromAuthorization, travelKey } from '../../../sw/request-key.js';

const body = { model: 'default', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'What is ballast?' }] };
const text = JSON.stringify(body);

describe('worker cache keys', () => {
  it('uses tenant "default" without a bearer token', async () => {
    expect(await tenantFromAuthorization(null)).toBe('default');
    expect(await tenantFromAuthorization('')).toBe('default');
    expect(await tenantFromAuthorization('Basic abc')).toBe('default');
    expect(await tenantFromAuthorization('Bearer   ')).toBe('default');
  });

  it('hashes the bearer token and never keeps it', async () => {
    const t = await tenantFromAuthorization('Bearer sk-ballast-secret-123');
    expect(t).toMatch(/^key_[0-9a-f]{32}$/);
    expect(t).not.toContain('secret');
    expect(await tenantFromAuthorization('bearer sk-ballast-secret-123')).toBe(t);
    expect(await tenantFromAuthorization('Bearer sk-other')).not.toBe(t);
  });

  it('is the core cache key with the scope taken from the headers', async () => {
    const k = await travelKey(new Headers({ 'x-ballast-prompt-version': 'v7' }), text);
    expect(k?.scope).toEqual({ tenant: 'default', group: 'default', promptVersion: 'v7' });
    expect(k?.key).toBe(await cacheKey({ tenant: 'default', group: 'default', promptVersion: 'v7' }, body as never));
  });

  it('separates prompt versions, tenants and groups; ignores stream and whitespace at the ends', async () => {
    const base = (await travelKey(new Headers(), text))?.key;
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect((await travelKey(new Headers({ 'x-ballast-prompt-version': 'v2' }), text))?.key).not.toBe(base);
    expect((await travelKey(new Headers({ authorization: 'Bearer k1' }), text))?.key).not.toBe(base);
    expect((await travelKey(new Headers(), JSON.stringify({ ...body, model: 'other' })))?.key).not.toBe(base);
    const streamed = { ...body, stream: true, stream_options: { include_usage: true }, messages: [body.messages[0], { role: 'user', content: '  What is ballast?\r\n' }] };
    expect((await travelKey(new Headers(), JSON.stringify(streamed)))?.key).toBe(base);
  });

  it('summarizes the request: group, feature, prompt version, the last user message cut to 200 chars, whole, and the count of user turns', () => {
    const long = { model: 'g', messages: [{ role: 'user', content: 'first' }, { role: 'assistant', content: 'ok' }, { role: 'user', content: [{ type: 'text', text: ` ${'z'.repeat(300)}` }] }] };
    const s = summarize(long as never, new Headers({ 'x-ballast-feature': 'support', 'x-ballast-prompt-version': 'v3' }));
    expect(s).toEqual({ group: 'g', feature: 'support', promptVersion: 'v3', lastUser: 'z'.repeat(200), prompt: ` ${'z'.repeat(300)}`, userTurns: 2 });
  });

  it('returns null for a body that is not a chat request (the router answers the 400)', async () => {
    expect(parseChatBody('not json')).toBeNull();
    expect(parseChatBody('[]')).toBeNull();
    expect(parseChatBody('{"model":"x"}')).toBeNull();
    expect(await travelKey(new Headers(), '{"messages":[]}')).toBeNull();
  });
});
