import fc from 'fast-check';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { upperBoundInputTokens, utf8Length } from '../../../src/core/tokens.js';
import { estimateInputTokens } from '../../../src/router/guard/estimate-tokens.js';

describe('token bounds', () => {
  it('utf8Length matches the encoder for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
      }),
    );
  });

  it('the byte bound is never below the o200k token count, nor below the estimate', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 300 }), { minLength: 1, maxLength: 6 }), (texts) => {
        const request = { messages: texts.map((content) => ({ role: 'user' as const, content })) };
        const bound = upperBoundInputTokens(request);
        expect(bound).toBeGreaterThanOrEqual(texts.reduce((n, t) => n + countTokens(t), 0));
        expect(bound).toBeGreaterThanOrEqual(estimateInputTokens(request, 'openai', 'gpt-4o'));
        expect(bound).toBeGreaterThanOrEqual(estimateInputTokens(request, 'anthropic', 'claude-haiku-4-5'));
      }),
      { numRuns: 200 },
    );
  });

  it('the OpenAI estimate is the tokenizer count plus framing', () => {
    const request = { messages: [{ role: 'user' as const, content: 'Hello there, how are you?' }] };
    expect(estimateInputTokens(request, 'openai', 'gpt-4o')).toBe(countTokens('Hello there, how are you?') + 4 + 8);
  });
});
