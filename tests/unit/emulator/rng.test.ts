import { describe, expect, it } from 'vitest';
import { mulberry32, providerRandom } from '../../../src/emulator/rng.js';

describe('seeded random', () => {
  it('repeats for a seed and provider, and differs across them', () => {
    const take = (next: () => number) => Array.from({ length: 5 }, next);
    expect(take(providerRandom(1, 'primary'))).toEqual(take(providerRandom(1, 'primary')));
    expect(take(providerRandom(1, 'primary'))).not.toEqual(take(providerRandom(1, 'secondary')));
    expect(take(providerRandom(1, 'primary'))).not.toEqual(take(providerRandom(2, 'primary')));
    expect(take(mulberry32(7)).every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
