/** How the pages write money, sizes and times. */

/** USD to the router's precision (up to 8 decimals, no exponent): `$0.00001234`, `$0`. */
export function usd(n: number): string {
  return n === 0 ? '$0' : `$${n.toFixed(8).replace(/0+$/, '').replace(/\.$/, '')}`;
}

/** Dollars for totals read at a glance: cents from a cent up, every digit below (answers cost fractions of a cent). */
export function dollars(n: number): string {
  return n >= 0.01 || n === 0 ? `$${n.toFixed(2)}` : usd(n);
}

/** "1 hit", "3 hits". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

export function dateTime(ms: number): string {
  return new Date(ms).toLocaleString();
}

export function percent(ratio: number | null): string {
  return ratio === null ? '—' : `${(ratio * 100).toFixed(1)}%`;
}
