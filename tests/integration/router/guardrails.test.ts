import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PRICES, costUsd } from '../../../src/core/prices.js';
import { readSse, startStack, type Stack } from '../helpers/stack.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const primary = DEFAULT_PRICES['emulated-gpt-4o-mini']!;
const history = (turns: number, size: number) =>
  Array.from({ length: turns }, (_, i) => [
    { role: 'user', content: `question ${i} ${'lorem ipsum dolor sit amet '.repeat(size / 27)}` },
    { role: 'assistant', content: `answer ${i} ${'consectetur adipiscing elit '.repeat(size / 28)}` },
  ]).flat();

type ErrorBody = { error: { code: string; message: string; type: string } };

describe('the degradation ladder, rung by rung', () => {
  it('truncates a long conversation to fit the cost cap, keeping the system prompt and the last turn', async () => {
    stack = await startStack({ config: { groups: { default: { strategy: 'ordered', guardrails: { max_cost_usd: 0.0003 } } } } });
    const messages = [{ role: 'system', content: 'Be brief.' }, ...history(5, 4000), { role: 'user', content: 'And finally?' }];
    const res = await stack.chat({ messages, max_tokens: 100 });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ballast-degraded')).toBe('truncated');
    expect(Number(res.headers.get('x-ballast-cost-usd'))).toBeLessThanOrEqual(0.0003);
    const sent = (await (await fetch(`${stack.emulator.controlUrl}/providers/primary/requests`)).json()) as { requests: Array<{ body: { messages: Array<{ content: string }> } }> };
    const got = sent.requests.at(-1)!.body.messages.map((m) => m.content);
    expect(got[0]).toBe('Be brief.');
    expect(got.at(-1)).toBe('And finally?');
    expect(got.length).toBeLessThan(messages.length);
  });

  it('moves to the cheaper model when truncation is not enough', async () => {
    stack = await startStack({
      config: {
        groups: {
          default: {
            strategy: 'ordered',
            guardrails: { max_cost_usd: 0.0002 },
            cheaper: { provider: 'primary', model: 'emulated-nano', price: { input: 0.01, output: 0.04 } },
          },
        },
      },
    });
    const res = await stack.chat({ messages: [{ role: 'user', content: 'lorem ipsum dolor sit amet '.repeat(400) }], max_tokens: 100 });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ballast-degraded')).toBe('cheaper-model');
    expect(res.headers.get('x-ballast-model')).toBe('emulated-nano');
  });

  it('refuses last, with the numbers, when nothing fits', async () => {
    stack = await startStack({ config: { guardrails: { max_cost_usd: 0.00001, degrade: ['truncate', 'cheaper_model'] }, groups: { default: { strategy: 'ordered' } } } });
    const res = await stack.chat({ messages: [{ role: 'user', content: 'lorem ipsum '.repeat(500) }], max_tokens: 100 });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('budget_exceeded');
    expect(body.error.message).toMatch(/may cost up to \$0\.\d+ \(\d+ input tokens \+ 100 output tokens on primary\/emulated-gpt-4o-mini\), over the cap of \$0\.000010 per request \(guardrails\.max_cost_usd\)/);
    expect((await stack.stats('primary')).requests).toBe(0);
  });

  it('a failover to the 3x secondary that would break the cap degrades instead of overspending', async () => {
    const messages = [...history(4, 2000), { role: 'user', content: 'Last one.' }];
    // Between the primary's worst case and the secondary's (3x) for the whole conversation.
    stack = await startStack({ config: { groups: { default: { strategy: 'ordered', guardrails: { max_cost_usd: 0.0006 } } } } });
    await stack.fault('primary', { kind: 'status', status: 503 });
    const res = await stack.chat({ messages, max_tokens: 100 });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ballast-provider')).toBe('secondary');
    expect(res.headers.get('x-ballast-degraded')).toBe('truncated');
    expect(Number(res.headers.get('x-ballast-cost-usd'))).toBeLessThanOrEqual(0.0006);
  });

  it('max_tokens over the limit is clamped, or refused by config', async () => {
    stack = await startStack({ config: { guardrails: { max_tokens_out: 10 }, features: { strict: { guardrails: { max_tokens_out_action: 'refuse' } } } } });
    const ok = await stack.chat({ max_tokens: 500 });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { usage: { completion_tokens: number } };
    expect(body.usage.completion_tokens).toBeLessThanOrEqual(10);
    const refused = await stack.chat({ max_tokens: 500 }, { 'x-ballast-feature': 'strict' });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as ErrorBody).error.code).toBe('max_tokens_exceeded');
  });
});

