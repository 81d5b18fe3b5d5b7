/** (e) The 30-minute drill SOP, with the rollback steps. */
import { windowFigures } from '../figures.js';
import { formatMs, formatUsdAmount } from '../format.js';
import type { KitData } from '../kit-data.js';
import type { KitDocument } from './types.js';

function render(d: KitData): string {
  const group = d.config.groups.default ?? Object.values(d.config.groups)[0];
  const primary = group?.deployments[0]?.provider ?? 'primary';
  const secondary = group?.deployments.find((x) => x.provider !== primary)?.provider ?? 'secondary';
  const day = d.report.windows.find((w) => w.window === '1d');
  const now = day ? windowFigures(day, d.report.targets) : [];
  const auth = `Authorization: Bearer $${d.adminTokenEnv}`;
  return `Don't automate the drill: the point is to test the people, not the system. Run it on
a Friday, on live traffic (\`ballast load\` against the emulated providers is fine), and
keep it boring.

## Roles (one person may play all three)

| role | does |
|---|---|
| **Drill lead** | runs the 30-minute clock, calls each step, decides when to roll back |
| **Operator** | flips the switches: revoke, restore, bypass |
| **Scribe** | writes down what happened and when, and every finding |

## Before you start (T-5 min)

- Every provider is healthy: \`GET /healthz\` shows \`healthy\`, the Health page is green.
- Error budget left: ${d.report.budget.exhausted ? '**none: the budget is spent. Do not run a drill during a freeze.**' : `${d.report.budget.remaining} failures of ${d.report.budget.allowed} allowed (rolling ${d.slo.window_days} days).`}
- Targets: success rate ≥ ${Number((d.slo.success_rate * 100).toPrecision(12))}%, p95 ≤ ${formatMs(d.slo.p95_latency_ms)}, average cost ≤ ${formatUsdAmount(d.slo.avg_cost_usd)}.
${now.length > 0 ? `- Now (last 24 hours): ${now.map((f) => `${f.sli.toLowerCase()} ${f.value} (${f.verdict === 'missed' ? '**MISSED**' : (f.verdictNote ?? f.verdict)}, over ${f.basis})`).join('; ')}.\n` : ''}- Traffic is flowing: \`ballast load --rate 5 --duration 30m\` in a terminal.

## The 30 minutes

| clock | step | who |
|---|---|---|
| 00:00 | Start the drill session (Drill page, or \`ballast drill\`); name the three roles | lead |
| 02:00 | **Revoke** the primary's (${primary}) API key: Drill page → Revoke, \`ballast drill\` (key r), or \`POST /admin/providers/${primary}/revoke\` | operator |
| 02:00–07:00 | Watch the router fail over to ${secondary}: first auth failure, ${primary} cooling down, traffic split | scribe |
| 07:00 | Confirm the SLO held: success rate and p95 against the targets (Health page, \`GET /api/slo\`) | lead |
| 10:00 | **Restore** the primary's key: Drill page → Restore, \`ballast drill\` (key s), or \`POST /admin/providers/${primary}/restore\` | operator |
| 10:00–20:00 | Verify everything is green: ${primary} back in rotation once its cooldown ends, alerts quiet | scribe |
| 20:00–30:00 | Write the findings; tie them to the error budget: requests failed, budget spent | all |

A finding is anything slower or worse than expected: failover took longer than it
should, the success rate dipped below the SLO, an alert did not page or paged wrongly.
Log it, fix it, run the drill again next quarter.

## Rollback steps (any time the lead calls it)

1. **Restore the key** first: the revoked provider is the usual cause.
2. **Bypass at runtime** if the router itself misbehaves: \`curl -X POST -H "${auth}" -d '{"enabled":true}' <router>/admin/bypass\`
   sends every request to ${primary} only, with no retry and no failover. Only with ${primary}'s key restored: bypass cannot fail over.
3. **Bypass at start**: \`BYPASS_ROUTER=true\` in the router's environment, then restart it (about 30 seconds).
4. Undo: \`-d '{"enabled":false}'\` on the same endpoint, or unset \`BYPASS_ROUTER\` and restart.
5. Stop the load (\`Ctrl-C\` prints its summary) and note the time of every step.

## After the drill

- Store the drill report with the scribe's notes.
- Compare failed requests with the remaining error budget; if the budget is spent, freeze changes.
`;
}

export const drillSop: KitDocument = {
  id: 'drill-sop',
  title: '30-minute drill SOP',
  summary: 'The Friday failover drill: three roles, the 30-minute clock, revoke and restore, rollback steps.',
  render,
};
