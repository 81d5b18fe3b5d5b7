import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { providerConfigSchema, providerKind } from '../../../../src/router/providers/registry.js';

describe('the provider registry', () => {
  it('each kind has its own keys: cache_ttl is Anthropic\'s, path and auth_header OpenAI\'s', () => {
    const base = { base_url: 'https://api.example.com/v1', api_key_env: 'K' };
    expect(providerConfigSchema.safeParse({ kind: 'anthropic', ...base, cache_ttl: '1h' }).success).toBe(true);
    const wrong = providerConfigSchema.safeParse({ kind: 'openai', ...base, cache_ttl: '1h' });
    expect(wrong.success).toBe(false);
    expect(JSON.stringify(wrong.error?.issues)).toMatch(/cache_ttl/);
    expect(providerConfigSchema.safeParse({ kind: 'anthropic', ...base, path: '/x' }).success).toBe(false);
    expect(providerConfigSchema.safeParse({ kind: 'gemini', ...base }).success).toBe(false);
    const openai = providerConfigSchema.parse({ kind: 'openai', ...base });
    expect(openai).toMatchObject({ path: '/chat/completions', auth_header: 'authorization', timeout_ms: 60_000 });
  });

  it('each kind prices cache tokens and counts text its own way', () => {
    expect(providerKind('anthropic').cachePrices(1)).toEqual({ cacheRead: 0.1, cacheWrite5m: 1.25, cacheWrite1h: 2 });
    expect(providerKind('openai').cachePrices(1)).toEqual({ cacheRead: 0.5, cacheWrite5m: 1, cacheWrite1h: 1 });
    expect(providerKind('openai').countTextTokens('hello world')).toBe(2);
    expect(providerKind('anthropic').countTextTokens('hello world')).toBe(Math.ceil(11 / 3.5));
  });

  it('an OpenAI-compatible variant is configuration: path, query, auth header and extra headers reach the server', async () => {
    let seen: IncomingMessage | null = null;
    const server = createServer((req, res) => {
      seen = req;
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const config = providerConfigSchema.parse({
        kind: 'openai',
        base_url: `http://127.0.0.1:${port}/openai/deployments/gpt-4o-mini`,
        api_key_env: 'AZ_KEY',
        path: '/chat/completions',
        auth_header: 'api-key',
        query: { 'api-version': '2024-10-21' },
        headers_env: { 'x-ms-client': 'AZ_CLIENT' },
      });
      const model = providerKind('openai').create(config, { name: 'azure', apiKey: () => 'the-key', secrets: () => [], env: { AZ_CLIENT: 'ballast-test' } });
      const answer = await model.complete({ model: 'default', messages: [{ role: 'user', content: 'hi' }] }, { model: 'gpt-4o-mini', signal: new AbortController().signal, timeoutMs: 5_000 });
      expect(answer.completion.choices[0]?.message.content).toBe('hi');
      const req = seen as unknown as IncomingMessage;
      expect(req.url).toBe('/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21');
      expect(req.headers['api-key']).toBe('the-key');
      expect(req.headers.authorization).toBeUndefined();
      expect(req.headers['x-ms-client']).toBe('ballast-test');
      await model.close();
    } finally {
      server.close();
    }
  });
});
