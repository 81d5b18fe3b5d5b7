/**
 * The router's answer cache, behind an interface: SQLite by default, Redis later.
 * Keys come from core/cache-key.ts and always include the tenant.
 */
import type { ChatCompletion } from '../../core/chat.js';

export interface CachedAnswer {
  completion: ChatCompletion;
  provider: string;
  model: string;
  /** What the answer cost when it was made: a hit saves this much. */
  costUsd: number;
  createdAt: number;
  hits: number;
}

export interface AnswerCache {
  /** A fresh entry (younger than its TTL), or with `anyAge` any entry still stored. */
  get(key: string, options?: { anyAge?: boolean }): CachedAnswer | null;
  set(key: string, answer: Omit<CachedAnswer, 'hits'>, ttlMs: number): void;
  close(): void;
}
