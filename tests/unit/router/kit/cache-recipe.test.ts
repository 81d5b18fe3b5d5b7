import { describe, expect, it } from 'vitest';
import { TRAVEL_DEFAULTS } from '../../../../src/router/kit/documents/cache-recipe.js';
import { DEFAULT_LIMITS } from '../../../../sw/entry-store.js';
import { DEFAULT_SETTINGS } from '../../../../src/app/travel-protocol.js';

describe('the cache recipe', () => {
  it('states the travel cache defaults the PWA ships', () => {
    expect(TRAVEL_DEFAULTS).toEqual({ ...DEFAULT_LIMITS, ...DEFAULT_SETTINGS });
  });
});
