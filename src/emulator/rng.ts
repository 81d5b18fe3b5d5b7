/** Seeded PRNG so a fault `rate` gives the same hit/miss sequence on every run. */

/** mulberry32: a tiny 32-bit PRNG with good enough spread for sampling. Returns [0, 1). */
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

/** FNV-1a, 32 bits. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The PRNG of one provider: same seed and name, same sequence. */
export function providerRandom(seed: number, provider: string): () => number {
  return mulberry32(hashString(`${seed}:${provider}`));
}
