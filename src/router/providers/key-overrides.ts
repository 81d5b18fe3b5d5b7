/**
 * Per-provider key overrides, read by the adapters at call time. A drill revokes a
 * provider by swapping its key for a random one the provider rejects, so the real
 * auth-failure and failover path runs, whether the upstream is real or emulated.
 * The override key is random and never leaves this object.
 */
import { randomBytes } from 'node:crypto';

export class KeyOverrides {
  readonly #revoked = new Map<string, { key: string; at: number }>();

  /** The key to send instead of the configured one, or undefined. */
  keyFor(provider: string): string | undefined {
    return this.#revoked.get(provider)?.key;
  }

  /** Swaps the provider's key for one it rejects; false when it already was. */
  revoke(provider: string, at = Date.now()): boolean {
    if (this.#revoked.has(provider)) return false;
    this.#revoked.set(provider, { key: `ballast-revoked-${randomBytes(16).toString('hex')}`, at });
    return true;
  }

  /** Puts the configured key back; false when it was not revoked. */
  restore(provider: string): boolean {
    return this.#revoked.delete(provider);
  }

  /** When the provider's key was revoked, or null. */
  revokedAt(provider: string): number | null {
    return this.#revoked.get(provider)?.at ?? null;
  }
}
