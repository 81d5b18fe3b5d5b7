/**
 * Weighted choice without replacement: the first element is drawn with probability
 * weight / total, the rest follow in the same way among what is left. Zero-weight
 * items come last, in their given order, so they still serve as failover.
 *
 * @example weightedOrder([{w:9},{w:1}], x => x.w, Math.random) // 90%: [9, 1]
 */
export function weightedOrder<T>(items: readonly T[], weight: (item: T) => number, random: () => number): T[] {
  const pool = items.filter((i) => weight(i) > 0);
  const zero = items.filter((i) => !(weight(i) > 0));
  const out: T[] = [];
  while (pool.length > 0) {
    let total = 0;
    for (const item of pool) total += weight(item);
    let r = random() * total;
    let index = pool.length - 1;
    for (let i = 0; i < pool.length; i++) {
      r -= weight(pool[i] as T);
      if (r < 0) {
        index = i;
        break;
      }
    }
    out.push(pool[index] as T);
    pool.splice(index, 1);
  }
  return out.concat(zero);
}
