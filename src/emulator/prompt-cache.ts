/**
 * Anthropic prompt-caching emulation. A request's cache breakpoints are the blocks
 * carrying `cache_control`; each identifies the prefix up to and including it. The
 * longest prefix still alive is read, the rest up to the last breakpoint is written.
 */
import { createHash } from 'node:crypto';
import { tokensForChars } from './answer.js';

export interface CacheBreakpoint {
  /** Hash of the prefix up to and including the marked block. */
  hash: string;
  /** Characters in that prefix. */
  chars: number;
  ttlMs: number;
}

export interface CacheAccount {
  readTokens: number;
  writeTokens: number;
  /** The part of writeTokens written with the 1-hour TTL (Anthropic reports it apart). */
  write1hTokens: number;
}

export const TTL_5M = 5 * 60_000;
export const TTL_1H = 60 * 60_000;

export function ttlFor(cacheControl: unknown): number {
  const ttl = (cacheControl as { ttl?: unknown } | null)?.ttl;
  return ttl === '1h' ? TTL_1H : TTL_5M;
}

/** Builds breakpoints while walking the prompt's blocks in order (tools, system, messages). */
export class PrefixHasher {
  #hash = '';
  #chars = 0;
  readonly breakpoints: CacheBreakpoint[] = [];

  constructor(model: string) {
    this.#hash = digest(`model:${model}`);
  }

  get chars(): number {
    return this.#chars;
  }

  /** `identity` is the block without its cache_control; `chars` its text size. */
  add(identity: unknown, chars: number, cacheControl: unknown): void {
    this.#hash = digest(this.#hash + JSON.stringify(identity));
    this.#chars += chars;
    if (cacheControl !== undefined && cacheControl !== null) {
      this.breakpoints.push({ hash: this.#hash, chars: this.#chars, ttlMs: ttlFor(cacheControl) });
    }
  }
}

export class PromptCache {
  readonly #entries = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  account(breakpoints: CacheBreakpoint[]): CacheAccount {
    const last = breakpoints[breakpoints.length - 1];
    if (!last) return { readTokens: 0, writeTokens: 0, write1hTokens: 0 };
    const now = this.now();
    let readTokens = 0;
    let readIndex = -1;
    for (let i = breakpoints.length - 1; i >= 0; i--) {
      const point = breakpoints[i];
      const expiresAt = point ? this.#entries.get(point.hash) : undefined;
      if (point && expiresAt !== undefined && expiresAt > now) {
        readTokens = tokensForChars(point.chars);
        readIndex = i;
        break;
      }
    }
    // Each segment past the read point is written with its own breakpoint's TTL.
    let write1hTokens = 0;
    let before = readTokens;
    for (let i = readIndex + 1; i < breakpoints.length; i++) {
      const point = breakpoints[i] as CacheBreakpoint;
      const upTo = Math.max(before, tokensForChars(point.chars));
      if (point.ttlMs === TTL_1H) write1hTokens += upTo - before;
      before = upTo;
    }
    // A read refreshes the TTL, as the real API does; a write starts it.
    for (const point of breakpoints) this.#entries.set(point.hash, now + point.ttlMs);
    const writeTokens = Math.max(0, tokensForChars(last.chars) - readTokens);
    return { readTokens, writeTokens, write1hTokens: Math.min(write1hTokens, writeTokens) };
  }

  clear(): void {
    this.#entries.clear();
  }
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
