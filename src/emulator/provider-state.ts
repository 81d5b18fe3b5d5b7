/** The runtime state of one emulated provider, shared by its listener and the control API. */
import { FaultSlot } from './faults.js';
import type { EmulatedModel, EmulatedProviderOptions } from './options.js';
import { PromptCache } from './prompt-cache.js';
import { Recorder } from './recorder.js';
import { providerRandom } from './rng.js';
import type { Settings } from './timing.js';

export const DEFAULT_MODELS: EmulatedModel[] = [
  { id: 'gpt-4o-mini', input_usd_per_mtok: 0.15, output_usd_per_mtok: 0.6 },
  { id: 'claude-haiku-4-5', input_usd_per_mtok: 1, output_usd_per_mtok: 5 },
];

export class ProviderState {
  readonly name: string;
  readonly keys: ReadonlySet<string>;
  readonly models: EmulatedModel[];
  readonly faults: FaultSlot;
  readonly cache = new PromptCache();
  readonly recorder = new Recorder();
  readonly #initialSettings: Settings;
  settings: Settings;
  revoked = false;

  constructor(options: EmulatedProviderOptions, seed: number) {
    this.name = options.name;
    this.keys = new Set((options.keys ?? []).filter(Boolean));
    this.models = options.models?.length ? options.models.map((m) => ({ ...m })) : DEFAULT_MODELS;
    this.faults = new FaultSlot(() => providerRandom(seed, options.name));
    this.#initialSettings = {
      latencyMs: options.latencyMs ?? 0,
      ttftMs: options.ttftMs ?? 0,
      tokensPerSecond: options.tokensPerSecond ?? 0,
    };
    this.settings = { ...this.#initialSettings };
  }

  /** Empty key list: any non-empty key is accepted. Revocation rejects every key. */
  accepts(key: string): boolean {
    if (this.revoked) return false;
    return this.keys.size === 0 || this.keys.has(key);
  }

  /** Back to the state at start: no fault, not revoked, startup settings, nothing recorded or cached. */
  reset(): void {
    this.faults.clear();
    this.revoked = false;
    this.settings = { ...this.#initialSettings };
    this.recorder.reset();
    this.cache.clear();
  }
}
