import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ config: { groups: { default: { strategy: 'ordered' } } } });
});
afterAll(() => stack.close());

describe('the OpenAI SDK against ballast', () => {
  it('gets a non-streamed answer with ballast headers', async () => {
    const client = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: 'anything' });
    const { data, response } = await client.chat.completions
      .create({ model: 'default', messages: [{ role: 'user', content: 'Say hello' }] })
      .withResponse();
    expect(data.choices[0]?.message.content).toMatch(/Emulated answer from primary/);
    expect(data.usage?.completion_tokens).toBeGreaterThan(0);
    expect(response.headers.get('x-ballast-provider')).toBe('primary');
    expect(response.headers.get('x-ballast-model')).toBe('emulated-gpt-4o-mini');
    expect(response.headers.get('x-ballast-attempts')).toBe('1');
    expect(response.headers.get('x-ballast-emulated')).toBe('true');
    expect(response.headers.get('x-ballast-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
  });

  it('streams, with usage when asked', async () => {
    const client = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: 'anything' });
    const stream = await client.chat.completions.create({
      model: 'default',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Say hello' }],
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toMatch(/^Emulated answer from primary/);
    expect(usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('streams from the Anthropic secondary as OpenAI chunks', async () => {
    const client = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: 'anything', defaultHeaders: { 'x-ballast-pin': 'secondary' } });
    const stream = await client.chat.completions.create({ model: 'default', stream: true, messages: [{ role: 'user', content: 'Say hello' }] });
    let text = '';
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text).toMatch(/^Emulated answer from secondary/);
    expect(finish).toBe('stop');
  });

  it('parses ballast errors as APIError', async () => {
    const client = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: 'anything', maxRetries: 0 });
    const err = await client.chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect((err as InstanceType<typeof OpenAI.APIError>).message).toMatch(/Unknown model "nope".*default/);
  });

  it('lists the model groups', async () => {
    const client = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: 'anything' });
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['default']);
  });
});
