/** (f) Client-safe proposal language: the SLO as a promise, backed by measured figures stated as they are. */
import { figureSentence, windowFigures } from '../figures.js';
import { formatCount, promise } from '../format.js';
import type { KitData } from '../kit-data.js';
import { pagingSentence } from '../paging.js';
import { placeholder } from '../../../core/kit/placeholders.js';
import type { KitDocument } from './types.js';

function render(d: KitData): string {
  const r = d.report.rolling;
  const figures = windowFigures(r, d.report.targets, d.rollingWords);
  const missed = figures.filter((f) => f.verdict === 'missed');
  const allowed = Math.round((1 - d.slo.success_rate) * 10_000);
  return `## Service level objectives

> We commit to the following service level objectives (SLOs) for the AI features we
> operate for you: ${promise(d.slo)}

> These are objectives we measure and publish, not a service level agreement (SLA):
> they carry no penalties or credits unless a separate signed agreement says so.

## How we keep them

> Your requests go through a router in front of two independent AI providers. When one
> provider fails or slows down, requests move to the other automatically. We cap the
> cost of every request and cache repeated answers. ${pagingSentence(d.config)} Every quarter
> we run a failover drill and act on what it finds.

## Error budget

> A ${Number((d.slo.success_rate * 100).toPrecision(12))}% target allows ${Number(((1 - d.slo.success_rate) * 100).toPrecision(12))}% of requests to fail: on 10,000
> requests a month, ${allowed} failures. We spend that budget on deploys, experiments and
> provider incidents; when it is gone, we freeze changes and stabilize until it recovers.

## Measured so far

${r.eligible === 0 ? `> No requests have been measured yet in the rolling ${d.slo.window_days}-day window; figures will follow once traffic flows.` : `> Over ${d.period.full ? `the rolling ${d.slo.window_days}-day window` : d.rollingWords} ending ${d.generatedAt.slice(0, 10)} (${formatCount(r.eligible)} requests):\n>\n${figures.map((f) => `> - ${figureSentence(f)}`).join('\n')}`}
${missed.length > 0 ? `\n> We missed ${missed.map((f) => f.sli.toLowerCase()).join(' and ')} in this window. We are reporting it as it is, with what we are doing about it: ${placeholder('describe the fix')}.\n` : ''}
## Words to use, words to avoid

- Say "objective", "target", "measured over a rolling ${d.slo.window_days}-day window".
- Do not say "guarantee", "SLA" or "uptime guarantee" unless counsel has drafted an SLA.
- Do not round a figure up to its target; quote it with its window and request count.
`;
}

export const proposalLanguage: KitDocument = {
  id: 'proposal-language',
  title: 'Client-safe proposal language',
  summary: 'SLO wording for proposals and SOWs, with the measured figures stated as they are.',
  render,
};
