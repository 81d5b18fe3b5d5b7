/**
 * Everything a request needs that outlives it: validated config, one adapter per
 * provider, cooldowns, the bypass switch, tenant keys, the logger.
 */
import type { Config, DeploymentConfig, ProviderConfig } from './config/schema.js';
import type { ModelPrice } from '../core/prices.js';
import { MemoryBudgetStore, type BudgetStore } from './budgets/budget-store.js';
import type { AnswerCache } from './cache/types.js';
import { priceFor } from './guard/prices.js';
import { createMetrics, type Metrics } from './telemetry/metrics.js';
import type { Ledger } from './ledger/index.js';
import type { RollupWindow } from './api/rollup-window.js';
import type { Alerting } from './alerting/index.js';
import { withDefaults, type SloConfig } from '../core/slo/config.js';
import { providerKind } from './providers/registry.js';
import type { LanguageModel } from './providers/types.js';
import { Cooldowns } from './routing/cooldowns.js';
import { TenantKeys } from './request/identify.js';
import type { Logger } from './log.js';
import type { RequestContext } from './context.js';
import { KeyOverrides } from './providers/key-overrides.js';
import type { Drills } from './drill/drills.js';
import { routerSecrets } from './secrets/router-secrets.js';

export class BypassSwitch {
  #on: boolean;
  #changedAt = Date.now();
  constructor(initial: boolean) {
    this.#on = initial;
  }
  get on(): boolean {
    return this.#on;
  }
  get changedAt(): number {
    return this.#changedAt;
  }
  set(on: boolean): boolean {
    const changed = on !== this.#on;
    this.#on = on;
    if (changed) this.#changedAt = Date.now();
    return changed;
  }
}

export interface Runtime {
  config: Config;
  env: NodeJS.ProcessEnv;
  models: Map<string, LanguageModel>;
  cooldowns: Cooldowns;
  bypass: BypassSwitch;
  tenants: TenantKeys;
  log: Logger;
  random: () => number;
  startedAt: number;
  budgets: BudgetStore;
  /** The router's answer cache, when one is configured. */
  answerCache: AnswerCache | null;
  /** The price of a deployment (validated at start: never missing). */
  price(d: Pick<DeploymentConfig, 'provider' | 'model' | 'price'>): ModelPrice;
  /** The request ledger (SLO source), once start opened it. */
  ledger: Ledger | null;
  /** The alert evaluation loop and its outbox, once start opened them. */
  alerting: Alerting | null;
  /** The SLO engine's rollups, kept warm between /api/slo calls (created on first use). */
  rollupWindow?: RollupWindow;
  /** The SLO targets and alert rules, defaults applied. */
  slo: SloConfig;
  /** Prometheus metrics; its recorder is among the recorders. */
  metrics: Metrics;
  /** Called with every finished request (ledger, metrics, traces hook in here). */
  recorders: Array<(ctx: RequestContext) => void>;
  /** Provider keys swapped out at runtime (drill revoke/restore). */
  keyOverrides: KeyOverrides;
  /** Drill sessions and the revoke/restore actions, once start opened their store. */
  drills: Drills | null;
  /** Set when a shutdown's drain ran out and ballast cuts what is still open: those cuts are ballast's failures. */
  cutting: boolean;
}

export function createRuntime(config: Config, env: NodeJS.ProcessEnv, log: Logger, random: () => number = Math.random): Runtime {
  const models = new Map<string, LanguageModel>();
  const keyOverrides = new KeyOverrides();
  // Read at each provider failure, so a rotated key is known the moment it is used.
  const secrets = () => routerSecrets({ config, env });
  for (const [name, p] of Object.entries(config.providers)) models.set(name, createModel(name, p, env, keyOverrides, secrets));
  const rt: Omit<Runtime, 'metrics'> & { metrics?: Metrics } = {
    config,
    env,
    models,
    cooldowns: new Cooldowns(config.routing.cooldown),
    bypass: new BypassSwitch(config.routing.bypass),
    tenants: new TenantKeys(config, env),
    log,
    random,
    startedAt: Date.now(),
    recorders: [],
    keyOverrides,
    drills: null,
    cutting: false,
    budgets: new MemoryBudgetStore(),
    answerCache: null,
    ledger: null,
    alerting: null,
    slo: withDefaults(config.slo),
    price: pricesOf(config),
  };
  const runtime = rt as Runtime;
  runtime.metrics = createMetrics(runtime);
  runtime.recorders.push(runtime.metrics.recorder);
  return runtime;
}

function createModel(name: string, p: ProviderConfig, env: NodeJS.ProcessEnv, overrides: KeyOverrides, secrets: () => readonly string[]): LanguageModel {
  // Read at call time, so a key rotated in the environment (or swapped for a drill) takes effect.
  const apiKey = () => overrides.keyFor(name) ?? env[p.api_key_env] ?? '';
  return providerKind(p.kind).create(p, { name, apiKey, secrets, env });
}

export async function closeRuntime(rt: Runtime): Promise<void> {
  await Promise.all([...rt.models.values()].map((m) => m.close()));
}

function pricesOf(config: Config): Runtime['price'] {
  const memo = new Map<string, ModelPrice>();
  return (d) => {
    const key = `${d.provider}\u0000${d.model}\u0000${d.price ? JSON.stringify(d.price) : ''}`;
    let price = memo.get(key);
    if (price === undefined) {
      price = priceFor(d, config.providers[d.provider]?.kind ?? 'openai');
      if (price === undefined) throw new Error(`no price for ${d.provider}/${d.model}`); // validateConfig makes this unreachable
      memo.set(key, price);
    }
    return price;
  };
}
