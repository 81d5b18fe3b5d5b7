/**
 * A full disk must never fail a request: on QuotaExceededError the store evicts the
 * least recently used answers and tries again, then gives up quietly.
 */

export function isQuotaError(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

/**
 * Runs `write`; on a quota error calls `evict(attempt)` and retries, up to `retries` times.
 * Resolves true when the write landed, false when it gave up. Other errors are thrown.
 *
 * @example
 *   await withQuotaRetry(() => put(entry), (n) => evictOldest(0.25 * n));
 */
export async function withQuotaRetry(write: () => Promise<void>, evict: (attempt: number) => Promise<number>, retries = 3): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    try {
      await write();
      return true;
    } catch (err) {
      if (!isQuotaError(err)) throw err;
      if (attempt >= retries) return false;
      const freed = await evict(attempt + 1);
      if (freed === 0) return false;
    }
  }
}
