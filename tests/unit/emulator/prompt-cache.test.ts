import { describe, expect, it } from 'vitest';
import { PrefixHasher, PromptCache, TTL_1H, TTL_5M } from '../../../src/emulator/prompt-cache.js';

function breakpoints(system: string, ttl?: '1h') {
  const hasher = new PrefixHasher('claude');
  hasher.add({ system }, system.length, ttl ? { type: 'ephemeral', ttl } : { type: 'ephemeral' });
  hasher.add({ role: 'user', text: 'hi' }, 2, undefined);
  return hasher.breakpoints;
}

describe('PromptCache', () => {
  it('writes, then reads within the TTL, then writes again once expired', () => {
    let now = 0;
    const cache = new PromptCache(() => now);
    const points = breakpoints('s'.repeat(40));
    expect(cache.account(points)).toEqual({ readTokens: 0, writeTokens: 10, write1hTokens: 0 });
    now = TTL_5M - 1;
    expect(cache.account(points)).toEqual({ readTokens: 10, writeTokens: 0, write1hTokens: 0 });
    now += TTL_5M; // the read above refreshed the TTL, so this is just past it
    expect(cache.account(points)).toEqual({ readTokens: 0, writeTokens: 10, write1hTokens: 0 });
  });

  it('keeps a 1h entry past 5 minutes', () => {
    let now = 0;
    const cache = new PromptCache(() => now);
    const points = breakpoints('s'.repeat(40), '1h');
    expect(points[0]?.ttlMs).toBe(TTL_1H);
    cache.account(points);
    now = 30 * 60_000;
    expect(cache.account(points).readTokens).toBe(10);
  });

  it('hashes content, not the cache_control marker, and nothing without a breakpoint', () => {
    const plain = new PrefixHasher('claude');
    plain.add({ system: 'abc' }, 3, undefined);
    expect(plain.breakpoints).toEqual([]);
    expect(plain.chars).toBe(3);
    expect(breakpoints('abc')[0]?.hash).toBe(breakpoints('abc', '1h')[0]?.hash);
    expect(breakpoints('abc')[0]?.hash).not.toBe(breakpoints('abd')[0]?.hash);
    expect(new PromptCache().account([])).toEqual({ readTokens: 0, writeTokens: 0, write1hTokens: 0 });
  });

  it('forgets everything on clear', () => {
    const cache = new PromptCache(() => 0);
    const points = breakpoints('abcd');
    cache.account(points);
    cache.clear();
    expect(cache.account(points)).toEqual({ readTokens: 0, writeTokens: 1, write1hTokens: 0 });
  });
});

describe('PromptCache 1-hour writes', () => {
  it('reports the tokens written under a 1h breakpoint apart', () => {
    const cache = new PromptCache(() => 0);
    const key = new PrefixHasher('m');
    key.add({ a: 1 }, 400, { type: 'ephemeral', ttl: '1h' });
    key.add({ b: 2 }, 400, { type: 'ephemeral' });
    expect(cache.account(key.breakpoints)).toEqual({ readTokens: 0, writeTokens: 200, write1hTokens: 100 });
    expect(cache.account(key.breakpoints)).toEqual({ readTokens: 200, writeTokens: 0, write1hTokens: 0 });
  });
});
