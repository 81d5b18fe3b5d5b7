/**
 * The three SLIs of one window as the kit prints them: value, target, verdict, and the
 * window and request count each figure was measured over.
 */
import type { SloTargets } from '../../core/slo/config.js';
import type { WindowSlis } from '../../core/slo/compute-slis.js';
import { formatCount, formatFigure, requests, windowWords, type FormattedFigure } from './format.js';

export interface KitFigure extends FormattedFigure {
  /** "not enough traffic yet (28 of 100 eligible requests)" when the window is too small to judge. */
  verdictNote?: string;
  /** 'Success rate', 'p95 latency', 'Average cost per request'. */
  sli: string;
  /** 'rolling 30 days', 'last 1 day'. */
  window: string;
  /** What the figure was computed over: '1,000 eligible requests'. */
  basis: string;
}

/**
 * The success rate, p95 latency and average cost of `w` against `targets`, measured over
 * `window` (words: the rolling window as far as it is measured, or 'last 1 day').
 *
 * @example windowFigures(report.rolling, report.targets, data.rollingWords)[0].verdict // 'met'
 */
export function windowFigures(w: WindowSlis, targets: SloTargets, window: string = windowWords(w.window, false)): KitFigure[] {
  const eligible = `${requests(w.eligible, 'eligible request')} (${basisOf(w)})`;
  const tooLittleTraffic = w.verdict === 'not_enough_traffic';
  const cache = w.cacheHitsInPromise ? 'cache hits included' : 'cache hits left out';
  const served = w.cacheHitsInPromise ? w.successes : w.withoutCacheHits.successes;
  return [
    {
      sli: 'Success rate',
      window,
      basis: eligible,
      ...formatFigure({ value: w.successRate, target: targets.success_rate, better: 'higher', met: w.met.successRate, tooLittleTraffic, scale: 100, suffix: '%', perfect: 1 }),
    },
    {
      sli: 'p95 latency',
      window,
      basis: `${requests(served, 'successful request')}, ${cache}; an upper bound, at most 2% above the exact p95`,
      ...formatFigure({ value: w.p95LatencyMs, target: targets.p95_latency_ms, better: 'lower', met: w.met.p95Latency, tooLittleTraffic, suffix: ' ms' }),
    },
    {
      sli: 'Average cost per request',
      window,
      basis: `${eligible}, ${cache}`,
      ...formatFigure({ value: w.avgCostUsd, target: targets.avg_cost_usd, better: 'lower', met: w.met.avgCost, tooLittleTraffic, prefix: '$', significant: 3 }),
    },
  ].map((f) => (f.verdict === 'not enough traffic' ? { ...f, verdictNote: `not enough traffic yet (${formatCount(w.eligible)} of ${formatCount(w.minRequests)} eligible requests)` } : f));
}

/** What was sent and what was left out: "1,024 sent; excluded: 3 client errors, 2 cancelled early, 1 left after the answer began". */
export function basisOf(w: WindowSlis): string {
  const excluded = [
    [w.clientErrors, 'client error'],
    [w.cancelledEarly, 'cancelled early'],
    [w.clientGone, 'left after the answer began'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, what]) => (what === 'client error' ? requests(n as number, 'client error') : `${formatCount(n as number)} ${what}`));
  return `${formatCount(w.sent)} sent${excluded.length > 0 ? `; excluded: ${excluded.join(', ')}` : '; none excluded'}`;
}

const VERDICT_MD: Record<FormattedFigure['verdict'], string> = { met: 'met', missed: '**MISSED**', 'no data': 'no data', 'not enough traffic': 'not enough traffic yet' };

const verdictText = (f: KitFigure) => f.verdictNote ?? VERDICT_MD[f.verdict];

/** A Markdown table of figures: SLI, target, measured, verdict, window, over. */
export function figuresTable(figures: readonly KitFigure[]): string {
  const rows = figures.map((f) => `| ${f.sli} | ${f.target} | ${f.value} | ${verdictText(f)} | ${f.window} | ${f.basis} |`);
  return ['| SLI | target | measured | verdict | window | measured over |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

/** One sentence per figure, for prose: "Success rate: 99.49% (MISSED; target ≥ 99.5%, rolling 30 days, 1,000 eligible requests)". */
export function figureSentence(f: KitFigure): string {
  return `${f.sli}: ${f.value} (${verdictText(f)}; target ${f.target}; ${f.window}, over ${f.basis})`;
}
