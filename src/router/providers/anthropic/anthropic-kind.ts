/** kind: anthropic, Anthropic's Messages API. */
import { z } from 'zod';
import { utf8Length } from '../../../core/tokens.js';
import { commonProviderKeys } from '../provider-config-schema.js';
import { commonAdapterOptions, type ProviderKindEntry } from '../provider-kind.js';
import { AnthropicAdapter } from './anthropic-adapter.js';

export const anthropicProviderSchema = z.strictObject({
  kind: z.literal('anthropic'),
  ...commonProviderKeys,
  /** TTL of the prompt-cache marks ballast puts on stable blocks. */
  cache_ttl: z.enum(['5m', '1h']).optional(),
});

export type AnthropicProviderConfig = z.infer<typeof anthropicProviderSchema>;

/** Anthropic publishes no tokenizer: bytes / 3.5 runs a little above its counts for English prose. */
export const BYTES_PER_TOKEN_APPROX = 3.5;

export const anthropicKind: ProviderKindEntry<AnthropicProviderConfig> = {
  configSchema: anthropicProviderSchema,
  create: (c, deps) =>
    new AnthropicAdapter({ ...commonAdapterOptions(c, deps), cacheTtl: c.cache_ttl }),
  // Writes cost 1.25x input for 5 minutes and 2x for an hour; reads 0.1x.
  cachePrices: (input) => ({ cacheRead: input * 0.1, cacheWrite5m: input * 1.25, cacheWrite1h: input * 2 }),
  countTextTokens: (text) => Math.ceil(utf8Length(text) / BYTES_PER_TOKEN_APPROX),
  // Images are scaled to about 1.15 megapixels: about 1,600 tokens.
  imageTokensUpperBound: () => 1_600,
};
