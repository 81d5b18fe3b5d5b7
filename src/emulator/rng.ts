/** Seeded PRNG so a fault `rate` gives the same hit/miss sequence on every run. */
import { mulberry32 } from '../core/random.js';

export { mulberry32 };

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
