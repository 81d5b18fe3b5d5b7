/**
 * mulberry32: a tiny seeded 32-bit PRNG with good enough spread for sampling, so a
 * seeded run (emulator fault rates, `ballast load`'s prompt mix) replays exactly.
 * Returns numbers in [0, 1).
 *
 * @example
 *   const random = mulberry32(7);
 *   random(); // the same first number on every run
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
