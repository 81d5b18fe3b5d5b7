import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cacheKey, canonicalJson } from '../../../src/core/cache-key.js';
import type { ChatRequest } from '../../../src/core/chat.js';

const scope = { tenant: 'acme', group: 'default', promptVersion: 'v1' };
const base = (over: Partial<ChatRequest> = {}): ChatRequest => ({ model: 'default', messages: [{ role: 'user', content: 'Hello  there' }], ...over });

/** Rebuilds an object with its keys in a shuffled order, recursively. */
function shuffleKeys(v: unknown, seed: number): unknown {
  if (Array.isArray(v)) return v.map((x) => shuffleKeys(x, seed + 1));
  if (v && typeof v === 'object') {
    const keys = Object.keys(v).sort((a, b) => ((a.charCodeAt(0) * seed) % 7) - ((b.charCodeAt(0) * seed) % 7));
    return Object.fromEntries(keys.map((k) => [k, shuffleKeys((v as Record<string, unknown>)[k], seed + 1)]));
  }
  return v;
}

const request = fc.record({
  model: fc.constant('default'),
  messages: fc.array(fc.record({ role: fc.constantFrom('system', 'user', 'assistant'), content: fc.string() }), { minLength: 1, maxLength: 4 }),
  temperature: fc.option(fc.double({ min: 0, max: 2, noNaN: true }), { nil: undefined }),
  max_tokens: fc.option(fc.integer({ min: 1, max: 4000 }), { nil: undefined }),
}) as fc.Arbitrary<ChatRequest>;

describe('cache key', () => {
  it('ignores field order at every depth (property)', () => {
    fc.assert(
      fc.property(request, fc.integer({ min: 2, max: 50 }), (r, seed) => {
        expect(canonicalJson(scope, shuffleKeys(r, seed) as ChatRequest)).toBe(canonicalJson(scope, r));
      }),
    );
  });

  it('ignores whitespace at the ends and line-ending style, keeps inner whitespace (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(' ', '\n', '\t', '\r\n'), (text, pad) => {
        const a = canonicalJson(scope, base({ messages: [{ role: 'user', content: text }] }));
        const b = canonicalJson(scope, base({ messages: [{ role: 'user', content: `${pad}${text.replace(/\n/g, '\r\n')}${pad}` }] }));
        expect(b).toBe(a);
      }),
    );
    expect(canonicalJson(scope, base({ messages: [{ role: 'user', content: 'a  b' }] }))).not.toBe(canonicalJson(scope, base({ messages: [{ role: 'user', content: 'a b' }] })));
  });

  it('the tenant always changes the key (property), and a key without one is refused', async () => {
    await fc.assert(
      fc.asyncProperty(request, fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), async (r, a, b) => {
        fc.pre(a !== b);
        expect(await cacheKey({ ...scope, tenant: a }, r)).not.toBe(await cacheKey({ ...scope, tenant: b }, r));
      }),
      { numRuns: 50 },
    );
    expect(() => canonicalJson({ ...scope, tenant: '' }, base())).toThrow(/tenant/);
  });

  it('an absent temperature is the default 1, not 0; transport fields do not count', () => {
    expect(canonicalJson(scope, base())).toBe(canonicalJson(scope, base({ temperature: 1 })));
    expect(canonicalJson(scope, base())).not.toBe(canonicalJson(scope, base({ temperature: 0 })));
    expect(canonicalJson(scope, base())).toBe(canonicalJson(scope, base({ stream: true, stream_options: { include_usage: true }, user: 'u1' })));
    expect(canonicalJson(scope, base({ max_tokens: 10 }))).toBe(canonicalJson(scope, base({ max_completion_tokens: 10 })));
  });

  it('the prompt version and the group change the key', () => {
    expect(canonicalJson(scope, base())).not.toBe(canonicalJson({ ...scope, promptVersion: 'v2' }, base()));
    expect(canonicalJson(scope, base())).not.toBe(canonicalJson({ ...scope, group: 'fast' }, base()));
  });

  it('is a 64-hex SHA-256', async () => {
    expect(await cacheKey(scope, base())).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the router and the worker agree on keys', () => {
  it('node:crypto in the router gives the same hex digest as WebCrypto in the worker (property)', async () => {
    const { routerCacheKey } = await import('../../../src/router/cache/cache-step.js');
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        expect(routerCacheKey(scope, r)).toBe(await cacheKey(scope, r));
      }),
      { numRuns: 50 },
    );
  });
});
