/**
 * Which providers are out of rotation, and since when. In memory for one instance;
 * the same interface takes a Redis backend when instances share state.
 */
export interface CooldownPolicy {
  failures: number;
  window_ms: number;
  cooldown_ms: number;
  auth_cooldown_ms: number;
}

export interface CooldownState {
  provider: string;
  coolingDown: boolean;
  until: number | null;
  reason: string | null;
  recentFailures: number;
  lastFailureAt: number | null;
}

interface Entry {
  failures: number[];
  until: number;
  reason: string | null;
  lastFailureAt: number;
}

export class Cooldowns {
  readonly #entries = new Map<string, Entry>();

  constructor(
    readonly policy: CooldownPolicy,
    readonly now: () => number = Date.now,
  ) {}

  isCoolingDown(provider: string): boolean {
    const e = this.#entries.get(provider);
    return e !== undefined && e.until > this.now();
  }

  /** When the provider last failed (0 if never): the least recent is tried first when all cool down. */
  lastFailureAt(provider: string): number {
    return this.#entries.get(provider)?.lastFailureAt ?? 0;
  }

  /** Records a retryable failure; the provider cools down after `failures` of them within the window. */
  recordFailure(provider: string, reason: string): boolean {
    const now = this.now();
    const e = this.#entry(provider);
    e.lastFailureAt = now;
    e.failures = e.failures.filter((t) => now - t < this.policy.window_ms);
    e.failures.push(now);
    if (e.failures.length >= this.policy.failures) {
      this.#coolDown(e, now + this.policy.cooldown_ms, reason);
      return true;
    }
    return false;
  }

  /** An auth failure (revoked or wrong key) cools the provider down at once. */
  recordAuthFailure(provider: string, reason: string): void {
    this.recordPersistentFailure(provider, reason);
  }

  /**
   * A failure that will not pass by itself (401/403, a 404 for the configured model, any
   * other 4xx refusing a valid call): out of rotation at once, for `auth_cooldown_ms`.
   */
  recordPersistentFailure(provider: string, reason: string): void {
    const now = this.now();
    const e = this.#entry(provider);
    e.lastFailureAt = now;
    this.#coolDown(e, now + this.policy.auth_cooldown_ms, reason);
  }

  /**
   * Out of rotation for `ms` (a 429's retry-after): the provider said when it will take
   * calls again, so later requests go elsewhere first instead of each paying the wait.
   * Never shortens a longer cooldown.
   */
  hold(provider: string, ms: number, reason: string): void {
    const now = this.now();
    const e = this.#entry(provider);
    e.lastFailureAt = now;
    if (now + ms > e.until) this.#coolDown(e, now + ms, reason);
  }

  recordSuccess(provider: string): void {
    const e = this.#entries.get(provider);
    if (e === undefined) return;
    e.failures = [];
    if (e.until <= this.now()) e.reason = null;
  }

  /** Puts a provider back into rotation now (admin restore, drill end). */
  clear(provider: string): void {
    this.#entries.delete(provider);
  }

  state(provider: string): CooldownState {
    const e = this.#entries.get(provider);
    const now = this.now();
    const cooling = e !== undefined && e.until > now;
    return {
      provider,
      coolingDown: cooling,
      until: cooling ? e.until : null,
      reason: cooling ? e.reason : null,
      recentFailures: e ? e.failures.filter((t) => now - t < this.policy.window_ms).length : 0,
      lastFailureAt: e?.lastFailureAt ?? null,
    };
  }

  #entry(provider: string): Entry {
    let e = this.#entries.get(provider);
    if (e === undefined) {
      e = { failures: [], until: 0, reason: null, lastFailureAt: 0 };
      this.#entries.set(provider, e);
    }
    return e;
  }

  #coolDown(e: Entry, until: number, reason: string): void {
    e.until = Math.max(e.until, until);
    e.reason = reason;
    e.failures = [];
  }
}
