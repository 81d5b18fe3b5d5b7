/**
 * Budgets live in memory, so a restart used to forget what was spent: a tenant that had
 * used its whole day could spend it again. At start, every scope's spend for the current
 * UTC day and month is read back from the ledger, which holds every charge.
 */
import type { Config } from '../config/schema.js';
import type { SpendRow } from '../ledger/ledger.js';
import type { BudgetStore } from './budget-store.js';
import { budgetScopes } from './scopes.js';

/** Restores each budget scope's spend; returns the USD restored in total (monthly scopes). */
export function restoreBudgetSpend(store: BudgetStore, config: Config, spendSince: (fromMs: number) => SpendRow[], now: number): number {
  const d = new Date(now);
  const dayStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const spent = new Map<string, number>();
  let total = 0;
  const add = (rows: SpendRow[], period: ':daily:' | ':monthly:') => {
    for (const row of rows) {
      for (const scope of budgetScopes(config, row.tenant, row.feature, now)) {
        if (scope.key.includes(period)) spent.set(scope.key, (spent.get(scope.key) ?? 0) + row.costUsd);
      }
      if (period === ':monthly:') total += row.costUsd;
    }
  };
  add(spendSince(dayStart), ':daily:');
  add(spendSince(monthStart), ':monthly:');
  for (const [key, usd] of spent) store.restoreSpent(key, usd);
  return total;
}
