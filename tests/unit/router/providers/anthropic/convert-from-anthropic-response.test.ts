import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../../../src/router/providers/errors.js';
import { fromAnthropicResponse } from '../../../../../src/router/providers/anthropic/convert-from-anthropic-response.js';
import { fixtureJson } from './fixtures.js';

const options = { provider: 'primary', requestModel: 'claude-sonnet-4-5', created: 1_700_000_000 };

function badResponse(body: unknown): ProviderError {
  try {
    fromAnthropicResponse(body, options);
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
}

describe('fromAnthropicResponse', () => {
  it('converts a text answer with cache reads and writes', () => {
    const result = fromAnthropicResponse(fixtureJson('response-text-cached.json'), options);
    expect(result.completion).toEqual({
      id: 'chatcmpl-msg_01XFDUDYJgAACzvnptvVoYEL',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'claude-sonnet-4-5-20250929',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello! How can I help you today?' },
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 2048 + 1800 + 248,
        completion_tokens: 503,
        total_tokens: 2048 + 1800 + 248 + 503,
        prompt_tokens_details: { cached_tokens: 1800 },
        cache_creation_input_tokens: 248,
      },
    });
    expect(result.usage).toEqual({ inputTokens: 2048, outputTokens: 503, cacheReadTokens: 1800, cacheWriteTokens: 248 });
    expect(result.cacheWrite1hTokens).toBe(100);
    expect(result.completion.choices[0]?.message).not.toHaveProperty('tool_calls');
  });

  it('converts tool_use blocks to tool_calls and drops thinking', () => {
    const { completion, usage, cacheWrite1hTokens } = fromAnthropicResponse(fixtureJson('response-tool-use.json'), options);
    expect(completion.choices).toEqual([
      {
        index: 0,
        message: {
          role: 'assistant',
          content: "I'll check the weather in both cities.",
          tool_calls: [
            {
              id: 'toolu_01A09q90qw90lq917835lq9',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"location":"San Francisco, CA","unit":"celsius"}' },
            },
            {
              id: 'toolu_01B18r81rx81mr826924mr8',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"location":"Paris, France"}' },
            },
          ],
        },
        finish_reason: 'tool_calls',
      },
    ]);
    expect(usage).toEqual({ inputTokens: 472, outputTokens: 134, cacheReadTokens: 0, cacheWriteTokens: 0 });
    expect(completion.usage).toEqual({ prompt_tokens: 472, completion_tokens: 134, total_tokens: 606, prompt_tokens_details: { cached_tokens: 0 } });
    expect(cacheWrite1hTokens).toBe(0);
  });

  it('gives null content when the answer is only tool calls', () => {
    const { completion } = fromAnthropicResponse(fixtureJson('response-tool-only.json'), options);
    expect(completion.choices[0]?.message).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'toolu_01NoArgs', type: 'function', function: { name: 'get_time', arguments: '{}' } }],
    });
    expect(completion.model).toBe('claude-haiku-4-5-20251001');
  });

  it('gives empty content for an empty answer (max_tokens 0 pre-warm)', () => {
    const body = { id: 'msg_x', type: 'message', role: 'assistant', content: [], model: 'm', stop_reason: 'max_tokens', usage: { input_tokens: 8, output_tokens: 0, cache_creation_input_tokens: 5120 } };
    const { completion, usage } = fromAnthropicResponse(body, options);
    expect(completion.choices[0]?.message).toEqual({ role: 'assistant', content: '' });
    expect(completion.choices[0]?.finish_reason).toBe('length');
    expect(usage).toEqual({ inputTokens: 8, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 5120 });
    expect(completion.usage?.prompt_tokens).toBe(5128);
  });

  it('falls back to the request model and to now when the body and options give none', () => {
    const body = { ...(fixtureJson('response-tool-only.json') as Record<string, unknown>) };
    delete body.model;
    const before = Math.floor(Date.now() / 1000);
    const { completion } = fromAnthropicResponse(body, { provider: 'primary', requestModel: 'claude-sonnet-4-5' });
    expect(completion.model).toBe('claude-sonnet-4-5');
    expect(completion.created).toBeGreaterThanOrEqual(before);
    expect(completion.created).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it.each([
    ['not an object', 'oops', 'primary response does not match the Messages API: body: Invalid input: expected object, received string'],
    ['a missing id', { type: 'message', role: 'assistant', content: [], usage: { input_tokens: 1, output_tokens: 1 } }, undefined],
    ['a text block without text', { id: 'm', type: 'message', role: 'assistant', content: [{ type: 'text' }], usage: { input_tokens: 1, output_tokens: 1 } }, undefined],
    ['a tool_use block without input', { id: 'm', type: 'message', role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'n' }], usage: { input_tokens: 1, output_tokens: 1 } }, undefined],
    ['missing usage', { id: 'm', type: 'message', role: 'assistant', content: [] }, undefined],
    ['an error envelope', fixtureJson('error-529-overloaded.json'), undefined],
  ])('throws bad_response for %s', (_what, body, message) => {
    const error = badResponse(body);
    expect(error.code).toBe('bad_response');
    expect(error.provider).toBe('primary');
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/^primary response does not match the Messages API: /);
    if (message) expect(error.message).toBe(message);
  });
});
