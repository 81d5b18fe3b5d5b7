/**
 * The price of a deployment: its own `price` in ballast.yaml, else the built-in table.
 * A deployment with neither is a configuration error at start, never a silent $0.
 */
import { DEFAULT_PRICES, type ModelPrice } from '../../core/prices.js';
import type { PriceConfig } from '../config/schema.js';
import type { ProviderKind } from '../providers/types.js';
import { providerKind } from '../providers/registry.js';

export function priceFor(d: { model: string; price?: PriceConfig | undefined }, kind: ProviderKind): ModelPrice | undefined {
  if (!d.price) return Object.hasOwn(DEFAULT_PRICES, d.model) ? DEFAULT_PRICES[d.model] : undefined;
  const { input, output } = d.price;
  // Unset cache prices follow the provider kind's rules.
  const cache = providerKind(kind).cachePrices(input);
  return {
    input,
    output,
    cacheRead: d.price.cache_read ?? cache.cacheRead,
    cacheWrite5m: d.price.cache_write_5m ?? cache.cacheWrite5m,
    cacheWrite1h: d.price.cache_write_1h ?? cache.cacheWrite1h,
  };
}
