/**
 * The price of a deployment: its own `price` in ballast.yaml, else the built-in table.
 * A deployment with neither is a configuration error at start, never a silent $0.
 */
import { DEFAULT_PRICES, type ModelPrice } from '../../core/prices.js';
import type { PriceConfig } from '../config/schema.js';
import type { ProviderKind } from '../providers/types.js';

export function priceFor(d: { model: string; price?: PriceConfig | undefined }, kind: ProviderKind): ModelPrice | undefined {
  if (!d.price) return DEFAULT_PRICES[d.model];
  const { input, output } = d.price;
  // Unset cache prices follow the provider's rules: Anthropic writes cost more, OpenAI has none.
  return {
    input,
    output,
    cacheRead: d.price.cache_read ?? (kind === 'anthropic' ? input * 0.1 : input * 0.5),
    cacheWrite5m: d.price.cache_write_5m ?? (kind === 'anthropic' ? input * 1.25 : input),
    cacheWrite1h: d.price.cache_write_1h ?? (kind === 'anthropic' ? input * 2 : input),
  };
}
