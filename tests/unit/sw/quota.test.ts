import { describe, expect, it } from 'vitest';
import { isQuotaError, withQuotaRetry } from '../../../sw/quota.js';

const quota = () => new DOMException('full', 'QuotaExceededError');

describe('withQuotaRetry', () => {
  it('evicts and retries until the write lands', async () => {
    let fails = 2;
    const evictions: number[] = [];
    const ok = await withQuotaRetry(
      async () => {
        if (fails-- > 0) throw quota();
      },
      async (n) => {
        evictions.push(n);
        return 5;
      },
    );
    expect(ok).toBe(true);
    expect(evictions).toEqual([1, 2]);
  });

  it('gives up (false) when nothing more can be evicted or retries run out', async () => {
    expect(await withQuotaRetry(async () => Promise.reject(quota()), async () => 0)).toBe(false);
    let evicted = 0;
    expect(await withQuotaRetry(async () => Promise.reject(quota()), async () => ++evicted, 2)).toBe(false);
    expect(evicted).toBe(2);
  });

  it('rethrows errors that are not about quota', async () => {
    await expect(withQuotaRetry(async () => Promise.reject(new TypeError('bug')), async () => 1)).rejects.toThrow('bug');
    expect(isQuotaError(quota())).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaError(new Error('x'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});
