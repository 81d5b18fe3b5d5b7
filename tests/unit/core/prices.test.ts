import { describe, expect, it } from 'vitest';
import { costUsd, DEFAULT_PRICES, worstCaseUsd } from '../../../src/core/prices.js';

const haiku = DEFAULT_PRICES['claude-haiku-4-5']!;
const mini = DEFAULT_PRICES['gpt-4o-mini']!;

describe('prices', () => {
  it('prices input, output, cache reads and 5m/1h cache writes apart (hand-computed)', () => {
    // 1,000 input x $1 + 200 output x $5 + 3,000 read x $0.10 + 500 5m-writes x $1.25 + 700 1h-writes x $2, per million
    const usage = { inputTokens: 1000, outputTokens: 200, cacheReadTokens: 3000, cacheWriteTokens: 1200 };
    expect(costUsd(usage, haiku, 700)).toBeCloseTo((1000 * 1 + 200 * 5 + 3000 * 0.1 + 500 * 1.25 + 700 * 2) / 1e6, 12);
  });

  it('OpenAI: cached reads at their discount', () => {
    const usage = { inputTokens: 1000, outputTokens: 100, cacheReadTokens: 1000, cacheWriteTokens: 0 };
    expect(costUsd(usage, mini)).toBeCloseTo((1000 * 0.15 + 100 * 0.6 + 1000 * 0.075) / 1e6, 12);
  });

  it('the worst case takes the dearest input rate and every allowed output token', () => {
    expect(worstCaseUsd(1000, 500, haiku)).toBeCloseTo((1000 * 2 + 500 * 5) / 1e6, 12);
    expect(worstCaseUsd(1000, 500, mini)).toBeCloseTo((1000 * 0.15 + 500 * 0.6) / 1e6, 12);
  });

  it('the emulated secondary costs 3x the emulated primary per token', () => {
    const p = DEFAULT_PRICES['emulated-gpt-4o-mini']!;
    const s = DEFAULT_PRICES['emulated-claude-haiku-4-5']!;
    expect(s.input / p.input).toBeCloseTo(3);
    expect(s.output / p.output).toBeCloseTo(3);
  });
});
