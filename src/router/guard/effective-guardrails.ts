/**
 * The guardrails that apply to one request: global, then the group's, then the
 * feature's, key by key.
 */
import type { Config, GuardrailsConfig } from '../config/schema.js';

export type DegradeStep = 'truncate' | 'cheaper_model' | 'cached';

export interface Guardrails {
  maxTokensIn: number | undefined;
  maxTokensOut: number;
  maxTokensOutAction: 'clamp' | 'refuse';
  maxCostUsd: number | undefined;
  degrade: DegradeStep[];
}

export const DEFAULT_MAX_TOKENS_OUT = 4096;
export const DEFAULT_LADDER: DegradeStep[] = ['truncate', 'cheaper_model', 'cached'];

export function effectiveGuardrails(config: Config, group: string, feature: string): Guardrails {
  const layers: Array<GuardrailsConfig | undefined> = [config.guardrails, config.groups[group]?.guardrails, config.features[feature]?.guardrails];
  const pick = <K extends keyof GuardrailsConfig>(key: K): GuardrailsConfig[K] => {
    let value: GuardrailsConfig[K] = undefined as GuardrailsConfig[K];
    for (const layer of layers) if (layer?.[key] !== undefined) value = layer[key];
    return value;
  };
  return {
    maxTokensIn: pick('max_tokens_in'),
    maxTokensOut: pick('max_tokens_out') ?? DEFAULT_MAX_TOKENS_OUT,
    maxTokensOutAction: pick('max_tokens_out_action') ?? 'clamp',
    maxCostUsd: pick('max_cost_usd'),
    degrade: pick('degrade') ?? DEFAULT_LADDER,
  };
}
