/** Shared bits of the alerting tests: a page, synthetic rollups, manual timers, a capturing logger. */
import { createHistogram, record } from '../../../../src/core/histogram.js';
import { emptyTotals } from '../../../../src/core/slo/totals.js';
import type { Rollup } from '../../../../src/core/slo/rollup.js';
import type { Logger } from '../../../../src/router/log.js';
import type { Timers } from '../../../../src/router/alerting/timers.js';
import type { Page } from '../../../../src/router/alerting/types.js';

export const T = Date.UTC(2024, 5, 10, 14, 0, 0);
export const MINUTE = 60_000;

export function page(overrides: Partial<Page> = {}): Page {
  const at = overrides.at ?? T;
  const alert = overrides.alert ?? 'success';
  const state = overrides.state ?? 'firing';
  return {
    id: `${alert}:${state}:${at}`,
    instance: 'ballast',
    alert,
    state,
    from: state === 'firing' ? 'pending' : 'firing',
    at,
    value: 0.972,
    threshold: 0.995,
    eligible: 412,
    window: '5m',
    ...overrides,
  };
}

/** One rollup for one minute: `eligible` requests, `successes` of them at 100 ms. */
export function minuteRollup(minute: number, eligible: number, successes: number): Rollup {
  const latency = createHistogram();
  if (successes > 0) record(latency, 100, successes);
  return { minute, tenant: 'acme', feature: 'chat', provider: 'primary', ...emptyTotals(), eligible, successes, latency };
}

/**
 * A rollup source over [start, end): 100 requests a minute, half failing in the minutes
 * `failing` says, all succeeding otherwise.
 */
export function traffic(start: number, failing: (minute: number) => boolean): (from: number, to: number) => Rollup[] {
  return (from, to) => {
    const out: Rollup[] = [];
    for (let m = Math.max(start, Math.ceil(from / MINUTE) * MINUTE); m < to; m += MINUTE) out.push(minuteRollup(m, 100, failing(m) ? 50 : 100));
    return out;
  };
}

export interface ManualTimers extends Timers {
  readonly pending: Array<{ fn: () => void; ms: number }>;
  /** Runs every pending timer once (new ones wait for the next call). */
  fire(): void;
}

export function manualTimers(): ManualTimers {
  const pending: Array<{ fn: () => void; ms: number }> = [];
  return {
    pending,
    setTimeout(fn, ms) {
      const t = { fn, ms };
      pending.push(t);
      return t;
    },
    clearTimeout(handle) {
      const i = pending.indexOf(handle as { fn: () => void; ms: number });
      if (i >= 0) pending.splice(i, 1);
    },
    fire() {
      for (const t of pending.splice(0)) t.fn();
    },
  };
}

export interface CapturedLog extends Logger {
  lines: string[];
  events(): string[];
}

/** A logger that keeps every line as the real one would write it. */
export function captureLog(): CapturedLog {
  const lines: string[] = [];
  const emit = (level: string) => (event: string, fields?: Record<string, unknown>) => {
    lines.push(JSON.stringify({ level, event, ...fields }));
  };
  return {
    lines,
    events: () => lines.map((l) => (JSON.parse(l) as { event: string }).event),
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
  };
}
