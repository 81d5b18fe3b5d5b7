/**
 * The three SLIs of one window as the kit prints them: value, target, verdict, and the
 * window and request count each figure was measured over.
 */
import type { SloTargets } from '../../core/slo/config.js';
import type { WindowSlis } from '../../core/slo/compute-slis.js';
import { formatFigure, requests, windowWords, type FormattedFigure } from './format.js';

export interface KitFigure extends FormattedFigure {
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
  const eligible = requests(w.eligible, 'eligible request');
  return [
    {
      sli: 'Success rate',
      window,
      basis: eligible,
      ...formatFigure({ value: w.successRate, target: targets.success_rate, better: 'higher', met: w.met.successRate, scale: 100, suffix: '%', perfect: 1 }),
    },
    {
      sli: 'p95 latency',
      window,
      basis: requests(w.successes, 'successful request'),
      ...formatFigure({ value: w.p95LatencyMs, target: targets.p95_latency_ms, better: 'lower', met: w.met.p95Latency, suffix: ' ms' }),
    },
    {
      sli: 'Average cost per request',
      window,
      basis: eligible,
      ...formatFigure({ value: w.avgCostUsd, target: targets.avg_cost_usd, better: 'lower', met: w.met.avgCost, prefix: '$', significant: 3 }),
    },
  ];
}

const VERDICT_MD: Record<FormattedFigure['verdict'], string> = { met: 'met', missed: '**MISSED**', 'no data': 'no data' };

/** A Markdown table of figures: SLI, target, measured, verdict, window, over. */
export function figuresTable(figures: readonly KitFigure[]): string {
  const rows = figures.map((f) => `| ${f.sli} | ${f.target} | ${f.value} | ${VERDICT_MD[f.verdict]} | ${f.window} | ${f.basis} |`);
  return ['| SLI | target | measured | verdict | window | measured over |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

/** One sentence per figure, for prose: "Success rate: 99.49% (MISSED; target ≥ 99.5%, rolling 30 days, 1,000 eligible requests)". */
export function figureSentence(f: KitFigure): string {
  return `${f.sli}: ${f.value} (${VERDICT_MD[f.verdict]}; target ${f.target}; ${f.window}, over ${f.basis})`;
}
