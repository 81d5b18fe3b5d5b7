/**
 * What ballast knows of one kind of provider, in one place: its keys in ballast.yaml,
 * how to build its adapter, how it prices cache tokens by default, and how it counts
 * tokens before a call. registry.ts lists the kinds; nothing else branches on a kind.
 */
import type { z } from 'zod';
import type { LanguageModel } from './types.js';

/** The keys every kind of provider has in ballast.yaml. */
export interface CommonProviderConfig {
  kind: string;
  base_url: string;
  api_key_env: string;
  emulated: boolean;
  timeout_ms: number;
  stream_idle_timeout_ms: number;
  connections: number;
}

export interface AdapterDeps {
  /** The provider's name in ballast.yaml. */
  name: string;
  /** Read at call time, so a rotated key or a drill's swap takes effect at once. */
  apiKey: () => string;
  /** Every secret the router knows, cut from anything the provider writes. */
  secrets: () => readonly string[];
  /** The environment, for values a kind reads from variables it names (read at call time). */
  env: NodeJS.ProcessEnv;
}

export interface ProviderKindEntry<C extends CommonProviderConfig = CommonProviderConfig> {
  /** The provider's block in ballast.yaml, `kind` included (a member of the discriminated union). */
  configSchema: z.ZodType<C>;
  create(config: C, deps: AdapterDeps): LanguageModel;
  /** USD per million tokens for cache reads and writes when a deployment's price names only input and output. */
  cachePrices(inputUsdPerMtok: number): { cacheRead: number; cacheWrite5m: number; cacheWrite1h: number };
  /** Tokens in a piece of text as this kind counts it, or a little above. */
  countTextTokens(text: string): number;
  /** The most input tokens one image can cost on this model. */
  imageTokensUpperBound(model: string): number;
}

/** The options every adapter takes from its config and deps. */
export function commonAdapterOptions(c: CommonProviderConfig, deps: AdapterDeps) {
  return {
    provider: deps.name,
    baseUrl: c.base_url,
    apiKey: deps.apiKey,
    secrets: deps.secrets,
    connections: c.connections,
    streamIdleTimeoutMs: c.stream_idle_timeout_ms,
  };
}
