import { describe, expect, it } from 'vitest';
import { bytes, count, dollars, percent, usd } from '../../../src/app/format.js';

describe('page formats', () => {
  it('usd keeps the fractions of a cent an answer costs, without exponents', () => {
    expect(usd(0.0000153)).toBe('$0.0000153');
    expect(usd(0.00000001)).toBe('$0.00000001');
    expect(usd(0)).toBe('$0');
    expect(usd(1.5)).toBe('$1.5');
  });

  it('dollars: cents from a cent up, every digit below', () => {
    expect(dollars(0)).toBe('$0.00');
    expect(dollars(12.345)).toBe('$12.35');
    expect(dollars(0.0000147)).toBe('$0.0000147');
  });

  it('bytes, counts and percentages', () => {
    expect(bytes(654)).toBe('654 B');
    expect(bytes(2048)).toBe('2.0 KB');
    expect(bytes(64 * 1024 * 1024)).toBe('64 MB');
    expect(count(1, 'hit')).toBe('1 hit');
    expect(count(2, 'miss', 'misses')).toBe('2 misses');
    expect(percent(null)).toBe('—');
    expect(percent(1 / 3)).toBe('33.3%');
  });
});
