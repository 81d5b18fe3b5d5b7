/**
 * The last rung: a clear refusal that states the numbers, what was tried, and what to
 * change. Per-request limits answer 400; a spent tenant or feature budget answers 429.
 */
import type { DeploymentConfig } from '../config/schema.js';
import type { BudgetScope, BudgetStore } from '../budgets/budget-store.js';
import { BallastError } from '../http/errors.js';
import type { Guardrails } from './effective-guardrails.js';
import type { Fit } from './fit-request.js';

export interface Blocked {
  fit: Fit;
  deployment: DeploymentConfig;
  steps: string[];
}

const usd = (n: number) => `$${n < 0.01 ? n.toFixed(6) : n.toFixed(4)}`;

export function budgetExceeded(blocked: Blocked | null, guard: Guardrails, scopes: BudgetScope[], budgets: BudgetStore): BallastError {
  const tried = blocked && blocked.steps.length > 0 ? ` Tried: ${blocked.steps.join(', ')}; no rung of the ladder (${guard.degrade.join(' -> ')}) fit.` : ` The degradation ladder (${guard.degrade.join(' -> ') || 'empty'}) found nothing that fits.`;
  if (!blocked) {
    return new BallastError(400, 'invalid_request_error', 'budget_exceeded', `No deployment can serve this request within its guardrails.${tried}`);
  }
  const { fit, deployment: d } = blocked;
  const on = `on ${d.provider}/${d.model}`;
  const tokens = `${fit.inputTokens} input tokens${fit.estimated ? '' : ' (upper bound)'} + ${fit.maxOutput} output tokens`;
  if (fit.broken === 'max_tokens_in') {
    return new BallastError(400, 'invalid_request_error', 'budget_exceeded', `The prompt is ${fit.inputTokens} tokens ${on}, over this route's limit of ${guard.maxTokensIn} (guardrails.max_tokens_in).${tried} Shorten the conversation.`, 'messages');
  }
  if (fit.broken === 'max_cost_usd') {
    return new BallastError(
      400,
      'invalid_request_error',
      'budget_exceeded',
      `This request may cost up to ${usd(fit.worstCaseUsd)} (${tokens} ${on}), over the cap of ${usd(guard.maxCostUsd as number)} per request (guardrails.max_cost_usd).${tried} Lower max_tokens or shorten the prompt.`,
      null,
      { worst_case_usd: fit.worstCaseUsd, max_cost_usd: guard.maxCostUsd },
    );
  }
  const tightest = scopes.reduce<BudgetScope | null>((min, s) => (min === null || budgets.remaining(s) < budgets.remaining(min) ? s : min), null);
  const u = tightest ? budgets.usage(tightest) : { spentUsd: 0, reservedUsd: 0 };
  const left = tightest ? Math.max(0, budgets.remaining(tightest)) : 0;
  return new BallastError(
    429,
    'insufficient_quota',
    'budget_exceeded',
    `The ${tightest?.label ?? 'budget'} has ${usd(left)} left (${usd(u.spentUsd)} spent, ${usd(u.reservedUsd)} held by requests in flight, of ${usd(tightest?.limitUsd ?? 0)}); this request may cost up to ${usd(fit.worstCaseUsd)} (${tokens} ${on}).${tried} Wait for the budget to renew or raise it in budgets.`,
    null,
    { worst_case_usd: fit.worstCaseUsd, budget_remaining_usd: left },
  );
}
