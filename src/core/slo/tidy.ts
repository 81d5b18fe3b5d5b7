/**
 * Rounds to 12 significant digits: hides binary noise such as
 * (1 - 0.995) * 10_000 = 50.00000000000004, so an error budget of exactly 50 failures
 * is spent by the 50th failure and a burn rate of exactly 1 reads 1.
 *
 * @example tidy((1 - 0.995) * 10_000) // 50
 */
export function tidy(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(12)) : x;
}
