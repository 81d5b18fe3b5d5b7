/**
 * Which budgets a request draws on: its tenant's and its feature's, daily (UTC day)
 * and monthly (UTC month).
 */
import type { Config } from '../config/schema.js';
import type { BudgetScope } from './budget-store.js';

export function budgetScopes(config: Config, tenant: string, feature: string, now: number): BudgetScope[] {
  const iso = new Date(now).toISOString();
  const day = iso.slice(0, 10);
  const month = iso.slice(0, 7);
  const scopes: BudgetScope[] = [];
  const add = (kind: 'tenant' | 'feature', name: string, b: { daily_usd?: number | undefined; monthly_usd?: number | undefined } | undefined) => {
    if (b?.daily_usd !== undefined) scopes.push({ key: `${kind}:${name}:daily:${day}`, label: `${kind} "${name}" daily budget`, limitUsd: b.daily_usd });
    if (b?.monthly_usd !== undefined) scopes.push({ key: `${kind}:${name}:monthly:${month}`, label: `${kind} "${name}" monthly budget`, limitUsd: b.monthly_usd });
  };
  add('tenant', tenant, config.budgets.tenants[tenant]);
  add('feature', feature, config.budgets.features[feature]);
  return scopes;
}
