/** Per-provider latency settings, their control-API form, and the timing a request gets. */
import type { Fault } from './faults.js';
import type { ParseResult } from './faults.js';

export interface Settings {
  latencyMs: number;
  ttftMs: number;
  /** 0 = as fast as possible. */
  tokensPerSecond: number;
}

export interface Timing {
  latencyMs: number;
  ttftMs: number;
  tokenIntervalMs: number;
}

/** The control API's snake_case view. */
export function settingsJson(settings: Settings) {
  return { latency_ms: settings.latencyMs, ttft_ms: settings.ttftMs, tokens_per_second: settings.tokensPerSecond };
}

const FIELDS = {
  latency_ms: 'latencyMs',
  ttft_ms: 'ttftMs',
  tokens_per_second: 'tokensPerSecond',
} as const satisfies Record<string, keyof Settings>;

/** Validates a PATCH body and returns the settings it produces. */
export function applySettingsPatch(current: Settings, patch: unknown): ParseResult<Settings> {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    return { ok: false, message: 'settings must be a JSON object such as {"latency_ms":200}' };
  }
  const next = { ...current };
  for (const [field, value] of Object.entries(patch)) {
    const key = FIELDS[field as keyof typeof FIELDS];
    if (!key) {
      return { ok: false, message: `settings.${field} is not a setting (allowed: ${Object.keys(FIELDS).join(', ')})` };
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 600_000) {
      return { ok: false, message: `settings.${field} must be a number from 0 to 600000` };
    }
    next[key] = value;
  }
  return { ok: true, value: next };
}

/** `slow` multiplies every delay; it paces tokens at >= 1 ms even when tokensPerSecond is 0. */
export function timingFor(settings: Settings, fault: Fault | undefined): Timing {
  const factor = fault?.kind === 'slow' ? fault.factor : 1;
  let interval = settings.tokensPerSecond > 0 ? 1000 / settings.tokensPerSecond : 0;
  if (fault?.kind === 'slow') interval = Math.max(interval, 1);
  return {
    latencyMs: settings.latencyMs * factor,
    ttftMs: settings.ttftMs * factor,
    tokenIntervalMs: interval * factor,
  };
}
