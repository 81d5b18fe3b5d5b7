import { describe, expect, it } from 'vitest';
import { conversionError, convert } from './request-helpers.js';

describe('unsupported OpenAI fields', () => {
  it('rejects n > 1 and accepts n = 1', () => {
    expect(conversionError(() => convert({ n: 2 })).message).toBe('n>1 is not supported by Anthropic');
    expect(convert({ n: 1 }).body.messages).toHaveLength(1);
  });

  it.each([
    [{ logprobs: true }, 'logprobs are not supported by Anthropic; remove logprobs and top_logprobs'],
    [{ top_logprobs: 3 }, 'logprobs are not supported by Anthropic; remove logprobs and top_logprobs'],
    [
      { response_format: { type: 'json_schema', json_schema: { name: 'x', schema: {} } } },
      'response_format json_schema is not supported by Anthropic; describe the format in the prompt or use a tool',
    ],
    [{ modalities: ['text', 'audio'] }, 'audio output is not supported by Anthropic'],
    [{ functions: [{ name: 'f' }] }, 'functions and function_call are not supported; use tools and tool_choice'],
  ])('rejects %j', (fields, message) => {
    expect(conversionError(() => convert(fields)).message).toBe(message);
  });

  it('ignores fields that only tune sampling or bookkeeping', () => {
    const plain = convert({}).body;
    const tuned = convert({
      seed: 7,
      frequency_penalty: 0.5,
      presence_penalty: 0.5,
      logit_bias: { '42': 1 },
      logprobs: false,
      response_format: { type: 'json_object' },
      stream_options: { include_usage: true },
      store: false,
    }).body;
    expect(tuned).toEqual(plain);
  });
});
