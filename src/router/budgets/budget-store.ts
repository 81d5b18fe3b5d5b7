/**
 * Tenant and feature budgets (daily and monthly USD). A request reserves its worst case
 * in every scope that applies, all or nothing, before the call; it settles with the
 * actual cost after (the difference is refunded), or refunds everything on failure.
 * Concurrent requests therefore never spend past a budget, unlike running totals that
 * are checked before and added after.
 */

export interface BudgetScope {
  /** e.g. "tenant:acme:daily:2026-11-24" */
  key: string;
  /** Human name for messages: "tenant acme daily budget" */
  label: string;
  limitUsd: number;
}

export interface Reservation {
  readonly scopes: BudgetScope[];
  readonly amountUsd: number;
  settled: boolean;
}

export type ReserveResult =
  | { ok: true; reservation: Reservation }
  | { ok: false; scope: BudgetScope; spentUsd: number; reservedUsd: number };

export interface BudgetStore {
  /** Reserves `amountUsd` in every scope, or in none. */
  reserve(scopes: BudgetScope[], amountUsd: number): ReserveResult;
  /** Turns the reservation into the actual spend; the rest is released. Idempotent. */
  settle(reservation: Reservation, actualUsd: number): void;
  /** What is left in a scope now (limit - spent - reserved). */
  remaining(scope: BudgetScope): number;
  usage(scope: BudgetScope): { spentUsd: number; reservedUsd: number };
  /** Sets what a scope had already spent (at start, from the ledger). */
  restoreSpent(scopeKey: string, spentUsd: number): void;
}

/** One instance's budgets in memory. JavaScript runs reserve() to the end before anything else, so it is atomic. */
export class MemoryBudgetStore implements BudgetStore {
  readonly #spent = new Map<string, number>();
  readonly #reserved = new Map<string, number>();

  reserve(scopes: BudgetScope[], amountUsd: number): ReserveResult {
    for (const scope of scopes) {
      const { spentUsd, reservedUsd } = this.usage(scope);
      if (spentUsd + reservedUsd + amountUsd > scope.limitUsd + 1e-12) return { ok: false, scope, spentUsd, reservedUsd };
    }
    for (const scope of scopes) add(this.#reserved, scope.key, amountUsd);
    return { ok: true, reservation: { scopes, amountUsd, settled: false } };
  }

  settle(reservation: Reservation, actualUsd: number): void {
    if (reservation.settled) return;
    reservation.settled = true;
    for (const scope of reservation.scopes) {
      add(this.#reserved, scope.key, -reservation.amountUsd);
      add(this.#spent, scope.key, actualUsd);
    }
  }

  remaining(scope: BudgetScope): number {
    const { spentUsd, reservedUsd } = this.usage(scope);
    return scope.limitUsd - spentUsd - reservedUsd;
  }

  restoreSpent(scopeKey: string, spentUsd: number): void {
    this.#spent.set(scopeKey, spentUsd);
  }

  usage(scope: BudgetScope): { spentUsd: number; reservedUsd: number } {
    return { spentUsd: this.#spent.get(scope.key) ?? 0, reservedUsd: Math.max(0, this.#reserved.get(scope.key) ?? 0) };
  }
}

function add(map: Map<string, number>, key: string, delta: number): void {
  const next = (map.get(key) ?? 0) + delta;
  if (Math.abs(next) < 1e-15) map.delete(key);
  else map.set(key, next);
}
