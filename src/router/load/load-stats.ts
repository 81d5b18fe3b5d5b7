/** What `ballast load` counted: requests, outcomes, latency, providers, cache hits. */
import { createHistogram, quantile, record, type Histogram } from '../../core/histogram.js';

export interface RequestResult {
  /** HTTP status, or null when no response came (network error, aborted). */
  status: number | null;
  ok: boolean;
  /** What to file a failure under: "502", "stream_error", "network", "aborted". */
  failure: string | null;
  /** Full time (non-stream) or time to first token (stream), for successes. */
  latencyMs: number | null;
  provider: string | null;
  cacheHit: boolean;
  repeat: boolean;
  stream: boolean;
  /** For a network failure: why, in a few words (ECONNREFUSED, ...). */
  reason?: string;
}

export class LoadStats {
  sent = 0;
  done = 0;
  ok = 0;
  failed = 0;
  cacheHits = 0;
  repeats = 0;
  streams = 0;
  networkErrors = 0;
  readonly failures = new Map<string, number>();
  readonly providers = new Map<string, number>();
  readonly latency: Histogram = createHistogram();
  lastNetworkError: string | null = null;

  add(r: RequestResult): void {
    this.done++;
    if (r.repeat) this.repeats++;
    if (r.stream) this.streams++;
    if (r.ok) {
      this.ok++;
      if (r.latencyMs !== null) record(this.latency, Math.max(1, r.latencyMs));
    } else {
      this.failed++;
      const key = r.failure ?? String(r.status);
      this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
      if (key === 'network') {
        this.networkErrors++;
        this.lastNetworkError = r.reason ?? 'network error';
      }
    }
    if (r.cacheHit) this.cacheHits++;
    if (r.provider) this.providers.set(r.provider, (this.providers.get(r.provider) ?? 0) + 1);
  }

  /** p50/p95 of successful requests (ms; the upper edge of the histogram bucket, at most 2% above the exact value), null before the first. */
  p(q: number): number | null {
    return quantile(this.latency, q);
  }
}
