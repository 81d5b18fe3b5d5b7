/**
 * Model prices in USD per million tokens, and the cost of a request from its usage.
 * Cache writes are priced by TTL (Anthropic: 1.25x input for 5 minutes, 2x for 1 hour),
 * cache reads apart (0.1x input at Anthropic, 0.5x or less at OpenAI).
 */
import type { Usage } from './chat.js';

export interface ModelPrice {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
}

/** The date the default table was checked against the providers' price pages. */
export const PRICES_AS_OF = '2026-11-01';

const anthropic = (input: number, output: number): ModelPrice => ({
  input,
  output,
  cacheRead: input * 0.1,
  cacheWrite5m: input * 1.25,
  cacheWrite1h: input * 2,
});
const openai = (input: number, output: number, cacheRead: number): ModelPrice => ({
  input,
  output,
  cacheRead,
  cacheWrite5m: input,
  cacheWrite1h: input,
});

/** Defaults for common models; ballast.yaml overrides any of them per deployment. */
export const DEFAULT_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-4o-mini': openai(0.15, 0.6, 0.075),
  'gpt-4o': openai(2.5, 10, 1.25),
  'gpt-4.1': openai(2, 8, 0.5),
  'gpt-4.1-mini': openai(0.4, 1.6, 0.1),
  'gpt-4.1-nano': openai(0.1, 0.4, 0.025),
  'gpt-5': openai(1.25, 10, 0.125),
  'gpt-5-mini': openai(0.25, 2, 0.025),
  'gpt-5-nano': openai(0.05, 0.4, 0.005),
  'claude-haiku-4-5': anthropic(1, 5),
  'claude-sonnet-4-5': anthropic(3, 15),
  'claude-sonnet-4': anthropic(3, 15),
  'claude-opus-4-1': anthropic(15, 75),
  'claude-3-5-haiku-latest': anthropic(0.8, 4),
  // The emulator's models: the secondary costs 3x the primary per token, as in the field.
  'emulated-gpt-4o-mini': openai(0.15, 0.6, 0.075),
  'emulated-claude-haiku-4-5': anthropic(0.45, 1.8),
};

const PER_TOKEN = 1 / 1_000_000;

/**
 * The cost of a finished request. `cacheWrite1hTokens` is the part of
 * `cacheWriteTokens` written with the 1-hour TTL.
 *
 * @example costUsd({inputTokens: 1000, outputTokens: 200, cacheReadTokens: 0, cacheWriteTokens: 0}, DEFAULT_PRICES['gpt-4o-mini'])
 *   // 0.00027
 */
export function costUsd(usage: Usage, price: ModelPrice, cacheWrite1hTokens = 0): number {
  const write1h = Math.min(cacheWrite1hTokens, usage.cacheWriteTokens);
  const write5m = usage.cacheWriteTokens - write1h;
  return (
    (usage.inputTokens * price.input +
      usage.outputTokens * price.output +
      usage.cacheReadTokens * price.cacheRead +
      write5m * price.cacheWrite5m +
      write1h * price.cacheWrite1h) *
    PER_TOKEN
  );
}

/**
 * The most a request can cost before it is sent: every input token at the highest
 * input-side price (a cache write costs more than plain input) and every allowed output token.
 */
export function worstCaseUsd(inputTokens: number, maxOutputTokens: number, price: ModelPrice): number {
  const inputRate = Math.max(price.input, price.cacheWrite5m, price.cacheWrite1h);
  return (inputTokens * inputRate + maxOutputTokens * price.output) * PER_TOKEN;
}
