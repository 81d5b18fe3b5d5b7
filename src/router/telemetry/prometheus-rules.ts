/**
 * Prometheus recording and alerting rules for the same three alerts (and the optional
 * burn-rate policy) that ballast evaluates itself, generated from the config, so a
 * fleet of instances can be alerted on from Prometheus. Plus a `promtool test rules`
 * file that exercises each alert on synthetic series.
 */
import { stringify } from 'yaml';
import { formatDuration } from '../../core/slo/duration.js';
import type { SloConfig } from '../../core/slo/config.js';

/** The outcomes the SLOs count (src/router/ledger/row.ts isEligible): a success or a failure the client felt. */
const ELIGIBLE = 'outcome=~"success|provider_error|stream_error|internal_error|abandoned"';
const dur = (ms: number) => formatDuration(ms).replace(/\s+/g, '');
const window = (ms: number) => dur(ms);

/** The rules file (YAML) for a given SLO config. */
export function prometheusRules(slo: SloConfig): string {
  const a = slo.alerts;
  const windows = new Set<number>([a.latency.window_ms, a.success.window_ms, a.cost.window_ms]);
  if (a.burn_rate.enabled) for (const p of a.burn_rate.pairs) windows.add(p.long_ms).add(p.short_ms);
  const recording = [...windows].sort((x, y) => x - y).flatMap((ms) => {
    const w = window(ms);
    return [
      { record: `ballast:eligible_requests:increase${w}`, expr: `sum(increase(ballast_requests_total{${ELIGIBLE}}[${w}]))` },
      { record: `ballast:success_ratio:rate${w}`, expr: `sum(rate(ballast_requests_total{outcome="success"}[${w}])) / sum(rate(ballast_requests_total{${ELIGIBLE}}[${w}]))` },
      { record: `ballast:latency_p95_seconds:rate${w}`, expr: `histogram_quantile(0.95, sum by (le) (rate(ballast_request_duration_seconds_bucket{outcome="success"}[${w}])))` },
      { record: `ballast:avg_cost_usd:rate${w}`, expr: `sum(rate(ballast_cost_usd_total[${w}])) / sum(rate(ballast_requests_total{${ELIGIBLE}}[${w}]))` },
    ];
  });
  const guard = (ms: number, min: number) => `ballast:eligible_requests:increase${window(ms)} >= ${min}`;
  const alerts: Array<Record<string, unknown>> = [];
  const common = (summary: string, description: string) => ({ labels: { severity: 'page', service: 'ballast' }, annotations: { summary, description } });
  if (a.latency.enabled) {
    const w = window(a.latency.window_ms);
    alerts.push({
      alert: 'BallastLatencyP95OverTarget',
      expr: `ballast:latency_p95_seconds:rate${w} > ${a.latency.threshold / 1000} and on() ${guard(a.latency.window_ms, a.latency.min_requests)}`,
      for: dur(a.latency.for_ms),
      ...common('p95 latency over target', `p95 latency over the last ${w} is {{ $value | humanizeDuration }}, target ${a.latency.threshold} ms.`),
    });
  }
  if (a.success.enabled) {
    const w = window(a.success.window_ms);
    alerts.push({
      alert: 'BallastSuccessRateBelowTarget',
      expr: `ballast:success_ratio:rate${w} < ${a.success.threshold} and on() ${guard(a.success.window_ms, a.success.min_requests)}`,
      for: dur(a.success.for_ms),
      ...common('success rate below target', `Success rate over the last ${w} is {{ $value | humanizePercentage }}, target ${a.success.threshold * 100}%.`),
    });
  }
  if (a.cost.enabled) {
    const w = window(a.cost.window_ms);
    alerts.push({
      alert: 'BallastAvgCostOverBudget',
      expr: `ballast:avg_cost_usd:rate${w} > ${a.cost.threshold} and on() ${guard(a.cost.window_ms, a.cost.min_requests)}`,
      for: dur(a.cost.for_ms),
      ...common('average cost per request over budget', `Average cost per request over the last ${w} is \${{ $value }}, budget \$${a.cost.threshold}.`),
    });
  }
  // ballast's own failures are bugs to fix, not weather: any of them pages, apart from the SLO alerts.
  alerts.push({
    alert: 'BallastInternalErrors',
    expr: 'sum(increase(ballast_requests_total{outcome="internal_error"}[5m])) > 0',
    for: '0m',
    ...common('ballast failed requests itself', '{{ $value }} requests in the last 5m failed inside ballast (a bug or a shutdown cut), not at a provider; the log has each internal_error.'),
  });
  if (a.burn_rate.enabled) {
    const budget = 1 - slo.success_rate;
    const burn = (ms: number) => `(1 - ballast:success_ratio:rate${window(ms)}) / ${budget}`;
    const expr = a.burn_rate.pairs
      .map((p) => `(${burn(p.long_ms)} > ${p.factor} and ${burn(p.short_ms)} > ${p.factor} and on() ${guard(p.short_ms, a.burn_rate.min_requests)})`)
      .join(' or ');
    alerts.push({ alert: 'BallastErrorBudgetBurn', expr, for: dur(a.burn_rate.for_ms), ...common('error budget burning fast', 'The success SLO error budget is burning at {{ $value }}x.') });
  }
  return stringify({ groups: [{ name: 'ballast-slo-recording', rules: recording }, { name: 'ballast-slo-alerts', rules: alerts }] }, { lineWidth: 0 });
}

