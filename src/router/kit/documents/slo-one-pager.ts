/** (a) The SLO one-pager: the promise, the measured figures against it, the error budget. */
import { figuresTable, windowFigures } from '../figures.js';
import { tidy } from '../../../core/slo/tidy.js';
import { formatCount, formatUsdAmount, promise, requests } from '../format.js';
import type { KitData } from '../kit-data.js';
import type { KitDocument } from './types.js';

function render(d: KitData): string {
  const { report, slo } = d;
  const r = report.rolling;
  const day = report.windows.find((w) => w.window === '1d');
  const b = report.budget;
  const rollingWords = d.rollingWords;
  const providerRows = d.providers.map(
    (p) => `| ${p.name} | ${p.kind}${p.emulated ? ' (emulated)' : ''} | ${formatCount(p.rolling.eligible)} | ${r.eligible === 0 ? 'no data' : `${((p.rolling.eligible / r.eligible) * 100).toFixed(1)}%`} |`,
  );
  const unserved = r.eligible - d.providers.reduce((n, p) => n + p.rolling.eligible, 0);
  return `## The promise

> ${promise(slo)}

This is a service level objective (SLO): a target we measure and publish, not a contract.

## Measured: ${rollingWords}

${figuresTable(windowFigures(r, report.targets, rollingWords))}

A figure that misses its target is shown as missed, with as many digits as it takes to
tell it apart from the target. "no data" means no eligible request in the window.

${day ? `## Measured: last 24 hours\n\n${figuresTable(windowFigures(day, report.targets))}\n` : ''}
## Error budget (${rollingWords})

| | requests |
|---|---|
| eligible requests | ${formatCount(r.eligible)} |
| failures the target allows (${tidy((1 - slo.success_rate) * 100)}% of eligible) | ${b.allowed} |
| failures so far | ${formatCount(b.spent)} |
| remaining | ${b.remaining}${b.exhausted ? ' (**spent: changes are frozen until it recovers**)' : ''} |

## Who served the requests (${rollingWords})

| provider | kind | requests served | share |
|---|---|---|---|
${providerRows.join('\n')}${unserved > 0 ? `\n| (none: every attempt failed) | | ${formatCount(unserved)} | ${((unserved / r.eligible) * 100).toFixed(1)}% |` : ''}

Cache: ${requests(r.cacheHits, 'request')} answered from the router cache (at no provider cost)${r.costSavedUsd > 0 ? `, saving ${formatUsdAmount(r.costSavedUsd)}` : ''}.
Client errors (bad input, bad keys, budget refusals) are counted apart and do not spend the budget: ${formatCount(r.clientErrors)}.

## Definitions

- **SLI**, the measurement: success rate, p95 latency, average cost per request.
- **SLO**, the target: the numbers above, over a rolling ${slo.window_days}-day window.
- **SLA**, a contract with penalties: not offered by this document.
- **Eligible**: every request that reached routing. **Success**: a complete answer reached the client (a cached answer counts).
- **Latency**: full response time, or time to first token for streamed answers; p95 of successful requests.
- **Cost**: provider-reported usage times the price table; a cache hit costs nothing.
`;
}

export const sloOnePager: KitDocument = {
  id: 'slo-one-pager',
  title: 'SLO one-pager',
  summary: 'The promise, the measured rolling-window figures against it, and the error budget.',
  render,
};
