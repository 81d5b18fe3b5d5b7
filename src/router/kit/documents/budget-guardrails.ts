/** (b) The budget guardrail sheet: per-request caps, spend budgets, and the alert thresholds that page. */
import { effectiveGuardrails } from '../../guard/effective-guardrails.js';
import { formatDuration } from '../../../core/slo/duration.js';
import type { ThresholdAlertConfig } from '../../../core/slo/config.js';
import { windowFigures } from '../figures.js';
import { formatCount, formatMs, formatUsdAmount } from '../format.js';
import type { KitData } from '../kit-data.js';
import { placeholder } from '../../../core/kit/placeholders.js';
import type { KitDocument } from './types.js';

const LADDER_WORDS: Record<string, string> = { truncate: 'truncate the context', cheaper_model: 'switch to the cheaper model', cached: 'answer from the cache' };

function guardrailRows(d: KitData): string[] {
  const rows: string[] = [];
  const scopes: Array<[string, string, string]> = [];
  for (const group of Object.keys(d.config.groups)) {
    scopes.push([`group ${group}`, group, '']);
    for (const feature of Object.keys(d.config.features)) if (d.config.features[feature]?.guardrails) scopes.push([`group ${group}, feature ${feature}`, group, feature]);
  }
  for (const [label, group, feature] of scopes) {
    const g = effectiveGuardrails(d.config, group, feature);
    rows.push(
      `| ${label} | ${g.maxTokensIn === undefined ? 'no cap' : formatCount(g.maxTokensIn)} | ${formatCount(g.maxTokensOut)} (${g.maxTokensOutAction}) | ${g.maxCostUsd === undefined ? 'no cap' : formatUsdAmount(g.maxCostUsd)} | ${g.degrade.map((s) => LADDER_WORDS[s] ?? s).join(' → ') || 'refuse'} |`,
    );
  }
  return rows;
}

function budgetRows(d: KitData): string[] {
  const rows: string[] = [];
  for (const [scope, map] of [['tenant', d.config.budgets.tenants], ['feature', d.config.budgets.features]] as const) {
    for (const [name, b] of Object.entries(map)) {
      rows.push(`| ${scope} ${name} | ${b.daily_usd === undefined ? '—' : formatUsdAmount(b.daily_usd)} | ${b.monthly_usd === undefined ? '—' : formatUsdAmount(b.monthly_usd)} |`);
    }
  }
  return rows;
}

function alertRow(name: string, what: string, a: ThresholdAlertConfig, threshold: string, action: string): string {
  if (!a.enabled) return `| ${name} | off | | | | |`;
  return `| ${name} | ${what} ${threshold} | ${formatDuration(a.window_ms)} | ${formatDuration(a.for_ms)} | ${a.min_requests} | ${action} |`;
}

/** What firing does under the live config: a page only when someone receives it. */
function actionOf(d: KitData): string {
  if (!d.paging.evaluated) return 'none (alerting is off)';
  return d.paging.pages ? `page ${d.paging.notifiers.join(', ')}` : 'recorded; nobody paged (no notifier)';
}

function render(d: KitData): string {
  const a = d.slo.alerts;
  const cost = windowFigures(d.report.rolling, d.report.targets, d.rollingWords)[2];
  const budgets = budgetRows(d);
  const notifiers = d.paging.notifiers;
  const action = actionOf(d);
  return `## Per-request guardrails

Checked before every call, at the serving deployment's price (worst case reserved first).
When a request would break a cap, the degradation ladder is tried in order; when no rung
fits, the request is refused with a clear 4xx error.

| scope | max tokens in | max tokens out | max cost per request | degradation ladder |
|---|---|---|---|---|
${guardrailRows(d).join('\n')}

## Spend budgets

${budgets.length === 0 ? 'No tenant or feature budget is configured (`budgets:` in ballast.yaml).' : `| scope | per day | per month |\n|---|---|---|\n${budgets.join('\n')}`}

## Cost against the target

${cost ? `Average cost per request: ${cost.value} (${cost.verdict === 'missed' ? '**MISSED**' : (cost.verdictNote ?? cost.verdict)}; target ${cost.target}; ${cost.window}, over ${cost.basis}).` : ''}
Secondary providers can cost several times the primary per token: the cap per request
and the cheaper-model rung keep a failover from breaking the budget.

## Alert thresholds: ${d.paging.pages ? 'three alerts, each pages a human' : d.paging.evaluated ? 'three alerts, evaluated and recorded; no notifier, so nobody is paged yet' : 'alerting is off'}

| alert | condition | read over | held for | min requests | action |
|---|---|---|---|---|---|
${alertRow('latency', 'p95 latency above', a.latency, formatMs(a.latency.threshold), action)}
${alertRow('success', 'success rate below', a.success, `${Number((a.success.threshold * 100).toPrecision(12))}%`, action)}
${alertRow('cost', 'average cost per request above', a.cost, formatUsdAmount(a.cost.threshold), action)}
${a.burn_rate.enabled ? `| burn_rate | error budget burning faster than ${a.burn_rate.pairs.map((p) => `${p.factor}x over ${formatDuration(p.long_ms)} and ${formatDuration(p.short_ms)}`).join(', or ')} | pairs | ${formatDuration(a.burn_rate.for_ms)} | ${a.burn_rate.min_requests} | ${action} |\n` : ''}
With fewer eligible requests than "min requests" in the window, an alert cannot fire.
${d.paging.pages ? 'A page goes out when an alert starts firing and when it resolves, nothing in between.' : `Nobody is paged: ${placeholder('operator: add alerting.notifiers (webhook, Slack or PagerDuty) to ballast.yaml, or say here who watches the Health page')}`}

Alerting is ${d.config.alerting.enabled ? `on (evaluated every ${d.config.alerting.interval_s} s)` : 'off'}; pages go to: ${notifiers.length === 0 ? 'no notifier configured yet (alerting.notifiers)' : notifiers.join(', ')}.

## When the error budget is spent

Freeze changes and stabilize: no deploys, no experiments, until the rolling window
recovers. ${d.report.budget.exhausted ? '**The budget is spent now.**' : `Remaining now: ${d.report.budget.remaining} of ${d.report.budget.allowed} allowed failures.`}
`;
}

export const budgetGuardrails: KitDocument = {
  id: 'budget-guardrails',
  title: 'Budget guardrail sheet',
  summary: 'Per-request caps, spend budgets, the degradation ladder and the three alert thresholds.',
  render,
};