/** A promtool unit-test file: each alert pending, then firing, on synthetic traffic. */
export function prometheusRuleTests(slo: SloConfig, rulesFile: string): string {
  const a = slo.alerts;
  const labels = 'group="default",provider="primary",model="m",feature="default"';
  const minutes = 60;
  const tests: Array<Record<string, unknown>> = [];
  const at = (m: number) => `${m}m`;
  const firingAt = (startMin: number, forMs: number) => startMin + Math.ceil(forMs / 60_000) + 6;
  const page = (summary: string, description: string) => [{ exp_labels: { severity: 'page', service: 'ballast' }, exp_annotations: { summary, description } }];
  if (a.success.enabled) {
    // 100 successes a minute; from minute 10, 20 failures a minute too (83% success).
    tests.push({
      interval: '1m',
      input_series: [
        { series: `ballast_requests_total{outcome="success",${labels}}`, values: `0+100x${minutes}` },
        { series: `ballast_requests_total{outcome="provider_error",${labels}}`, values: `0x10 20+20x${minutes - 11}` },
      ],
      alert_rule_test: [
        { eval_time: at(8), alertname: 'BallastSuccessRateBelowTarget', exp_alerts: [] },
        {
          eval_time: at(firingAt(10, a.success.for_ms)),
          alertname: 'BallastSuccessRateBelowTarget',
          exp_alerts: page('success rate below target', `Success rate over the last ${window(a.success.window_ms)} is 83.33%, target ${a.success.threshold * 100}%.`),
        },
      ],
    });
    // One failure in three requests at 3 a.m.: under the minimum traffic, never pages.
    tests.push({
      interval: '1m',
      input_series: [
        { series: `ballast_requests_total{outcome="success",${labels}}`, values: `0x10 2x${minutes - 11}` },
        { series: `ballast_requests_total{outcome="provider_error",${labels}}`, values: `0x10 1x${minutes - 11}` },
      ],
      alert_rule_test: [{ eval_time: at(minutes - 5), alertname: 'BallastSuccessRateBelowTarget', exp_alerts: [] }],
    });
  }
  if (a.latency.enabled) {
    // 100 requests a minute from minute 0, 10% of them take ~5 s: p95 is about 3.75 s.
    const bucket = (le: string, perMin: number) => ({ series: `ballast_request_duration_seconds_bucket{le="${le}",outcome="success",provider="primary",stream="false"}`, values: `0+${perMin}x${minutes}` });
    tests.push({
      interval: '1m',
      input_series: [
        { series: `ballast_requests_total{outcome="success",${labels}}`, values: `0+100x${minutes}` },
        bucket('1', 90),
        bucket('2.5', 90),
        bucket('5', 100),
        bucket('+Inf', 100),
      ],
      alert_rule_test: [
        { eval_time: at(5), alertname: 'BallastLatencyP95OverTarget', exp_alerts: [] },
        {
          eval_time: at(firingAt(1, a.latency.for_ms)),
          alertname: 'BallastLatencyP95OverTarget',
          exp_alerts: page('p95 latency over target', `p95 latency over the last ${window(a.latency.window_ms)} is 3.75s, target ${a.latency.threshold} ms.`),
        },
      ],
    });
  }
  if (a.cost.enabled) {
    // 100 requests a minute at twice the budget each.
    tests.push({
      interval: '1m',
      input_series: [
        { series: `ballast_requests_total{outcome="success",${labels}}`, values: `0+100x${minutes}` },
        { series: `ballast_cost_usd_total{provider="primary",model="m",feature="default"}`, values: `0+${(100 * a.cost.threshold * 2).toFixed(6)}x${minutes}` },
      ],
      alert_rule_test: [
        { eval_time: at(5), alertname: 'BallastAvgCostOverBudget', exp_alerts: [] },
        {
          eval_time: at(firingAt(1, a.cost.for_ms)),
          alertname: 'BallastAvgCostOverBudget',
          exp_alerts: page('average cost per request over budget', `Average cost per request over the last ${window(a.cost.window_ms)} is $${a.cost.threshold * 2}, budget $${a.cost.threshold}.`),
        },
      ],
    });
  }
  // Two internal errors at minute 10: a page at once, apart from the success alert.
  tests.push({
    interval: '1m',
    input_series: [
      { series: `ballast_requests_total{outcome="success",${labels}}`, values: `0+100x${minutes}` },
      { series: `ballast_requests_total{outcome="internal_error",${labels}}`, values: `0x10 2x${minutes - 11}` },
    ],
    alert_rule_test: [
      { eval_time: at(8), alertname: 'BallastInternalErrors', exp_alerts: [] },
      {
        eval_time: at(11),
        alertname: 'BallastInternalErrors',
        exp_alerts: page('ballast failed requests itself', '2 requests in the last 5m failed inside ballast (a bug or a shutdown cut), not at a provider; the log has each internal_error.'),
      },
    ],
  });
  return stringify({ rule_files: [rulesFile], evaluation_interval: '1m', tests }, { lineWidth: 0 });
}
