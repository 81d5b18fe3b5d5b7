/**
 * The live figures of a drill, since it started: requests, failures, the traffic
 * split per serving provider, success rate and p95 (mergeable histograms, the same
 * rules as the SLO engine: eligible requests, latency of successful ones).
 * A snapshot is stored with the drill so the figures survive a restart.
 */
import { createHistogram, fromJSON, quantile, record, toJSON, type Histogram } from '../../core/histogram.js';
import type { SloTargets } from '../../core/slo/config.js';
import type { LiveFigures } from '../../core/drill/types.js';

export type { LiveFigures };

export interface FiguresSnapshot {
  requests: number;
  eligible: number;
  successes: number;
  client_errors: number;
  by_provider: Record<string, number>;
  latency: Record<string, number>;
  latency_after_failure: Record<string, number>;
  /** The rolling window's error budget when the drill finished. */
  window_budget?: WindowBudget | null;
}

export interface WindowBudget {
  allowed: number;
  eligible: number;
  window_days: number;
}

export interface FigureInput {
  provider: string | null;
  eligible: boolean;
  success: boolean;
  latencyMs: number | null;
  afterFirstFailure: boolean;
}

export class DrillFigures {
  requests = 0;
  eligible = 0;
  successes = 0;
  clientErrors = 0;
  readonly byProvider = new Map<string, number>();
  readonly latency: Histogram = createHistogram();
  readonly latencyAfterFailure: Histogram = createHistogram();
  windowBudget: WindowBudget | null = null;

  static from(s: FiguresSnapshot): DrillFigures {
    const f = new DrillFigures();
    f.requests = s.requests;
    f.eligible = s.eligible;
    f.successes = s.successes;
    f.clientErrors = s.client_errors;
    for (const [p, n] of Object.entries(s.by_provider)) f.byProvider.set(p, n);
    for (const [b, c] of fromJSON(s.latency)) f.latency.set(b, c);
    for (const [b, c] of fromJSON(s.latency_after_failure)) f.latencyAfterFailure.set(b, c);
    f.windowBudget = s.window_budget ?? null;
    return f;
  }

  add(r: FigureInput): void {
    this.requests += 1;
    if (r.provider !== null) this.byProvider.set(r.provider, (this.byProvider.get(r.provider) ?? 0) + 1);
    if (!r.eligible) {
      this.clientErrors += 1;
      return;
    }
    this.eligible += 1;
    if (!r.success) return;
    this.successes += 1;
    if (r.latencyMs === null) return;
    record(this.latency, r.latencyMs);
    if (r.afterFirstFailure) record(this.latencyAfterFailure, r.latencyMs);
  }

  snapshot(): FiguresSnapshot {
    return {
      requests: this.requests,
      eligible: this.eligible,
      successes: this.successes,
      client_errors: this.clientErrors,
      by_provider: Object.fromEntries(this.byProvider),
      latency: toJSON(this.latency),
      latency_after_failure: toJSON(this.latencyAfterFailure),
      window_budget: this.windowBudget,
    };
  }

  view(targets: Pick<SloTargets, 'success_rate' | 'p95_latency_ms'>): LiveFigures {
    const served = [...this.byProvider.values()].reduce((a, b) => a + b, 0);
    const successRate = this.eligible > 0 ? this.successes / this.eligible : null;
    const p95 = round(quantile(this.latency, 0.95));
    const p95After = round(quantile(this.latencyAfterFailure, 0.95));
    return {
      requests: this.requests,
      eligible: this.eligible,
      successes: this.successes,
      failed: this.eligible - this.successes,
      client_errors: this.clientErrors,
      success_rate: successRate,
      split: [...this.byProvider]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([provider, requests]) => ({ provider, requests, share: served > 0 ? requests / served : 0 })),
      p95_ms: p95,
      p95_after_failure_ms: p95After,
      targets: { success_rate: targets.success_rate, p95_latency_ms: targets.p95_latency_ms },
      met: {
        success_rate: successRate === null ? null : successRate >= targets.success_rate,
        p95: p95 === null ? null : p95 <= targets.p95_latency_ms,
        p95_after_failure: p95After === null ? null : p95After <= targets.p95_latency_ms,
      },
    };
  }
}

function round(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms * 10) / 10;
}
