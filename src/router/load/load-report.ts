/**
 * What `ballast load` prints: a progress line redrawn in place on a terminal, plain
 * periodic lines otherwise, and the summary at the end (text, or JSON with --json).
 */
import type { LoadStats } from './load-stats.js';

export interface LoadSummary {
  url: string;
  sent: number;
  succeeded: number;
  failed: number;
  /** Failures by HTTP status, or "stream_error", "network", "aborted". */
  failed_by: Record<string, number>;
  p50_ms: number | null;
  p95_ms: number | null;
  providers: Record<string, number>;
  cache_hits: number;
  repeats: number;
  streamed: number;
  distinct_prompts: number;
  elapsed_s: number;
  rate_per_s: number;
  stopped_early: boolean;
}

const ms = (v: number | null) => (v === null ? '–' : `${Math.round(v)} ms`);
const pct = (n: number, of: number) => (of === 0 ? '' : ` (${((n / of) * 100).toFixed(1)}%)`);
const secs = (msv: number) => `${Math.floor(msv / 1000)}s`;

function providerSplit(stats: LoadStats): string {
  const entries = [...stats.providers.entries()].sort((a, b) => b[1] - a[1]);
  return entries.length === 0 ? '' : `  ${entries.map(([p, n]) => `${p} ${n}`).join(' · ')}`;
}

/** One progress line: elapsed/total, sent, ok, failed, p95, split per provider. */
export function progressLine(stats: LoadStats, elapsedMs: number, totalMs: number, width = 20): string {
  const done = Math.min(1, elapsedMs / totalMs);
  const filled = Math.round(done * width);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
  return `${bar} ${secs(Math.min(elapsedMs, totalMs))}/${secs(totalMs)}  sent ${stats.sent}  in flight ${stats.sent - stats.done}  ok ${stats.ok}  failed ${stats.failed}  p95 ${ms(stats.p(0.95))}${providerSplit(stats)}`;
}

export function summarize(stats: LoadStats, url: string, elapsedMs: number, distinct: number, stopped: boolean): LoadSummary {
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return {
    url,
    sent: stats.sent,
    succeeded: stats.ok,
    failed: stats.failed,
    failed_by: Object.fromEntries([...stats.failures.entries()].sort()),
    p50_ms: round(stats.p(0.5)),
    p95_ms: round(stats.p(0.95)),
    providers: Object.fromEntries([...stats.providers.entries()].sort((a, b) => b[1] - a[1])),
    cache_hits: stats.cacheHits,
    repeats: stats.repeats,
    streamed: stats.streams,
    distinct_prompts: distinct,
    elapsed_s: Math.round(elapsedMs / 100) / 10,
    rate_per_s: elapsedMs === 0 ? 0 : Math.round((stats.sent / (elapsedMs / 1000)) * 10) / 10,
    stopped_early: stopped,
  };
}

/** The summary as the lines a person reads. */
export function summaryText(s: LoadSummary): string {
  const failedBy = Object.entries(s.failed_by).map(([k, n]) => `${k} x${n}`).join(', ');
  const served = Object.values(s.providers).reduce((a, b) => a + b, 0);
  const providers = Object.entries(s.providers).map(([p, n]) => `${p} ${n}${pct(n, served)}`).join(', ');
  return [
    `ballast load: ${s.sent} sent in ${s.elapsed_s.toFixed(1)} s (${s.rate_per_s} req/s) to ${s.url}${s.stopped_early ? '  (stopped early)' : ''}`,
    `  succeeded  ${s.succeeded}${pct(s.succeeded, s.sent)}`,
    `  failed     ${s.failed}${failedBy ? `: ${failedBy}` : ''}`,
    `  latency    p50 ${ms(s.p50_ms)}, p95 ${ms(s.p95_ms)} (successes; time to first token when streamed)`,
    `  providers  ${providers || 'none answered'}`,
    `  cache hits ${s.cache_hits}${pct(s.cache_hits, s.sent)}; repeated prompts ${s.repeats}, distinct ${s.distinct_prompts}, streamed ${s.streamed}`,
  ].join('\n');
}
