/**
 * How the health panel writes its figures. Pure (no DOM), so the e2e test formats the
 * values of GET /api/slo the same way and compares text for text. Every formatter
 * writes null as "no data": an empty window is not a 0.
 */

export const NO_DATA = 'no data';

/** A success rate, floored to 0.01% so it never reads better than it is (0.99996 -> "99.99%"). */
export function formatSuccessRate(x: number | null): string {
  if (x === null) return NO_DATA;
  return `${(Math.floor(x * 10_000 + 1e-6) / 100).toFixed(2)}%`;
}

/** A ratio as a percentage with one decimal (cache hit rates, budget left). */
export function formatPercent(x: number | null): string {
  if (x === null) return NO_DATA;
  return `${(x * 100).toFixed(1)}%`;
}

/** Latency: "812 ms" below a second, "1.23 s" above. */
export function formatMs(ms: number | null): string {
  if (ms === null) return NO_DATA;
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** Dollars with enough decimals to show three significant digits of small costs. */
export function formatUsd(x: number | null): string {
  if (x === null) return NO_DATA;
  if (x === 0) return '$0';
  const abs = Math.abs(x);
  const decimals = abs >= 0.01 ? 4 : Math.min(8, 2 - Math.floor(Math.log10(abs)));
  return `${x < 0 ? '-' : ''}$${abs.toFixed(decimals)}`;
}

const counts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A count (requests, failures), grouped; the error budget may be fractional. */
export function formatCount(n: number | null): string {
  return n === null ? NO_DATA : counts.format(n);
}

/** A burn rate: "2.4x" (1 spends the budget exactly over the window). */
export function formatBurnRate(rate: number | null): string {
  if (rate === null) return NO_DATA;
  if (!Number.isFinite(rate)) return 'infinite';
  return `${rate.toFixed(rate < 10 ? 2 : 1)}x`;
}

/** An age in words: "12 s", "3 min", "2 h 5 min", "3 days". */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} days`;
}

/** A window length in ms as the panel labels it: "5 m", "1 h", "30 d". */
export function formatWindow(ms: number): string {
  const m = ms / 60_000;
  if (m < 60) return `${m} m`;
  if (m < 1440) return `${m / 60} h`;
  return `${m / 1440} d`;
}
