/**
 * A conversation as the console keeps it: a thread of turns (a prompt and the answer it
 * got), persisted in the page's IndexedDB (thread-db.ts).
 */
import type { AnswerMeta } from './answer-meta.js';
import type { ConnectionFailure } from './connection.js';

export type CacheOption = 'default' | 'no-store' | 'refresh';

/** How a turn was sent: the form's choices at the time. */
export interface TurnOptions {
  group: string;
  feature: string;
  promptVersion: string;
  stream: boolean;
  cache: CacheOption;
}

export interface AnswerError {
  status: number | null;
  code: string;
  message: string;
  /** Why the request failed, in the console's one vocabulary (connection.ts); null for a router error. */
  failure: ConnectionFailure | null;
}

export interface Turn {
  id: string;
  prompt: string;
  options: TurnOptions;
  sentAt: number;
  text: string;
  /** Still arriving. */
  pending: boolean;
  /** Waiting in the offline queue (send-queue.ts), not sent yet. */
  queued: boolean;
  meta: AnswerMeta | null;
  status: number | null;
  /** Client-measured: send to the last byte. */
  latencyMs: number | null;
  /** Client-measured: send to the first content token (the whole answer when not streamed). */
  ttftMs: number | null;
  error: AnswerError | null;
}

export interface Thread {
  id: string;
  title: string;
  /** Sent as the first (system) message of every turn; empty: none. */
  system: string;
  createdAt: number;
  updatedAt: number;
  turns: Turn[];
}

/** A turn whose answer is complete: only these are carried as history. */
export function isAnswered(t: Turn): boolean {
  return !t.pending && !t.queued && t.error === null && t.text !== '';
}

export function newId(): string {
  return globalThis.crypto.randomUUID();
}
