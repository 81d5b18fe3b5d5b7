import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICES } from '../../../../src/core/prices.js';
import type { Guardrails } from '../../../../src/router/guard/effective-guardrails.js';
import { applyOutputLimit, fitRequest } from '../../../../src/router/guard/fit-request.js';
import { BallastError } from '../../../../src/router/http/errors.js';

const price = DEFAULT_PRICES['gpt-4o-mini']!;
const guard = (over: Partial<Guardrails> = {}): Guardrails => ({ maxTokensIn: undefined, maxTokensOut: 1000, maxTokensOutAction: 'clamp', maxCostUsd: undefined, degrade: [], ...over });
const req = (content: string, max_tokens?: number) => ({ model: 'default', messages: [{ role: 'user' as const, content }], ...(max_tokens ? { max_tokens } : {}) });

describe('applyOutputLimit', () => {
  it('clamps, refuses by config, and sets a limit on a request that asked for none', () => {
    expect(applyOutputLimit(req('x', 5000), guard()).max_tokens).toBe(1000);
    expect(applyOutputLimit(req('x', 10), guard()).max_tokens).toBe(10);
    expect(applyOutputLimit(req('x'), guard()).max_tokens).toBe(1000);
    const refused = (() => {
      try {
        applyOutputLimit(req('x', 5000), guard({ maxTokensOutAction: 'refuse' }));
      } catch (e) {
        return e;
      }
    })() as BallastError;
    expect(refused).toBeInstanceOf(BallastError);
    expect(refused.message).toMatch(/max_tokens 5000 is above this route's limit of 1000/);
  });
});

describe('fitRequest', () => {
  it('decides on the byte bound alone when far from every limit', () => {
    const fit = fitRequest(req('hello', 100), 'openai', 'gpt-4o', price, guard({ maxCostUsd: 1 }), Infinity);
    expect(fit).toMatchObject({ ok: true, estimated: false, maxOutput: 100 });
  });

  it('tokenizes near a limit and lets through what the exact count allows', () => {
    const text = 'hello world '.repeat(2000); // 24,000 bytes, about 4,000 tokens
    const cap = (12_000 * price.input + 100 * price.output) / 1e6; // between the two counts
    const fit = fitRequest(req(text, 100), 'openai', 'gpt-4o', price, guard({ maxCostUsd: cap }), Infinity);
    expect(fit.ok).toBe(true);
    expect(fit.estimated).toBe(true);
    expect(fit.inputTokens).toBeLessThan(5000);
  });

  it('names the first broken limit: tokens in, cost, budget', () => {
    const text = 'word '.repeat(1000);
    expect(fitRequest(req(text, 100), 'openai', 'gpt-4o', price, guard({ maxTokensIn: 100 }), Infinity).broken).toBe('max_tokens_in');
    expect(fitRequest(req(text, 100), 'openai', 'gpt-4o', price, guard({ maxCostUsd: 1e-7 }), Infinity).broken).toBe('max_cost_usd');
    expect(fitRequest(req(text, 100), 'openai', 'gpt-4o', price, guard(), 1e-7).broken).toBe('budget');
  });
});

describe('regression: images were not counted in the worst-case cost (issue #11)', () => {
  const withImages = (n: number) => ({
    model: 'default',
    max_tokens: 10,
    messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'what is this?' }, ...Array.from({ length: n }, () => ({ type: 'image_url' as const, image_url: { url: 'data:image/png;base64,AAAA' } }))] }],
  });

  it('each image adds its most expensive token count to the worst case, per provider and model', () => {
    const none = fitRequest(withImages(0), 'openai', 'gpt-4o-mini', price, guard({ maxCostUsd: 1 }), Infinity);
    const two = fitRequest(withImages(2), 'openai', 'gpt-4o-mini', price, guard({ maxCostUsd: 1 }), Infinity);
    expect(two.inputTokens - none.inputTokens).toBe(2 * (2_833 + 8 * 5_667));
    expect(two.worstCaseUsd).toBeGreaterThan(none.worstCaseUsd + 2 * 48_000 * price.input / 1e6);
  });

  it('a cap that a text-only request fits is broken by the images it carries', () => {
    const cap = 0.001;
    expect(fitRequest(withImages(0), 'openai', 'gpt-4o-mini', price, guard({ maxCostUsd: cap }), Infinity).ok).toBe(true);
    expect(fitRequest(withImages(1), 'openai', 'gpt-4o-mini', price, guard({ maxCostUsd: cap }), Infinity).broken).toBe('max_cost_usd');
  });
});