describe('cost on every answer', () => {
  it('x-ballast-cost-usd equals the usage priced by hand; streams carry it before [DONE]', async () => {
    stack = await startStack({ config: { groups: { default: { strategy: 'ordered' } } } });
    const res = await stack.chat({});
    const body = (await res.json()) as { usage: { prompt_tokens: number; completion_tokens: number } };
    const expected = (body.usage.prompt_tokens * primary.input + body.usage.completion_tokens * primary.output) / 1e6;
    expect(Number(res.headers.get('x-ballast-cost-usd'))).toBeCloseTo(expected, 10);
    const stream = await stack.chat({ stream: true });
    const text = await stream.text();
    expect(text).toMatch(/: x-ballast-cost-usd 0\.\d+\n\ndata: \[DONE\]\n\n$/);
  });

  it('Anthropic prompt caching: cache_control with the configured ttl reaches the provider; writes and reads are priced apart', async () => {
    stack = await startStack({ config: { providers: { secondary: { cache_ttl: '1h' } } } });
    const system = 'You are the ballast test assistant. '.repeat(200);
    const client = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: 'x', defaultHeaders: { 'x-ballast-pin': 'secondary' } });
    const ask = (q: string) => client.chat.completions.create({ model: 'default', messages: [{ role: 'system', content: system }, { role: 'user', content: q }] }).withResponse();
    const price = DEFAULT_PRICES['emulated-claude-haiku-4-5']!;
    const first = await ask('one');
    const second = await ask('two');
    const sent = (await (await fetch(`${stack.emulator.controlUrl}/providers/secondary/requests`)).json()) as { requests: Array<{ body: { system: Array<{ cache_control?: unknown }> } }> };
    expect(sent.requests.at(-1)!.body.system.at(-1)!.cache_control).toEqual({ type: 'ephemeral', ttl: '1h' });
    for (const { data, response } of [first, second]) {
      const u = data.usage as unknown as { prompt_tokens: number; completion_tokens: number; prompt_tokens_details: { cached_tokens: number }; cache_creation_input_tokens?: number };
      const read = u.prompt_tokens_details.cached_tokens;
      const write = u.cache_creation_input_tokens ?? 0;
      const input = u.prompt_tokens - read - write;
      // every write was made under the 1-hour TTL: 2x the input price
      const expected = (input * price.input + write * price.input * 2 + read * price.input * 0.1 + u.completion_tokens * price.output) / 1e6;
      expect(Number(response.headers.get('x-ballast-cost-usd'))).toBeCloseTo(expected, 10);
    }
    expect(first.data.usage?.prompt_tokens_details?.cached_tokens).toBe(0);
    expect(second.data.usage?.prompt_tokens_details?.cached_tokens).toBeGreaterThan(0);
    // Streamed, the same figure arrives in the comment before [DONE].
    const streamed = await stack.chat({ stream: true, stream_options: { include_usage: true }, messages: [{ role: 'system', content: system }, { role: 'user', content: 'three' }] }, { 'x-ballast-pin': 'secondary' });
    const raw = await streamed.text();
    const events = await readSse(new Response(raw));
    const usage = (events.find((e) => e !== '[DONE]' && (e as { usage?: unknown }).usage) as { usage: { prompt_tokens: number; completion_tokens: number; prompt_tokens_details: { cached_tokens: number } } }).usage;
    const cost = Number(/x-ballast-cost-usd (\S+)/.exec(raw)?.[1]);
    const read = usage.prompt_tokens_details.cached_tokens;
    expect(cost).toBeCloseTo(costUsd({ inputTokens: usage.prompt_tokens - read, outputTokens: usage.completion_tokens, cacheReadTokens: read, cacheWriteTokens: 0 }, price), 10);
  });
});

describe('budgets', () => {
  it('200 concurrent requests against a tenant budget never spend past it', async () => {
    stack = await startStack({ config: { budgets: { tenants: { default: { daily_usd: 0.0005 } } } } });
    const s = stack;
    const results = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        // distinct prompts: an identical one would be answered from the cache rung, for free
        const res = await s.chat({ max_tokens: 50, messages: [{ role: 'user', content: `question number ${i}` }] });
        const cost = Number(res.headers.get('x-ballast-cost-usd') ?? 0);
        return { status: res.status, cost, body: await res.json() as ErrorBody };
      }),
    );
    const spent = results.reduce((n, r) => n + r.cost, 0);
    expect(spent).toBeLessThanOrEqual(0.0005);
    const refused = results.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.body.error).toMatchObject({ code: 'budget_exceeded', type: 'insufficient_quota' });
    expect(refused[0]!.body.error.message).toMatch(/tenant "default" daily budget has \$0\.\d+ left/);
    expect(results.filter((r) => r.status === 200).length).toBeGreaterThan(0);
  });
});
