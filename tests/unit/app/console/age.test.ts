import { describe, expect, it } from 'vitest';
import { age } from '../../../../src/app/console/age.js';

describe('the age of a saved answer', () => {
  it('reads in the largest whole unit', () => {
    expect([age(-3), age(42), age(90), age(3599), age(7200), age(86_400), age(3 * 86_400)]).toEqual(['0 s', '42 s', '2 min', '60 min', '2 h', '1 day', '3 days']);
  });
});
